#include "SandboxServer.h"

#include "AccountHooks.h"
#include "ApiService.h"
#include "HttpServer.h"
#include "RegistryService.h"
#include "TaskPageHost.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcSandboxServer, "dc.sandbox.server", QtInfoMsg)

namespace aws::sandbox {

using namespace server;

namespace {

QString randomString(int length, const char *alphabet)
{
    const int n = int(qstrlen(alphabet));
    QString s;
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        s += QLatin1Char(alphabet[rng->bounded(n)]);
    return s;
}

Credentials randomCredentials()
{
    // AKIA-shaped (20 characters) but plainly not a real key.
    Credentials c;
    c.accessKeyId = QStringLiteral("AKIASANDBOX") + randomString(9, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    c.secretAccessKey = randomString(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    return c;
}

// The first container's image of a task, for its page (DescribeTasks needs the cluster from the ARN:
// arn:aws:ecs:region:account:task/<cluster>/<id>).
QString taskImage(SandboxAccount &account, const QString &taskArn)
{
    const QStringList parts = taskArn.section(u':', 5).split(u'/');
    if (parts.size() < 3)
        return {};
    const CallResult r = account.call(
        QStringLiteral("ecs"), QStringLiteral("DescribeTasks"),
        {{QStringLiteral("cluster"), parts.at(1)}, {QStringLiteral("tasks"), QJsonArray{taskArn}}});
    const auto *out = std::get_if<QJsonObject>(&r);
    if (!out)
        return {};
    return out->value(QStringLiteral("tasks"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("containers"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("image"))
        .toString();
}

} // namespace

SandboxServer::SandboxServer(const SandboxOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_credentials(options.credentials ? *options.credentials : randomCredentials())
    , m_faults(std::make_unique<FaultInjector>())
{
    SandboxAccount::Options accountOptions;
    accountOptions.region = options.region;
    accountOptions.timeScale = options.timeScale;
    m_account = std::make_unique<SandboxAccount>(accountOptions);
    m_faults->setOptions(options.faults);

    m_tick.setInterval(options.tickIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, [this] { m_account->tick(); });
    m_saveDebounce.setSingleShot(true);
    m_saveDebounce.setInterval(options.saveDebounceMs);
    connect(&m_saveDebounce, &QTimer::timeout, this, [this] { saveStateNow(); });
    connect(m_account.get(), &SandboxAccount::stateChanged, this, [this] {
        if (isRunning() && !m_options.stateFile.isEmpty())
            m_saveDebounce.start();
    });
}

SandboxServer::~SandboxServer()
{
    stop();
}

bool SandboxServer::loadInitialState()
{
    QString error;
    if (!m_options.stateFile.isEmpty() && QFile::exists(m_options.stateFile)) {
        QFile f(m_options.stateFile);
        if (!f.open(QIODevice::ReadOnly)) {
            m_error =
                QStringLiteral("cannot read state file %1: %2").arg(m_options.stateFile, f.errorString());
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            m_error = QStringLiteral("state file %1 is not JSON: %2")
                          .arg(m_options.stateFile, parseError.errorString());
            return false;
        }
        if (!m_account->loadState(doc.object(), &error)) {
            m_error = QStringLiteral("cannot load state file %1: %2").arg(m_options.stateFile, error);
            return false;
        }
        return true;
    }
    if (!m_options.scenario.isEmpty() && !m_account->loadScenario(m_options.scenario, &error)) {
        m_error = QStringLiteral("cannot load scenario %1: %2").arg(m_options.scenario, error);
        return false;
    }
    return true;
}

bool SandboxServer::start(quint16 port)
{
    if (isRunning())
        return true;
    m_error.clear();
    if (!loadInitialState())
        return false;
    m_http =
        new HttpServer([this](const RequestPtr &r, HttpResponder responder) { handle(r, responder); }, this);
    if (!m_http->listen(QHostAddress::LocalHost, port ? port : m_options.port, &m_error)) {
        delete m_http;
        m_http = nullptr;
        return false;
    }
    const QString endpointText = endpoint().toString();
    server::setRegistryEndpoint(*m_account, endpointText);
    m_api = std::make_unique<ApiService>(*m_account, m_credentials);
    m_registry = std::make_unique<RegistryService>(*m_account);

    if (m_options.serveTaskPages) {
        m_taskPages = new TaskPageHost(this);
        connect(m_account.get(), &SandboxAccount::taskAddressChanged, m_taskPages,
                [this](const TaskAddress &address, bool running) {
                    // Deferred: the signal comes from inside the account's tick(),
                    // and looking up the image calls back into the account.
                    QMetaObject::invokeMethod(
                        m_taskPages,
                        [this, address, running] {
                            if (running)
                                m_taskPages->add(address, taskImage(*m_account, address.taskArn));
                            else
                                m_taskPages->remove(address.taskArn);
                        },
                        Qt::QueuedConnection);
                });
        for (const TaskAddress &a : m_account->taskAddresses())
            m_taskPages->add(a, taskImage(*m_account, a.taskArn));
    }
    m_tick.start();
    qCInfo(lcSandboxServer).noquote() << "sandbox listening on" << endpointText;
    emit started(endpoint());
    return true;
}

void SandboxServer::stop()
{
    if (!m_http)
        return;
    m_tick.stop();
    m_saveDebounce.stop();
    saveStateNow();
    delete m_taskPages;
    m_taskPages = nullptr;
    m_http->close();
    delete m_http;
    m_http = nullptr;
    m_registry.reset();
    m_api.reset();
    emit stopped();
}

bool SandboxServer::isRunning() const
{
    return m_http && m_http->isListening();
}

QUrl SandboxServer::endpoint() const
{
    if (!m_http)
        return {};
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_http->port()));
}

QString SandboxServer::registryHost() const
{
    return m_http ? QStringLiteral("127.0.0.1:%1").arg(m_http->port()) : QString();
}

void SandboxServer::setFaults(const FaultOptions &faults)
{
    m_faults->setOptions(faults);
}

Credentials SandboxServer::renewCredentials()
{
    // Session credentials, shaped like a lab's: ASIA key id and a token.
    m_credentials = randomCredentials();
    m_credentials.accessKeyId.replace(0, 4, QStringLiteral("ASIA"));
    m_credentials.sessionToken =
        randomString(160, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    if (m_api)
        m_api->setCredentials(m_credentials);
    FaultOptions faults = m_faults->options();
    faults.credentialsExpireAt = {};
    m_faults->setOptions(faults);
    return m_credentials;
}

FaultOptions SandboxServer::faults() const
{
    return m_faults->options();
}

QStringList SandboxServer::environmentLines() const
{
    QStringList lines{
        QStringLiteral("AWS_ENDPOINT_URL=") + endpoint().toString(),
        QStringLiteral("AWS_ACCESS_KEY_ID=") + m_credentials.accessKeyId,
        QStringLiteral("AWS_SECRET_ACCESS_KEY=") + m_credentials.secretAccessKey,
    };
    if (!m_credentials.sessionToken.isEmpty())
        lines << QStringLiteral("AWS_SESSION_TOKEN=") + m_credentials.sessionToken;
    lines << QStringLiteral("AWS_REGION=") + m_options.region
          << QStringLiteral("AWS_DEFAULT_REGION=") + m_options.region;
    return lines;
}

QStringList SandboxServer::taskPageAddresses() const
{
    return m_taskPages ? m_taskPages->listening() : QStringList();
}

bool SandboxServer::saveStateNow(QString *error)
{
    if (m_options.stateFile.isEmpty())
        return true;
    QSaveFile f(m_options.stateFile);
    const QByteArray data = QJsonDocument(m_account->saveState()).toJson(QJsonDocument::Indented);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        const QString message =
            QStringLiteral("cannot write state file %1: %2").arg(m_options.stateFile, f.errorString());
        qCWarning(lcSandboxServer).noquote() << message;
        if (error)
            *error = message;
        return false;
    }
    return true;
}

void SandboxServer::handle(const RequestPtr &request, HttpResponder responder)
{
    // Only the path: a presigned query string carries X-Amz-Credential and X-Amz-Signature.
    qCDebug(lcSandboxServer).noquote() << request->http.method << request->http.pathOnly();
    const bool api = !RegistryService::handles(request->http);
    const FailureMode mode = m_faults->next(api);
    const int latency = m_faults->options().latencyMs;
    if (latency > 0) {
        QTimer::singleShot(latency, this,
                           [this, request, responder, mode] { process(request, responder, mode); });
        return;
    }
    process(request, responder, mode);
}

void SandboxServer::process(const RequestPtr &request, HttpResponder responder, FailureMode mode)
{
    if (mode == FailureMode::FailDropConnection) {
        qCInfo(lcSandboxServer) << "fault: dropping the connection of request" << m_faults->requestCount();
        responder.drop();
        return;
    }
    if (!m_api || !m_registry) {
        responder.drop();
        return;
    }
    if (RegistryService::handles(request->http)) {
        m_registry->handle(*request, responder);
        return;
    }
    ApiAnswer answer;
    if (request->bodyFile) {
        // API bodies are small; one that was spilled to disk is read back for the codec.
        HttpRequest http = request->http;
        request->readBody([&](const QByteArray &chunk) { http.body += chunk; });
        answer = m_api->answer(http, mode);
    } else {
        answer = m_api->answer(request->http, mode);
    }
    if (!answer.pending) {
        responder.send(answer.response);
        return;
    }
    // Writing a large answer (a DescribeTasks of 100 tasks is 200 KB of JSON)
    // was most of a request's time on this thread; it needs nothing of the
    // account, so it runs on the thread pool while this loop takes the next
    // request. The watcher dies with the server: a late answer is dropped.
    auto *watcher = new QFutureWatcher<HttpResponse>(this);
    connect(watcher, &QFutureWatcher<HttpResponse>::finished, this, [watcher, responder]() mutable {
        responder.send(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(
        QtConcurrent::run([pending = std::move(*answer.pending)] { return pending.serialize(); }));
}

} // namespace aws::sandbox
