#pragma once
// Checks run before a plan is applied. Each failed check says how to fix it
// and may name a one-click fix the UI can offer.

#include <QString>

namespace plan {

struct PreflightCheck {
    QString id; ///< "fargate-size", "service-ports-open", …
    bool passed = false;
    QString message; ///< what was checked / what is wrong
    QString fixSuggestion;
    QString fixActionId; ///< empty: no one-click fix
};

/// Fargate (Linux) task-level cpu/memory pairs, from CONSOLE-RULES.md.
bool isValidFargateSize(int cpu, int memoryMiB);
PreflightCheck checkFargateSize(int cpu, int memoryMiB);

} // namespace plan
