#pragma once
// What RDS offers in the sandbox's region: the engines and versions
// (DescribeDBEngineVersions) and the instance class / storage combinations
// that can be ordered (DescribeOrderableDBInstanceOptions). CreateDBInstance
// checks its request against the same tables, so a combination the describe
// calls list is exactly one that creates.

#include "SimContext.h"

namespace aws::sandbox::rds {

/// The engines the sandbox simulates (postgres, mysql, mariadb) with the
/// properties CreateDBInstance needs.
struct EngineInfo {
    QString name;         ///< "postgres"
    QString description;  ///< DBEngineDescription
    QString licenseModel; ///< "postgresql-license"
    int port = 0;         ///< default port
    int maxPasswordLength = 0;
    int maxDbNameLength = 0;
    QStringList reservedUsers; ///< master user names the engine keeps for itself
    QStringList reservedWords; ///< words refused as user or database names
};

/// The simulated engine named `name`, or nullptr.
const EngineInfo *findEngine(const QString &name);
/// Engines AWS knows but the sandbox does not simulate (Aurora, Oracle, SQL
/// Server, Db2): describing them answers an empty list, not an error.
bool isKnownUnsimulatedEngine(const QString &name);

/// The versions of `engine`, oldest first.
QStringList engineVersions(const QString &engine);
/// The version CreateDBInstance picks when none is given.
QString defaultEngineVersion(const QString &engine);
/// Resolves "16" (a major version) to its default minor, "16.8" to itself;
/// empty when the engine has no such version.
QString resolveEngineVersion(const QString &engine, const QString &requested);
/// "postgres16", "mysql8.0".
QString parameterGroupFamily(const QString &engine, const QString &version);
/// "16", "8.0".
QString majorVersion(const QString &engine, const QString &version);

/// Whether `instanceClass` can be ordered for the engine version.
bool isOrderableClass(const QString &engine, const QString &version, const QString &instanceClass);
/// The allowed storage range of a storage type ("gp2": 20–65536); false when
/// the engine does not offer that storage type.
bool storageRange(const QString &engine, const QString &storageType, int *min, int *max);

CallResult describeDBEngineVersions(SimContext &ctx, const QJsonObject &params);
CallResult describeOrderableDBInstanceOptions(SimContext &ctx, const QJsonObject &params);

// ---- shared by the RDS handlers ----
/// MaxRecords within [20, max] (default 100), with RDS's error otherwise.
std::variant<int, AwsError> maxRecords(const QJsonObject &params, int max);
/// One page of `items` for a Marker/MaxRecords request, as {<member>, Marker}.
CallResult pageResult(const QJsonArray &items, const QJsonObject &params, int maxAllowed,
                      const QString &member);
AwsError invalidValue(const QString &message);
AwsError invalidCombination(const QString &message);

} // namespace aws::sandbox::rds
