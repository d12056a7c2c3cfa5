#pragma once
// Where the app's accounts come from and go: connect to the sandbox, a saved
// account (secret from the keyring) or a ~/.aws profile; import a pasted
// block; remove an account. Keyring trouble is explained, and the student
// may use credentials for this run only (kept in memory, never on disk).

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <memory>

#include "AccountListModel.h"

class QQmlEngine;
class QJSEngine;
class Session;

namespace aws::auth {
class AccountStore;
class CredentialChain;
class InMemorySecretStore;
class KeyringStore;
class ProfileStore;
struct ParsedCredentials;
} // namespace aws::auth

class Accounts : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(AccountListModel *model READ model CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    /// The last problem, in plain words ("" when none).
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    /// Regions the switcher offers (us-east-1 / us-west-2 only on a Learner Lab).
    Q_PROPERTY(QStringList regions READ regions NOTIFY regionsChanged)
public:
    /// `settingsFile` empty: the app's normal settings location.
    Accounts(Session *session, const QString &settingsFile = {}, QObject *parent = nullptr);
    ~Accounts() override;

    static void setInstance(Accounts *accounts);
    static Accounts *create(QQmlEngine *, QJSEngine *);
    static Accounts *instance();

    AccountListModel *model() const { return m_model.get(); }
    bool busy() const { return m_busy; }
    QString errorText() const { return m_errorText; }
    QStringList regions() const;

    /// kind: "sandbox", "saved" or "profile"; key: the model's key role.
    Q_INVOKABLE void connectTo(const QString &kind, const QString &key);
    Q_INVOKABLE void remove(const QString &name);
    Q_INVOKABLE void setRegion(const QString &region);

    /// Saves pasted credentials (keyring unless `thisRunOnly`) and connects.
    /// When the session's credentials were rejected (an expired lab), the
    /// fresh ones replace them in place and everything waiting resumes.
    /// `done(ok, keyringProblem, message)`.
    void importPasted(const aws::auth::ParsedCredentials &parsed, const QString &name, const QString &region,
                      bool thisRunOnly, std::function<void(bool, bool, QString)> done);

    aws::auth::AccountStore &store();

signals:
    void busyChanged();
    void errorTextChanged();
    void regionsChanged();

private:
    void setBusy(bool busy);
    void setError(const QString &text);

    Session *m_session;
    std::unique_ptr<aws::auth::KeyringStore> m_keyring;
    std::unique_ptr<aws::auth::InMemorySecretStore> m_memory;
    std::unique_ptr<aws::auth::AccountStore> m_store;       ///< keyring-backed
    std::unique_ptr<aws::auth::AccountStore> m_memoryStore; ///< "this run only"
    std::unique_ptr<aws::auth::ProfileStore> m_profiles;
    std::unique_ptr<aws::auth::CredentialChain> m_chain;
    std::unique_ptr<AccountListModel> m_model;
    bool m_busy = false;
    QString m_errorText;
};
