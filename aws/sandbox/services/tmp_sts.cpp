#include "ServiceTable.h"
namespace aws::sandbox {
ServiceTable stsService() { return ServiceTable{QStringLiteral("sts"), {}, {}}; }
}
