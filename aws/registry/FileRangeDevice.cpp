#include "FileRangeDevice.h"

namespace aws::registry {

FileRangeDevice::FileRangeDevice(const QString &path, qint64 offset, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_file(path)
    , m_offset(offset)
    , m_length(length)
{}

bool FileRangeDevice::open(OpenMode mode)
{
    if (mode & WriteOnly) {
        setErrorString(QStringLiteral("read-only device"));
        return false;
    }
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    if (m_file.size() < m_offset + m_length) {
        setErrorString(QStringLiteral("%1 is shorter than expected (truncated)").arg(m_file.fileName()));
        m_file.close();
        return false;
    }
    // Unbuffered: QFile buffers already, a second buffer would only copy.
    return QIODevice::open(mode | QIODevice::Unbuffered) && m_file.seek(m_offset);
}

void FileRangeDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileRangeDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_length)
        return false;
    QIODevice::seek(pos);
    return m_file.seek(m_offset + pos);
}

qint64 FileRangeDevice::readData(char *data, qint64 maxSize)
{
    const qint64 left = m_length - pos();
    if (left <= 0)
        return -1;
    const qint64 n = m_file.read(data, qMin(left, maxSize));
    if (n == 0)
        return -1; // the file shrank under us
    return n;
}

} // namespace aws::registry
