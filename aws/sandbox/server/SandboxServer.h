#pragma once
// The sandbox on the wire: one loopback HTTP endpoint for every simulated
// AWS service (routed by X-Amz-Target, the SigV4 credential scope and
// Action), the ECR registry at /v2/, a page on each running task's 127.x
// "public IP", faults on demand, and the state file.

#include "../../core/sigv4/Credentials.h"
#include "../SandboxAccount.h"
#include "FaultOptions.h"
#include "SandboxOptions.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace aws::sandbox {

namespace server {
class HttpServer;
class RegistryService;
class TaskPageHost;
class ApiService;
struct IncomingRequest;
class HttpResponder;
} // namespace server

using server::FaultOptions;
using server::SandboxOptions;

class SandboxServer : public QObject {
    Q_OBJECT
public:
    explicit SandboxServer(const SandboxOptions &options = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    /// Loads the state file (or the scenario) and listens on 127.0.0.1:`port`
    /// (0: options().port, itself 0 = ephemeral). False with errorString() on failure.
    bool start(quint16 port = 0);
    /// Saves the state file (when set), closes every listener.
    void stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    /// http://127.0.0.1:<port> — the endpoint for every service and the registry.
    QUrl endpoint() const;
    /// "127.0.0.1:<port>", the registry host for image references.
    QString registryHost() const;
    Credentials credentials() const { return m_credentials; }
    SandboxAccount &account() { return *m_account; }
    const SandboxOptions &options() const { return m_options; }

    /// Changes the faults at runtime (resets the "Nth request" count).
    void setFaults(const FaultOptions &faults);
    /// A new lab session: fresh random credentials (with a session token);
    /// the old ones are refused from now on and a staged credential expiry
    /// is cleared. What a Learner Lab restart does, for demos and tests.
    Credentials renewCredentials();
    FaultOptions faults() const;

    /// AWS_ENDPOINT_URL=…, AWS_ACCESS_KEY_ID=…, AWS_SECRET_ACCESS_KEY=…,
    /// AWS_REGION=…, AWS_DEFAULT_REGION=… (plus AWS_SESSION_TOKEN when set).
    QStringList environmentLines() const;

    /// Task pages currently listening, as "ip:port".
    QStringList taskPageAddresses() const;
    /// Writes the state file now (no-op without one). False on a write error.
    bool saveStateNow(QString *error = nullptr);

signals:
    void started(const QUrl &endpoint);
    void stopped();

private:
    void handle(const std::shared_ptr<server::IncomingRequest> &request, server::HttpResponder responder);
    void process(const std::shared_ptr<server::IncomingRequest> &request, server::HttpResponder responder,
                 server::FailureMode mode);
    bool loadInitialState();

    SandboxOptions m_options;
    Credentials m_credentials;
    QString m_error;
    std::unique_ptr<SandboxAccount> m_account;
    std::unique_ptr<server::FaultInjector> m_faults;
    server::HttpServer *m_http = nullptr;
    std::unique_ptr<server::ApiService> m_api;
    std::unique_ptr<server::RegistryService> m_registry;
    server::TaskPageHost *m_taskPages = nullptr;
    QTimer m_tick;
    QTimer m_saveDebounce;
};

} // namespace aws::sandbox
