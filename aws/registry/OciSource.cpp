#include "OciSource.h"

#include "Digest.h"
#include "FileRangeDevice.h"
#include "MediaTypes.h"
#include "TarIndex.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace aws::registry {

namespace {

// Where a blob lives: a file in a directory or a range of a tar.
struct BlobStore {
    QString where; ///< for messages
    std::function<std::optional<std::pair<QString, std::pair<qint64, qint64>>>(const QString &)> locate;

    std::optional<QByteArray> readSmall(const QString &digest) const
    {
        const auto loc = locate(digest);
        if (!loc || loc->second.second > 16 * 1024 * 1024)
            return std::nullopt;
        QFile f(loc->first);
        if (!f.open(QIODevice::ReadOnly) || !f.seek(loc->second.first))
            return std::nullopt;
        QByteArray data = f.read(loc->second.second);
        if (data.size() != loc->second.second)
            return std::nullopt;
        return data;
    }
};

QString blobPath(const QString &digest)
{
    return QStringLiteral("blobs/") + digest.section(u':', 0, 0) + u'/' + digestHex(digest);
}

QString refName(const QJsonObject &descriptor)
{
    return descriptor.value(QStringLiteral("annotations"))
        .toObject()
        .value(QStringLiteral("org.opencontainers.image.ref.name"))
        .toString();
}

// Follows index → (nested index →) image manifest; for a multi-platform
// index prefers linux/amd64, the platform Fargate runs by default.
std::optional<QJsonObject> pickManifest(const BlobStore &blobs, const QJsonObject &index, const QString &ref,
                                        QString *error, int depth = 0)
{
    const QJsonArray manifests = index.value(QStringLiteral("manifests")).toArray();
    if (manifests.isEmpty()) {
        *error = QStringLiteral("%1 is not an image: its index lists no manifest").arg(blobs.where);
        return std::nullopt;
    }
    QJsonObject chosen;
    QStringList names;
    const QString want = ref.contains(u':') ? ref.section(u':', -1) : ref;
    for (const QJsonValue &v : manifests) {
        const QJsonObject d = v.toObject();
        names << refName(d);
        if (depth == 0 && !want.isEmpty() && (refName(d) == ref || refName(d) == want) && chosen.isEmpty())
            chosen = d;
    }
    if (depth > 0) {
        for (const QJsonValue &v : manifests) {
            const QJsonObject p = v.toObject().value(QStringLiteral("platform")).toObject();
            if (p.value(QStringLiteral("os")).toString() == u"linux" &&
                p.value(QStringLiteral("architecture")).toString() == u"amd64") {
                chosen = v.toObject();
                break;
            }
        }
        if (chosen.isEmpty())
            chosen = manifests.first().toObject();
    } else if (want.isEmpty()) {
        if (manifests.size() > 1) {
            *error = QStringLiteral("%1 holds %2 images; choose one with --image (%3)")
                         .arg(blobs.where)
                         .arg(manifests.size())
                         .arg(names.join(u", "));
            return std::nullopt;
        }
        chosen = manifests.first().toObject();
    } else if (chosen.isEmpty()) {
        *error = QStringLiteral("%1 has no image called '%2' (it has: %3)")
                     .arg(blobs.where, ref, names.join(u", "));
        return std::nullopt;
    }
    const QString digest = chosen.value(QStringLiteral("digest")).toString();
    const auto bytes = blobs.readSmall(digest);
    if (!bytes) {
        *error = QStringLiteral("%1 is damaged: manifest %2 is missing").arg(blobs.where, digest);
        return std::nullopt;
    }
    if (sha256Digest(*bytes) != digest) {
        *error =
            QStringLiteral("%1 is damaged: manifest %2 does not match its digest").arg(blobs.where, digest);
        return std::nullopt;
    }
    const QJsonObject doc = QJsonDocument::fromJson(*bytes).object();
    const QString mt = chosen.value(QStringLiteral("mediaType")).toString();
    if (mt == media::ociIndex || doc.contains(QStringLiteral("manifests"))) {
        if (depth > 2) {
            *error = QStringLiteral("%1: indexes nested too deeply").arg(blobs.where);
            return std::nullopt;
        }
        return pickManifest(blobs, doc, ref, error, depth + 1);
    }
    QJsonObject out = doc;
    out.insert(QStringLiteral("__raw"), QString::fromUtf8(*bytes));
    out.insert(QStringLiteral("__name"), refName(chosen));
    return out;
}

SourceResult load(const BlobStore &blobs, const QByteArray &indexJson, const QString &ref)
{
    const QJsonDocument indexDoc = QJsonDocument::fromJson(indexJson);
    if (!indexDoc.isObject())
        return SourceResult::fail(
            QStringLiteral("%1 is not an OCI image: index.json is not JSON").arg(blobs.where));
    QString error;
    const auto manifest = pickManifest(blobs, indexDoc.object(), ref, &error);
    if (!manifest)
        return SourceResult::fail(error);

    SourceImage image;
    image.family = ManifestFamily::Oci;
    image.name = manifest->value(QStringLiteral("__name")).toString();
    image.originalManifest = manifest->value(QStringLiteral("__raw")).toString().toUtf8();
    const QJsonObject configDesc = manifest->value(QStringLiteral("config")).toObject();
    image.configDigest = configDesc.value(QStringLiteral("digest")).toString();
    const auto config = blobs.readSmall(image.configDigest);
    if (!config)
        return SourceResult::fail(QStringLiteral("%1 is damaged: the image config %2 is missing")
                                      .arg(blobs.where, image.configDigest));
    if (sha256Digest(*config) != image.configDigest)
        return SourceResult::fail(
            QStringLiteral("%1 is damaged: the image config does not match its digest %2")
                .arg(blobs.where, image.configDigest));
    for (const QJsonValue &v : manifest->value(QStringLiteral("layers")).toArray()) {
        const QJsonObject d = v.toObject();
        SourceLayer layer;
        layer.mediaType = d.value(QStringLiteral("mediaType")).toString();
        layer.digest = d.value(QStringLiteral("digest")).toString();
        layer.size = d.value(QStringLiteral("size")).toInteger();
        layer.compressed = layer.mediaType.endsWith(QLatin1String("gzip")) ||
                           layer.mediaType.endsWith(QLatin1String("zstd"));
        const auto loc = blobs.locate(layer.digest);
        if (!loc)
            return SourceResult::fail(
                QStringLiteral("%1 is damaged: layer %2 is missing").arg(blobs.where, layer.digest));
        if (loc->second.second != layer.size)
            return SourceResult::fail(
                QStringLiteral("%1 is damaged: layer %2 has %3 bytes, its manifest says %4")
                    .arg(blobs.where, layer.digest)
                    .arg(loc->second.second)
                    .arg(layer.size));
        const QString file = loc->first;
        const qint64 offset = loc->second.first, size = loc->second.second;
        layer.open = [file, offset, size]() -> std::unique_ptr<QIODevice> {
            return std::make_unique<FileRangeDevice>(file, offset, size);
        };
        image.layers.append(layer);
    }
    if (!applyConfig(image, *config, &error))
        return SourceResult::fail(QStringLiteral("%1: %2").arg(blobs.where, error));
    return {std::move(image), {}};
}

} // namespace

SourceResult OciSource::loadLayout(const QString &dir, const QString &ref)
{
    QFile index(dir + QStringLiteral("/index.json"));
    if (!QFileInfo::exists(dir + QStringLiteral("/oci-layout")) || !index.open(QIODevice::ReadOnly))
        return SourceResult::fail(
            QStringLiteral("%1 is not an OCI image layout (no oci-layout or index.json)").arg(dir));
    BlobStore blobs;
    blobs.where = dir;
    blobs.locate =
        [dir](const QString &digest) -> std::optional<std::pair<QString, std::pair<qint64, qint64>>> {
        if (!isSha256Digest(digest))
            return std::nullopt;
        const QFileInfo fi(dir + u'/' + blobPath(digest));
        if (!fi.isFile())
            return std::nullopt;
        return std::make_pair(fi.absoluteFilePath(), std::make_pair(qint64(0), fi.size()));
    };
    return load(blobs, index.readAll(), ref);
}

SourceResult OciSource::loadArchive(const QString &tarPath, const QString &ref)
{
    auto tar = std::make_shared<TarIndex>();
    if (!tar->build(tarPath))
        return SourceResult::fail(tar->error());
    const auto index = tar->file(QStringLiteral("index.json"));
    if (!index || !tar->file(QStringLiteral("oci-layout")))
        return SourceResult::fail(
            QStringLiteral("%1 is not an OCI image archive (no oci-layout or index.json)").arg(tarPath));
    BlobStore blobs;
    blobs.where = tarPath;
    blobs.locate =
        [tar](const QString &digest) -> std::optional<std::pair<QString, std::pair<qint64, qint64>>> {
        if (!isSha256Digest(digest))
            return std::nullopt;
        const auto e = tar->file(blobPath(digest));
        if (!e)
            return std::nullopt;
        return std::make_pair(tar->path(), std::make_pair(e->offset, e->size));
    };
    return load(blobs, tar->readSmall(*index).value_or(QByteArray()), ref);
}

} // namespace aws::registry
