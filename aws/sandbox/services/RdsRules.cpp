#include "RdsRules.h"

#include "RdsCatalog.h"

#include <QRegularExpression>

namespace aws::sandbox::rds {

namespace {

using Check = std::optional<AwsError>;

bool isLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

/// Letters, digits and underscores, a letter first, at most `max` long.
bool isValidName(const QString &name, int max)
{
    if (name.isEmpty() || name.size() > max || !isLetter(name.front()))
        return false;
    for (QChar c : name)
        if (!isLetter(c) && !isDigit(c) && c != u'_')
            return false;
    return true;
}

// ---- request parts ----

Check checkMasterUser(const EngineInfo &engine, const QJsonObject &params)
{
    const QString user = params.value(u"MasterUsername").toString();
    if (user.isEmpty())
        return invalidValue(
            QStringLiteral("The parameter MasterUsername must be provided and must not be blank."));
    if (!isValidName(user, 16))
        return invalidValue(
            QStringLiteral("The parameter MasterUsername is not a valid identifier. Identifiers must "
                           "begin with a letter; must contain only ASCII letters, digits, and "
                           "underscores; and must be 1 to 16 characters long."));
    const QString lower = user.toLower();
    if (engine.reservedUsers.contains(lower) || engine.reservedWords.contains(lower))
        return invalidValue(
            QStringLiteral("MasterUsername %1 cannot be used as it is a reserved word used by the engine")
                .arg(user));
    return std::nullopt;
}

Check checkPassword(const EngineInfo &engine, const QJsonObject &params)
{
    const QString password = params.value(u"MasterUserPassword").toString();
    if (password.isEmpty())
        return invalidValue(
            QStringLiteral("The parameter MasterUserPassword must be provided and must not be blank."));
    if (password.size() < 8)
        return invalidValue(QStringLiteral("The parameter MasterUserPassword is not a valid password because "
                                           "it is shorter than 8 characters."));
    if (password.size() > engine.maxPasswordLength)
        return invalidValue(
            QStringLiteral("The parameter MasterUserPassword is not a valid password because it is "
                           "longer than %1 characters.")
                .arg(engine.maxPasswordLength));
    for (QChar c : password) {
        // Printable ASCII is 0x21–0x7e here: RDS refuses the space too.
        if (c.unicode() <= 0x20 || c.unicode() > 0x7e || c == u'/' || c == u'"' || c == u'@')
            return invalidValue(
                QStringLiteral("The parameter MasterUserPassword is not a valid password. Only "
                               "printable ASCII characters besides '/', '@', '\"', ' ' may be used."));
    }
    return std::nullopt;
}

Check checkDbName(const EngineInfo &engine, const QJsonObject &params)
{
    if (!params.contains(u"DBName"))
        return std::nullopt;
    const QString name = params.value(u"DBName").toString();
    if (!isValidName(name, engine.maxDbNameLength))
        return invalidValue(
            QStringLiteral("DBName must begin with a letter and contain only alphanumeric characters."));
    if (engine.reservedWords.contains(name.toLower()))
        return invalidValue(
            QStringLiteral("DatabaseName %1 cannot be used as it is a reserved word used by the engine")
                .arg(name));
    return std::nullopt;
}

Check readStorage(const QJsonObject &params, CreateRequest &r)
{
    if (!params.contains(u"AllocatedStorage"))
        return invalidValue(
            QStringLiteral("The parameter AllocatedStorage must be provided and must not be null."));
    r.allocatedStorage = params.value(u"AllocatedStorage").toInt();
    r.iops = params.value(u"Iops").toInt();
    r.storageType =
        params.value(u"StorageType").toString(r.iops > 0 ? QStringLiteral("io1") : QStringLiteral("gp2"));
    int min = 0, max = 0;
    if (!storageRange(r.engine, r.storageType, &min, &max))
        return clientError(QStringLiteral("StorageTypeNotSupported"),
                           QStringLiteral("Invalid storage type: %1").arg(r.storageType));
    if (r.allocatedStorage < min || r.allocatedStorage > max)
        return invalidCombination(
            QStringLiteral("Invalid storage size for engine name %1 and storage type %2: %3")
                .arg(r.engine, r.storageType)
                .arg(r.allocatedStorage));
    if (r.storageType == u"io1" && r.iops <= 0)
        return invalidCombination(QStringLiteral("You must specify Iops for storage type io1."));
    if ((r.storageType == u"gp2" || r.storageType == u"standard") && r.iops > 0)
        return invalidCombination(
            QStringLiteral("You can't specify IOPS for storage type %1 DB instances.").arg(r.storageType));
    // gp3 below 400 GiB runs at the 3000 IOPS / 125 MiB/s baseline and takes no other value.
    if (r.storageType == u"gp3") {
        r.storageThroughput = params.value(u"StorageThroughput").toInt(125);
        if (r.iops == 0)
            r.iops = 3000;
    }
    if (params.contains(u"MaxAllocatedStorage")) {
        r.maxAllocatedStorage = params.value(u"MaxAllocatedStorage").toInt();
        if (r.maxAllocatedStorage <= r.allocatedStorage)
            return invalidCombination(QStringLiteral("Max storage size must be greater than storage size"));
        if (r.maxAllocatedStorage > max)
            return invalidCombination(
                QStringLiteral("Invalid max storage size for engine name %1 and storage type %2: %3")
                    .arg(r.engine, r.storageType)
                    .arg(r.maxAllocatedStorage));
    }
    return std::nullopt;
}

/// Minutes since midnight of "hh:mm", or -1.
int minutesOf(const QString &hhmm)
{
    static const QRegularExpression re(QStringLiteral("^([01]\\d|2[0-3]):([0-5]\\d)$"));
    const auto m = re.match(hhmm);
    return m.hasMatch() ? m.captured(1).toInt() * 60 + m.captured(2).toInt() : -1;
}

const QStringList &weekDays()
{
    static const QStringList days{QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                  QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                  QStringLiteral("sun")};
    return days;
}

/// Minutes since Monday 00:00 of "ddd:hh:mm", or -1.
int weekMinutesOf(const QString &dayTime)
{
    const int day = weekDays().indexOf(dayTime.section(u':', 0, 0).toLower());
    const int minutes = minutesOf(dayTime.section(u':', 1));
    return day < 0 || minutes < 0 ? -1 : day * 1440 + minutes;
}

/// Whether the daily window [b0, b1) meets the weekly window [m0, m1).
bool overlaps(int b0, int b1, int m0, int m1)
{
    const int week = 7 * 1440;
    const int mLength = (m1 - m0 + week) % week;
    const int bLength = (b1 - b0 + 1440) % 1440;
    for (int day = 0; day < 7; ++day) {
        const int start = day * 1440 + b0;
        const int toMaintenance = (m0 - start + week) % week;
        const int fromMaintenance = (start - m0 + week) % week;
        if (toMaintenance < bLength || fromMaintenance < mLength)
            return true;
    }
    return false;
}

/// Defaults the way RDS picks them: a 30-minute backup window in the
/// region's 8-hour block (03:00–11:00 UTC) and a maintenance window 8 hours
/// later, so the two never meet.
void defaultWindows(SimContext &ctx, CreateRequest &r, bool needBackup, bool needMaintenance)
{
    const quint64 n = ctx.state.nextId++;
    const int start = 180 + int(n * 37 % 450);
    const auto hhmm = [](int m) {
        return QStringLiteral("%1:%2")
            .arg(m / 60 % 24, 2, 10, QLatin1Char('0'))
            .arg(m % 60, 2, 10, QLatin1Char('0'));
    };
    if (needBackup)
        r.backupWindow = hhmm(start) + u'-' + hhmm(start + 30);
    if (needMaintenance) {
        const QString day = weekDays().at(int(n % 7));
        r.maintenanceWindow = QStringLiteral("%1:%2-%1:%3").arg(day, hhmm(start + 480), hhmm(start + 510));
    }
}

Check readWindows(SimContext &ctx, const QJsonObject &params, CreateRequest &r)
{
    r.backupRetention = params.value(u"BackupRetentionPeriod").toInt(1);
    if (r.backupRetention < 0 || r.backupRetention > 35)
        return invalidValue(
            QStringLiteral("Invalid backup retention period: %1. Retention period must be between 0 and 35.")
                .arg(r.backupRetention));
    r.backupWindow = params.value(u"PreferredBackupWindow").toString();
    r.maintenanceWindow = params.value(u"PreferredMaintenanceWindow").toString().toLower();
    int b0 = -1, b1 = -1, m0 = -1, m1 = -1;
    if (!r.backupWindow.isEmpty()) {
        b0 = minutesOf(r.backupWindow.section(u'-', 0, 0));
        b1 = minutesOf(r.backupWindow.section(u'-', 1));
        if (b0 < 0 || b1 < 0 || r.backupWindow.count(u'-') != 1)
            return invalidValue(
                QStringLiteral("The parameter PreferredBackupWindow must be in the format hh24:mi-hh24:mi."));
        if ((b1 - b0 + 1440) % 1440 < 30)
            return invalidValue(QStringLiteral("The backup window must be at least 30 minutes."));
    }
    if (!r.maintenanceWindow.isEmpty()) {
        m0 = weekMinutesOf(r.maintenanceWindow.section(u'-', 0, 0));
        m1 = weekMinutesOf(r.maintenanceWindow.section(u'-', 1));
        if (m0 < 0 || m1 < 0 || r.maintenanceWindow.count(u'-') != 1)
            return invalidValue(QStringLiteral(
                "The parameter PreferredMaintenanceWindow must be in the format ddd:hh24:mi-ddd:hh24:mi."));
        if ((m1 - m0 + 7 * 1440) % (7 * 1440) < 30)
            return invalidValue(QStringLiteral("The maintenance window must be at least 30 minutes."));
    }
    if (b0 >= 0 && m0 >= 0 && overlaps(b0, b1, m0, m1))
        return invalidValue(QStringLiteral("The backup window and maintenance window must not overlap."));
    defaultWindows(ctx, r, b0 < 0, m0 < 0);
    return std::nullopt;
}

QString defaultVpcId(const SimState &state)
{
    for (const QJsonObject &vpc : state.vpcs)
        if (vpc.value(u"IsDefault").toBool())
            return vpc.value(u"VpcId").toString();
    return {};
}

/// The "default" DB subnet group: every subnet of the default VPC.
QJsonObject defaultSubnetGroup(const SimContext &ctx, const QString &vpcId)
{
    QJsonArray subnets;
    for (const QJsonObject &s : ctx.state.subnets) {
        if (s.value(u"VpcId").toString() != vpcId)
            continue;
        subnets.append(QJsonObject{{QStringLiteral("SubnetIdentifier"), s.value(u"SubnetId")},
                                   {QStringLiteral("SubnetAvailabilityZone"),
                                    QJsonObject{{QStringLiteral("Name"), s.value(u"AvailabilityZone")}}},
                                   {QStringLiteral("SubnetOutpost"), QJsonObject{}},
                                   {QStringLiteral("SubnetStatus"), QStringLiteral("Active")}});
    }
    return {{QStringLiteral("DBSubnetGroupName"), QStringLiteral("default")},
            {QStringLiteral("DBSubnetGroupDescription"), QStringLiteral("default")},
            {QStringLiteral("VpcId"), vpcId},
            {QStringLiteral("SubnetGroupStatus"), QStringLiteral("Complete")},
            {QStringLiteral("Subnets"), subnets},
            {QStringLiteral("SupportedNetworkTypes"), QJsonArray{QStringLiteral("IPV4")}}};
}

Check readSecurityGroups(const SimContext &ctx, const QJsonObject &params, const QString &vpcId,
                         CreateRequest &r)
{
    for (const QJsonValue &v : params.value(u"VpcSecurityGroupIds").toArray()) {
        const QString id = v.toString();
        if (!ctx.state.securityGroups.contains(id))
            return invalidValue(QStringLiteral("Invalid security group , groupId= %1, groupName=.").arg(id));
        const QString groupVpc = ctx.state.securityGroups.value(id).value(u"VpcId").toString();
        if (groupVpc != vpcId)
            return invalidCombination(
                QStringLiteral("The DB instance and EC2 security group are in different VPCs. "
                               "The DB instance is in %1 and the EC2 security group is in %2")
                    .arg(vpcId, groupVpc));
        if (!r.securityGroupIds.contains(id))
            r.securityGroupIds << id;
    }
    if (!r.securityGroupIds.isEmpty())
        return std::nullopt;
    // None given: the VPC's "default" group, as at AWS.
    for (const QJsonObject &g : ctx.state.securityGroups)
        if (g.value(u"VpcId").toString() == vpcId && g.value(u"GroupName").toString() == u"default")
            r.securityGroupIds << g.value(u"GroupId").toString();
    return std::nullopt;
}

Check readPlacement(SimContext &ctx, const QJsonObject &params, CreateRequest &r)
{
    const QString groupName = params.value(u"DBSubnetGroupName").toString();
    if (!groupName.isEmpty() && groupName.toLower() != u"default")
        return clientError(QStringLiteral("DBSubnetGroupNotFoundFault"),
                           QStringLiteral("DBSubnetGroup %1 not found.").arg(groupName), 404);
    const QString vpcId = defaultVpcId(ctx.state);
    if (vpcId.isEmpty())
        return clientError(QStringLiteral("InvalidVPCNetworkStateFault"),
                           QStringLiteral("The account has no default VPC; specify a DBSubnetGroupName."));
    r.subnetGroup = defaultSubnetGroup(ctx, vpcId);
    QStringList zones;
    for (const QJsonValue &s : r.subnetGroup.value(u"Subnets").toArray()) {
        const QString z = s.toObject().value(u"SubnetAvailabilityZone").toObject().value(u"Name").toString();
        if (!zones.contains(z))
            zones << z;
    }
    zones.sort();
    if (zones.size() < 2)
        return clientError(
            QStringLiteral("DBSubnetGroupDoesNotCoverEnoughAZs"),
            QStringLiteral("DB Subnet Group doesn't meet availability zone coverage requirement. "
                           "Please add subnets to cover at least 2 availability zones. Current coverage: %1")
                .arg(zones.size()));
    r.multiAZ = params.value(u"MultiAZ").toBool();
    r.zoneRequested = params.value(u"AvailabilityZone").toString();
    if (r.multiAZ && !r.zoneRequested.isEmpty())
        return invalidValue(
            QStringLiteral("Requesting a specific availability zone is not valid for Multi-AZ instances."));
    if (!r.zoneRequested.isEmpty() && !zones.contains(r.zoneRequested))
        return clientError(QStringLiteral("InvalidVPCNetworkStateFault"),
                           QStringLiteral("No subnet in DB subnet group default covers availability zone %1.")
                               .arg(r.zoneRequested));
    const int pick = int(ctx.state.nextId++ % quint64(zones.size()));
    r.zone = r.zoneRequested.isEmpty() ? zones.at(pick) : r.zoneRequested;
    r.secondaryZone = zones.at((zones.indexOf(r.zone) + 1) % zones.size());
    return readSecurityGroups(ctx, params, vpcId, r);
}

Check readTags(const QJsonObject &params, CreateRequest &r)
{
    r.tags = mergeTags({}, params.value(u"Tags").toArray(), QStringLiteral("Key"), QStringLiteral("Value"));
    for (const QJsonValue &t : std::as_const(r.tags)) {
        const QString key = t.toObject().value(u"Key").toString();
        if (key.isEmpty() || key.size() > 128)
            return invalidValue(QStringLiteral("Tag keys must be between 1 and 128 characters in length."));
        if (t.toObject().value(u"Value").toString().size() > 256)
            return invalidValue(QStringLiteral("Tag values must be between 0 and 256 characters in length."));
    }
    if (r.tags.size() > 50)
        return clientError(QStringLiteral("TagQuotaPerResourceExceeded"),
                           QStringLiteral("Cannot add more than 50 tags to a resource."));
    return checkTagKeys(r.tags, QStringLiteral("Key"), QStringLiteral("InvalidParameterValue"));
}

Check readEngine(const QJsonObject &params, CreateRequest &r)
{
    r.engine = params.value(u"Engine").toString().toLower();
    if (!findEngine(r.engine)) {
        if (isKnownUnsimulatedEngine(r.engine))
            return invalidCombination(QStringLiteral("The sandbox does not simulate the %1 engine; it offers "
                                                     "postgres, mysql and mariadb.")
                                          .arg(r.engine));
        return invalidValue(QStringLiteral("Invalid DB engine"));
    }
    const QString requested = params.value(u"EngineVersion").toString();
    r.engineVersion =
        requested.isEmpty() ? defaultEngineVersion(r.engine) : resolveEngineVersion(r.engine, requested);
    if (r.engineVersion.isEmpty())
        return invalidCombination(QStringLiteral("Cannot find version %1 for %2").arg(requested, r.engine));
    r.instanceClass = params.value(u"DBInstanceClass").toString();
    if (!isOrderableClass(r.engine, r.engineVersion, r.instanceClass))
        return invalidCombination(
            QStringLiteral("RDS does not support creating a DB instance with the following "
                           "combination: DBInstanceClass=%1, Engine=%2, EngineVersion=%3, "
                           "LicenseModel=%4. For supported combinations of instance class and "
                           "database engine version, see the documentation.")
                .arg(r.instanceClass, r.engine, r.engineVersion, findEngine(r.engine)->licenseModel));
    return std::nullopt;
}

Check readPort(const EngineInfo &engine, const QJsonObject &params, CreateRequest &r)
{
    r.port = params.value(u"Port").toInt(engine.port);
    if (r.port < 1150 || r.port > 65535)
        return invalidValue(
            QStringLiteral("Invalid port %1. The port must be between 1150 and 65535.").arg(r.port));
    return std::nullopt;
}

void readFlags(SimContext &ctx, const QJsonObject &params, CreateRequest &r)
{
    // Without a subnet group the instance goes to the default VPC, which
    // has an internet gateway: public unless told otherwise.
    r.publiclyAccessible = params.value(u"PubliclyAccessible").toBool(true);
    r.deletionProtection = params.value(u"DeletionProtection").toBool(false);
    r.storageEncrypted = params.value(u"StorageEncrypted").toBool(false) || params.contains(u"KmsKeyId");
    if (r.storageEncrypted)
        r.kmsKeyId =
            params.value(u"KmsKeyId")
                .toString(ctx.arn(QStringLiteral("kms"), QStringLiteral("key/") + ctx.hexId(8) + u'-' +
                                                             ctx.hexId(4) + u'-' + ctx.hexId(4) + u'-' +
                                                             ctx.hexId(4) + u'-' + ctx.hexId(12)));
    r.autoMinorVersionUpgrade = params.value(u"AutoMinorVersionUpgrade").toBool(true);
    r.copyTagsToSnapshot = params.value(u"CopyTagsToSnapshot").toBool(false);
    r.iamAuth = params.value(u"EnableIAMDatabaseAuthentication").toBool(false);
}

} // namespace

bool isValidIdentifier(const QString &id)
{
    if (id.isEmpty() || id.size() > 63 || !isLetter(id.front()) || id.endsWith(u'-') || id.contains(u"--"))
        return false;
    for (QChar c : id)
        if (!isLetter(c) && !isDigit(c) && c != u'-')
            return false;
    return true;
}

AwsError identifierError(const QString &parameter)
{
    return invalidValue(
        QStringLiteral("The parameter %1 is not a valid identifier. Identifiers must begin with a "
                       "letter; must contain only ASCII letters, digits, and hyphens; and must not "
                       "end with a hyphen or contain two consecutive hyphens.")
            .arg(parameter));
}

std::variant<CreateRequest, AwsError> readCreateRequest(SimContext &ctx, const QJsonObject &params)
{
    CreateRequest r;
    const QString id = params.value(u"DBInstanceIdentifier").toString();
    if (!isValidIdentifier(id))
        return identifierError(QStringLiteral("DBInstanceIdentifier"));
    r.identifier = id.toLower();
    if (params.contains(u"DBClusterIdentifier"))
        return invalidCombination(QStringLiteral("The sandbox does not simulate DB clusters (Aurora)."));
    if (auto e = readEngine(params, r))
        return *e;
    const EngineInfo &engine = *findEngine(r.engine);
    r.masterUsername = params.value(u"MasterUsername").toString();
    r.dbName = params.value(u"DBName").toString();
    for (const Check &c : {checkMasterUser(engine, params), checkPassword(engine, params),
                           checkDbName(engine, params), readStorage(params, r), readPort(engine, params, r),
                           readWindows(ctx, params, r), readTags(params, r)})
        if (c)
            return *c;
    if (auto e = readPlacement(ctx, params, r))
        return *e;
    readFlags(ctx, params, r);
    return r;
}

} // namespace aws::sandbox::rds
