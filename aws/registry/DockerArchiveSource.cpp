#include "DockerArchiveSource.h"

#include "Digest.h"
#include "FileRangeDevice.h"
#include "MediaTypes.h"
#include "TarIndex.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace aws::registry {

namespace {

QString fullReference(QString ref)
{
    // Docker's defaults: no registry → docker.io; a single path component → library/; no tag → latest.
    const qsizetype slash = ref.indexOf(u'/');
    const QString first = slash < 0 ? QString() : ref.left(slash);
    const bool hasRegistry =
        !first.isEmpty() && (first.contains(u'.') || first.contains(u':') || first == u"localhost");
    if (!hasRegistry)
        ref = QStringLiteral("docker.io/") + ref;
    const QString host = ref.section(u'/', 0, 0);
    QString rest = ref.section(u'/', 1);
    if (host == u"docker.io" && !rest.contains(u'/'))
        rest = QStringLiteral("library/") + rest;
    if (!rest.section(u'/', -1).contains(u':') && !rest.contains(u'@'))
        rest += QStringLiteral(":latest");
    return host + u'/' + rest;
}

bool isGzip(const TarIndex &tar, const TarEntry &e)
{
    QFile f(tar.path());
    if (e.size < 2 || !f.open(QIODevice::ReadOnly) || !f.seek(e.offset))
        return false;
    const QByteArray magic = f.read(2);
    return magic == QByteArray("\x1f\x8b", 2);
}

std::optional<QJsonArray> readManifest(const TarIndex &tar, QString *error)
{
    const auto entry = tar.file(QStringLiteral("manifest.json"));
    if (!entry) {
        *error = QStringLiteral("%1 is not an image archive: it has no manifest.json").arg(tar.path());
        return std::nullopt;
    }
    const auto data = tar.readSmall(*entry);
    const QJsonDocument doc = data ? QJsonDocument::fromJson(*data) : QJsonDocument();
    if (!doc.isArray() || doc.array().isEmpty()) {
        *error =
            QStringLiteral("%1 is not an image archive: its manifest.json lists no image").arg(tar.path());
        return std::nullopt;
    }
    return doc.array();
}

} // namespace

bool DockerArchiveSource::sameReference(const QString &a, const QString &b)
{
    return fullReference(a) == fullReference(b);
}

QStringList DockerArchiveSource::imageNames(const QString &path, QString *error)
{
    QString err;
    TarIndex tar;
    QStringList names;
    if (tar.build(path)) {
        if (const auto manifest = readManifest(tar, &err))
            for (const QJsonValue &img : *manifest)
                for (const QJsonValue &t : img.toObject().value(QStringLiteral("RepoTags")).toArray())
                    names << t.toString();
    } else {
        err = tar.error();
    }
    if (error)
        *error = err;
    return names;
}

SourceResult DockerArchiveSource::load(const QString &path, const QString &name)
{
    TarIndex tar;
    if (!tar.build(path))
        return SourceResult::fail(tar.error());
    QString error;
    const auto manifest = readManifest(tar, &error);
    if (!manifest)
        return SourceResult::fail(error);

    QJsonObject chosen;
    QString chosenName;
    QStringList all;
    for (const QJsonValue &v : *manifest) {
        const QJsonObject img = v.toObject();
        for (const QJsonValue &t : img.value(QStringLiteral("RepoTags")).toArray()) {
            all << t.toString();
            if (!name.isEmpty() && chosen.isEmpty() && sameReference(t.toString(), name)) {
                chosen = img;
                chosenName = t.toString();
            }
        }
    }
    if (name.isEmpty()) {
        if (manifest->size() > 1)
            return SourceResult::fail(QStringLiteral("%1 holds %2 images; choose one with --image (%3)")
                                          .arg(path)
                                          .arg(manifest->size())
                                          .arg(all.join(QStringLiteral(", "))));
        chosen = manifest->first().toObject();
        chosenName = all.value(0);
    } else if (chosen.isEmpty()) {
        return SourceResult::fail(
            QStringLiteral("%1 has no image called '%2' (it has: %3)")
                .arg(path, name, all.isEmpty() ? QStringLiteral("none") : all.join(u", ")));
    }

    SourceImage image;
    image.name = chosenName;
    image.family = ManifestFamily::Docker;
    const QString configName = chosen.value(QStringLiteral("Config")).toString();
    const auto configEntry = tar.file(configName);
    const auto config = configEntry ? tar.readSmall(*configEntry) : std::nullopt;
    if (!config)
        return SourceResult::fail(
            QStringLiteral("%1 is damaged: the image config '%2' is missing").arg(path, configName));
    image.configDigest = sha256Digest(*config);
    // The config's file name is its digest in every writer we know; a
    // mismatch means the archive was altered.
    const QString configHex = configName.section(u'/', -1).section(u'.', 0, 0);
    if (configHex.size() == 64 && configHex != digestHex(image.configDigest))
        return SourceResult::fail(
            QStringLiteral("%1 is damaged: the image config does not match its digest (%2)")
                .arg(path, configName));

    for (const QJsonValue &l : chosen.value(QStringLiteral("Layers")).toArray()) {
        const auto entry = tar.file(l.toString());
        if (!entry)
            return SourceResult::fail(
                QStringLiteral("%1 is damaged: layer '%2' is missing").arg(path, l.toString()));
        SourceLayer layer;
        layer.size = entry->size;
        layer.compressed = isGzip(tar, *entry);
        layer.mediaType = layer.compressed ? media::dockerLayerGzip : media::dockerLayerTar;
        const qint64 offset = entry->offset, size = entry->size;
        layer.open = [path, offset, size]() -> std::unique_ptr<QIODevice> {
            return std::make_unique<FileRangeDevice>(path, offset, size);
        };
        image.layers.append(layer);
    }
    if (!applyConfig(image, *config, &error))
        return SourceResult::fail(QStringLiteral("%1: %2").arg(path, error));
    // An uncompressed layer's digest is its diff id; the verifier proves it.
    for (SourceLayer &l : image.layers)
        if (!l.compressed)
            l.digest = l.diffId;
    return {std::move(image), {}};
}

} // namespace aws::registry
