#pragma once
// The AWS API half of the sandbox endpoint: finds the service a request is
// for, verifies its SigV4 signature with the sandbox's credentials, applies
// the injected fault, parses it with the service's codec, runs it on the
// account and serializes the answer — each error as the real service words it.

#include "../../core/error/AwsError.h"
#include "../../core/http/HttpMessage.h"
#include "../../core/model/ServiceModel.h"
#include "../../core/sigv4/Credentials.h"
#include "FaultOptions.h"

#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>

namespace aws::sandbox {
class SandboxAccount;
}

namespace aws::sandbox::server {

/// Which service a request addresses, and in which wire protocol.
struct ApiRoute {
    QString service;  ///< model name: "ec2", "ecs", …; empty when unknown
    QString protocol; ///< "json", "query" or "ec2"
};

/// Reads the route from X-Amz-Target (json), else the credential scope's
/// service, else Version / Action of a form request.
ApiRoute routeRequest(const HttpRequest &request);

/// The error a service family answers an authentication or fault condition with.
enum class ApiFailure {
    MissingAuthentication,
    MalformedAuthentication,
    SignatureMismatch,
    UnknownAccessKey,
    InvalidSessionToken,
    RequestTimeSkewed,
    ExpiredToken,
    Throttling,
    InternalError,
    ServiceUnavailable,
};
AwsError apiFailureError(const QString &protocol, ApiFailure failure, const QString &detail = {});

/// A successful call's output, still to be written in the wire protocol.
/// Writing needs nothing of the account, so it may run on any thread.
struct PendingOutput {
    std::shared_ptr<const ServiceModel> model;
    const Operation *operation = nullptr;
    QJsonObject output;
    QString requestId;

    HttpResponse serialize() const;
};

/// What a request gets: a complete response (errors), or an output to serialize.
struct ApiAnswer {
    HttpResponse response;
    std::optional<PendingOutput> pending;
};

class ApiService {
public:
    ApiService(SandboxAccount &account, const Credentials &credentials);

    void setCredentials(const Credentials &credentials) { m_credentials = credentials; }

    /// Authenticates, parses and runs the request on the account (on the
    /// account's thread); the output is left to serialize.
    ApiAnswer answer(const HttpRequest &request, FailureMode mode);

private:
    HttpResponse errorResponse(const ApiRoute &route, const AwsError &error, const QString &requestId) const;

    SandboxAccount &m_account;
    Credentials m_credentials;
};

} // namespace aws::sandbox::server
