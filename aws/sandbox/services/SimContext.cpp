#include "SimContext.h"

#include "JsonView.h"

#include <QCryptographicHash>
#include <QSet>

namespace aws::sandbox {

QJsonObject publicView(const QJsonObject &record)
{
    // Most records (network interfaces, subnets…) keep nothing private: they
    // are handed back shared, not copied. The keys are checked in place: a
    // QString per key, and the copy, were most of a DescribeNetworkInterfaces.
    const view::Container keys = view::Container::of(record);
    bool anyPrivate = false;
    for (qsizetype k = 0; k < keys.size() && !anyPrivate; k += 2) {
        const view::Text key = keys.text(k);
        anyPrivate = key.size > 0 && (key.isUtf16() ? key.utf16[0] == u'_' : key.bytes[0] == '_');
    }
    if (!anyPrivate)
        return record;
    QJsonObject out = record;
    for (auto it = out.begin(); it != out.end();) {
        if (it.key().startsWith(u'_'))
            it = out.erase(it);
        else
            ++it;
    }
    return out;
}

QString SimContext::hexId(int length)
{
    QString out;
    while (out.size() < length) {
        const QByteArray seed = options.accountId.toLatin1() + '/' + QByteArray::number(state.nextId++);
        out += QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
    }
    return out.left(length);
}

QString SimContext::arn(const QString &service, const QString &resource, bool regional) const
{
    return QStringLiteral("arn:aws:%1:%2:%3:%4")
        .arg(service, regional ? options.region : QString(), options.accountId, resource);
}

QString SimContext::newPublicIp()
{
    if (!state.usedPublicIpsKnown) {
        for (const QJsonObject &eni : std::as_const(state.networkInterfaces))
            state.usedPublicIps.insert(eni.value(u"Association").toObject().value(u"PublicIp").toString());
        state.usedPublicIpsKnown = true;
    }
    // 127.16.0.0 – 127.255.255.254: all loopback on Linux, so "open my app"
    // reaches the sandbox's task page and nothing leaves the machine.
    for (quint64 n = state.nextId;; ++n) {
        const quint32 v = quint32((n + state.ipSalt) * 2654435761u) % (240u * 65536u);
        const QString ip =
            QStringLiteral("127.%1.%2.%3").arg(16 + v / 65536).arg((v / 256) % 256).arg(1 + (v % 254));
        if (!state.usedPublicIps.contains(ip)) {
            ++state.nextId;
            state.usedPublicIps.insert(ip);
            return ip;
        }
    }
}

QString SimContext::newPrivateIp(const QString &subnetCidr)
{
    // 172.31.<third>.<n>: the subnet's third octet and a counter.
    const QStringList octets = subnetCidr.section(u'/', 0, 0).split(u'.');
    const quint64 n = state.nextId++;
    return QStringLiteral("%1.%2.%3.%4")
        .arg(octets.value(0, QStringLiteral("172")), octets.value(1, QStringLiteral("31")))
        .arg(octets.value(2, QStringLiteral("0")).toInt() + int((n / 250) % 16))
        .arg(4 + n % 250);
}

AwsError clientError(const QString &code, const QString &message, int status)
{
    AwsError e;
    e.kind = ErrorKind::Service;
    e.code = code;
    e.message = message;
    e.httpStatus = status;
    e.type = QStringLiteral("Sender");
    return e;
}

AwsError serverError(const QString &code, const QString &message, int status)
{
    AwsError e = clientError(code, message, status);
    e.type = QStringLiteral("Receiver");
    return e;
}

std::variant<Page, AwsError> paginate(const QJsonArray &items, int maxResults, const QString &token,
                                      int defaultSize, const AwsError &badTokenError)
{
    qsizetype start = 0;
    if (!token.isEmpty()) {
        // Opaque to callers, but self-checking: "p1:<offset>" in base64.
        const QByteArray raw =
            QByteArray::fromBase64(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        bool ok = raw.startsWith("p1:");
        start = ok ? raw.mid(3).toLongLong(&ok) : 0;
        if (!ok || start < 0 || start > items.size())
            return badTokenError;
    }
    const qsizetype size = maxResults > 0 ? maxResults : (defaultSize > 0 ? defaultSize : items.size());
    Page page;
    for (qsizetype i = start; i < items.size() && i < start + size; ++i)
        page.items.append(items.at(i));
    if (start + size < items.size())
        page.nextToken = QString::fromLatin1(("p1:" + QByteArray::number(start + size)).toBase64());
    return page;
}

QJsonArray mergeTags(const QJsonArray &existing, const QJsonArray &added, const QString &keyName,
                     const QString &valueName)
{
    QJsonArray out = existing;
    for (const QJsonValue &v : added) {
        const QString key = v.toObject().value(keyName).toString();
        bool replaced = false;
        for (qsizetype i = 0; i < out.size(); ++i) {
            if (out.at(i).toObject().value(keyName).toString() == key) {
                out[i] = QJsonObject{{keyName, key}, {valueName, v.toObject().value(valueName)}};
                replaced = true;
            }
        }
        if (!replaced)
            out.append(QJsonObject{{keyName, key}, {valueName, v.toObject().value(valueName)}});
    }
    return out;
}

std::optional<AwsError> checkTagKeys(const QJsonArray &tags, const QString &keyName, const QString &code)
{
    for (const QJsonValue &v : tags) {
        if (v.toObject().value(keyName).toString().toLower().startsWith(u"aws:"))
            return clientError(code,
                               QStringLiteral("Tag keys beginning with 'aws:' are reserved for AWS use."));
    }
    return std::nullopt;
}

} // namespace aws::sandbox
