#include "ServiceTable.h"
namespace aws::sandbox {
ServiceTable iamService() { return ServiceTable{QStringLiteral("iam"), {}, {}}; }
}
