#include "ImageRules.h"

#include <QRegularExpression>

namespace aws::registry {

QString checkTag(const QString &tag)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$"));
    if (tag.isEmpty())
        return QStringLiteral("the tag is empty");
    if (!re.match(tag).hasMatch())
        return QStringLiteral(
                   "'%1' is not a valid tag: 1–128 characters of letters, digits, '_', '.' and '-', "
                   "not starting with '.' or '-'")
            .arg(tag);
    return {};
}

QString checkRepositoryName(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$"));
    if (name.size() < 2 || name.size() > 256)
        return QStringLiteral("a repository name has 2–256 characters ('%1' has %2)")
            .arg(name)
            .arg(name.size());
    if (!re.match(name).hasMatch())
        return QStringLiteral(
                   "'%1' is not a valid repository name: lowercase letters and digits, separated by "
                   "'.', '_', '-' or '/'")
            .arg(name);
    return {};
}

QString architectureWarning(const QString &arch, const QString &os)
{
    if (!os.isEmpty() && os != QLatin1String("linux"))
        return QStringLiteral("the image is for %1/%2: Fargate runs linux images only").arg(os, arch);
    if (arch != QLatin1String("amd64") && arch != QLatin1String("arm64"))
        return QStringLiteral(
                   "the image is for the %1 architecture: Fargate runs amd64 (X86_64) or arm64 (ARM64)")
            .arg(arch.isEmpty() ? QStringLiteral("(unknown)") : arch);
    return {};
}

} // namespace aws::registry
