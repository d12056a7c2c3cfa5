#include "AwsClient.h"

#include "../http/HttpMessage.h"
#include "../model/ModelRegistry.h"
#include "../model/Validator.h"
#include "../protocol/ProtocolCodec.h"
#include "../sigv4/SigV4.h"
#include "Logging.h"
#include "Redaction.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace aws {

namespace {

AwsError validationError(const QString &message)
{
    AwsError e;
    e.kind = ErrorKind::Validation;
    e.code = QStringLiteral("ParamValidation");
    e.message = message;
    return e;
}

// Skew beyond which we trust the server's Date header over our clock; the
// services allow 15 minutes, the SDKs correct above 4.
constexpr qint64 kSkewToleranceSeconds = 4 * 60;

QDateTime httpDate(const QByteArray &value)
{
    QString t = QString::fromLatin1(value).trimmed();
    if (t.endsWith(QStringLiteral(" GMT")))
        t.chop(4);
    return QLocale::c().toDateTime(t, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
}

} // namespace

void AwsCall::abort()
{
    aborted = true;
    if (reply)
        reply->abort();
}

namespace {
/// Up to 6 × 8 requests in flight to one endpoint.
constexpr int kManagers = 8;
} // namespace

AwsClient::AwsClient(ClientConfig config, EndpointResolver resolver, QNetworkAccessManager *nam,
                     QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_resolver(std::move(resolver))
    , m_retry(m_config.retry, m_config.random)
{
    if (nam)
        m_managers << nam;
    else
        for (int i = 0; i < kManagers; ++i)
            m_managers << new QNetworkAccessManager(this);
}

AwsClient::~AwsClient() = default;

void AwsClient::setRegion(const QString &region)
{
    m_config.region = region;
}

void AwsClient::setCredentialsProvider(std::function<Credentials()> provider)
{
    m_config.credentials = std::move(provider);
}

std::optional<AwsError> AwsClient::validateCall(const QString &service, const QString &operation,
                                                const QJsonObject &params)
{
    const auto model = ModelRegistry::service(service);
    if (!model)
        return validationError(QStringLiteral("Unknown service '%1'. Known services: %2")
                                   .arg(service, ModelRegistry::services().join(QStringLiteral(", "))));
    const Operation *op = model->operation(operation);
    if (!op)
        return validationError(
            QStringLiteral("Unknown operation '%1' for %2. Known operations: %3")
                .arg(operation, service, model->operationNames().join(QStringLiteral(", "))));
    const auto issues = Validator::validate(op->input.shape, params);
    if (issues.isEmpty())
        return std::nullopt;
    QStringList lines;
    for (const auto &i : issues)
        lines << i.toString();
    AwsError e = validationError(QStringLiteral("Invalid parameters for %1 %2: %3")
                                     .arg(service, operation, lines.join(QStringLiteral("; "))));
    e.fields.insert(QStringLiteral("path"), issues.first().path);
    return e;
}

QPointer<AwsCall> AwsClient::call(const QString &service, const QString &operation, const QJsonObject &params,
                                  QObject *context, std::function<void(const Outcome &)> done)
{
    auto *c = new AwsCall(this);
    c->service = service;
    c->operation = operation;
    c->params = params;
    c->context = context;
    c->hasContext = context != nullptr;
    c->done = std::move(done);
    QPointer<AwsCall> handle(c);
    if (auto err = validate(service, operation, params)) {
        // Report asynchronously all the same: callers never see re-entrancy.
        QTimer::singleShot(0, c, [this, c, e = *err] { complete(c, Outcome{{}, e, 0}); });
        return handle;
    }
    QTimer::singleShot(0, c, [this, c] { startAttempt(c); });
    return handle;
}

void AwsClient::startAttempt(AwsCall *c)
{
    if (c->aborted) {
        AwsError e;
        e.kind = ErrorKind::Network;
        e.code = QStringLiteral("RequestAborted");
        e.message = QStringLiteral("The request was cancelled.");
        complete(c, Outcome{{}, e, c->attempt});
        return;
    }
    ++c->attempt;
    const auto model = ModelRegistry::service(c->service);
    const Operation *op = model->operation(c->operation);
    const ProtocolCodec *codec = ProtocolCodec::forProtocol(model->metadata().protocol);
    if (!codec) {
        complete(c,
                 Outcome{{},
                         validationError(
                             QStringLiteral("Protocol %1 is not supported").arg(model->metadata().protocol)),
                         c->attempt});
        return;
    }
    const Credentials creds = m_config.credentials ? m_config.credentials() : Credentials{};
    if (!creds.isValid()) {
        AwsError e;
        e.kind = ErrorKind::Credentials;
        e.code = QStringLiteral("NoCredentials");
        e.message = QStringLiteral("No AWS credentials: connect an account (or set AWS_ACCESS_KEY_ID and "
                                   "AWS_SECRET_ACCESS_KEY).");
        complete(c, Outcome{{}, e, c->attempt});
        return;
    }
    QString endpointError;
    const auto &md = model->metadata();
    const auto endpoint =
        m_resolver.resolve(md.endpointPrefix, md.serviceId, md.signingName, m_config.region, &endpointError);
    if (!endpoint) {
        complete(c, Outcome{{}, validationError(endpointError), c->attempt});
        return;
    }

    QString hostPrefix;
    HttpRequest req = codec->serializeRequest(*model, *op, c->params, &hostPrefix);
    QUrl url = endpoint->url;
    if (!hostPrefix.isEmpty())
        url.setHost(hostPrefix + url.host());
    const int defaultPort = url.scheme() == QStringLiteral("https") ? 443 : 80;
    req.host = url.host().toUtf8();
    if (url.port(defaultPort) != defaultPort)
        req.host += ':' + QByteArray::number(url.port());
    QByteArray basePath = url.path(QUrl::FullyEncoded).toUtf8();
    if (basePath.endsWith('/'))
        basePath.chop(1);
    req.path = basePath + req.path;
    setHeader(req.headers, "User-Agent", m_config.userAgent);

    sigv4::SigningParams sp;
    sp.credentials = creds;
    sp.region = endpoint->signingRegion.isEmpty() ? m_config.region : endpoint->signingRegion;
    sp.service = endpoint->signingName.isEmpty() ? md.signingName : endpoint->signingName;
    sp.time = m_config.clock.now().addSecs(m_skewSeconds);
    sigv4::signRequest(req, sp);

    qCDebug(lcAwsWire).noquote() << c->service << c->operation << "attempt" << c->attempt << "\n"
                                 << redaction::request(req);

    QUrl full = url;
    full.setPath(QString());
    QNetworkRequest nr(
        QUrl(full.toString(QUrl::RemovePath | QUrl::RemoveQuery) + QString::fromLatin1(req.path)));
    for (const auto &h : req.headers) {
        if (h.first.compare("host", Qt::CaseInsensitive) == 0)
            continue; // QNetworkAccessManager derives Host from the URL, the value we signed
        nr.setRawHeader(h.first, h.second);
    }
    nr.setTransferTimeout(m_config.transferTimeoutMs);
    nr.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkAccessManager *manager = m_managers[m_nextManager++ % m_managers.size()];
    QNetworkReply *reply = manager->sendCustomRequest(nr, req.method, req.body);
    c->reply = reply;
    emit requestSent(c->service, c->operation);
    connect(reply, &QNetworkReply::finished, c, [this, c, reply] { finishAttempt(c, reply); });
}

void AwsClient::finishAttempt(AwsCall *c, QNetworkReply *reply)
{
    reply->deleteLater();
    c->reply = nullptr;
    const auto model = ModelRegistry::service(c->service);
    const Operation *op = model->operation(c->operation);
    const ProtocolCodec *codec = ProtocolCodec::forProtocol(model->metadata().protocol);

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    Outcome outcome;
    outcome.attempts = c->attempt;
    HttpResponse resp;
    if (!statusAttr.isValid()) {
        AwsError e;
        e.kind = ErrorKind::Network;
        e.code = c->aborted ? QStringLiteral("RequestAborted") : QStringLiteral("NetworkError");
        e.message =
            c->aborted
                ? QStringLiteral("The request was cancelled.")
                : QStringLiteral("Could not reach %1: %2").arg(reply->url().host(), reply->errorString());
        e.retry = c->aborted ? RetryClass::None : RetryClass::Transient;
        outcome.error = e;
    } else {
        resp.status = statusAttr.toInt();
        for (const auto &pair : reply->rawHeaderPairs())
            resp.headers.append(pair);
        resp.body = reply->readAll();
        qCDebug(lcAwsWire).noquote() << c->service << c->operation << "response\n"
                                     << redaction::response(resp);
        ParseResult parsed = codec->parseResponse(*model, *op, resp);
        if (parsed.ok())
            outcome.output = std::move(parsed.output);
        else
            outcome.error = std::move(parsed.error);
    }

    if (outcome.ok()) {
        m_retry.onSuccess(c->attempt > 1);
        complete(c, std::move(outcome));
        return;
    }

    AwsError &err = *outcome.error;
    if (err.requestId.isEmpty())
        err.requestId = QString::fromLatin1(headerValue(resp.headers, "x-amzn-RequestId"));

    // Clock skew: if the server's clock differs from ours by more than the
    // tolerance and the error is one a skewed signature causes, adopt the
    // server's time for signing and retry (what the SDKs do).
    bool skewCorrected = false;
    if (err.retry == RetryClass::ClockSkew) {
        const QDateTime server = httpDate(headerValue(resp.headers, "Date"));
        if (server.isValid()) {
            QDateTime serverUtc = server;
            serverUtc.setTimeSpec(Qt::UTC);
            const qint64 skew = m_config.clock.now().secsTo(serverUtc);
            if (std::abs(skew - m_skewSeconds) > kSkewToleranceSeconds) {
                qCInfo(lcAwsRetry) << "correcting clock skew of" << skew << "s";
                m_skewSeconds = skew;
                skewCorrected = true;
            }
        }
        if (!skewCorrected)
            err.retry = RetryClass::None;
    }

    if (err.isExpiredCredentials())
        emit credentialsRejected(err);

    if (!c->aborted && m_retry.shouldRetry(err, c->attempt)) {
        const int delay = skewCorrected ? 0 : m_retry.delayMs(err, c->attempt);
        qCInfo(lcAwsRetry).noquote() << c->service << c->operation << "failed with" << err.code
                                     << "- retrying in" << delay << "ms (attempt" << c->attempt + 1 << ")";
        QTimer::singleShot(delay, c, [this, c] { startAttempt(c); });
        return;
    }
    complete(c, std::move(outcome));
}

void AwsClient::complete(AwsCall *c, Outcome outcome)
{
    if (c->m_finished)
        return;
    c->m_finished = true;
    if (!c->hasContext || c->context) {
        if (c->done)
            c->done(outcome);
    }
    emit c->finished();
    c->deleteLater();
}

QPointer<AwsCall> AwsClient::paginate(const QString &service, const QString &operation,
                                      const QJsonObject &params, QObject *context,
                                      std::function<void(const Outcome &)> done)
{
    const Paginator pag = ModelRegistry::paginator(service, operation);
    if (!pag.isValid())
        return call(service, operation, params, context, std::move(done));

    // One page at a time; each page's callback starts the next. The walk
    // state is shared by the callbacks and freed with the last one.
    struct Walk {
        QJsonObject merged;
        int pages = 0;
        int attempts = 0;
        QStringList seenTokens;
        std::function<void(const Outcome &)> done;
        std::function<void(const QJsonObject &)> next;
    };
    auto walk = std::make_shared<Walk>();
    walk->done = std::move(done);
    QPointer<QObject> ctx(context);
    const bool hasCtx = context != nullptr;
    std::weak_ptr<Walk> weak = walk;
    QPointer<AwsCall> first;
    walk->next = [this, weak, pag, service, operation, ctx, hasCtx](const QJsonObject &pageParams) {
        auto self = weak.lock();
        if (!self)
            return;
        call(service, operation, pageParams, ctx, [self, pag, pageParams, ctx, hasCtx](const Outcome &o) {
            self->attempts += o.attempts;
            if (!o.ok()) {
                self->done(Outcome{self->merged, o.error, self->attempts});
                return;
            }
            if (++self->pages == 1) {
                self->merged = o.output;
            } else {
                for (const QString &key : pag.resultKeys) {
                    QJsonArray acc = self->merged.value(key).toArray();
                    for (const auto &v : o.output.value(key).toArray())
                        acc.append(v);
                    self->merged.insert(key, acc);
                }
            }
            QJsonObject next = pageParams;
            bool more = false;
            for (int i = 0; i < pag.outputTokens.size() && i < pag.inputTokens.size(); ++i) {
                const QString tok = o.output.value(pag.outputTokens.at(i)).toString();
                // A repeated token would loop forever: stop (botocore raises).
                if (!tok.isEmpty() && !self->seenTokens.contains(tok)) {
                    next.insert(pag.inputTokens.at(i), tok);
                    self->seenTokens << tok;
                    more = true;
                }
            }
            if (!pag.moreResults.isEmpty() && !o.output.value(pag.moreResults).toBool())
                more = false;
            if (!more || (hasCtx && !ctx)) {
                for (const QString &t : pag.outputTokens)
                    self->merged.remove(t);
                self->done(Outcome{self->merged, std::nullopt, self->attempts});
                return;
            }
            self->next(next);
        });
    };
    walk->next(params);
    // The walk lives on in the first call's callback; report no handle for
    // later pages (callers abort through their context object).
    return first;
}

} // namespace aws
