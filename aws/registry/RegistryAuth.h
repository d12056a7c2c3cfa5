#pragma once
// How a registry wants to be asked: the WWW-Authenticate challenge parsed,
// Basic credentials (ECR's `AWS:<token>`, htpasswd), and Bearer tokens per
// scope (Docker Hub style). Secrets live only here and in headers.

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <functional>
#include <optional>

namespace aws::registry {

struct RegistryCredentials {
    QString username;
    QString password;  ///< never logged
    QDateTime expires; ///< invalid: does not expire (ECR tokens do, after 12 h)
};

/// Asks for credentials (again): `done` gets them or the reason there are none.
using CredentialsProvider =
    std::function<void(std::function<void(std::optional<RegistryCredentials>, const QString &error)> done)>;

struct AuthChallenge {
    QString scheme;                 ///< "basic" or "bearer" (lowercase); empty: none seen yet
    QHash<QString, QString> params; ///< realm, service, scope, error …

    static AuthChallenge parse(const QByteArray &header);
};

} // namespace aws::registry
