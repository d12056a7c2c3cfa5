#pragma once
// Where a saved account's secret access key and session token live. One
// interface, two homes: the system keyring (KeyringStore) or this run's
// memory (InMemorySecretStore) when the keyring cannot be used. Every call
// answers asynchronously, through a callback that is dropped if its context
// object is destroyed first.

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>

namespace aws::auth {

/// What went wrong with the keyring, in the categories a student can act on.
enum class KeyringProblem {
    None,            ///< it worked
    NoSessionBus,    ///< no D-Bus session bus (no desktop session, e.g. over ssh or under xvfb)
    NoSecretService, ///< a bus, but nothing provides org.freedesktop.secrets (no GNOME Keyring / KWallet)
    KeyringLocked,   ///< the keyring is locked, or was never set up/unlocked in this session
    AccessDenied,    ///< the keyring refused (the user said no, or a policy)
    Timeout,         ///< the keyring did not answer in time (often an unlock prompt nobody sees)
    NotFound,        ///< no saved secret for this account
    Other,           ///< anything else; detail says what the backend reported
};

/// The outcome of a keyring call: the problem, a message for the student and
/// the backend's own words for a "details" fold. Never contains a secret.
struct SecretStoreResult {
    KeyringProblem problem = KeyringProblem::None;
    QString message; ///< what happened and what to do, in plain words
    QString detail;  ///< the backend's text (QtKeychain / D-Bus error), for details and bug reports

    bool ok() const { return problem == KeyringProblem::None; }
    /// Whether "use these credentials for this session only" is the sensible offer.
    bool keyringUnusable() const
    {
        return problem != KeyringProblem::None && problem != KeyringProblem::NotFound;
    }
    static SecretStoreResult success() { return {}; }
    /// A result with the standard message for `problem`.
    static SecretStoreResult failure(KeyringProblem problem, const QString &detail = {},
                                     int timeoutSeconds = 0);
};

/// Short identifier ("NoSessionBus", …) for logs, tests and deployctl's --json.
QString keyringProblemName(KeyringProblem problem);

/// The secret half of a saved account.
struct StoredSecret {
    QString secretAccessKey;
    QString sessionToken; ///< empty for long-term keys
};

class SecretStore : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const SecretStoreResult &)>;
    using ReadDone = std::function<void(const SecretStoreResult &, const StoredSecret &)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    /// True when secrets survive the end of this run (the keyring), false for memory.
    virtual bool isPersistent() const = 0;
    /// Stores (or replaces) the secret of `account`.
    virtual void write(const QString &account, const StoredSecret &secret, QObject *context, Done done) = 0;
    virtual void read(const QString &account, QObject *context, ReadDone done) = 0;
    /// Deletes the secret of `account`; a missing entry counts as success.
    virtual void remove(const QString &account, QObject *context, Done done) = 0;

protected:
    /// Runs `call` later from the event loop, unless `context` is gone by then.
    /// Callbacks never run inside the call that started them, so callers need
    /// not worry about re-entrancy.
    static void deliver(QObject *context, std::function<void()> call);
};

} // namespace aws::auth
