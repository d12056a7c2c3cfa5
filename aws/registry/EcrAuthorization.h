#pragma once
// ECR's way in: GetAuthorizationToken gives the registry's address
// (proxyEndpoint) and a 12-hour token that is Basic `AWS:<password>`.
// The provider asks again whenever the registry client needs fresh ones.

#include "RegistryAuth.h"

#include <QObject>
#include <QUrl>

namespace aws {
class AwsClient;
}

namespace aws::registry {

struct EcrAuthorization {
    QUrl proxyEndpoint;
    RegistryCredentials credentials;
    QString error; ///< set when there is none
};

/// Calls GetAuthorizationToken; `done` runs in `context`'s thread.
void fetchEcrAuthorization(aws::AwsClient *client, QObject *context,
                           std::function<void(const EcrAuthorization &)> done);
/// Decodes one authorizationData entry (base64 "AWS:<password>", expiresAt).
EcrAuthorization decodeEcrAuthorization(const QJsonObject &authorizationData);
/// A provider for RegistryClient that renews the token through `client`.
CredentialsProvider ecrCredentialsProvider(aws::AwsClient *client, QObject *context);

} // namespace aws::registry
