#pragma once
// ECR's naming rules (CONSOLE-RULES.md), checked before anything is sent.

#include <QString>

namespace aws::registry {

/// Empty when `tag` is a valid tag; otherwise the reason.
QString checkTag(const QString &tag);
/// Empty when `name` is a valid ECR repository name; otherwise the reason.
QString checkRepositoryName(const QString &name);
/// A warning when an image of `arch`/`os` will not run on Fargate's
/// linux/amd64 or linux/arm64; empty otherwise.
QString architectureWarning(const QString &arch, const QString &os);

} // namespace aws::registry
