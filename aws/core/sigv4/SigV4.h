#pragma once
// AWS Signature Version 4 as a chain of pure stages:
//   canonicalRequest() -> stringToSign() -> signature()
// each testable on its own against the conformance suites in
// ../shared/aws-conformance/sigv4/. signRequest()/presignRequest() run the
// chain and write the result into the request. The time is always injected
// (SigningParams::time); nothing here reads the clock, except verify()'s
// default "now" for the server side.
//
// Nothing in this library logs: canonical requests carry session tokens and
// signatures, and the secret key goes into the signing key.

#include "../http/HttpMessage.h"
#include "Credentials.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace aws::sigv4 {

struct SigningParams {
    Credentials credentials;
    QString region;
    QString service;
    QDateTime time;                ///< UTC; injected, never read from the clock inside
    bool normalizePath = true;     ///< remove ./.., merge // (false = S3 style)
    bool doubleEncodePath = true;  ///< every byte except unreserved and '/' as %XX (aws-c-auth semantics)
    bool signBody = false;         ///< add and sign X-Amz-Content-Sha256
    bool omitSessionToken = false; ///< add X-Amz-Security-Token after signing, unsigned
    int expiresSeconds = 0;        ///< presign: X-Amz-Expires (0 = 3600, botocore's default)
};

/// The exact canonical request text that signRequest() (presign = false) or
/// presignRequest() (presign = true) would sign for `req`: the X-Amz-Date,
/// X-Amz-Security-Token and X-Amz-Content-Sha256 headers (or the X-Amz-* query
/// parameters) the signer adds are included even though `req` lacks them.
QByteArray canonicalRequest(const HttpRequest &req, const SigningParams &p, bool presign = false);
QByteArray stringToSign(const QByteArray &canonicalRequest, const SigningParams &p);
/// Lowercase hex HMAC-SHA256 of the string to sign with the (cached) signing key.
QByteArray signature(const QByteArray &stringToSign, const SigningParams &p);

/// Adds X-Amz-Date, X-Amz-Security-Token (when there is a token),
/// X-Amz-Content-Sha256 (when signBody) and Authorization; adds Host from
/// req.host when the request has no Host header. Safe to call again on an
/// already signed request (a retry): the previous signature is replaced.
void signRequest(HttpRequest &req, const SigningParams &p);
/// Appends X-Amz-Algorithm, -Credential, -Date, -SignedHeaders, -Expires,
/// -Security-Token (when there is a token) and -Signature to req.path's query
/// (replacing any from an earlier presign). Headers are signed but not changed,
/// except that Host is added from req.host when missing.
void presignRequest(HttpRequest &req, const SigningParams &p);

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").
/// Cached per (secret, date, region, service); thread-safe; the cache is
/// bounded (see SigningKeyCache.h for statistics).
QByteArray signingKey(const QString &secret, const QString &date, const QString &region,
                      const QString &service);

// ---- Server side (the sandbox): parse and verify an incoming signed request.

struct ParsedAuthorization {
    QString accessKeyId, date, region, service; ///< from the credential scope
    QList<QByteArray> signedHeaders;            ///< lower case, in the order given
    QByteArray signature;                       ///< lowercase hex
    bool presigned = false;                     ///< query-string form
    QDateTime requestTime;                      ///< X-Amz-Date (header, query) or Date header, UTC
};

/// Reads the Authorization header, or the X-Amz-* query parameters of a
/// presigned URL. On failure returns nullopt and sets *error to a message
/// that is safe to return to the client (it never quotes the signature).
std::optional<ParsedAuthorization> parseAuthorization(const HttpRequest &req, QString *error);

enum class VerifyStatus { Ok, Missing, Malformed, SignatureMismatch, RequestExpired };

/// Recomputes the signature over the headers listed in `auth` and compares it
/// in constant time. Missing: the request carries no SigV4 authentication at
/// all; Malformed: it does, but `auth` is incomplete (pass a
/// default-constructed ParsedAuthorization when parseAuthorization() failed)
/// or lacks the host header; RequestExpired: a presigned URL past
/// X-Amz-Date + X-Amz-Expires at `now`, or, when maxSkewSeconds >= 0, a
/// header-signed request whose time differs from `now` by more than that
/// (AWS uses 900). A present X-Amz-Content-Sha256 that does not match the
/// body counts as SignatureMismatch. Paths are canonicalized with the default
/// (normalized, double-encoded) rules.
VerifyStatus verify(const HttpRequest &req, const QString &secretAccessKey, const ParsedAuthorization &auth,
                    const QDateTime &now = QDateTime::currentDateTimeUtc(), int maxSkewSeconds = -1);

} // namespace aws::sigv4
