#pragma once
// One codec per wire protocol (query, ec2, json 1.1), driven by the service
// model. The same codec serves both sides: the client (serialize a request,
// parse a response) and the sandbox server (parse a request, serialize a
// response or an error).
//
// Value conventions for the QJsonObject parameters and results:
//  - structures are objects keyed by member name, lists arrays, maps objects;
//  - timestamps are epoch seconds as JSON numbers (may be fractional);
//  - blobs are base64 strings (as the AWS CLI v2 takes and prints them);
//  - integers and longs are JSON integers; booleans JSON booleans.

#include "../error/AwsError.h"
#include "../http/HttpMessage.h"
#include "../model/ServiceModel.h"

#include <QJsonObject>
#include <variant>

namespace aws {

/// Either the parsed output structure or an error.
struct ParseResult {
    QJsonObject output;
    std::optional<AwsError> error;
    /// The request id of a successful response (errors carry theirs in
    /// AwsError::requestId); kept out of `output` so that it stays the
    /// modeled shape.
    QString requestId;
    bool ok() const { return !error.has_value(); }
};

/// What the server side reads from a request.
struct ServerRequest {
    const Operation *operation = nullptr;
    QJsonObject params;
};

struct ServerParseResult {
    ServerRequest request;
    std::optional<AwsError> error; ///< e.g. InvalidAction, SerializationException
    bool ok() const { return !error.has_value(); }
};

class ProtocolCodec {
public:
    virtual ~ProtocolCodec() = default;

    /// Builds the request for `op` with `params` (already validated). Sets
    /// method, path, body and the protocol's headers (Content-Type,
    /// X-Amz-Target). Host is left to the caller, except that a hostPrefix
    /// is returned through `hostPrefix` with its labels substituted.
    virtual HttpRequest serializeRequest(const ServiceModel &model, const Operation &op,
                                         const QJsonObject &params, QString *hostPrefix = nullptr) const = 0;

    /// Parses a response (success or error) for `op`.
    virtual ParseResult parseResponse(const ServiceModel &model, const Operation &op,
                                      const HttpResponse &response) const = 0;

    // ---- server side (the sandbox) ----

    /// Finds the operation the request names and parses its parameters.
    virtual ServerParseResult parseRequest(const ServiceModel &model, const HttpRequest &request) const = 0;

    /// Serializes a successful output for `op`.
    virtual HttpResponse serializeResponse(const ServiceModel &model, const Operation &op,
                                           const QJsonObject &output, const QString &requestId) const = 0;

    /// Serializes an error the way the real service does (status, body, headers).
    virtual HttpResponse serializeError(const ServiceModel &model, const AwsError &error,
                                        const QString &requestId) const = 0;

    /// The codec for a model's metadata.protocol ("query", "ec2", "json"),
    /// or nullptr when we do not speak it.
    static const ProtocolCodec *forProtocol(const QString &protocol);
};

} // namespace aws
