#pragma once
// A `docker save` / `podman save` / `skopeo copy … docker-archive:` tarball:
// manifest.json (anywhere in the tar) names each image's config and layer
// tars; layers are read in place from the tar.

#include "ImageSource.h"

#include <QStringList>

namespace aws::registry {

class DockerArchiveSource {
public:
    /// Loads the image called `name` ("demo:latest", "demo", or the full
    /// "docker.io/library/demo:latest"); with an empty name the archive must
    /// hold exactly one image.
    static SourceResult load(const QString &path, const QString &name = {});
    /// Every RepoTag in the archive (for the picker and for error messages).
    static QStringList imageNames(const QString &path, QString *error = nullptr);
    /// True when `a` and `b` name the same image, Docker's defaults applied
    /// (docker.io, library/, :latest).
    static bool sameReference(const QString &a, const QString &b);
};

} // namespace aws::registry
