#pragma once
// Checks run before a plan is applied. Each failed check says how to fix it
// and may name a one-click fix the UI can offer.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

namespace plan {

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
