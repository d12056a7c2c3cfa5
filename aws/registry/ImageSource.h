#pragma once
// The uniform model of an image read from any source (docker-archive, OCI
// layout or archive, Docker engine): what the push engine needs and nothing
// else. Layers are opened as streams on demand, never held in memory.

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace aws::registry {

/// Which manifest family the image is pushed as: Docker v2 schema 2 for a
/// docker-archive (what `docker push` sends), OCI for OCI sources.
enum class ManifestFamily { Docker, Oci };

struct SourceLayer {
    QString mediaType; ///< in the source's family; tells whether it is compressed
    qint64 size = 0;   ///< bytes as stored in the source
    QString digest;    ///< sha256 of the stored bytes, as the source claims it
    QString diffId;    ///< sha256 of the uncompressed tar, from the config
    bool compressed = false;
    /// Opens the stored bytes for reading (a new device each call).
    std::function<std::unique_ptr<QIODevice>()> open;
};

struct SourceImage {
    QString name; ///< the reference it was picked by (e.g. "demo:latest")
    ManifestFamily family = ManifestFamily::Docker;
    QByteArray config;
    QString configDigest;
    QString architecture;
    QString os;
    QList<SourceLayer> layers;
    /// An OCI source's own manifest, pushed unchanged when no layer is
    /// transformed so the image keeps its digest.
    QByteArray originalManifest;
    qint64 totalSize() const;
};

/// An image or the reason there is none, in words for the user.
struct SourceResult {
    std::optional<SourceImage> image;
    QString error;
    bool ok() const { return image.has_value(); }
    static SourceResult fail(QString why) { return {std::nullopt, std::move(why)}; }
};

/// Reads a config's architecture/os and diff_ids into `image`; false with
/// `error` set when the config is not an image config.
bool applyConfig(SourceImage &image, const QByteArray &config, QString *error);

} // namespace aws::registry
