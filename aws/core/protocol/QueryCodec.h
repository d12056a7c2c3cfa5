#pragma once
// The codec shared by the query protocol (RDS, IAM, STS) and its ec2
// variant. One mechanism, parameterised by QueryFlavor; QueryProtocol and
// Ec2Protocol only pick the flavor.
//
// Client side: serializeRequest (form body) and parseResponse (XML).
// Server side (the sandbox): parseRequest, serializeResponse, serializeError.

#include "ProtocolCodec.h"
#include "QueryFlavor.h"

namespace aws {

class QueryCodec : public ProtocolCodec {
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

    QueryFlavor flavor() const { return m_flavor; }

protected:
    explicit QueryCodec(QueryFlavor flavor)
        : m_flavor(flavor)
    {}

private:
    ParseResult parseError(const ServiceModel &model, const HttpResponse &response) const;

    QueryFlavor m_flavor;
};

} // namespace aws
