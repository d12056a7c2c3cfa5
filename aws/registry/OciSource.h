#pragma once
// An OCI image: a layout directory (`oci:dir:tag`) or the same layout in a
// tar (`oci-archive:`). index.json picks the manifest by its ref name;
// blobs are read in place.

#include "ImageSource.h"

namespace aws::registry {

class OciSource {
public:
    /// `ref` is the index's `org.opencontainers.image.ref.name` ("latest"),
    /// optionally as "name:latest"; empty picks the only manifest.
    static SourceResult loadLayout(const QString &dir, const QString &ref = {});
    static SourceResult loadArchive(const QString &tarPath, const QString &ref = {});
};

} // namespace aws::registry
