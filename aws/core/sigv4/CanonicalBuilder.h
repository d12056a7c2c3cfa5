#pragma once
// Internal: the one canonical-request builder behind canonicalRequest(),
// signRequest(), presignRequest() (client side) and verify() (server side).
// The options say what differs between those callers, so that the text a
// client signs and the text the sandbox recomputes come from the same code.

#include "../http/HttpMessage.h"

#include <QByteArray>
#include <QList>
#include <QVarLengthArray>

namespace aws::sigv4::detail {

struct CanonicalOptions {
    bool normalizePath = true;
    bool doubleEncodePath = true;
    /// Headers the signer adds or replaces (lower-case name, value); they win
    /// over request headers of the same name.
    QVarLengthArray<QPair<QByteArrayView, QByteArrayView>, 4> extraHeaders;
    /// A request header that must not be signed (lower case), e.g. an
    /// X-Amz-Security-Token that is added after signing.
    QByteArrayView excludedHeader;
    /// Server side: sign exactly these headers (lower case), in sorted order.
    const QList<QByteArray> *onlyHeaders = nullptr;
    /// Presign: already-encoded X-Amz-* query parameters to add (except
    /// X-Amz-SignedHeaders, which the builder adds once it knows the headers).
    QVarLengthArray<QPair<QByteArrayView, QByteArray>, 6> extraQuery;
    bool addSignedHeadersParam = false;
    /// Presign: ignore X-Amz-* auth parameters already in the query (re-presigning).
    bool dropAuthQueryParams = false;
    /// Server side, presigned: ignore X-Amz-Signature only.
    bool dropSignatureParam = false;
};

// Assembled in place, on the stack: signing only hashes the canonical
// request and copies the signed header list into Authorization, so neither
// needs an array of its own.
struct CanonicalResult {
    QVarLengthArray<char, 1024> text;         ///< the canonical request
    QVarLengthArray<char, 128> signedHeaders; ///< "host;x-amz-date"
    QByteArrayView textView() const { return {text.constData(), text.size()}; }
    QByteArrayView signedHeadersView() const { return {signedHeaders.constData(), signedHeaders.size()}; }
};

void buildCanonicalRequest(const HttpRequest &req, const CanonicalOptions &opt, CanonicalResult &out);

/// True for the query parameter names presigning writes (X-Amz-Algorithm, …, X-Amz-Signature).
bool isAuthQueryParam(QByteArrayView decodedName);

} // namespace aws::sigv4::detail
