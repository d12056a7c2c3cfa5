#pragma once
// Secrets kept in this process's memory only: the "use these credentials for
// this session only" choice when the keyring is missing, locked or refuses.
// Nothing is ever written anywhere; everything is gone when the app exits.

#include "SecretStore.h"

#include <QHash>

namespace aws::auth {

class InMemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    bool isPersistent() const override { return false; }
    void write(const QString &account, const StoredSecret &secret, QObject *context, Done done) override;
    void read(const QString &account, QObject *context, ReadDone done) override;
    void remove(const QString &account, QObject *context, Done done) override;

private:
    QHash<QString, StoredSecret> m_secrets;
};

} // namespace aws::auth
