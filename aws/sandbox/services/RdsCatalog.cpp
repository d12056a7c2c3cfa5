#include "RdsCatalog.h"

#include <QSet>

namespace aws::sandbox::rds {

namespace {

struct EngineTable {
    EngineInfo info;
    QStringList versions; ///< oldest first; the last of each major is that major's default
    QString defaultVersion;
    int majorParts = 1;         ///< components of the major version: postgres "16", mysql "8.0"
    QString versionDescription; ///< "%1" is the version
    QStringList logTypes;
    QStringList features;
};

const QList<EngineTable> &engineTables()
{
    // SQL words both engines refuse as user or database names, plus the
    // accounts RDS keeps for itself.
    static const QStringList sqlWords{
        QStringLiteral("all"),    QStringLiteral("and"),     QStringLiteral("as"),
        QStringLiteral("create"), QStringLiteral("default"), QStringLiteral("from"),
        QStringLiteral("grant"),  QStringLiteral("group"),   QStringLiteral("null"),
        QStringLiteral("order"),  QStringLiteral("select"),  QStringLiteral("table"),
        QStringLiteral("user"),   QStringLiteral("where"),   QStringLiteral("public")};
    static const QList<EngineTable> tables{
        {{QStringLiteral("postgres"),
          QStringLiteral("PostgreSQL"),
          QStringLiteral("postgresql-license"),
          5432,
          128,
          63,
          {QStringLiteral("postgres"), QStringLiteral("admin"), QStringLiteral("rdsadmin"),
           QStringLiteral("rdsrepladmin"), QStringLiteral("rds_superuser"), QStringLiteral("rds_replication"),
           QStringLiteral("pg_monitor")},
          sqlWords},
         {QStringLiteral("12.22"), QStringLiteral("13.18"), QStringLiteral("13.20"), QStringLiteral("14.15"),
          QStringLiteral("14.17"), QStringLiteral("15.10"), QStringLiteral("15.12"), QStringLiteral("16.6"),
          QStringLiteral("16.8"), QStringLiteral("17.2"), QStringLiteral("17.4")},
         QStringLiteral("17.4"),
         1,
         QStringLiteral("PostgreSQL %1-R1"),
         {QStringLiteral("postgresql"), QStringLiteral("upgrade")},
         {QStringLiteral("Lambda"), QStringLiteral("s3Export"), QStringLiteral("s3Import")}},
        {{QStringLiteral("mysql"),
          QStringLiteral("MySQL Community Edition"),
          QStringLiteral("general-public-license"),
          3306,
          41,
          64,
          {QStringLiteral("root"), QStringLiteral("rdsadmin"), QStringLiteral("rdsrepladmin")},
          sqlWords},
         {QStringLiteral("8.0.39"), QStringLiteral("8.0.40"), QStringLiteral("8.0.41"),
          QStringLiteral("8.4.3"), QStringLiteral("8.4.4")},
         QStringLiteral("8.0.41"),
         2,
         QStringLiteral("MySQL %1"),
         {QStringLiteral("audit"), QStringLiteral("error"), QStringLiteral("general"),
          QStringLiteral("slowquery")},
         {}},
        {{QStringLiteral("mariadb"),
          QStringLiteral("MariaDb Community Edition"),
          QStringLiteral("general-public-license"),
          3306,
          41,
          64,
          {QStringLiteral("root"), QStringLiteral("rdsadmin"), QStringLiteral("rdsrepladmin")},
          sqlWords},
         {QStringLiteral("10.6.20"), QStringLiteral("10.11.10"), QStringLiteral("11.4.4")},
         QStringLiteral("11.4.4"),
         2,
         QStringLiteral("MariaDb %1"),
         {QStringLiteral("audit"), QStringLiteral("error"), QStringLiteral("general"),
          QStringLiteral("slowquery")},
         {}}};
    return tables;
}

const EngineTable *tableOf(const QString &engine)
{
    for (const EngineTable &t : engineTables())
        if (t.info.name == engine)
            return &t;
    return nullptr;
}

/// The classes the sandbox's region sells for these engines. Graviton 3
/// classes (m7g, r7g) need a newer engine than PostgreSQL 12.
const QStringList &instanceClasses()
{
    static const QStringList classes{
        QStringLiteral("db.m5.large"),   QStringLiteral("db.m5.xlarge"), QStringLiteral("db.m6g.large"),
        QStringLiteral("db.m6g.xlarge"), QStringLiteral("db.m6i.large"), QStringLiteral("db.m7g.large"),
        QStringLiteral("db.r5.large"),   QStringLiteral("db.r6g.large"), QStringLiteral("db.r7g.large"),
        QStringLiteral("db.t3.large"),   QStringLiteral("db.t3.medium"), QStringLiteral("db.t3.micro"),
        QStringLiteral("db.t3.small"),   QStringLiteral("db.t4g.large"), QStringLiteral("db.t4g.medium"),
        QStringLiteral("db.t4g.micro"),  QStringLiteral("db.t4g.small")};
    return classes;
}

struct StorageType {
    const char *name;
    int min;
    int max;
};
constexpr StorageType kStorageTypes[] = {
    {"gp2", 20, 65536}, {"gp3", 20, 65536}, {"io1", 100, 65536}, {"standard", 5, 3072}};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QString versionDescription(const EngineTable &t, const QString &version)
{
    return t.versionDescription.arg(version);
}

QJsonArray upgradeTargets(const EngineTable &t, const QString &version)
{
    QJsonArray out;
    const QString major = majorVersion(t.info.name, version);
    for (qsizetype i = t.versions.indexOf(version) + 1; i < t.versions.size(); ++i) {
        const QString target = t.versions.at(i);
        out.append(
            QJsonObject{{QStringLiteral("Engine"), t.info.name},
                        {QStringLiteral("EngineVersion"), target},
                        {QStringLiteral("Description"), versionDescription(t, target)},
                        {QStringLiteral("AutoUpgrade"), false},
                        {QStringLiteral("IsMajorVersionUpgrade"), majorVersion(t.info.name, target) != major},
                        {QStringLiteral("SupportedEngineModes"), QJsonArray{QStringLiteral("provisioned")}},
                        {QStringLiteral("SupportsParallelQuery"), false},
                        {QStringLiteral("SupportsGlobalDatabases"), false},
                        {QStringLiteral("SupportsBabelfish"), false}});
    }
    return out;
}

QJsonObject engineVersionRecord(const EngineTable &t, const QString &version)
{
    return {{QStringLiteral("Engine"), t.info.name},
            {QStringLiteral("EngineVersion"), version},
            {QStringLiteral("DBParameterGroupFamily"), parameterGroupFamily(t.info.name, version)},
            {QStringLiteral("DBEngineDescription"), t.info.description},
            {QStringLiteral("DBEngineVersionDescription"), versionDescription(t, version)},
            {QStringLiteral("ValidUpgradeTarget"), upgradeTargets(t, version)},
            {QStringLiteral("ExportableLogTypes"), toArray(t.logTypes)},
            {QStringLiteral("SupportsLogExportsToCloudwatchLogs"), true},
            {QStringLiteral("SupportsReadReplica"), true},
            {QStringLiteral("SupportedEngineModes"), QJsonArray{QStringLiteral("provisioned")}},
            {QStringLiteral("SupportedFeatureNames"), toArray(t.features)},
            {QStringLiteral("Status"), QStringLiteral("available")},
            {QStringLiteral("SupportsParallelQuery"), false},
            {QStringLiteral("SupportsGlobalDatabases"), false},
            {QStringLiteral("MajorEngineVersion"), majorVersion(t.info.name, version)},
            {QStringLiteral("SupportsBabelfish"), false}};
}

/// "16" matches 16.x, "8.0" matches 8.0.x, a full version only itself.
bool versionMatches(const QString &version, const QString &requested)
{
    return version == requested || version.startsWith(requested + u'.');
}

/// Filters as [{Name, Values}] turned into name → values; unknown names refused.
std::variant<QHash<QString, QStringList>, AwsError> readFilters(const QJsonObject &params,
                                                                const QStringList &known)
{
    QHash<QString, QStringList> out;
    for (const QJsonValue &v : params.value(u"Filters").toArray()) {
        const QString name = v.toObject().value(u"Name").toString();
        if (!known.contains(name))
            return invalidValue(QStringLiteral("Unrecognized filter name: %1").arg(name));
        for (const QJsonValue &value : v.toObject().value(u"Values").toArray())
            out[name].append(value.toString());
    }
    return out;
}

/// The engines a describe call is about: the Engine parameter and any
/// engine filter, each name checked.
std::variant<QStringList, AwsError> requestedEngines(const QJsonObject &params,
                                                     const QHash<QString, QStringList> &filters)
{
    QStringList names;
    if (params.contains(u"Engine"))
        names << params.value(u"Engine").toString();
    names += filters.value(QStringLiteral("engine"));
    for (const QString &name : std::as_const(names))
        if (!findEngine(name) && !isKnownUnsimulatedEngine(name))
            return invalidValue(QStringLiteral("Unrecognized engine name: %1").arg(name));
    QStringList out;
    for (const EngineTable &t : engineTables()) {
        const bool byParam = !params.contains(u"Engine") || params.value(u"Engine").toString() == t.info.name;
        const bool byFilter = !filters.contains(QStringLiteral("engine")) ||
                              filters.value(QStringLiteral("engine")).contains(t.info.name);
        if (byParam && byFilter)
            out << t.info.name;
    }
    return out;
}

bool versionSelected(const EngineTable &t, const QString &version, const QJsonObject &params,
                     const QHash<QString, QStringList> &filters)
{
    const QString requested = params.value(u"EngineVersion").toString();
    if (!requested.isEmpty() && !versionMatches(version, requested))
        return false;
    const QString family = parameterGroupFamily(t.info.name, version);
    if (params.contains(u"DBParameterGroupFamily") &&
        params.value(u"DBParameterGroupFamily").toString() != family)
        return false;
    const auto anyMatch = [&](const QString &name, const auto &pred) {
        if (!filters.contains(name))
            return true;
        for (const QString &v : filters.value(name))
            if (pred(v))
                return true;
        return false;
    };
    if (!anyMatch(QStringLiteral("engine-version"),
                  [&](const QString &v) { return versionMatches(version, v); }))
        return false;
    if (!anyMatch(QStringLiteral("db-parameter-group-family"), [&](const QString &v) { return v == family; }))
        return false;
    if (!anyMatch(QStringLiteral("engine-mode"), [](const QString &v) { return v == u"provisioned"; }))
        return false;
    if (!anyMatch(QStringLiteral("status"), [](const QString &v) { return v == u"available"; }))
        return false;
    if (params.value(u"DefaultOnly").toBool()) {
        // The default of the engine, or of the major version asked for.
        return requested.isEmpty() ? version == t.defaultVersion
                                   : version == resolveEngineVersion(t.info.name, requested);
    }
    return true;
}

QJsonArray availabilityZones(const SimContext &ctx)
{
    QStringList zones;
    for (const QJsonObject &s : std::as_const(ctx.state.subnets)) {
        const QString zone = s.value(u"AvailabilityZone").toString();
        if (!zone.isEmpty() && !zones.contains(zone))
            zones << zone;
    }
    if (zones.isEmpty())
        for (const char *suffix : {"a", "b", "c"})
            zones << ctx.region() + QLatin1String(suffix);
    zones.sort();
    QJsonArray out;
    for (const QString &z : std::as_const(zones))
        out.append(QJsonObject{{QStringLiteral("Name"), z}});
    return out;
}

QJsonObject orderableOption(const EngineTable &t, const QString &version, const QString &instanceClass,
                            const StorageType &storage, const QJsonArray &zones)
{
    const QString type = QLatin1String(storage.name);
    const bool small = instanceClass.endsWith(u".micro") || instanceClass.endsWith(u".small");
    QJsonObject o{
        {QStringLiteral("Engine"), t.info.name},
        {QStringLiteral("EngineVersion"), version},
        {QStringLiteral("DBInstanceClass"), instanceClass},
        {QStringLiteral("LicenseModel"), t.info.licenseModel},
        {QStringLiteral("AvailabilityZones"), zones},
        {QStringLiteral("MultiAZCapable"), true},
        {QStringLiteral("ReadReplicaCapable"), true},
        {QStringLiteral("Vpc"), true},
        {QStringLiteral("SupportsStorageEncryption"), true},
        {QStringLiteral("StorageType"), type},
        {QStringLiteral("SupportsIops"), type == u"io1" || type == u"gp3"},
        {QStringLiteral("SupportsEnhancedMonitoring"), true},
        {QStringLiteral("SupportsIAMDatabaseAuthentication"), true},
        {QStringLiteral("SupportsPerformanceInsights"), !small},
        {QStringLiteral("MinStorageSize"), storage.min},
        {QStringLiteral("MaxStorageSize"), storage.max},
        {QStringLiteral("SupportedEngineModes"), QJsonArray{QStringLiteral("provisioned")}},
        {QStringLiteral("SupportsStorageAutoscaling"), type != u"standard"},
        {QStringLiteral("SupportsKerberosAuthentication"), true},
        {QStringLiteral("OutpostCapable"), false},
        {QStringLiteral("SupportsGlobalDatabases"), false},
        {QStringLiteral("SupportsClusters"), false},
        {QStringLiteral("SupportedNetworkTypes"), QJsonArray{QStringLiteral("IPV4"), QStringLiteral("DUAL")}},
        {QStringLiteral("SupportsStorageThroughput"), type == u"gp3"}};
    if (type == u"io1") {
        o.insert(QStringLiteral("MinIopsPerDbInstance"), 1000);
        o.insert(QStringLiteral("MaxIopsPerDbInstance"), 256000);
        o.insert(QStringLiteral("MinIopsPerGib"), 1.0);
        o.insert(QStringLiteral("MaxIopsPerGib"), 50.0);
    } else if (type == u"gp3") {
        // Below 400 GiB gp3 has a fixed baseline; these apply above it.
        o.insert(QStringLiteral("MinIopsPerDbInstance"), 12000);
        o.insert(QStringLiteral("MaxIopsPerDbInstance"), 64000);
        o.insert(QStringLiteral("MinIopsPerGib"), 0.5);
        o.insert(QStringLiteral("MaxIopsPerGib"), 1000.0);
        o.insert(QStringLiteral("MinStorageThroughputPerDbInstance"), 500);
        o.insert(QStringLiteral("MaxStorageThroughputPerDbInstance"), 4000);
        o.insert(QStringLiteral("MinStorageThroughputPerIops"), 0.0);
        o.insert(QStringLiteral("MaxStorageThroughputPerIops"), 0.25);
    }
    return o;
}

} // namespace

const EngineInfo *findEngine(const QString &name)
{
    const EngineTable *t = tableOf(name);
    return t ? &t->info : nullptr;
}

bool isKnownUnsimulatedEngine(const QString &name)
{
    static const QSet<QString> known{QStringLiteral("aurora-mysql"),
                                     QStringLiteral("aurora-postgresql"),
                                     QStringLiteral("custom-oracle-ee"),
                                     QStringLiteral("custom-oracle-ee-cdb"),
                                     QStringLiteral("custom-sqlserver-ee"),
                                     QStringLiteral("custom-sqlserver-se"),
                                     QStringLiteral("custom-sqlserver-web"),
                                     QStringLiteral("db2-ae"),
                                     QStringLiteral("db2-se"),
                                     QStringLiteral("neptune"),
                                     QStringLiteral("docdb"),
                                     QStringLiteral("oracle-ee"),
                                     QStringLiteral("oracle-ee-cdb"),
                                     QStringLiteral("oracle-se2"),
                                     QStringLiteral("oracle-se2-cdb"),
                                     QStringLiteral("sqlserver-ee"),
                                     QStringLiteral("sqlserver-se"),
                                     QStringLiteral("sqlserver-ex"),
                                     QStringLiteral("sqlserver-web")};
    return known.contains(name);
}

QStringList engineVersions(const QString &engine)
{
    const EngineTable *t = tableOf(engine);
    return t ? t->versions : QStringList{};
}

QString defaultEngineVersion(const QString &engine)
{
    const EngineTable *t = tableOf(engine);
    return t ? t->defaultVersion : QString();
}

QString resolveEngineVersion(const QString &engine, const QString &requested)
{
    const EngineTable *t = tableOf(engine);
    if (!t)
        return {};
    if (t->versions.contains(requested))
        return requested;
    // A major version ("16", "8.0"): its newest minor is its default.
    QString found;
    for (const QString &v : t->versions)
        if (majorVersion(engine, v) == requested)
            found = v;
    return found;
}

QString majorVersion(const QString &engine, const QString &version)
{
    const EngineTable *t = tableOf(engine);
    return version.section(u'.', 0, (t ? t->majorParts : 1) - 1);
}

QString parameterGroupFamily(const QString &engine, const QString &version)
{
    return engine + majorVersion(engine, version);
}

bool isOrderableClass(const QString &engine, const QString &version, const QString &instanceClass)
{
    if (!tableOf(engine) || !instanceClasses().contains(instanceClass))
        return false;
    const bool graviton3 = instanceClass.startsWith(u"db.m7g.") || instanceClass.startsWith(u"db.r7g.");
    return !(graviton3 && engine == u"postgres" && majorVersion(engine, version) == u"12");
}

bool storageRange(const QString &engine, const QString &storageType, int *min, int *max)
{
    if (!tableOf(engine))
        return false;
    for (const StorageType &s : kStorageTypes) {
        if (storageType == QLatin1String(s.name)) {
            *min = s.min;
            *max = s.max;
            return true;
        }
    }
    return false;
}

AwsError invalidValue(const QString &message)
{
    return clientError(QStringLiteral("InvalidParameterValue"), message);
}

AwsError invalidCombination(const QString &message)
{
    return clientError(QStringLiteral("InvalidParameterCombination"), message);
}

std::variant<int, AwsError> maxRecords(const QJsonObject &params, int max)
{
    if (!params.contains(u"MaxRecords"))
        return 100;
    const int n = params.value(u"MaxRecords").toInt();
    if (n < 20 || n > max)
        return invalidValue(
            QStringLiteral("Invalid value %1 for MaxRecords. Must be between 20 and %2").arg(n).arg(max));
    return n;
}

CallResult pageResult(const QJsonArray &items, const QJsonObject &params, int maxAllowed,
                      const QString &member)
{
    const auto size = maxRecords(params, maxAllowed);
    if (const auto *e = std::get_if<AwsError>(&size))
        return *e;
    const auto page = paginate(
        items, std::get<int>(size), params.value(u"Marker").toString(), 100,
        invalidValue(QStringLiteral("The marker %1 is not valid.").arg(params.value(u"Marker").toString())));
    if (const auto *e = std::get_if<AwsError>(&page))
        return *e;
    const Page &p = std::get<Page>(page);
    QJsonObject out{{member, p.items}};
    if (!p.nextToken.isEmpty())
        out.insert(QStringLiteral("Marker"), p.nextToken);
    return out;
}

CallResult describeDBEngineVersions(SimContext &, const QJsonObject &params)
{
    const auto filters = readFilters(params, {QStringLiteral("engine"), QStringLiteral("engine-version"),
                                              QStringLiteral("db-parameter-group-family"),
                                              QStringLiteral("engine-mode"), QStringLiteral("status")});
    if (const auto *e = std::get_if<AwsError>(&filters))
        return *e;
    const auto &byName = std::get<QHash<QString, QStringList>>(filters);
    const auto engines = requestedEngines(params, byName);
    if (const auto *e = std::get_if<AwsError>(&engines))
        return *e;
    QJsonArray items;
    for (const QString &engine : std::get<QStringList>(engines)) {
        const EngineTable &t = *tableOf(engine);
        for (const QString &version : t.versions)
            if (versionSelected(t, version, params, byName))
                items.append(engineVersionRecord(t, version));
    }
    return pageResult(items, params, 100, QStringLiteral("DBEngineVersions"));
}

CallResult describeOrderableDBInstanceOptions(SimContext &ctx, const QJsonObject &params)
{
    const QString engine = params.value(u"Engine").toString();
    const EngineTable *t = tableOf(engine);
    if (!t && !isKnownUnsimulatedEngine(engine))
        return invalidValue(QStringLiteral("Unrecognized engine name: %1").arg(engine));
    QJsonArray items;
    const QString requestedVersion = params.value(u"EngineVersion").toString();
    const QString requestedClass = params.value(u"DBInstanceClass").toString();
    const QString license = params.value(u"LicenseModel").toString();
    // Outside a VPC (EC2-Classic) nothing can be ordered any more.
    const bool vpcOnly = !params.contains(u"Vpc") || params.value(u"Vpc").toBool();
    const bool selected = t && vpcOnly && (license.isEmpty() || license == t->info.licenseModel) &&
                          !params.contains(u"AvailabilityZoneGroup");
    const QJsonArray zones = availabilityZones(ctx);
    for (const QString &version : selected ? t->versions : QStringList{}) {
        if (!requestedVersion.isEmpty() && version != requestedVersion)
            continue;
        for (const QString &instanceClass : instanceClasses()) {
            if ((!requestedClass.isEmpty() && instanceClass != requestedClass) ||
                !isOrderableClass(engine, version, instanceClass))
                continue;
            for (const StorageType &storage : kStorageTypes)
                items.append(orderableOption(*t, version, instanceClass, storage, zones));
        }
    }
    return pageResult(items, params, 10000, QStringLiteral("OrderableDBInstanceOptions"));
}

} // namespace aws::sandbox::rds
