#pragma once
// The one way the product talks to AWS: service + operation + parameters in,
// output structure or error out. Validates against the model, resolves the
// endpoint, serializes with the service's protocol, signs with SigV4, sends
// over QNetworkAccessManager (asynchronously, never blocking the thread),
// retries in the SDKs' standard mode and corrects clock skew.

#include "../endpoints/EndpointResolver.h"
#include "../error/AwsError.h"
#include "../sigv4/Credentials.h"
#include "Clock.h"
#include "RetryStrategy.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace aws {

struct HttpRequest;
struct HttpResponse;

/// The outcome of one call (after any retries).
struct Outcome {
    QJsonObject output;
    std::optional<AwsError> error;
    int attempts = 0;
    bool ok() const { return !error.has_value(); }
};

struct ClientConfig {
    QString region = QStringLiteral("us-east-1");
    /// Asked before every attempt, so refreshed credentials take effect on
    /// retries and after an expiry.
    std::function<Credentials()> credentials;
    Clock clock;
    RetryStrategy::Options retry;
    std::function<double()> random; ///< jitter source; tests inject one
    int transferTimeoutMs = 60000;
    QByteArray userAgent = "deploy-console/0.1";
};

class AwsCall;

class AwsClient : public QObject {
    Q_OBJECT
public:
    AwsClient(ClientConfig config, EndpointResolver resolver, QNetworkAccessManager *nam = nullptr,
              QObject *parent = nullptr);
    ~AwsClient() override;

    /// Starts a call. `done` runs once, in `context`'s thread, unless
    /// `context` is destroyed first. Returns a handle that can abort it.
    QPointer<AwsCall> call(const QString &service, const QString &operation, const QJsonObject &params,
                           QObject *context, std::function<void(const Outcome &)> done);

    /// Like call(), but follows the operation's paginator to the end and
    /// returns one output with every page's result lists concatenated.
    QPointer<AwsCall> paginate(const QString &service, const QString &operation, const QJsonObject &params,
                               QObject *context, std::function<void(const Outcome &)> done);

    /// Checks `params` without sending anything. Returns the validation
    /// error, if any (also: unknown service or operation).
    std::optional<AwsError> validate(const QString &service, const QString &operation,
                                     const QJsonObject &params) const
    {
        return validateCall(service, operation, params);
    }
    static std::optional<AwsError> validateCall(const QString &service, const QString &operation,
                                                const QJsonObject &params);

    const ClientConfig &config() const { return m_config; }
    void setRegion(const QString &region);
    QString region() const { return m_config.region; }
    void setCredentialsProvider(std::function<Credentials()> provider);
    EndpointResolver &endpoints() { return m_resolver; }
    /// The correction applied to the local clock (server minus local), in seconds.
    qint64 clockSkewSeconds() const { return m_skewSeconds; }
    RetryStrategy &retryStrategy() { return m_retry; }
    QNetworkAccessManager *networkAccessManager() const { return m_managers.constFirst(); }

signals:
    /// A call failed because the credentials expired or were rejected
    /// (ExpiredToken, InvalidClientTokenId, …). The session pauses polling.
    void credentialsRejected(const aws::AwsError &error);
    /// Every request sent (for counting in tests and benchmarks).
    void requestSent(const QString &service, const QString &operation);

private:
    friend class AwsCall;
    void startAttempt(AwsCall *call);
    void finishAttempt(AwsCall *call, QNetworkReply *reply);
    void complete(AwsCall *call, Outcome outcome);

    ClientConfig m_config;
    EndpointResolver m_resolver;
    /// The caller's manager, or the client's own eight: requests take turns. One manager opens at most six
    /// connections to a host (fixed in Qt 6.4), and the inventory sends dozens of independent requests at
    /// once; through six they queued in waves, and a refresh of a large
    /// account took 3.5 times its critical path of round trips.
    QList<QNetworkAccessManager *> m_managers;
    qsizetype m_nextManager = 0;
    RetryStrategy m_retry;
    qint64 m_skewSeconds = 0;
};

/// One call in flight (possibly spanning retries and pages).
class AwsCall : public QObject {
    Q_OBJECT
public:
    void abort();
    bool isFinished() const { return m_finished; }

signals:
    void finished();

private:
    friend class AwsClient;
    explicit AwsCall(QObject *parent)
        : QObject(parent)
    {}
    QString service;
    QString operation;
    QJsonObject params;
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void(const Outcome &)> done;
    int attempt = 0;
    bool m_finished = false;
    bool aborted = false;
    QPointer<QNetworkReply> reply;
};

} // namespace aws
