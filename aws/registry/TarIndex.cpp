#include "TarIndex.h"

#include <QDir>
#include <QFile>

namespace aws::registry {

namespace {

constexpr qint64 kBlock = 512;

QString cString(const char *p, int max)
{
    int n = 0;
    while (n < max && p[n])
        ++n;
    return QString::fromUtf8(p, n);
}

// Octal numeric field, or GNU base-256 (high bit set) for sizes over 8 GiB.
std::optional<qint64> number(const char *p, int len)
{
    if (static_cast<unsigned char>(p[0]) & 0x80) {
        qint64 v = static_cast<unsigned char>(p[0]) & 0x7f;
        for (int i = 1; i < len; ++i)
            v = (v << 8) | static_cast<unsigned char>(p[i]);
        return v;
    }
    qint64 v = 0;
    bool any = false;
    for (int i = 0; i < len; ++i) {
        const char c = p[i];
        if (c == ' ' && !any)
            continue;
        if (c == 0 || c == ' ')
            break;
        if (c < '0' || c > '7')
            return std::nullopt;
        v = v * 8 + (c - '0');
        any = true;
    }
    return v;
}

bool checksumOk(const char *h)
{
    const auto stored = number(h + 148, 8);
    if (!stored)
        return false;
    qint64 sum = 0;
    for (int i = 0; i < kBlock; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    return sum == *stored;
}

bool allZero(const char *h)
{
    for (int i = 0; i < kBlock; ++i)
        if (h[i])
            return false;
    return true;
}

// pax extended header records: "<len> key=value\n".
QHash<QString, QString> paxRecords(const QByteArray &data)
{
    QHash<QString, QString> out;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype space = data.indexOf(' ', pos);
        if (space < 0)
            break;
        const qsizetype len = data.mid(pos, space - pos).toLongLong();
        if (len <= 0 || pos + len > data.size())
            break;
        const QByteArray rec = data.mid(space + 1, len - (space - pos) - 2);
        const qsizetype eq = rec.indexOf('=');
        if (eq > 0)
            out.insert(QString::fromUtf8(rec.left(eq)), QString::fromUtf8(rec.mid(eq + 1)));
        pos += len;
    }
    return out;
}

} // namespace

QString TarIndex::normalize(const QString &name)
{
    QString n = QDir::cleanPath(name);
    while (n.startsWith(u'/'))
        n.remove(0, 1);
    if (n == u'.')
        n.clear();
    return n;
}

bool TarIndex::build(const QString &path)
{
    m_path = path;
    m_entries.clear();
    m_byName.clear();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot open %1: %2").arg(path, f.errorString());
        return false;
    }
    const qint64 fileSize = f.size();
    char h[kBlock];
    qint64 pos = 0;
    QString longName, longLink;
    QHash<QString, QString> pax;
    bool sawEnd = false;
    while (pos + kBlock <= fileSize) {
        f.seek(pos);
        if (f.read(h, kBlock) != kBlock) {
            m_error = QStringLiteral("%1: read error: %2").arg(path, f.errorString());
            return false;
        }
        if (allZero(h)) {
            sawEnd = true;
            break;
        }
        if (!checksumOk(h)) {
            m_error = m_entries.isEmpty() && longName.isEmpty()
                          ? QStringLiteral("%1 is not an image archive (not a tar file)").arg(path)
                          : QStringLiteral("%1 is damaged: bad tar header at byte %2").arg(path).arg(pos);
            return false;
        }
        const auto size = number(h + 124, 12);
        if (!size || *size < 0) {
            m_error = QStringLiteral("%1 is damaged: bad size at byte %2").arg(path).arg(pos);
            return false;
        }
        qint64 dataSize = *size;
        const char type = h[156] ? h[156] : '0';
        const qint64 dataOffset = pos + kBlock;
        if (pax.contains(QStringLiteral("size")))
            dataSize = pax.value(QStringLiteral("size")).toLongLong();
        const qint64 next = dataOffset + (dataSize + kBlock - 1) / kBlock * kBlock;
        if (dataOffset + dataSize > fileSize) {
            m_error = QStringLiteral("%1 is truncated: entry '%2' needs %3 bytes, the file ends %4 bytes in")
                          .arg(path, cString(h, 100))
                          .arg(dataSize)
                          .arg(fileSize - dataOffset);
            return false;
        }
        auto readData = [&](qint64 limit) -> QByteArray {
            f.seek(dataOffset);
            return f.read(qMin(dataSize, limit));
        };
        if (type == 'L') { // GNU long name for the next entry
            longName = QString::fromUtf8(readData(65536)).section(QChar(0), 0, 0);
        } else if (type == 'K') {
            longLink = QString::fromUtf8(readData(65536)).section(QChar(0), 0, 0);
        } else if (type == 'x') {
            pax = paxRecords(readData(1024 * 1024));
        } else if (type == 'g') {
            // global pax header: nothing we need
        } else {
            TarEntry e;
            QString name = cString(h, 100);
            const bool ustar = qstrncmp(h + 257, "ustar", 5) == 0;
            if (ustar && h[345])
                name = cString(h + 345, 155) + u'/' + name;
            if (!longName.isEmpty())
                name = longName;
            if (pax.contains(QStringLiteral("path")))
                name = pax.value(QStringLiteral("path"));
            e.name = normalize(name);
            e.linkTarget = !longLink.isEmpty() ? longLink : cString(h + 157, 100);
            if (pax.contains(QStringLiteral("linkpath")))
                e.linkTarget = pax.value(QStringLiteral("linkpath"));
            e.type = type;
            e.offset = dataOffset;
            e.size = (type == '0' || type == '7') ? dataSize : 0;
            m_byName.insert(e.name, m_entries.size()); // a later entry replaces an earlier one, as tar does
            m_entries.append(e);
            longName.clear();
            longLink.clear();
            pax.clear();
        }
        pos = next;
    }
    if (!sawEnd && m_entries.isEmpty()) {
        m_error = QStringLiteral("%1 is not an image archive (empty or not a tar file)").arg(path);
        return false;
    }
    if (!sawEnd && pos != fileSize) {
        m_error = QStringLiteral("%1 is truncated (it ends inside a tar header)").arg(path);
        return false;
    }
    // A tar that stops at an entry boundary without its end blocks is what a
    // copy cut short looks like too.
    if (!sawEnd) {
        m_error = QStringLiteral("%1 is truncated (no end-of-archive marker)").arg(path);
        return false;
    }
    return true;
}

std::optional<TarEntry> TarIndex::file(const QString &name) const
{
    QString n = normalize(name);
    for (int hops = 0; hops < 16; ++hops) {
        const auto it = m_byName.constFind(n);
        if (it == m_byName.constEnd())
            return std::nullopt;
        const TarEntry &e = m_entries.at(*it);
        if (e.type == '0' || e.type == '7')
            return e;
        if (e.type == '2') { // symlink: relative to the link's directory
            const QString dir = e.name.contains(u'/') ? e.name.section(u'/', 0, -2) : QString();
            n = normalize(e.linkTarget.startsWith(u'/')
                              ? e.linkTarget
                              : (dir.isEmpty() ? e.linkTarget : dir + u'/' + e.linkTarget));
        } else if (e.type == '1') { // hard link: relative to the archive root
            n = normalize(e.linkTarget);
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt; // link loop
}

std::optional<QByteArray> TarIndex::readSmall(const TarEntry &entry, qint64 limit) const
{
    if (entry.size > limit)
        return std::nullopt;
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(entry.offset))
        return std::nullopt;
    QByteArray data = f.read(entry.size);
    if (data.size() != entry.size)
        return std::nullopt;
    return data;
}

} // namespace aws::registry
