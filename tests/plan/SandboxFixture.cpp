#include "SandboxFixture.h"

#include "ModelRegistry.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

bool SandboxFixture::start(QString *error, double timeScale)
{
    m_timeScale = timeScale;
    aws::sandbox::SandboxOptions options;
    options.scenario = QStringLiteral("empty");
    options.timeScale = timeScale;
    options.tickIntervalMs = 20;   // lifecycles move on quickly at this speed
    options.serveTaskPages = true; // the preset ends on a task's page
    m_server = std::make_unique<aws::sandbox::SandboxServer>(options);
    if (!m_server->start(0)) {
        *error = m_server->errorString();
        return false;
    }
    aws::EndpointResolver resolver(aws::ModelRegistry::partitionsDocument(),
                                   aws::ModelRegistry::endpointsDocument());
    resolver.setEndpointOverride(m_server->endpoint());
    aws::ClientConfig config;
    config.region = m_server->options().region;
    const aws::Credentials credentials = m_server->credentials();
    config.credentials = [credentials] { return credentials; };
    // The client's own standard-mode retries (3 attempts, as the SDKs), with waits short
    // enough for a test; what still fails after them the runner backs off and repeats.
    config.retry.maxAttempts = 3;
    config.retry.baseDelaySeconds = 0.005;
    config.retry.throttlingBaseDelaySeconds = 0.005;
    config.retry.maxBackoffSeconds = 0.05;
    config.transferTimeoutMs = 5000;
    m_client = std::make_unique<aws::AwsClient>(std::move(config), std::move(resolver));
    return true;
}

void SandboxFixture::stop()
{
    m_client.reset();
    if (m_server)
        m_server->stop();
    m_server.reset();
}

aws::Outcome SandboxFixture::call(const QString &service, const QString &operation, const QJsonObject &params,
                                  int timeoutMs)
{
    aws::Outcome result;
    bool done = false;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    m_client->call(service, operation, params, &loop, [&](const aws::Outcome &o) {
        result = o;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    if (!done) {
        result.error = aws::AwsError{};
        result.error->code = QStringLiteral("TestTimeout");
    }
    return result;
}

QStringList SandboxFixture::securityGroupIds()
{
    QStringList ids;
    const auto o = call(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"));
    for (const QJsonValue &g : o.output.value(u"SecurityGroups").toArray())
        ids << g[QStringLiteral("GroupId")].toString();
    ids.sort();
    return ids;
}

QStringList SandboxFixture::inventory()
{
    QStringList out;
    for (const QString &id : securityGroupIds())
        out << QStringLiteral("sg ") + id;
    const auto addAll = [&](const QString &service, const QString &op, const QString &list,
                            const QString &key, const QString &prefix, const QJsonObject &params = {}) {
        const auto o = call(service, op, params);
        if (!o.ok()) {
            out << QStringLiteral("%1 unavailable: %2").arg(prefix, o.error->code);
            return;
        }
        for (const QJsonValue &v : o.output.value(list).toArray()) {
            const QString name = v.isString() ? v.toString() : v[key].toString();
            const QString status =
                v[QStringLiteral("DBInstanceStatus")].toString(v[QStringLiteral("status")].toString());
            if (status != u"INACTIVE")
                out << prefix + u' ' + name;
        }
    };
    addAll(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"), QStringLiteral("DBInstances"),
           QStringLiteral("DBInstanceIdentifier"), QStringLiteral("db"));
    addAll(QStringLiteral("ecs"), QStringLiteral("ListClusters"), QStringLiteral("clusterArns"), {},
           QStringLiteral("cluster"));
    addAll(QStringLiteral("ecs"), QStringLiteral("ListTaskDefinitions"), QStringLiteral("taskDefinitionArns"),
           {}, QStringLiteral("taskdef"), {{QStringLiteral("status"), QStringLiteral("ACTIVE")}});
    addAll(QStringLiteral("logs"), QStringLiteral("DescribeLogGroups"), QStringLiteral("logGroups"),
           QStringLiteral("logGroupName"), QStringLiteral("log-group"));
    addAll(QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"), QStringLiteral("repositories"),
           QStringLiteral("repositoryName"), QStringLiteral("ecr"));
    out.sort();
    return out;
}

QString SandboxFixture::putImage(const QString &repository, const QString &tag)
{
    const QByteArray manifest =
        QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                  {QStringLiteral("mediaType"),
                                   QStringLiteral("application/vnd.docker.distribution.manifest.v2+json")},
                                  {QStringLiteral("layers"), QJsonArray{}}})
            .toJson(QJsonDocument::Compact);
    aws::sandbox::StoredImage image;
    image.repository = repository;
    image.digest =
        QStringLiteral("sha256:") +
        QString::fromLatin1(QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex());
    image.mediaType = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
    image.manifest = manifest;
    image.sizeBytes = 100;
    image.pushedAt = QDateTime::currentDateTimeUtc();
    image.tags = {tag};
    const auto error = m_server->account().putImage(image, tag);
    return error ? error->message : QString();
}
