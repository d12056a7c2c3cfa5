#include "Conformance.h"

#include <QDir>
#include <QFile>

namespace testsupport {

QString conformanceDir()
{
    QString dir = qEnvironmentVariable("AWS_CONFORMANCE_DIR");
    if (dir.isEmpty())
        dir = qEnvironmentVariable("AWS_CONFORMANCE_DIR_DEFAULT");
    if (dir.isEmpty())
        dir = QStringLiteral("../shared/aws-conformance");
    return QDir::cleanPath(QDir(dir).absolutePath());
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QJsonDocument readConformanceJson(const QString &relativePath)
{
    return QJsonDocument::fromJson(readFile(conformanceDir() + u'/' + relativePath));
}

} // namespace testsupport
