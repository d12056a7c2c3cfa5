#include "Redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace aws::redaction {

namespace {

bool isSecretHeader(const QByteArray &name)
{
    static const QByteArray names[] = {"authorization",  "x-amz-security-token", "proxy-authorization",
                                       "cookie",         "set-cookie",           "x-amz-credential",
                                       "x-amz-signature"};
    const QByteArray lower = name.toLower();
    for (const auto &n : names)
        if (lower == n)
            return true;
    return false;
}

QJsonValue maskValue(const QJsonValue &v, const Shape *shape)
{
    if (!shape)
        return v;
    if (shape->sensitive)
        return QJsonValue(QString::fromLatin1(kMask));
    switch (shape->type) {
    case ShapeType::Structure:
        return params(v.toObject(), shape);
    case ShapeType::List: {
        QJsonArray out;
        for (const auto &e : v.toArray())
            out.append(maskValue(e, shape->member.shape));
        return out;
    }
    case ShapeType::Map: {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), maskValue(it.value(), shape->value.shape));
        return out;
    }
    default:
        return v;
    }
}

// Bodies that carry a secret whatever the model says: ECR tokens, STS keys.
const QRegularExpression &secretJsonKeys()
{
    static const QRegularExpression re(QStringLiteral(
        R"re("(authorizationToken|SecretAccessKey|secretAccessKey|SessionToken|sessionToken|password|Password|MasterUserPassword)"\s*:\s*"[^"]*")re"));
    return re;
}

QString redactBody(const QByteArray &body)
{
    QString text = QString::fromUtf8(body);
    text.replace(secretJsonKeys(), QStringLiteral("\"\\1\":\"****\""));
    static const QRegularExpression xml(
        QStringLiteral(R"re(<(SecretAccessKey|SessionToken|MasterUserPassword|Password)>[^<]*</\1>)re"));
    text.replace(xml, QStringLiteral("<\\1>****</\\1>"));
    static const QRegularExpression form(
        QStringLiteral(R"re((^|&)(MasterUserPassword|Password|SecretAccessKey)=[^&]*)re"));
    text.replace(form, QStringLiteral("\\1\\2=****"));
    return text;
}

} // namespace

HttpHeaders headers(const HttpHeaders &in)
{
    HttpHeaders out;
    out.reserve(in.size());
    for (const auto &h : in)
        out.append({h.first, isSecretHeader(h.first) ? QByteArray(kMask) : h.second});
    return out;
}

QByteArray pathAndQuery(const QByteArray &in)
{
    static const QRegularExpression re(
        QStringLiteral("(X-Amz-(?:Credential|Signature|Security-Token)=)[^&]*"),
        QRegularExpression::CaseInsensitiveOption);
    QString s = QString::fromLatin1(in);
    s.replace(re, QStringLiteral("\\1****"));
    return s.toLatin1();
}

QJsonObject params(const QJsonObject &in, const Shape *shape)
{
    if (!shape)
        return in;
    QJsonObject out;
    for (auto it = in.begin(); it != in.end(); ++it) {
        const ShapeRef *m = shape->memberNamed(it.key());
        out.insert(it.key(), m ? maskValue(it.value(), m->shape) : it.value());
    }
    return out;
}

QString request(const HttpRequest &r)
{
    QString s = QStringLiteral("%1 %2 (host %3)\n")
                    .arg(QString::fromLatin1(r.method), QString::fromLatin1(pathAndQuery(r.path)),
                         QString::fromLatin1(r.host));
    for (const auto &h : headers(r.headers))
        s += QStringLiteral("  %1: %2\n").arg(QString::fromLatin1(h.first), QString::fromLatin1(h.second));
    if (!r.body.isEmpty())
        s += QStringLiteral("  body: ") + redactBody(r.body) + u'\n';
    return s;
}

QString response(const HttpResponse &r)
{
    QString s = QStringLiteral("HTTP %1\n").arg(r.status);
    for (const auto &h : headers(r.headers))
        s += QStringLiteral("  %1: %2\n").arg(QString::fromLatin1(h.first), QString::fromLatin1(h.second));
    if (!r.body.isEmpty())
        s += QStringLiteral("  body: ") + redactBody(r.body.left(64 * 1024)) + u'\n';
    return s;
}

QString scrub(QString text, const QString &secret)
{
    if (!secret.isEmpty())
        text.replace(secret, QString::fromLatin1(kMask));
    return text;
}

} // namespace aws::redaction
