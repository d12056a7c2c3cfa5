#pragma once
// An index of a tar file built by reading its headers only (seeking over
// the data), so a multi-gigabyte `docker save` archive is indexed in
// milliseconds and any entry can then be read in place. Knows ustar, GNU
// long names and pax `path`/`linkpath`/`size` records, and follows
// symbolic and hard links (skopeo writes `<id>/layer.tar -> ../<diffid>.tar`).

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace aws::registry {

struct TarEntry {
    QString name;      ///< normalized: no leading "./" or "/"
    qint64 offset = 0; ///< of the data in the file
    qint64 size = 0;
    char type = '0';    ///< '0' file, '2' symlink, '1' hard link, '5' directory, …
    QString linkTarget; ///< for links, as written in the archive
};

class TarIndex {
public:
    /// Reads the headers of `path`. On failure `error()` says why in words a
    /// user understands ("not a tar archive", "truncated …").
    bool build(const QString &path);

    const QString &error() const { return m_error; }
    const QString &path() const { return m_path; }
    const QList<TarEntry> &entries() const { return m_entries; }
    /// The regular file `name` refers to, following links; nullopt if none.
    std::optional<TarEntry> file(const QString &name) const;
    /// Reads a (small) file entry whole: manifests and configs only.
    std::optional<QByteArray> readSmall(const TarEntry &entry, qint64 limit = 16 * 1024 * 1024) const;

    static QString normalize(const QString &name);

private:
    QString m_path;
    QString m_error;
    QList<TarEntry> m_entries;
    QHash<QString, qsizetype> m_byName;
};

} // namespace aws::registry
