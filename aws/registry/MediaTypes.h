#pragma once
// The media types of the two manifest families a registry speaks.

#include <QString>

namespace aws::registry::media {

inline const QString dockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString dockerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");
inline const QString dockerLayerGzip = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
inline const QString dockerLayerTar = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");
inline const QString ociManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString ociIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString ociConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString ociLayerGzip = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
inline const QString ociLayerTar = QStringLiteral("application/vnd.oci.image.layer.v1.tar");
inline const QString ociLayerZstd = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");

} // namespace aws::registry::media
