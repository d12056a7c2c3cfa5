#include "EcrAuthorization.h"

#include "AwsClient.h"

#include <QJsonArray>

namespace aws::registry {

EcrAuthorization decodeEcrAuthorization(const QJsonObject &data)
{
    EcrAuthorization a;
    const QByteArray decoded =
        QByteArray::fromBase64(data.value(QStringLiteral("authorizationToken")).toString().toLatin1());
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0) {
        a.error = QStringLiteral("GetAuthorizationToken returned no usable token");
        return a;
    }
    a.credentials.username = QString::fromUtf8(decoded.left(colon));
    a.credentials.password = QString::fromUtf8(decoded.mid(colon + 1));
    // Timestamps are epoch seconds inside the core (docs/DESIGN.md).
    const QJsonValue expires = data.value(QStringLiteral("expiresAt"));
    if (expires.isDouble())
        a.credentials.expires =
            QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(expires.toDouble() * 1000), Qt::UTC);
    a.proxyEndpoint = QUrl(data.value(QStringLiteral("proxyEndpoint")).toString());
    if (!a.proxyEndpoint.isValid() || a.proxyEndpoint.host().isEmpty())
        a.error = QStringLiteral("GetAuthorizationToken returned no registry address (proxyEndpoint)");
    return a;
}

void fetchEcrAuthorization(aws::AwsClient *client, QObject *context,
                           std::function<void(const EcrAuthorization &)> done)
{
    client->call(QStringLiteral("ecr"), QStringLiteral("GetAuthorizationToken"), {}, context,
                 [done](const aws::Outcome &o) {
                     if (!o.ok()) {
                         EcrAuthorization a;
                         a.error = o.error->toString();
                         done(a);
                         return;
                     }
                     const QJsonArray data = o.output.value(QStringLiteral("authorizationData")).toArray();
                     if (data.isEmpty()) {
                         EcrAuthorization a;
                         a.error = QStringLiteral("GetAuthorizationToken returned no authorization data");
                         done(a);
                         return;
                     }
                     done(decodeEcrAuthorization(data.first().toObject()));
                 });
}

CredentialsProvider ecrCredentialsProvider(aws::AwsClient *client, QObject *context)
{
    return [client, context](std::function<void(std::optional<RegistryCredentials>, const QString &)> done) {
        fetchEcrAuthorization(client, context, [done](const EcrAuthorization &a) {
            if (!a.error.isEmpty())
                done(std::nullopt, a.error);
            else
                done(a.credentials, {});
        });
    };
}

} // namespace aws::registry
