#pragma once
// Turns what the user typed into an image: a path (detected by content) or
// skopeo-style transports ("docker-archive:PATH", "oci:DIR[:REF]",
// "oci-archive:PATH[:REF]"). The Docker engine is asynchronous and lives in
// DockerEngineSource.

#include "ImageSource.h"

namespace aws::registry {

class SourceLoader {
public:
    /// `image` picks an image inside a multi-image source (overrides a ":REF"
    /// given in `spec`).
    static SourceResult load(const QString &spec, const QString &image = {});
};

} // namespace aws::registry
