#include "ServiceTable.h"
namespace aws::sandbox {
ServiceTable ec2Service() { return ServiceTable{QStringLiteral("ec2"), {}, {}}; }
}
