#pragma once
// Saved accounts' secrets in the system keyring, through QtKeychain (libsecret
// → GNOME Keyring / KWallet's Secret Service on Linux; Keychain on macOS;
// Credential Store on Windows). Service "deploy-console", one entry per
// account. Adds what QtKeychain lacks: a timeout on every job, a D-Bus probe
// that tells "no bus / no keyring / locked" apart first, and plain messages.
//
// Requests run one at a time, in order. A job that times out cannot be
// cancelled (QtKeychain has no cancel, and deleting it would leave libsecret a
// dangling pointer), so it is left to finish on its own; until it does, new
// requests fail at once with Timeout instead of queueing behind it.

#include "SecretStore.h"

#include <QPointer>
#include <QProcessEnvironment>
#include <QQueue>
#include <QTimer>

namespace QKeychain {
class Job;
}

namespace aws::auth {

class KeyringProbe;

class KeyringStore : public SecretStore {
    Q_OBJECT
public:
    struct Options {
        QString service = QStringLiteral("deploy-console");
        int timeoutMs = 10000; ///< per request, probe included
        /// Where the probe finds the session bus. QtKeychain itself always
        /// uses the process environment, so tests change that, not only this.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    };

    explicit KeyringStore(QObject *parent = nullptr);
    explicit KeyringStore(Options options, QObject *parent = nullptr);
    ~KeyringStore() override;

    bool isPersistent() const override { return true; }
    void write(const QString &account, const StoredSecret &secret, QObject *context, Done done) override;
    void read(const QString &account, QObject *context, ReadDone done) override;
    void remove(const QString &account, QObject *context, Done done) override;

    /// Checks that the keyring can be used, without touching any entry: for the
    /// "no keyring available" step before the paste dialog offers to save.
    void probe(QObject *context, Done done);

    /// True while a timed-out job is still pending inside QtKeychain. Process-wide:
    /// QtKeychain runs all jobs of the process one after another, so one hung job
    /// blocks every KeyringStore.
    static bool isStuck();
    int timeoutSeconds() const { return (m_options.timeoutMs + 999) / 1000; }
    /// The keyring entry name of an account (exposed for tests and diagnostics).
    static QString entryKey(const QString &account);

private:
    enum class Kind { Probe, Write, Read, Remove };
    struct Request {
        Kind kind = Kind::Probe;
        QString account;
        QByteArray payload; // write only
        QPointer<QObject> context;
        Done done;
        ReadDone readDone;
    };

    void enqueue(Request request);
    void startNext();
    void startJob();
    void onJobFinished(QKeychain::Job *job);
    void onTimeout();
    void complete(const SecretStoreResult &result, const StoredSecret &secret = {});

    Options m_options;
    QQueue<Request> m_queue;
    bool m_busy = false;
    Request m_current;
    QTimer m_timer;
    QPointer<KeyringProbe> m_probe;
    QPointer<QKeychain::Job> m_job;
};

} // namespace aws::auth
