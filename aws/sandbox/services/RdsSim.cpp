// RDS DB instances: CreateDBInstance with the rules the API enforces, the
// creating → backing-up → available → deleting lifecycle, DescribeDBInstances,
// DeleteDBInstance and ListTagsForResource. The engine catalogue lives in
// RdsCatalog.cpp; the request rules in RdsRules.cpp.
#include "RdsCatalog.h"
#include "RdsRules.h"
#include "ServiceTable.h"

#include <QCryptographicHash>

namespace aws::sandbox {

namespace {

using namespace rds;

// AWS durations of each phase.
constexpr double kCreatingSeconds = 8 * 60;
constexpr double kBackingUpSeconds = 2 * 60;
constexpr double kDeletingSeconds = 3 * 60;

AwsError notFound(const QString &id)
{
    return clientError(QStringLiteral("DBInstanceNotFound"),
                       QStringLiteral("DBInstance %1 not found.").arg(id), 404);
}

/// `length` letters and digits from the deterministic id sequence.
QString alnumId(SimContext &ctx, int length, bool upper)
{
    static const char lower[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray bytes = QByteArray::fromHex(ctx.hexId(length * 2).toLatin1());
    QString out;
    for (char b : bytes)
        out += QLatin1Char(lower[static_cast<unsigned char>(b) % 36]);
    return upper ? out.toUpper() : out;
}

/// The account's endpoint label: the same 12 characters for every instance
/// of one account and region, as at AWS.
QString endpointLabel(const SimContext &ctx)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray hash = QCryptographicHash::hash((ctx.accountId() + u'/' + ctx.region()).toLatin1(),
                                                     QCryptographicHash::Sha256);
    QString out;
    for (int i = 0; i < 12; ++i)
        out += QLatin1Char(chars[static_cast<unsigned char>(hash.at(i)) % 36]);
    return out;
}

QString hostedZoneId(const QString &region)
{
    static const QHash<QString, QString> zones{
        {QStringLiteral("us-east-1"), QStringLiteral("Z2R2ITUGPM61AM")},
        {QStringLiteral("us-east-2"), QStringLiteral("Z2XHWR1WZ565X2")},
        {QStringLiteral("us-west-2"), QStringLiteral("Z1PVIF0B656C1W")},
        {QStringLiteral("eu-west-1"), QStringLiteral("Z29XKXDKYMONMX")},
        {QStringLiteral("eu-central-1"), QStringLiteral("Z1RLNUO7B9Q6NB")}};
    return zones.value(region, QStringLiteral("Z2R2ITUGPM61AM"));
}

/// The instance a DBInstanceIdentifier (or its ARN) names; the table key is
/// the lower-case identifier.
QString instanceKey(const SimContext &ctx, const QString &idOrArn)
{
    const QString prefix = ctx.arn(QStringLiteral("rds"), QStringLiteral("db:"));
    const QString id = idOrArn.startsWith(prefix) ? idOrArn.mid(prefix.size()) : idOrArn;
    return id.toLower();
}

// ---- lifecycle ----

/// The moment creation finishes: the instance gets its address and zone.
void finishCreating(SimContext &ctx, QJsonObject &db, double at)
{
    db.insert(QStringLiteral("Endpoint"),
              QJsonObject{{QStringLiteral("Address"), QStringLiteral("%1.%2.%3.rds.amazonaws.com")
                                                          .arg(db.value(u"DBInstanceIdentifier").toString(),
                                                               endpointLabel(ctx), ctx.region())},
                          {QStringLiteral("Port"), db.value(u"_port").toInt()},
                          {QStringLiteral("HostedZoneId"), hostedZoneId(ctx.region())}});
    db.insert(QStringLiteral("InstanceCreateTime"), at);
    db.insert(QStringLiteral("AvailabilityZone"), db.value(u"_zone"));
    if (db.value(u"MultiAZ").toBool())
        db.insert(QStringLiteral("SecondaryAvailabilityZone"), db.value(u"_secondaryZone"));
    db.insert(QStringLiteral("PendingModifiedValues"), QJsonObject{});
    if (db.value(u"BackupRetentionPeriod").toInt() > 0) {
        db.insert(QStringLiteral("DBInstanceStatus"), QStringLiteral("backing-up"));
        db.insert(QStringLiteral("_nextAt"), at + kBackingUpSeconds / ctx.clock.timeScale());
    } else {
        db.insert(QStringLiteral("DBInstanceStatus"), QStringLiteral("available"));
        db.remove(QStringLiteral("_nextAt"));
    }
}

/// Applies one due transition; false when the instance is gone.
bool advance(SimContext &ctx, QJsonObject &db)
{
    const double at = db.value(u"_nextAt").toDouble();
    const QString status = db.value(u"DBInstanceStatus").toString();
    if (status == u"creating") {
        finishCreating(ctx, db, at);
    } else if (status == u"backing-up") {
        db.insert(QStringLiteral("DBInstanceStatus"), QStringLiteral("available"));
        db.insert(QStringLiteral("LatestRestorableTime"), at);
        db.remove(QStringLiteral("_nextAt"));
    } else if (status == u"deleting") {
        return false;
    } else {
        db.remove(QStringLiteral("_nextAt"));
    }
    return true;
}

bool tick(SimContext &ctx)
{
    bool changed = false;
    const double now = ctx.now();
    for (auto it = ctx.state.dbInstances.begin(); it != ctx.state.dbInstances.end();) {
        QJsonObject db = it.value();
        bool alive = true;
        bool touched = false;
        // Every due transition, so a clock jump lands in the right state.
        while (alive && db.contains(u"_nextAt") && db.value(u"_nextAt").toDouble() <= now) {
            alive = advance(ctx, db);
            touched = true;
        }
        changed = changed || touched;
        if (!alive) {
            it = ctx.state.dbInstances.erase(it);
            continue;
        }
        if (touched)
            it.value() = db;
        ++it;
    }
    return changed;
}

// ---- handlers ----

QJsonObject newInstance(SimContext &ctx, const CreateRequest &r)
{
    const EngineInfo &engine = *findEngine(r.engine);
    const QString family = parameterGroupFamily(r.engine, r.engineVersion);
    QJsonArray groups;
    for (const QString &g : r.securityGroupIds)
        groups.append(QJsonObject{{QStringLiteral("VpcSecurityGroupId"), g},
                                  {QStringLiteral("Status"), QStringLiteral("active")}});
    QJsonObject db{
        {QStringLiteral("DBInstanceIdentifier"), r.identifier},
        {QStringLiteral("DBInstanceClass"), r.instanceClass},
        {QStringLiteral("Engine"), r.engine},
        {QStringLiteral("DBInstanceStatus"), QStringLiteral("creating")},
        {QStringLiteral("MasterUsername"), r.masterUsername},
        {QStringLiteral("AllocatedStorage"), r.allocatedStorage},
        {QStringLiteral("PreferredBackupWindow"), r.backupWindow},
        {QStringLiteral("BackupRetentionPeriod"), r.backupRetention},
        {QStringLiteral("DBSecurityGroups"), QJsonArray{}},
        {QStringLiteral("VpcSecurityGroups"), groups},
        {QStringLiteral("DBParameterGroups"),
         QJsonArray{QJsonObject{{QStringLiteral("DBParameterGroupName"), QStringLiteral("default.") + family},
                                {QStringLiteral("ParameterApplyStatus"), QStringLiteral("in-sync")}}}},
        {QStringLiteral("DBSubnetGroup"), r.subnetGroup},
        {QStringLiteral("PreferredMaintenanceWindow"), r.maintenanceWindow},
        {QStringLiteral("PendingModifiedValues"),
         QJsonObject{{QStringLiteral("MasterUserPassword"), QStringLiteral("****")}}},
        {QStringLiteral("MultiAZ"), r.multiAZ},
        {QStringLiteral("EngineVersion"), r.engineVersion},
        {QStringLiteral("AutoMinorVersionUpgrade"), r.autoMinorVersionUpgrade},
        {QStringLiteral("ReadReplicaDBInstanceIdentifiers"), QJsonArray{}},
        {QStringLiteral("LicenseModel"), engine.licenseModel},
        {QStringLiteral("OptionGroupMemberships"),
         QJsonArray{
             QJsonObject{{QStringLiteral("OptionGroupName"),
                          QStringLiteral("default:%1-%2")
                              .arg(r.engine, majorVersion(r.engine, r.engineVersion).replace(u'.', u'-'))},
                         {QStringLiteral("Status"), QStringLiteral("in-sync")}}}},
        {QStringLiteral("PubliclyAccessible"), r.publiclyAccessible},
        {QStringLiteral("StorageType"), r.storageType},
        {QStringLiteral("DbInstancePort"), 0},
        {QStringLiteral("StorageEncrypted"), r.storageEncrypted},
        {QStringLiteral("DbiResourceId"), QStringLiteral("db-") + alnumId(ctx, 26, true)},
        {QStringLiteral("CACertificateIdentifier"), QStringLiteral("rds-ca-rsa2048-g1")},
        {QStringLiteral("DomainMemberships"), QJsonArray{}},
        {QStringLiteral("CopyTagsToSnapshot"), r.copyTagsToSnapshot},
        {QStringLiteral("MonitoringInterval"), 0},
        {QStringLiteral("DBInstanceArn"),
         ctx.arn(QStringLiteral("rds"), QStringLiteral("db:") + r.identifier)},
        {QStringLiteral("IAMDatabaseAuthenticationEnabled"), r.iamAuth},
        {QStringLiteral("PerformanceInsightsEnabled"), false},
        {QStringLiteral("DeletionProtection"), r.deletionProtection},
        {QStringLiteral("AssociatedRoles"), QJsonArray{}},
        {QStringLiteral("TagList"), r.tags},
        {QStringLiteral("CustomerOwnedIpEnabled"), false},
        {QStringLiteral("BackupTarget"), QStringLiteral("region")},
        {QStringLiteral("NetworkType"), QStringLiteral("IPV4")},
        {QStringLiteral("_port"), r.port},
        {QStringLiteral("_zone"), r.zone},
        {QStringLiteral("_nextAt"), ctx.after(kCreatingSeconds)}};
    if (!r.dbName.isEmpty())
        db.insert(QStringLiteral("DBName"), r.dbName);
    if (r.maxAllocatedStorage > 0)
        db.insert(QStringLiteral("MaxAllocatedStorage"), r.maxAllocatedStorage);
    if (r.iops > 0)
        db.insert(QStringLiteral("Iops"), r.iops);
    if (r.storageType == u"gp3")
        db.insert(QStringLiteral("StorageThroughput"), r.storageThroughput);
    if (r.multiAZ)
        db.insert(QStringLiteral("_secondaryZone"), r.secondaryZone);
    if (r.storageEncrypted)
        db.insert(QStringLiteral("KmsKeyId"), r.kmsKeyId);
    if (!r.zoneRequested.isEmpty())
        db.insert(QStringLiteral("AvailabilityZone"), r.zoneRequested);
    return db;
}

CallResult createDBInstance(SimContext &ctx, const QJsonObject &params)
{
    const auto request = readCreateRequest(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&request))
        return *e;
    const CreateRequest &r = std::get<CreateRequest>(request);
    if (ctx.state.dbInstances.contains(r.identifier))
        return clientError(QStringLiteral("DBInstanceAlreadyExists"),
                           QStringLiteral("DB instance already exists"));
    const QJsonObject db = newInstance(ctx, r);
    ctx.state.dbInstances.insert(r.identifier, db);
    return QJsonObject{{QStringLiteral("DBInstance"), publicView(db)}};
}

/// DescribeDBInstances' filters: whether `db` passes all of them.
std::variant<bool, AwsError> passesFilters(const SimContext &ctx, const QJsonObject &db,
                                           const QJsonArray &filters)
{
    for (const QJsonValue &f : filters) {
        const QString name = f.toObject().value(u"Name").toString();
        QStringList values;
        for (const QJsonValue &v : f.toObject().value(u"Values").toArray())
            values << v.toString();
        bool match = false;
        if (name == u"db-instance-id") {
            for (const QString &v : std::as_const(values))
                match = match || instanceKey(ctx, v) == db.value(u"DBInstanceIdentifier").toString();
        } else if (name == u"engine") {
            for (const QString &v : std::as_const(values)) {
                if (!findEngine(v) && !isKnownUnsimulatedEngine(v))
                    return invalidValue(QStringLiteral("Unrecognized engine name: %1").arg(v));
                match = match || v == db.value(u"Engine").toString();
            }
        } else if (name == u"dbi-resource-id") {
            match = values.contains(db.value(u"DbiResourceId").toString());
        } else if (name == u"db-cluster-id" || name == u"domain") {
            match = false; // no instance here belongs to a cluster or a directory
        } else {
            return invalidValue(QStringLiteral("Unrecognized filter name: %1").arg(name));
        }
        if (!match)
            return false;
    }
    return true;
}

CallResult describeDBInstances(SimContext &ctx, const QJsonObject &params)
{
    QJsonArray items;
    if (params.contains(u"DBInstanceIdentifier")) {
        const QString id = params.value(u"DBInstanceIdentifier").toString();
        const QString key = instanceKey(ctx, id);
        if (!ctx.state.dbInstances.contains(key))
            return notFound(id);
        items.append(publicView(ctx.state.dbInstances.value(key)));
    } else {
        for (const QJsonObject &db : std::as_const(ctx.state.dbInstances))
            items.append(publicView(db));
    }
    QJsonArray filtered;
    for (const QJsonValue &v : std::as_const(items)) {
        const auto pass = passesFilters(ctx, v.toObject(), params.value(u"Filters").toArray());
        if (const auto *e = std::get_if<AwsError>(&pass))
            return *e;
        if (std::get<bool>(pass))
            filtered.append(v);
    }
    return pageResult(filtered, params, 100, QStringLiteral("DBInstances"));
}

std::optional<AwsError> checkDeletable(const QJsonObject &db, const QJsonObject &params)
{
    const QString id = db.value(u"DBInstanceIdentifier").toString();
    const QString status = db.value(u"DBInstanceStatus").toString();
    if (status == u"deleting")
        return clientError(QStringLiteral("InvalidDBInstanceState"),
                           QStringLiteral("Instance %1 is already being deleted.").arg(id));
    if (db.value(u"DeletionProtection").toBool())
        return invalidCombination(QStringLiteral(
            "Cannot delete protected DB Instance, please disable deletion protection and try again."));
    const bool skip = params.value(u"SkipFinalSnapshot").toBool();
    const QString finalSnapshot = params.value(u"FinalDBSnapshotIdentifier").toString();
    if (skip && !finalSnapshot.isEmpty())
        return invalidCombination(
            QStringLiteral("FinalDBSnapshotIdentifier can not be specified when deleting a DB "
                           "instance with SkipFinalSnapshot set to true."));
    if (!skip && finalSnapshot.isEmpty())
        return invalidCombination(
            QStringLiteral("FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified."));
    if (!skip) {
        if (!isValidIdentifier(finalSnapshot))
            return identifierError(QStringLiteral("FinalDBSnapshotIdentifier"));
        if (status != u"available")
            return clientError(
                QStringLiteral("InvalidDBInstanceState"),
                QStringLiteral("Instance %1 is currently %2 - a final snapshot cannot be taken.")
                    .arg(id, status));
    }
    return std::nullopt;
}

CallResult deleteDBInstance(SimContext &ctx, const QJsonObject &params)
{
    const QString id = params.value(u"DBInstanceIdentifier").toString();
    const QString key = instanceKey(ctx, id);
    if (!ctx.state.dbInstances.contains(key))
        return notFound(id);
    QJsonObject db = ctx.state.dbInstances.value(key);
    if (auto e = checkDeletable(db, params))
        return *e;
    db.insert(QStringLiteral("DBInstanceStatus"), QStringLiteral("deleting"));
    db.insert(QStringLiteral("_nextAt"), ctx.after(kDeletingSeconds));
    ctx.state.dbInstances.insert(key, db);
    return QJsonObject{{QStringLiteral("DBInstance"), publicView(db)}};
}

CallResult listTagsForResource(SimContext &ctx, const QJsonObject &params)
{
    const QString arn = params.value(u"ResourceName").toString();
    // arn:aws:rds:<region>:<account>:<type>:<name>
    const QStringList parts = arn.split(u':');
    if (parts.size() != 7 || parts.at(0) != u"arn" || parts.at(2) != u"rds" || parts.at(3) != ctx.region() ||
        parts.at(4) != ctx.accountId())
        return invalidValue(
            QStringLiteral("The specified resource name does not match an RDS resource in this region."));
    const QString type = parts.at(5);
    const QString name = parts.at(6);
    if (type == u"db") {
        const QString key = name.toLower();
        if (!ctx.state.dbInstances.contains(key))
            return notFound(name);
        return QJsonObject{
            {QStringLiteral("TagList"), ctx.state.dbInstances.value(key).value(u"TagList").toArray()}};
    }
    if (type == u"snapshot")
        return clientError(QStringLiteral("DBSnapshotNotFound"),
                           QStringLiteral("DBSnapshot %1 not found.").arg(name), 404);
    if (type == u"cluster")
        return clientError(QStringLiteral("DBClusterNotFoundFault"),
                           QStringLiteral("DBCluster %1 not found.").arg(name), 404);
    return invalidValue(
        QStringLiteral("The specified resource name does not match an RDS resource in this region."));
}

} // namespace

ServiceTable rdsService()
{
    ServiceTable t{QStringLiteral("rds"), {}, tick};
    t.operations.insert(QStringLiteral("CreateDBInstance"), createDBInstance);
    t.operations.insert(QStringLiteral("DescribeDBInstances"), describeDBInstances);
    t.operations.insert(QStringLiteral("DeleteDBInstance"), deleteDBInstance);
    t.operations.insert(QStringLiteral("DescribeDBEngineVersions"), describeDBEngineVersions);
    t.operations.insert(QStringLiteral("DescribeOrderableDBInstanceOptions"),
                        describeOrderableDBInstanceOptions);
    t.operations.insert(QStringLiteral("ListTagsForResource"), listTagsForResource);
    return t;
}

} // namespace aws::sandbox
