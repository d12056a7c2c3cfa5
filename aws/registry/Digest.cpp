#include "Digest.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace aws::registry {

QString sha256Digest(QByteArrayView data)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool isSha256Digest(const QString &digest)
{
    static const QRegularExpression re(QStringLiteral("^sha256:[0-9a-f]{64}$"));
    return re.match(digest).hasMatch();
}

QString digestHex(const QString &digest)
{
    const qsizetype colon = digest.indexOf(u':');
    return colon < 0 ? digest : digest.mid(colon + 1);
}

} // namespace aws::registry
