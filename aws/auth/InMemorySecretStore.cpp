#include "InMemorySecretStore.h"

#include "SecretRedactor.h"

namespace aws::auth {

void InMemorySecretStore::write(const QString &account, const StoredSecret &secret, QObject *context,
                                Done done)
{
    SecretRedactor::instance().registerSecret(secret.secretAccessKey);
    SecretRedactor::instance().registerSecret(secret.sessionToken);
    m_secrets.insert(account, secret);
    deliver(context ? context : this, [done] { done(SecretStoreResult::success()); });
}

void InMemorySecretStore::read(const QString &account, QObject *context, ReadDone done)
{
    const auto it = m_secrets.constFind(account);
    if (it == m_secrets.cend()) {
        deliver(context ? context : this,
                [done] { done(SecretStoreResult::failure(KeyringProblem::NotFound), StoredSecret{}); });
        return;
    }
    const StoredSecret &secret = *it;
    deliver(context ? context : this, [done, secret] { done(SecretStoreResult::success(), secret); });
}

void InMemorySecretStore::remove(const QString &account, QObject *context, Done done)
{
    m_secrets.remove(account);
    deliver(context ? context : this, [done] { done(SecretStoreResult::success()); });
}

} // namespace aws::auth
