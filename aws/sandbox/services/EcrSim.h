#pragma once
// What the registry asks of the simulated ECR: repositories, manifests, tags.

#include "SimContext.h"

namespace aws::sandbox {

bool ecrRepositoryExists(const SimState &state, const QString &repository);
/// Records a pushed manifest under `tag` (empty: a push by digest).
std::optional<AwsError> ecrPutImage(SimContext &ctx, const StoredImage &image, const QString &tag);
std::optional<StoredImage> ecrFindImage(const SimState &state, const QString &repository,
                                        const QString &reference);
QStringList ecrReferencedBlobs(const SimState &state, const QString &repository);
/// The current registry password when its token is unexpired.
bool ecrCheckPassword(const SimContext &ctx, const QString &password);

} // namespace aws::sandbox
