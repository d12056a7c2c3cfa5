#pragma once
// Checks run before a plan is applied. Each failed check says how to fix it
// and may name a one-click fix the UI can offer.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

namespace plan {

/// Check ids and the fixes they name (fixActionId: fixParams):
/// - fargate-size — set-fargate-size-1024-2048: {}
/// - service-ports-open — open-port: {groupId (id or ${step.GroupId}), port, cidr};
///   create-service-group: {ports}
/// - database-reachable — allow-database-from-service: {groupId, port, sourceGroupId}
/// - public-ip — enable-public-ip: {}; use-default-subnets: {}
/// - ecr-image — push-image: {repository, tag}
/// - execution-role, lab-role — use-lab-role: {roleArn}
/// - task-definition — none
/// withFixes() (PreflightFixes.h) applies open-port, allow-database-from-service,
/// enable-public-ip, use-lab-role and set-fargate-size-1024-2048 to a plan.
struct PreflightCheck {
    QString id; ///< "fargate-size", "service-ports-open", …
    bool passed = false;
    QString message; ///< what was checked / what is wrong
    QString fixSuggestion;
    QString fixActionId;   ///< empty: no one-click fix
    QJsonObject fixParams; ///< what the fix needs (group, port, role ARN, …), per fixActionId
};

/// Fargate (Linux) task-level cpu/memory pairs, from CONSOLE-RULES.md.
bool isValidFargateSize(int cpu, int memoryMiB);
PreflightCheck checkFargateSize(int cpu, int memoryMiB);

/// Whether every check passed (an empty list passes).
bool allPassed(const QList<PreflightCheck> &checks);
/// The checks as QML reads them: one map per check with the members above.
QVariantList toVariantList(const QList<PreflightCheck> &checks);

} // namespace plan
