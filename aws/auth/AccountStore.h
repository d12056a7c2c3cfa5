#pragma once
// Accounts the student saved: non-secret metadata (name, region, access key
// id, when saved, Learner Lab or not) in the app's settings, the secret half
// in a SecretStore. With a persistent store (the keyring) metadata goes to
// QSettings ("DeployConsole"/"deploy-console", under $XDG_CONFIG_HOME); with
// an in-memory store it stays in memory too, so nothing outlives the run.
// Never writes a secret to any file.

#include "SecretStore.h"
#include "core/client/Clock.h"
#include "core/sigv4/Credentials.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <optional>

class QSettings;

namespace aws::auth {

struct SavedAccount {
    QString name;
    QString region;
    QString accessKeyId;
    QDateTime savedAt;
    bool learnerLab = false;
    QDateTime labSessionStart; ///< when the Learner Lab block was pasted (for the time-left estimate)
};

class AccountStore : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const SecretStoreResult &)>;
    using LoadDone =
        std::function<void(const SecretStoreResult &, const SavedAccount &, const aws::Credentials &)>;

    /// `secrets` is not owned. `settingsFile`, when set, replaces the default
    /// QSettings location (tests, portable installs).
    explicit AccountStore(SecretStore *secrets, QObject *parent = nullptr, const QString &settingsFile = {});
    ~AccountStore() override;

    void setClock(aws::Clock clock) { m_clock = std::move(clock); }
    bool isPersistent() const;

    /// 1–64 letters, digits, spaces and . _ - @ +; `why` gets a sentence when false.
    static bool isValidName(const QString &name, QString *why = nullptr);

    QList<SavedAccount> accounts() const; ///< sorted by name
    std::optional<SavedAccount> account(const QString &name) const;

    /// Saves (or replaces) an account: the secret first; metadata only once the
    /// secret store said yes, so a failed keyring leaves no half-saved account.
    /// savedAt and, for Learner Lab accounts, labSessionStart are set to now.
    void save(const SavedAccount &account, const aws::Credentials &credentials, QObject *context, Done done);
    /// Metadata and secret together, as credentials ready for signing.
    void load(const QString &name, QObject *context, LoadDone done);
    /// Deletes the secret, then the metadata. If the secret cannot be deleted
    /// (keyring unreachable) the account stays listed so the student can retry.
    void remove(const QString &name, QObject *context, Done done);

signals:
    void accountsChanged();

private:
    std::unique_ptr<QSettings> settings() const;
    void writeMetadata(const SavedAccount &account);
    void removeMetadata(const QString &name);

    SecretStore *m_secrets;
    QString m_settingsFile;
    aws::Clock m_clock;
    QMap<QString, SavedAccount> m_memory; ///< metadata when the secret store is not persistent
};

} // namespace aws::auth
