#pragma once
// A read-only QIODevice over one byte range of a file: a layer inside a tar
// read in place, so nothing is extracted and memory stays flat. Random
// access, so QNetworkAccessManager can rewind it on a resend.

#include <QFile>
#include <QIODevice>

namespace aws::registry {

class FileRangeDevice : public QIODevice {
public:
    FileRangeDevice(const QString &path, qint64 offset, qint64 length, QObject *parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
};

} // namespace aws::registry
