// Client side: string to sign, signature, Authorization header and presigned
// URLs. Everything derives from SigningParams; the clock is never read here.

#include "CanonicalBuilder.h"
#include "SigV4.h"
#include "UriEncoding.h"

#include "Digest.h"
#include "SigningKeyCache.h"

#include <algorithm>

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

// "AWS4-HMAC-SHA256\n<X-Amz-Date>\n<scope>\n<hex SHA-256 of the canonical
// request>", on the stack: signing only MACs it.
using StringToSign = QVarLengthArray<char, 256>;

StringToSign buildStringToSign(QByteArrayView amzDate, QByteArrayView scope, QByteArrayView creq)
{
    StringToSign s;
    const auto add = [&s](QByteArrayView v) { s.append(v.data(), v.size()); };
    add(kAlgorithm);
    s.append('\n');
    add(amzDate);
    s.append('\n');
    add(scope);
    s.append('\n');
    const qsizetype at = s.size();
    s.resize(at + kSha256HexSize);
    sha256HexTo(creq, s.data() + at);
    return s;
}

QByteArrayView view(const StringToSign &s)
{
    return {s.constData(), s.size()};
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

// The signing key for the request's date; the date is handed to the key
// cache as UTF-16 on the stack rather than in a QString of its own.
QByteArray signingKeyFor(const AmzTime &time, const SigningParams &p)
{
    char16_t date[8];
    std::copy_n(time.date().data(), 8, date);
    return cachedSigningKey(p.credentials.secretAccessKey, QStringView(date, 8), p.region, p.service);
}

/// Appends the hex signature of the canonical request `creq` to `out`.
void appendSignature(QByteArray &out, const Prepared &pr, const SigningParams &p, QByteArrayView creq)
{
    const StringToSign sts = buildStringToSign(pr.time.dateTime(), pr.scope, creq);
    appendHmacSha256Hex(out, signingKeyFor(pr.time, p), view(sts));
}

void ensureHost(HttpRequest &req)
{
    if (!req.host.isEmpty() && !hasHeader(req.headers, QByteArrayLiteral("Host")))
        req.headers.append({QByteArrayLiteral("Host"), req.host});
}

} // namespace

QByteArray canonicalRequest(const HttpRequest &req, const SigningParams &p, bool presign)
{
    const Prepared pr = prepare(req, p, presign);
    CanonicalResult res;
    buildCanonicalRequest(req, presign ? presignOptions(p, pr) : headerOptions(p, pr), res);
    return res.textView().toByteArray();
}

QByteArray stringToSign(const QByteArray &canonicalRequest, const SigningParams &p)
{
    const AmzTime t = amzTime(p.time);
    return view(buildStringToSign(t.dateTime(), credentialScope(t.date(), p.region, p.service),
                                  canonicalRequest))
        .toByteArray();
}

QByteArray signature(const QByteArray &stringToSign, const SigningParams &p)
{
    QByteArray sig;
    sig.reserve(kSha256HexSize);
    appendHmacSha256Hex(sig, signingKeyFor(amzTime(p.time), p), stringToSign);
    return sig;
}

void signRequest(HttpRequest &req, const SigningParams &p)
{
    // Room for Host, X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256
    // and Authorization at once, rather than growing the list per header.
    // Header names as literals: a name passed as const char * would be
    // copied into an array of its own for each look-up.
    req.headers.reserve(req.headers.size() + 5);
    const Prepared pr = prepare(req, p, false);
    removeHeader(req.headers, QByteArrayLiteral("Authorization"));
    ensureHost(req);

    CanonicalResult res;
    buildCanonicalRequest(req, headerOptions(p, pr), res);

    setHeader(req.headers, QByteArrayLiteral("X-Amz-Date"), pr.time.dateTime().toByteArray());
    if (pr.token.isEmpty())
        removeHeader(req.headers, QByteArrayLiteral("X-Amz-Security-Token"));
    else // signed, or added after when omitted
        setHeader(req.headers, QByteArrayLiteral("X-Amz-Security-Token"), pr.token);
    if (!pr.bodyHash.isEmpty())
        setHeader(req.headers, QByteArrayLiteral("X-Amz-Content-Sha256"), pr.bodyHash);

    QByteArray auth;
    auth.reserve(200 + res.signedHeaders.size());
    auth.append(kAlgorithm);
    auth.append(" Credential=");
    appendUtf8(auth, p.credentials.accessKeyId);
    auth.append('/');
    auth.append(pr.scope);
    auth.append(", SignedHeaders=");
    auth.append(res.signedHeadersView());
    auth.append(", Signature=");
    appendSignature(auth, pr, p, res.textView());
    req.headers.append({QByteArrayLiteral("Authorization"), auth});
}

void presignRequest(HttpRequest &req, const SigningParams &p)
{
    const Prepared pr = prepare(req, p, true);
    ensureHost(req);

    const CanonicalOptions opt = presignOptions(p, pr);
    CanonicalResult res;
    buildCanonicalRequest(req, opt, res);
    QByteArray sig;
    appendSignature(sig, pr, p, res.textView());

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
    add("X-Amz-SignedHeaders", uriEncode(res.signedHeadersView()));
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
