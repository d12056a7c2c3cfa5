#include "CanonicalBuilder.h"
#include "Digest.h"
#include "UriEncoding.h"

#include <algorithm>

namespace aws::sigv4::detail {
namespace {

// Headers a proxy or the transport may add, drop or rewrite; signing them
// would break the signature in transit (the SDKs skip the same ones).
bool isUnsignable(QByteArrayView lname)
{
    return lname == "authorization" || lname == "user-agent" || lname == "expect" ||
           lname == "x-amzn-trace-id" || lname == "transfer-encoding" || lname == "connection" ||
           lname == "upgrade";
}

struct HeaderEntry {
    QByteArrayView name; // lower case: the request's own bytes when already so, else lowered into a buffer
    QByteArrayView value;
};

// True when normalizePath() would return `path` unchanged: absolute, and no
// empty, "." or ".." segment (a trailing '/' is kept by both). The usual "/"
// then costs no new array.
bool isNormalized(QByteArrayView path)
{
    if (path.isEmpty() || path.front() != '/')
        return false;
    qsizetype start = 1;
    while (start < path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView seg = path.sliced(start, end - start);
        if (seg.isEmpty() || seg == "." || seg == "..")
            return false;
        start = end + 1;
    }
    return true;
}

bool hasUpper(QByteArrayView s)
{
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Appends to a stack buffer (the canonical request, the signed header
// list): inline appends rather than a QByteArray::insert() call per piece.
template <qsizetype N> struct Sink {
    QVarLengthArray<char, N> &buf;
    void append(char c) { buf.append(c); }
    void append(QByteArrayView v) { buf.append(v.data(), v.size()); }
};
template <qsizetype N> Sink(QVarLengthArray<char, N> &) -> Sink<N>;

// A few headers: an insertion sort, stable as the values of a repeated
// header need ("value4,value1,…"); std::stable_sort allocates a buffer.
void sortByName(QVarLengthArray<HeaderEntry, 16> &headers)
{
    for (qsizetype i = 1; i < headers.size(); ++i) {
        const HeaderEntry e = headers[i];
        qsizetype j = i;
        for (; j > 0 && e.name < headers[j - 1].name; --j)
            headers[j] = headers[j - 1];
        headers[j] = e;
    }
}

// Trim and collapse each run of whitespace (including folded lines) to one
// space. Copies the runs of other bytes whole: values are mostly one run.
template <class Out> void appendCanonicalValue(Out &out, QByteArrayView v)
{
    qsizetype i = 0, n = v.size();
    while (i < n && isSpace(v[i]))
        ++i;
    while (n > i && isSpace(v[n - 1]))
        --n;
    while (i < n) {
        qsizetype j = i;
        while (j < n && !isSpace(v[j]))
            ++j;
        out.append(v.sliced(i, j - i));
        if (j == n)
            break;
        out.append(' ');
        while (isSpace(v[j])) // ends before n: v[n - 1] is not a space
            ++j;
        i = j;
    }
}

struct QueryParam {
    QByteArray key, value; // encoded
    bool operator<(const QueryParam &o) const
    {
        const int c = key.compare(o.key);
        return c < 0 || (c == 0 && value < o.value);
    }
};

} // namespace

bool isAuthQueryParam(QByteArrayView n)
{
    return n == "X-Amz-Algorithm" || n == "X-Amz-Credential" || n == "X-Amz-Date" || n == "X-Amz-Expires" ||
           n == "X-Amz-SignedHeaders" || n == "X-Amz-Security-Token" || n == "X-Amz-Signature";
}

void buildCanonicalRequest(const HttpRequest &req, const CanonicalOptions &opt, CanonicalResult &res)
{
    // ---- headers first: the presigned query needs the signed header list.
    QVarLengthArray<HeaderEntry, 16> headers;
    const auto overridden = [&](QByteArrayView lname) {
        return std::any_of(opt.extraHeaders.begin(), opt.extraHeaders.end(),
                           [&](const auto &e) { return e.first == lname; });
    };
    bool haveHost = false;
    // Most names are lower case already; the others are lowered once, into
    // one buffer sized up front (views into it must not move).
    qsizetype lowerSize = 0;
    for (const auto &h : req.headers)
        lowerSize += h.first.size();
    QVarLengthArray<char, 256> lowered(lowerSize);
    char *lowerNext = lowered.data();
    for (const auto &h : req.headers) {
        HeaderEntry e{h.first, h.second};
        if (hasUpper(h.first)) {
            char *const begin = lowerNext;
            for (const char c : h.first)
                *lowerNext++ = c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
            e.name = QByteArrayView(begin, lowerNext - begin);
        }
        const QByteArrayView lname = e.name;
        if (opt.onlyHeaders) {
            if (!opt.onlyHeaders->contains(lname))
                continue;
        } else if (isUnsignable(lname) || (!opt.excludedHeader.isEmpty() && lname == opt.excludedHeader) ||
                   overridden(lname)) {
            continue;
        }
        haveHost = haveHost || lname == "host";
        headers.append(e);
    }
    for (const auto &e : opt.extraHeaders)
        headers.append({e.first, e.second});
    if (!haveHost && (!opt.onlyHeaders || opt.onlyHeaders->contains(QByteArrayLiteral("host"))))
        headers.append({"host", req.host});
    sortByName(headers);

    res.signedHeaders.clear();
    Sink signedHeaders{res.signedHeaders};
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i > 0 && headers[i].name == headers[i - 1].name)
            continue;
        if (!res.signedHeaders.isEmpty())
            signedHeaders.append(';');
        signedHeaders.append(headers[i].name);
    }

    res.text.clear();
    Sink out{res.text};

    // ---- method and path
    out.append(req.method);
    out.append('\n');
    const QByteArrayView fullPath(req.path);
    const qsizetype q = fullPath.indexOf('?');
    const QByteArrayView path = q < 0 ? fullPath : fullPath.first(q);
    const QByteArrayView query = q < 0 ? QByteArrayView() : fullPath.sliced(q + 1);
    QByteArray normalized;
    QByteArrayView canonicalPath = path;
    if (opt.normalizePath && !isNormalized(path)) {
        normalized = normalizePath(path);
        canonicalPath = normalized;
    }
    if (canonicalPath.isEmpty())
        canonicalPath = "/";
    if (opt.doubleEncodePath) {
        // The path is already percent-encoded once; encoding it again is what
        // the services expect (aws-c-auth "double encode", botocore's quote()).
        appendUriEncoded(out, canonicalPath, true);
    } else {
        // S3 style: the canonical path is encoded exactly once.
        appendUriEncoded(out, percentDecode(canonicalPath), true);
    }
    out.append('\n');

    // ---- query: decode, re-encode strictly, sort by key then value.
    QVarLengthArray<QueryParam, 8> params;
    qsizetype start = 0;
    while (start < query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView piece = query.sliced(start, end - start);
        start = end + 1;
        if (piece.isEmpty())
            continue;
        const qsizetype eq = piece.indexOf('=');
        const QByteArray key = percentDecode(eq < 0 ? piece : piece.first(eq));
        if ((opt.dropAuthQueryParams && isAuthQueryParam(key)) ||
            (opt.dropSignatureParam && key == "X-Amz-Signature"))
            continue;
        params.append(
            {uriEncode(key), eq < 0 ? QByteArray() : uriEncode(percentDecode(piece.sliced(eq + 1)))});
    }
    for (const auto &e : opt.extraQuery)
        params.append({e.first.toByteArray(), e.second});
    if (opt.addSignedHeadersParam)
        params.append({QByteArrayLiteral("X-Amz-SignedHeaders"), uriEncode(res.signedHeadersView())});
    std::sort(params.begin(), params.end());
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (i > 0)
            out.append('&');
        out.append(params[i].key);
        out.append('=');
        out.append(params[i].value);
    }
    out.append('\n');

    // ---- canonical headers, signed headers
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const bool continuation = i > 0 && headers[i].name == headers[i - 1].name;
        if (continuation) {
            out.append(',');
        } else {
            if (i > 0)
                out.append('\n');
            out.append(headers[i].name);
            out.append(':');
        }
        appendCanonicalValue(out, headers[i].value);
    }
    out.append("\n\n");
    out.append(res.signedHeadersView());
    out.append('\n');

    // ---- payload: an explicit X-Amz-Content-Sha256 wins (UNSIGNED-PAYLOAD, streaming).
    QByteArrayView payload;
    QByteArray trimmed;
    bool explicitPayload = false;
    for (const auto &e : opt.extraHeaders) {
        if (e.first == "x-amz-content-sha256") {
            payload = e.second;
            explicitPayload = true;
            break;
        }
    }
    if (!explicitPayload) {
        for (const auto &h : req.headers) {
            if (h.first.compare("x-amz-content-sha256", Qt::CaseInsensitive) == 0) {
                trimmed = h.second.trimmed();
                payload = trimmed;
                explicitPayload = true;
                break;
            }
        }
    }
    if (explicitPayload) {
        out.append(payload);
    } else if (req.body.isEmpty()) {
        out.append(kEmptySha256Hex);
    } else {
        const qsizetype at = res.text.size();
        res.text.resize(at + kSha256HexSize);
        sha256HexTo(req.body, res.text.data() + at);
    }
}

} // namespace aws::sigv4::detail
