#pragma once
// How a simulated service plugs into SandboxAccount: a table of operation
// handlers plus a tick that moves its lifecycles on. Parameters arrive
// already checked against the model (required members, types, enums,
// lengths); handlers enforce what the model cannot say.

#include "SimContext.h"

#include <QHash>
#include <functional>

namespace aws::sandbox {

using Handler = std::function<CallResult(SimContext &, const QJsonObject &params)>;

struct ServiceTable {
    QString name; ///< model name: "ec2", "ecs", …
    QHash<QString, Handler> operations;
    std::function<bool(SimContext &)> tick; ///< may be empty; returns whether anything changed
};

ServiceTable stsService();
ServiceTable iamService();
ServiceTable ec2Service();
ServiceTable rdsService();
ServiceTable ecsService();
ServiceTable ecrService();
ServiceTable logsService();

} // namespace aws::sandbox
