// Client side: string to sign, signature, Authorization header and presigned
// URLs. Everything derives from SigningParams; the clock is never read here.

#include "CanonicalBuilder.h"
#include "SigV4.h"
#include "UriEncoding.h"

#include "Digest.h"

namespace aws::sigv4 {

using namespace detail;

namespace {

constexpr QByteArrayView kAlgorithm = "AWS4-HMAC-SHA256";
constexpr int kDefaultExpiresSeconds = 3600;

// Appends UTF-8 without a temporary array when the text is ASCII (regions,
// services and key ids always are).
void appendUtf8(QByteArray &out, const QString &s)
{
    const qsizetype at = out.size();
    out.resize(at + s.size());
    char *p = out.data() + at;
    for (const QChar c : s) {
        if (c.unicode() >= 0x80) {
            out.truncate(at);
            out.append(s.toUtf8());
            return;
        }
        *p++ = char(c.unicode());
    }
}

// "20150830/us-east-1/service/aws4_request"
QByteArray credentialScope(QByteArrayView date, const QString &region, const QString &service)
{
    QByteArray s;
    s.reserve(date.size() + region.size() + service.size() + 16);
    s.append(date);
    s.append('/');
    appendUtf8(s, region);
    s.append('/');
    appendUtf8(s, service);
    s.append("/aws4_request");
    return s;
}

QByteArray buildStringToSign(QByteArrayView amzDate, const QByteArray &scope, const QByteArray &creq)
{
    QByteArray s;
    s.reserve(kAlgorithm.size() + amzDate.size() + scope.size() + 64 + 3);
    s.append(kAlgorithm);
    s.append('\n');
    s.append(amzDate);
    s.append('\n');
    s.append(scope);
    s.append('\n');
    appendSha256Hex(s, creq);
    return s;
}

QByteArray hmacHex(const QByteArray &key, const QByteArray &data)
{
    QByteArray out;
    out.reserve(64);
    appendHmacSha256Hex(out, key, data);
    return out;
}

// Everything one signing needs, computed once per call.
struct Prepared {
    AmzTime time;
    QByteArray scope;
    QByteArray token;    // UTF-8 session token, empty when none
    QByteArray bodyHash; // only when signBody (header mode)
};

Prepared prepare(const HttpRequest &req, const SigningParams &p, bool presign)
{
    Prepared pr{amzTime(p.time), {}, p.credentials.sessionToken.toUtf8(), {}};
    pr.scope = credentialScope(pr.time.date(), p.region, p.service);
    if (p.signBody && !presign)
        pr.bodyHash = sha256Hex(req.body);
    return pr;
}

// The options for Authorization-header signing: X-Amz-Date, the token unless
// it is omitted (then it must not be signed even if already present), the
// body hash when signBody.
CanonicalOptions headerOptions(const SigningParams &p, const Prepared &pr)
{
    CanonicalOptions o;
    o.normalizePath = p.normalizePath;
    o.doubleEncodePath = p.doubleEncodePath;
    o.extraHeaders.append({"x-amz-date", pr.time.dateTime()});
    if (!pr.token.isEmpty() && !p.omitSessionToken)
        o.extraHeaders.append({"x-amz-security-token", pr.token});
    else
        o.excludedHeader = "x-amz-security-token";
    if (!pr.bodyHash.isEmpty())
        o.extraHeaders.append({"x-amz-content-sha256", pr.bodyHash});
    return o;
}

int expiresOf(const SigningParams &p)
{
    return p.expiresSeconds > 0 ? p.expiresSeconds : kDefaultExpiresSeconds;
}

CanonicalOptions presignOptions(const SigningParams &p, const Prepared &pr)
{
    CanonicalOptions o;
    o.normalizePath = p.normalizePath;
    o.doubleEncodePath = p.doubleEncodePath;
    o.dropAuthQueryParams = true;
    o.addSignedHeadersParam = true;
    o.extraQuery.append({"X-Amz-Algorithm", kAlgorithm.toByteArray()});
    o.extraQuery.append({"X-Amz-Credential", uriEncode(p.credentials.accessKeyId.toUtf8() + '/' + pr.scope)});
    o.extraQuery.append({"X-Amz-Date", pr.time.dateTime().toByteArray()});
    o.extraQuery.append({"X-Amz-Expires", QByteArray::number(expiresOf(p))});
    if (!pr.token.isEmpty() && !p.omitSessionToken)
        o.extraQuery.append({"X-Amz-Security-Token", uriEncode(pr.token)});
    return o;
}

QByteArray signWith(const Prepared &pr, const SigningParams &p, const QByteArray &creq)
{
    const QByteArray sts = buildStringToSign(pr.time.dateTime(), pr.scope, creq);
    const QByteArray key =
        signingKey(p.credentials.secretAccessKey, QString::fromLatin1(pr.time.date()), p.region, p.service);
    return hmacHex(key, sts);
}

void ensureHost(HttpRequest &req)
{
    if (!req.host.isEmpty() && !hasHeader(req.headers, "Host"))
        req.headers.append({QByteArrayLiteral("Host"), req.host});
}

} // namespace

QByteArray canonicalRequest(const HttpRequest &req, const SigningParams &p, bool presign)
{
    const Prepared pr = prepare(req, p, presign);
    CanonicalResult res;
    buildCanonicalRequest(req, presign ? presignOptions(p, pr) : headerOptions(p, pr), res);
    return res.text;
}

QByteArray stringToSign(const QByteArray &canonicalRequest, const SigningParams &p)
{
    const AmzTime t = amzTime(p.time);
    return buildStringToSign(t.dateTime(), credentialScope(t.date(), p.region, p.service), canonicalRequest);
}

QByteArray signature(const QByteArray &stringToSign, const SigningParams &p)
{
    const AmzTime t = amzTime(p.time);
    const QByteArray key =
        signingKey(p.credentials.secretAccessKey, QString::fromLatin1(t.date()), p.region, p.service);
    return hmacHex(key, stringToSign);
}

void signRequest(HttpRequest &req, const SigningParams &p)
{
    // Room for Host, X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256
    // and Authorization at once, rather than growing the list per header.
    req.headers.reserve(req.headers.size() + 5);
    const Prepared pr = prepare(req, p, false);
    removeHeader(req.headers, "Authorization");
    ensureHost(req);

    CanonicalResult res;
    buildCanonicalRequest(req, headerOptions(p, pr), res);
    const QByteArray sig = signWith(pr, p, res.text);

    setHeader(req.headers, "X-Amz-Date", pr.time.dateTime().toByteArray());
    if (pr.token.isEmpty())
        removeHeader(req.headers, "X-Amz-Security-Token");
    else
        setHeader(req.headers, "X-Amz-Security-Token", pr.token); // signed, or added after when omitted
    if (!pr.bodyHash.isEmpty())
        setHeader(req.headers, "X-Amz-Content-Sha256", pr.bodyHash);

    QByteArray auth;
    auth.reserve(200 + res.signedHeaders.size());
    auth.append(kAlgorithm);
    auth.append(" Credential=");
    appendUtf8(auth, p.credentials.accessKeyId);
    auth.append('/');
    auth.append(pr.scope);
    auth.append(", SignedHeaders=");
    auth.append(res.signedHeaders);
    auth.append(", Signature=");
    auth.append(sig);
    req.headers.append({QByteArrayLiteral("Authorization"), auth});
}

void presignRequest(HttpRequest &req, const SigningParams &p)
{
    const Prepared pr = prepare(req, p, true);
    ensureHost(req);

    const CanonicalOptions opt = presignOptions(p, pr);
    CanonicalResult res;
    buildCanonicalRequest(req, opt, res);
    const QByteArray sig = signWith(pr, p, res.text);

    // Keep the caller's own parameters as they were written; drop earlier auth ones.
    const qsizetype q = req.path.indexOf('?');
    QByteArray path = q < 0 ? req.path : req.path.left(q);
    QByteArray query;
    if (q >= 0) {
        const QList<QByteArray> pieces = req.path.mid(q + 1).split('&');
        for (const QByteArray &piece : pieces) {
            if (piece.isEmpty())
                continue;
            const qsizetype eq = piece.indexOf('=');
            if (isAuthQueryParam(percentDecode(eq < 0 ? piece : piece.left(eq))))
                continue;
            query.append(piece);
            query.append('&');
        }
    }
    // The order the SDKs (and the aws-c-auth expectations) write them in.
    auto add = [&](QByteArrayView k, QByteArrayView v) {
        query.append(k);
        query.append('=');
        query.append(v);
        query.append('&');
    };
    add("X-Amz-Algorithm", kAlgorithm);
    add("X-Amz-Credential", opt.extraQuery[1].second);
    add("X-Amz-Date", pr.time.dateTime());
    add("X-Amz-SignedHeaders", uriEncode(res.signedHeaders));
    add("X-Amz-Expires", QByteArray::number(expiresOf(p)));
    if (!pr.token.isEmpty())
        add("X-Amz-Security-Token", uriEncode(pr.token));
    add("X-Amz-Signature", sig);
    query.chop(1);
    path.append('?');
    path.append(query);
    req.path = std::move(path);
}

} // namespace aws::sigv4
