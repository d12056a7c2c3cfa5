// STUB: replaced by the Ecs simulation.
#include "ServiceTable.h"
#include "EcsSim.h"


namespace aws::sandbox {

ServiceTable ecsService()
{
    return ServiceTable{QStringLiteral("ecs"), {}, {}};
}
QList<TaskAddress> ecsTaskAddresses(const SimState &) { return {}; }

} // namespace aws::sandbox
