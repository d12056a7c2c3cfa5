// STUB: replaced by the Logs simulation.
#include "ServiceTable.h"



namespace aws::sandbox {

ServiceTable logsService()
{
    return ServiceTable{QStringLiteral("logs"), {}, {}};
}


} // namespace aws::sandbox
