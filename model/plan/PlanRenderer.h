#pragma once
// Showing a plan as the API calls it makes and as the equivalent AWS CLI v2
// commands. Secrets (each step's sensitivePaths) are masked unless the caller
// explicitly asks to reveal them (the UI's "show password").

#include "Plan.h"

#include <QString>

namespace plan {

inline constexpr char kMask[] = "********";

/// `params` with every path in `sensitivePaths` replaced by the mask.
QJsonObject maskedParams(const QJsonObject &params, const QStringList &sensitivePaths);

/// botocore's name transform: CreateSecurityGroup → create-security-group,
/// DBInstanceIdentifier → db-instance-identifier, serviceName → service-name.
QString cliName(const QString &name);

/// "1. ec2 CreateSecurityGroup {json}" per step, in order.
QString renderApiCalls(const Plan &plan, bool revealSecrets = false);

/// One `aws …` command per step; complex arguments as JSON.
QString renderCliCommand(const PlanStep &step, bool revealSecrets = false);
QString renderCli(const Plan &plan, bool revealSecrets = false);

} // namespace plan
