#pragma once
// Why a task stopped, in a sentence a student can act on. ECS reports terse
// codes and messages (stopCode, stoppedReason, container reasons); this maps
// them to an explanation and what to check.

#include "InventorySnapshot.h"

namespace inventory {

struct StopExplanation {
    QString cause;    ///< short label: "Image pull failed"
    QString sentence; ///< what happened and what to check
};

/// Explains a stop from its raw texts. Unknown reasons keep ECS's own words.
StopExplanation explainStop(const QString &stopCode, const QString &stoppedReason,
                            const QString &containerReason = {}, int exitCode = -1);
StopExplanation explainStop(const Task &task);

} // namespace inventory
