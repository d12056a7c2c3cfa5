#pragma once
// The sandbox's starting points: the base account every scenario has, and
// the named scenarios built on it with ordinary API calls.

#include "SimContext.h"

namespace aws::sandbox {

/// The default VPC, its subnets and route table, the default security group
/// and the Learner Lab's roles: what a new account (or a lab) already has.
void seedBaseAccount(SimContext &ctx);

/// Builds the named scenario on a base account through `call`, then lets the
/// clock run until everything is settled.
bool buildScenario(SandboxAccount &account, const QString &name, QString *error);

QStringList scenarioList();

} // namespace aws::sandbox
