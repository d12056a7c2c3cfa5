// STUB: replaced by the Rds simulation.
#include "ServiceTable.h"



namespace aws::sandbox {

ServiceTable rdsService()
{
    return ServiceTable{QStringLiteral("rds"), {}, {}};
}


} // namespace aws::sandbox
