#include "ApiService.h"

#include "../../core/model/ModelRegistry.h"
#include "../../core/protocol/ProtocolCodec.h"
#include "../../core/sigv4/SigV4.h"
#include "../SandboxAccount.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSandboxApi, "dc.sandbox.api", QtWarningMsg)

namespace aws::sandbox::server {

namespace {

QUrlQuery formParams(const HttpRequest &request)
{
    QUrlQuery params(QString::fromLatin1(request.query()));
    if (headerValue(request.headers, "Content-Type").startsWith("application/x-www-form-urlencoded")) {
        // '+' means space in forms; QUrlQuery does not know that.
        QByteArray body = request.body;
        body.replace('+', "%20");
        const QUrlQuery form(QString::fromLatin1(body));
        for (const auto &item : form.queryItems(QUrl::FullyDecoded))
            params.addQueryItem(item.first, item.second);
    }
    return params;
}

QString serviceForScope(const QString &scope)
{
    // Signing names that differ from our model names would be mapped here.
    return ModelRegistry::service(scope) ? scope : QString();
}

} // namespace

ApiRoute routeRequest(const HttpRequest &request)
{
    const QByteArray target = headerValue(request.headers, "X-Amz-Target");
    if (!target.isEmpty()) {
        const QString prefix = QString::fromLatin1(target.left(target.indexOf('.')));
        for (const QString &name : ModelRegistry::services()) {
            const auto model = ModelRegistry::service(name);
            if (model && model->metadata().protocol == u"json" && model->metadata().targetPrefix == prefix)
                return {name, QStringLiteral("json")};
        }
        return {QString(), QStringLiteral("json")};
    }
    QString service;
    QString scopeError;
    if (const auto auth = sigv4::parseAuthorization(request, &scopeError))
        service = serviceForScope(auth->service);
    const QUrlQuery params = formParams(request);
    if (service.isEmpty()) {
        const QString version = params.queryItemValue(QStringLiteral("Version"));
        const QString action = params.queryItemValue(QStringLiteral("Action"));
        for (const QString &name : ModelRegistry::services()) {
            const auto model = ModelRegistry::service(name);
            if (!model || model->metadata().protocol == u"json")
                continue;
            if (!version.isEmpty() ? model->metadata().apiVersion == version
                                   : (!action.isEmpty() && model->operation(action))) {
                service = name;
                break;
            }
        }
    }
    const auto model = service.isEmpty() ? nullptr : ModelRegistry::service(service);
    return {service, model ? model->metadata().protocol : QStringLiteral("query")};
}

AwsError apiFailureError(const QString &protocol, ApiFailure failure, const QString &detail)
{
    // Codes and statuses as the real services answer (STS/IAM/RDS = query,
    // EC2 = ec2, ECS/ECR/Logs = json 1.1).
    const bool json = protocol == u"json";
    const bool ec2 = protocol == u"ec2";
    AwsError e;
    e.type = QStringLiteral("Sender");
    switch (failure) {
    case ApiFailure::MissingAuthentication:
        e.code = json ? QStringLiteral("MissingAuthenticationTokenException")
                      : QStringLiteral("MissingAuthenticationToken");
        e.message =
            ec2 ? QStringLiteral("The request must contain either a valid (registered) AWS access key "
                                 "ID or X.509 certificate.")
                : QStringLiteral("Missing Authentication Token");
        e.httpStatus = json ? 400 : (ec2 ? 401 : 403);
        break;
    case ApiFailure::MalformedAuthentication:
        e.code =
            json ? QStringLiteral("IncompleteSignatureException") : QStringLiteral("IncompleteSignature");
        e.message = detail.isEmpty()
                        ? QStringLiteral("The request signature does not conform to AWS standards.")
                        : detail;
        e.httpStatus = json ? 400 : (ec2 ? 400 : 403);
        break;
    case ApiFailure::SignatureMismatch:
        e.code = json ? QStringLiteral("InvalidSignatureException")
                      : (ec2 ? QStringLiteral("AuthFailure") : QStringLiteral("SignatureDoesNotMatch"));
        e.message =
            ec2 ? QStringLiteral("AWS was not able to validate the provided access credentials")
                : QStringLiteral("The request signature we calculated does not match the signature you "
                                 "provided. Check your AWS Secret Access Key and signing method. Consult "
                                 "the service documentation for details.");
        e.httpStatus = json ? 400 : (ec2 ? 401 : 403);
        break;
    case ApiFailure::UnknownAccessKey:
    case ApiFailure::InvalidSessionToken:
        e.code = json ? QStringLiteral("UnrecognizedClientException")
                      : (ec2 ? QStringLiteral("AuthFailure") : QStringLiteral("InvalidClientTokenId"));
        e.message = ec2 ? QStringLiteral("AWS was not able to validate the provided access credentials")
                        : QStringLiteral("The security token included in the request is invalid.");
        e.httpStatus = json ? 400 : (ec2 ? 401 : 403);
        break;
    case ApiFailure::RequestTimeSkewed:
        e.code = json ? QStringLiteral("InvalidSignatureException")
                      : (ec2 ? QStringLiteral("RequestExpired") : QStringLiteral("SignatureDoesNotMatch"));
        e.message =
            ec2 ? QStringLiteral("Request has expired.") : QStringLiteral("Signature expired: ") + detail;
        e.httpStatus = json ? 400 : (ec2 ? 400 : 403);
        break;
    case ApiFailure::ExpiredToken:
        e.code = json ? QStringLiteral("ExpiredTokenException") : QStringLiteral("ExpiredToken");
        e.message = QStringLiteral("The security token included in the request is expired");
        e.httpStatus = json || ec2 ? 400 : 403;
        break;
    case ApiFailure::Throttling:
        e.code = json ? QStringLiteral("ThrottlingException")
                      : (ec2 ? QStringLiteral("RequestLimitExceeded") : QStringLiteral("Throttling"));
        e.message = ec2 ? QStringLiteral("Request limit exceeded.") : QStringLiteral("Rate exceeded");
        e.httpStatus = ec2 ? 503 : 400;
        break;
    case ApiFailure::InternalError:
        e.code = ec2 ? QStringLiteral("InternalError") : QStringLiteral("InternalFailure");
        e.message = QStringLiteral("The request processing has failed because of an unknown error, exception "
                                   "or failure.");
        e.httpStatus = 500;
        e.type = QStringLiteral("Receiver");
        break;
    case ApiFailure::ServiceUnavailable:
        e.code = ec2 ? QStringLiteral("Unavailable") : QStringLiteral("ServiceUnavailable");
        e.message = QStringLiteral("The request has failed due to a temporary failure of the server.");
        e.httpStatus = 503;
        e.type = QStringLiteral("Receiver");
        break;
    }
    e.retry = classifyRetry(e.code, e.httpStatus);
    return e;
}

ApiService::ApiService(SandboxAccount &account, const Credentials &credentials)
    : m_account(account)
    , m_credentials(credentials)
{}

HttpResponse ApiService::errorResponse(const ApiRoute &route, const AwsError &error,
                                       const QString &requestId) const
{
    const auto model = route.service.isEmpty() ? nullptr : ModelRegistry::service(route.service);
    const ProtocolCodec *codec = model ? ProtocolCodec::forProtocol(model->metadata().protocol) : nullptr;
    HttpResponse response;
    if (model && codec) {
        response = codec->serializeError(*model, error, requestId);
    } else if (route.protocol == u"json") {
        // No model to speak for (unknown target): the generic json 1.1 error form.
        response.status = error.httpStatus;
        setHeader(response.headers, "Content-Type", "application/x-amz-json-1.1");
        response.body = QJsonDocument(QJsonObject{{QStringLiteral("__type"), error.code},
                                                  {QStringLiteral("message"), error.message}})
                            .toJson(QJsonDocument::Compact);
    } else {
        response.status = error.httpStatus;
        setHeader(response.headers, "Content-Type", "text/xml");
        response.body = "<ErrorResponse><Error><Type>" + error.type.toUtf8() + "</Type><Code>" +
                        error.code.toHtmlEscaped().toUtf8() + "</Code><Message>" +
                        error.message.toHtmlEscaped().toUtf8() + "</Message></Error><RequestId>" +
                        requestId.toUtf8() + "</RequestId></ErrorResponse>";
    }
    setHeader(response.headers, "x-amzn-RequestId", requestId.toUtf8());
    return response;
}

HttpResponse PendingOutput::serialize() const
{
    const ProtocolCodec *codec = ProtocolCodec::forProtocol(model->metadata().protocol);
    HttpResponse response = codec->serializeResponse(*model, *operation, output, requestId);
    setHeader(response.headers, "x-amzn-RequestId", requestId.toUtf8());
    return response;
}

ApiAnswer ApiService::answer(const HttpRequest &request, FailureMode mode)
{
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const ApiRoute route = routeRequest(request);
    const auto fail = [&](ApiFailure failure, const QString &detail = {}) {
        return ApiAnswer{errorResponse(route, apiFailureError(route.protocol, failure, detail), requestId),
                         {}};
    };

    // Authentication first, as AWS does: an unsigned request learns nothing else.
    QString parseError;
    const auto auth = sigv4::parseAuthorization(request, &parseError);
    if (!auth) {
        const auto status =
            sigv4::verify(request, m_credentials.secretAccessKey, sigv4::ParsedAuthorization{});
        return fail(status == sigv4::VerifyStatus::Missing ? ApiFailure::MissingAuthentication
                                                           : ApiFailure::MalformedAuthentication,
                    parseError);
    }
    if (auth->accessKeyId != m_credentials.accessKeyId)
        return fail(ApiFailure::UnknownAccessKey);
    const QByteArray token =
        auth->presigned ? QUrlQuery(QString::fromLatin1(request.query()))
                              .queryItemValue(QStringLiteral("X-Amz-Security-Token"), QUrl::FullyDecoded)
                              .toUtf8()
                        : headerValue(request.headers, "X-Amz-Security-Token");
    if (QString::fromUtf8(token) != m_credentials.sessionToken)
        return fail(ApiFailure::InvalidSessionToken);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (sigv4::verify(request, m_credentials.secretAccessKey, *auth, now, 900)) {
    case sigv4::VerifyStatus::Ok:
        break;
    case sigv4::VerifyStatus::Missing:
        return fail(ApiFailure::MissingAuthentication);
    case sigv4::VerifyStatus::Malformed:
        return fail(ApiFailure::MalformedAuthentication);
    case sigv4::VerifyStatus::SignatureMismatch:
        return fail(ApiFailure::SignatureMismatch);
    case sigv4::VerifyStatus::RequestExpired: {
        const auto stamp = [](const QDateTime &t) {
            return t.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        };
        return fail(ApiFailure::RequestTimeSkewed,
                    QStringLiteral("%1 is now earlier than %2 (%3 - 15 min.)")
                        .arg(stamp(auth->requestTime), stamp(now.addSecs(-900)), stamp(now)));
    }
    }

    switch (mode) {
    case FailureMode::FailExpiredCredentials:
        return fail(ApiFailure::ExpiredToken);
    case FailureMode::FailThrottle:
        return fail(ApiFailure::Throttling);
    case FailureMode::FailInternalError:
        return fail(ApiFailure::InternalError);
    case FailureMode::FailServiceUnavailable:
        return fail(ApiFailure::ServiceUnavailable);
    case FailureMode::FailNone:
    case FailureMode::FailDropConnection:
        break;
    }

    const auto model = route.service.isEmpty() ? nullptr : ModelRegistry::service(route.service);
    const ProtocolCodec *codec = model ? ProtocolCodec::forProtocol(model->metadata().protocol) : nullptr;
    if (!model || !codec) {
        AwsError e;
        e.code = route.protocol == u"json" ? QStringLiteral("UnknownOperationException")
                                           : QStringLiteral("InvalidAction");
        e.message = QStringLiteral("The action or operation requested is invalid. Verify that the action is "
                                   "typed correctly.");
        e.httpStatus = 400;
        e.type = QStringLiteral("Sender");
        return {errorResponse(route, e, requestId), {}};
    }
    const ServerParseResult parsed = codec->parseRequest(*model, request);
    if (!parsed.ok())
        return {errorResponse(route, *parsed.error, requestId), {}};
    qCDebug(lcSandboxApi) << route.service << parsed.request.operation->name;
    const CallResult result = m_account.call(route.service, parsed.request.operation->name,
                                             parsed.request.params, auth->accessKeyId);
    if (const auto *output = std::get_if<QJsonObject>(&result))
        return {{}, PendingOutput{model, parsed.request.operation, *output, requestId}};
    return {errorResponse(route, std::get<AwsError>(result), requestId), {}};
}

} // namespace aws::sandbox::server
