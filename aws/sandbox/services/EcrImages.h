#pragma once
// Shared between the simulated ECR's repository side (EcrSim.cpp) and its
// image side (EcrImages.cpp): naming rules, the repository lookup every
// image call starts with, and the image operations.

#include "SimContext.h"

namespace aws::sandbox::ecr {

/// The registry a call addresses: its registryId, or the caller's account.
QString registryIdOf(const SimContext &ctx, const QJsonObject &params);
AwsError repositoryNotFound(const QString &name, const QString &registryId);
/// The repository `params` names (repositoryName, registryId), or ECR's error.
std::variant<QJsonObject, AwsError> repositoryFor(const SimContext &ctx, const QJsonObject &params);

/// "repository@digest", the images table's key.
QString imageKey(const QString &repository, const QString &digest);
/// The images table keys of one repository's images.
QStringList imageKeys(const SimState &state, const QString &repository);

CallResult describeImages(SimContext &ctx, const QJsonObject &params);
CallResult batchDeleteImage(SimContext &ctx, const QJsonObject &params);

} // namespace aws::sandbox::ecr
