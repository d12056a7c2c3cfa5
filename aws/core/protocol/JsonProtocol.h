#pragma once
// The AWS JSON 1.1 protocol (ECS, ECR, CloudWatch Logs), client and server
// side: POST / with X-Amz-Target "<targetPrefix>.<Operation>", a JSON body
// typed by the operation's shapes, errors as {"__type": …, "message": …}.

#include "ProtocolCodec.h"

namespace aws {

class JsonProtocol : public ProtocolCodec {
public:
    HttpRequest serializeRequest(const ServiceModel &model, const Operation &op, const QJsonObject &params,
                                 QString *hostPrefix = nullptr) const override;
    ParseResult parseResponse(const ServiceModel &model, const Operation &op,
                              const HttpResponse &response) const override;

    ServerParseResult parseRequest(const ServiceModel &model, const HttpRequest &request) const override;
    HttpResponse serializeResponse(const ServiceModel &model, const Operation &op, const QJsonObject &output,
                                   const QString &requestId) const override;
    HttpResponse serializeError(const ServiceModel &model, const AwsError &error,
                                const QString &requestId) const override;

    /// "application/x-amz-json-1.1" (or 1.0, from metadata.jsonVersion).
    static QByteArray contentType(const ServiceModel &model);
    /// Parses an error response: code from X-Amzn-Errortype, "__type" or
    /// "code" (namespace and URI stripped), message, modeled fields.
    static AwsError parseError(const ServiceModel &model, const HttpResponse &response);
    /// "ns#Code:http://…" → "Code".
    static QString sanitizeErrorCode(QString code);
};

} // namespace aws
