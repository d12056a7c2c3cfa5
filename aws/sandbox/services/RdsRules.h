#pragma once
// The rules CreateDBInstance enforces beyond the model (names, passwords,
// storage, network), with RDS's own error codes and wording, and the
// checked request they produce.

#include "SimContext.h"

namespace aws::sandbox::rds {

/// A CreateDBInstance request that passed every rule, with defaults filled in.
struct CreateRequest {
    QString identifier; ///< lower-case
    QString engine;
    QString engineVersion;
    QString instanceClass;
    QString masterUsername;
    QString dbName;
    int allocatedStorage = 0;
    int maxAllocatedStorage = 0; ///< 0: no storage autoscaling
    QString storageType;
    int iops = 0;
    int storageThroughput = 0;
    int port = 0;
    int backupRetention = 1;
    QString backupWindow;
    QString maintenanceWindow;
    QStringList securityGroupIds;
    QJsonObject subnetGroup; ///< DBSubnetGroup as Describe shows it
    QString zone;            ///< where the instance lands
    QString zoneRequested;   ///< AvailabilityZone as asked for
    QString secondaryZone;   ///< the standby's zone (Multi-AZ)
    bool multiAZ = false;
    bool publiclyAccessible = true;
    bool deletionProtection = false;
    bool storageEncrypted = false;
    QString kmsKeyId;
    bool autoMinorVersionUpgrade = true;
    bool copyTagsToSnapshot = false;
    bool iamAuth = false;
    QJsonArray tags;
};

/// 1–63 letters, digits, hyphens; a letter first; no "--", no trailing "-".
bool isValidIdentifier(const QString &id);
/// RDS's answer to an identifier that breaks that rule.
AwsError identifierError(const QString &parameter);

std::variant<CreateRequest, AwsError> readCreateRequest(SimContext &ctx, const QJsonObject &params);

} // namespace aws::sandbox::rds
