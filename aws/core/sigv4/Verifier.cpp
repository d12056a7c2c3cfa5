// Server side (the sandbox): parse the Authorization header or a presigned
// query and recompute the signature with the same canonical builder the
// client uses. Error messages never quote signatures or keys.

#include "CanonicalBuilder.h"
#include "SigV4.h"
#include "UriEncoding.h"

#include "Digest.h"

namespace aws::sigv4 {

using namespace detail;

namespace {

constexpr QByteArrayView kAlgorithm = "AWS4-HMAC-SHA256";
constexpr int kMaxPresignExpires = 604800; // 7 days, the AWS limit

QByteArray queryParam(const HttpRequest &req, QByteArrayView name, bool *found = nullptr)
{
    const QByteArray query = req.query();
    for (const QByteArray &piece : query.split('&')) {
        const qsizetype eq = piece.indexOf('=');
        if (percentDecode(eq < 0 ? QByteArrayView(piece) : QByteArrayView(piece).first(eq)) == name) {
            if (found)
                *found = true;
            return eq < 0 ? QByteArray() : percentDecode(QByteArrayView(piece).sliced(eq + 1));
        }
    }
    if (found)
        *found = false;
    return {};
}

bool hasAnyAuth(const HttpRequest &req)
{
    bool sig = false, cred = false;
    queryParam(req, "X-Amz-Signature", &sig);
    queryParam(req, "X-Amz-Credential", &cred);
    return hasHeader(req.headers, "Authorization") || sig || cred;
}

bool isLowerHex64(QByteArrayView s)
{
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

// "AKID/20150830/us-east-1/service/aws4_request"
bool parseCredential(const QByteArray &cred, ParsedAuthorization &a, QString *error)
{
    const QList<QByteArray> parts = cred.split('/');
    if (parts.size() != 5 || parts[4] != "aws4_request" || parts[0].isEmpty() || parts[1].size() != 8 ||
        parts[2].isEmpty() || parts[3].isEmpty()) {
        *error = QStringLiteral("Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/"
                                "aws4_request");
        return false;
    }
    a.accessKeyId = QString::fromUtf8(parts[0]);
    a.date = QString::fromLatin1(parts[1]);
    a.region = QString::fromUtf8(parts[2]);
    a.service = QString::fromUtf8(parts[3]);
    return true;
}

bool setSignedHeaders(const QByteArray &list, ParsedAuthorization &a, QString *error)
{
    for (const QByteArray &h : list.split(';'))
        if (!h.isEmpty())
            a.signedHeaders.append(h.toLower());
    if (a.signedHeaders.isEmpty()) {
        *error = QStringLiteral("SignedHeaders must not be empty");
        return false;
    }
    return true;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

std::optional<ParsedAuthorization> parseAuthorization(const HttpRequest &req, QString *error)
{
    QString localError;
    QString *err = error ? error : &localError;
    ParsedAuthorization a;

    const QByteArray header = headerValue(req.headers, "Authorization").trimmed();
    bool presigned = false;
    const QByteArray algorithm = queryParam(req, "X-Amz-Algorithm", &presigned);
    if (header.isEmpty() && !presigned) {
        *err = QStringLiteral("Missing Authentication Token");
        return std::nullopt;
    }

    if (!header.isEmpty()) {
        if (!header.startsWith(kAlgorithm.toByteArray() + ' ')) {
            *err = QStringLiteral("Unsupported authorization type (only AWS4-HMAC-SHA256 is accepted)");
            return std::nullopt;
        }
        QByteArray cred, signedHeaders, sig;
        for (const QByteArray &field : header.mid(kAlgorithm.size() + 1).split(',')) {
            const QByteArray f = field.trimmed();
            const qsizetype eq = f.indexOf('=');
            if (eq < 0)
                continue;
            const QByteArray k = f.left(eq), v = f.mid(eq + 1);
            if (k == "Credential")
                cred = v;
            else if (k == "SignedHeaders")
                signedHeaders = v;
            else if (k == "Signature")
                sig = v;
        }
        if (cred.isEmpty() || signedHeaders.isEmpty() || sig.isEmpty()) {
            *err =
                QStringLiteral("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'");
            return std::nullopt;
        }
        if (!parseCredential(cred, a, err) || !setSignedHeaders(signedHeaders, a, err))
            return std::nullopt;
        a.signature = sig;
        const QByteArray amzDate = headerValue(req.headers, "X-Amz-Date").trimmed();
        if (!amzDate.isEmpty()) {
            a.requestTime = parseAmzDate(amzDate);
        } else {
            const QByteArray date = headerValue(req.headers, "Date").trimmed();
            a.requestTime = QDateTime::fromString(QString::fromLatin1(date), Qt::RFC2822Date).toUTC();
        }
    } else {
        a.presigned = true;
        if (algorithm != kAlgorithm) {
            *err = QStringLiteral("X-Amz-Algorithm must be AWS4-HMAC-SHA256");
            return std::nullopt;
        }
        const QByteArray cred = queryParam(req, "X-Amz-Credential");
        const QByteArray signedHeaders = queryParam(req, "X-Amz-SignedHeaders");
        const QByteArray sig = queryParam(req, "X-Amz-Signature");
        if (cred.isEmpty() || signedHeaders.isEmpty() || sig.isEmpty()) {
            *err = QStringLiteral("A presigned URL requires X-Amz-Credential, X-Amz-SignedHeaders and "
                                  "X-Amz-Signature");
            return std::nullopt;
        }
        if (!parseCredential(cred, a, err) || !setSignedHeaders(signedHeaders, a, err))
            return std::nullopt;
        a.signature = sig;
        a.requestTime = parseAmzDate(queryParam(req, "X-Amz-Date"));
        bool ok = false;
        const int expires = queryParam(req, "X-Amz-Expires").toInt(&ok);
        if (!ok || expires < 1 || expires > kMaxPresignExpires) {
            *err = QStringLiteral("X-Amz-Expires must be a number of seconds between 1 and 604800");
            return std::nullopt;
        }
    }

    if (!isLowerHex64(a.signature)) {
        *err = QStringLiteral("The signature must be 64 lowercase hexadecimal digits");
        return std::nullopt;
    }
    if (!a.requestTime.isValid()) {
        *err = QStringLiteral("The request has no valid X-Amz-Date (yyyyMMddTHHmmssZ)");
        return std::nullopt;
    }
    if (a.requestTime.toString(QStringLiteral("yyyyMMdd")) != a.date) {
        *err = QStringLiteral("The date of the credential scope does not match X-Amz-Date");
        return std::nullopt;
    }
    return a;
}

VerifyStatus verify(const HttpRequest &req, const QString &secretAccessKey, const ParsedAuthorization &auth,
                    const QDateTime &now, int maxSkewSeconds)
{
    if (!hasAnyAuth(req))
        return VerifyStatus::Missing;
    if (auth.accessKeyId.isEmpty() || auth.date.isEmpty() || auth.region.isEmpty() ||
        auth.service.isEmpty() || auth.signature.isEmpty() || !auth.requestTime.isValid() ||
        !auth.signedHeaders.contains(QByteArrayLiteral("host")))
        return VerifyStatus::Malformed;

    if (auth.presigned) {
        bool ok = false;
        const qint64 expires = queryParam(req, "X-Amz-Expires").toLongLong(&ok);
        if (!ok)
            return VerifyStatus::Malformed;
        if (now.isValid() && now > auth.requestTime.addSecs(expires))
            return VerifyStatus::RequestExpired;
    } else if (maxSkewSeconds >= 0 && now.isValid() &&
               qAbs(now.secsTo(auth.requestTime)) > qint64(maxSkewSeconds)) {
        return VerifyStatus::RequestExpired;
    }

    // The payload hash header is trusted by the canonical request, so check it against the body.
    const QByteArray contentSha = headerValue(req.headers, "X-Amz-Content-Sha256").trimmed();
    if (isLowerHex64(contentSha) && contentSha != sha256Hex(req.body))
        return VerifyStatus::SignatureMismatch;

    CanonicalOptions opt;
    opt.onlyHeaders = &auth.signedHeaders;
    opt.dropSignatureParam = auth.presigned;
    CanonicalResult res;
    buildCanonicalRequest(req, opt, res);

    const AmzTime t = amzTime(auth.requestTime);
    QByteArray sts;
    sts.append(kAlgorithm);
    sts.append('\n');
    sts.append(t.dateTime());
    sts.append('\n');
    sts.append(auth.date.toUtf8() + '/' + auth.region.toUtf8() + '/' + auth.service.toUtf8() +
               "/aws4_request");
    sts.append('\n');
    sts.append(sha256(res.textView()).toHex());

    const QByteArray key = signingKey(secretAccessKey, auth.date, auth.region, auth.service);
    const QByteArray expected = hmacSha256(key, sts).toHex();
    return constantTimeEquals(expected, auth.signature) ? VerifyStatus::Ok : VerifyStatus::SignatureMismatch;
}

} // namespace aws::sigv4
