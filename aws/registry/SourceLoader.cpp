#include "SourceLoader.h"

#include "DockerArchiveSource.h"
#include "OciSource.h"
#include "TarIndex.h"

#include <QFileInfo>

namespace aws::registry {

namespace {

// "oci:/path/dir:latest" → ("/path/dir", "latest"); a path that exists as
// written wins over splitting at its last colon.
std::pair<QString, QString> splitRef(const QString &rest)
{
    if (QFileInfo::exists(rest))
        return {rest, {}};
    const qsizetype colon = rest.lastIndexOf(u':');
    if (colon > 0 && QFileInfo::exists(rest.left(colon)))
        return {rest.left(colon), rest.mid(colon + 1)};
    return {rest, {}};
}

} // namespace

SourceResult SourceLoader::load(const QString &spec, const QString &image)
{
    auto pick = [&](const QString &ref) { return image.isEmpty() ? ref : image; };
    if (spec.startsWith(QLatin1String("docker-archive:"))) {
        const auto [path, ref] = splitRef(spec.mid(15));
        return DockerArchiveSource::load(path, pick(ref));
    }
    if (spec.startsWith(QLatin1String("oci-archive:"))) {
        const auto [path, ref] = splitRef(spec.mid(12));
        return OciSource::loadArchive(path, pick(ref));
    }
    if (spec.startsWith(QLatin1String("oci:"))) {
        const auto [path, ref] = splitRef(spec.mid(4));
        return OciSource::loadLayout(path, pick(ref));
    }
    const QFileInfo fi(spec);
    if (!fi.exists())
        return SourceResult::fail(QStringLiteral("%1 does not exist").arg(spec));
    if (fi.isDir())
        return OciSource::loadLayout(spec, image);
    // A tar either way: its index says which kind.
    TarIndex tar;
    if (!tar.build(spec))
        return SourceResult::fail(tar.error());
    if (tar.file(QStringLiteral("manifest.json")))
        return DockerArchiveSource::load(spec, image);
    if (tar.file(QStringLiteral("index.json")))
        return OciSource::loadArchive(spec, image);
    return SourceResult::fail(
        QStringLiteral("%1 is not an image archive (a tar with neither manifest.json nor index.json)")
            .arg(spec));
}

} // namespace aws::registry
