#pragma once
// The simulated AWS account: every service's state, the lifecycles that move
// it on a simulated clock, and the rules the real services enforce. Pure
// logic — no sockets. SandboxServer puts it on the wire.

#include "../core/error/AwsError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <variant>

namespace aws::sandbox {

class SimClock;

/// The result of one simulated API call.
using CallResult = std::variant<QJsonObject, AwsError>;

/// An image manifest the sandbox registry accepted, as ECR records it.
struct StoredImage {
    QString repository;
    QString digest; ///< sha256:…
    QStringList tags;
    QString mediaType; ///< manifest media type
    QByteArray manifest;
    qint64 sizeBytes = 0; ///< sum of layer sizes
    QDateTime pushedAt;
};

/// A running task's simulated public address, served by SandboxServer.
struct TaskAddress {
    QString taskArn;
    QString taskId;
    QString publicIp; ///< a unique 127.x.y.z address
    QList<int> ports; ///< container ports
};

class SandboxAccount : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString accountId = QStringLiteral("123456789012");
        QString region = QStringLiteral("us-east-1");
        /// Simulated seconds per wall second. 24 makes an 8-minute RDS
        /// creation take about 20 s.
        double timeScale = 24.0;
    };

    explicit SandboxAccount(const Options &options, QObject *parent = nullptr);
    ~SandboxAccount() override;

    const Options &options() const;
    SimClock &clock();

    /// One API call: service is the model name ("ec2", "ecs", "rds", "ecr",
    /// "logs", "sts", "iam"), operation and params as in the model (values
    /// per ProtocolCodec's conventions). `accessKeyId` is the caller's.
    CallResult call(const QString &service, const QString &operation, const QJsonObject &params,
                    const QString &accessKeyId = {});

    /// Advances every lifecycle to the clock's current time. Called before
    /// each call and by SandboxServer's timer.
    void tick();

    // ---- scenarios and persistence ----
    /// "empty", "taskoverflow" (the practical deployed and running) or "large".
    bool loadScenario(const QString &name, QString *error = nullptr);
    static QStringList scenarioNames();
    QJsonObject saveState() const;
    bool loadState(const QJsonObject &state, QString *error = nullptr);

    // ---- the registry's view of ECR ----
    bool repositoryExists(const QString &name) const;
    /// Records a pushed manifest (and tag, when not a digest push). Returns
    /// an error such as ImageTagAlreadyExistsException for IMMUTABLE repos.
    std::optional<AwsError> putImage(const StoredImage &image, const QString &tag);
    /// Finds a manifest by tag or digest.
    std::optional<StoredImage> findImage(const QString &repository, const QString &reference) const;
    /// Every blob digest still referenced by some manifest in `repository`.
    QStringList referencedBlobs(const QString &repository) const;

    /// Currently running tasks with a public IP.
    QList<TaskAddress> taskAddresses() const;

    /// The registry's base URL (GetAuthorizationToken's proxyEndpoint).
    void setRegistryEndpoint(const QString &endpoint);
    /// True when `password` is the password of an unexpired ECR token.
    bool checkRegistryPassword(const QString &password) const;

signals:
    /// A task gained (running=true) or lost its public address.
    void taskAddressChanged(const aws::sandbox::TaskAddress &address, bool running);
    /// Any state change (for autosave).
    void stateChanged();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace aws::sandbox
