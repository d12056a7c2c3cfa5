// STUB: replaced by the Ecr simulation.
#include "ServiceTable.h"

#include "EcrSim.h"

namespace aws::sandbox {

ServiceTable ecrService()
{
    return ServiceTable{QStringLiteral("ecr"), {}, {}};
}

bool ecrRepositoryExists(const SimState &, const QString &) { return false; }
std::optional<AwsError> ecrPutImage(SimContext &, const StoredImage &, const QString &) { return std::nullopt; }
std::optional<StoredImage> ecrFindImage(const SimState &, const QString &, const QString &) { return std::nullopt; }
QStringList ecrReferencedBlobs(const SimState &, const QString &) { return {}; }
bool ecrCheckPassword(const SimContext &, const QString &) { return false; }
} // namespace aws::sandbox
