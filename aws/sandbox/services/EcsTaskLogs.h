#pragma once
// What a task's awslogs driver does: checks (or creates) the log group when
// the task starts, then writes the container's output into CloudWatch Logs'
// tables (the Logs API reads them).

#include "SimContext.h"

namespace aws::sandbox::ecs {

/// The ResourceInitializationError for a container whose awslogs group does
/// not exist (empty when fine); creates the group when awslogs-create-group is "true".
QString logGroupFailure(SimContext &ctx, const QJsonObject &containerDefinition);
/// Writes each awslogs container's startup lines at `at`; returns when the next line is due.
double writeStartupLogs(SimContext &ctx, QJsonObject &task, double at);
/// Writes one request line per awslogs container at `at`; returns when the next is due.
double writeRequestLog(SimContext &ctx, QJsonObject &task, double at);

} // namespace aws::sandbox::ecs
