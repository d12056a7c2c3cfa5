#pragma once
// What the rest of the sandbox asks of the simulated ECS.

#include "SimContext.h"

namespace aws::sandbox {

/// Running tasks that have a public IP (for the task pages).
QList<TaskAddress> ecsTaskAddresses(const SimState &state);

} // namespace aws::sandbox
