#pragma once
// Asks D-Bus, before any keyring job, whether a keyring can answer at all:
// is there a session bus (without autolaunching one), does anything own or
// activate org.freedesktop.secrets, and is its default collection there and
// unlocked. That tells "no bus", "no keyring", "locked" apart, where
// QtKeychain would say OtherError — or, for reads, a misleading EntryNotFound.

#include "SecretStore.h"

#include <QDBusConnection>
#include <QProcessEnvironment>
#include <QTimer>

class QDBusMessage;
class QDBusPendingCallWatcher;

namespace aws::auth {

class KeyringProbe : public QObject {
    Q_OBJECT
public:
    /// `environment` gives DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR and XDG_CURRENT_DESKTOP.
    KeyringProbe(const QProcessEnvironment &environment, int timeoutMs, QObject *parent = nullptr);
    ~KeyringProbe() override;

    /// Starts the probe; `done` runs once (not if `context` is gone), never inside start().
    void start(QObject *context, SecretStore::Done done);

    /// The session bus address as libdbus would find it, without autolaunch; empty if none.
    static QString sessionBusAddress(const QProcessEnvironment &environment);

private:
    void call(const QDBusMessage &message, std::function<void(const QDBusMessage &reply)> next);
    void finish(const SecretStoreResult &result);
    void checkActivatable();
    void readDefaultAlias();
    void checkLocked(const QString &collectionPath);

    QProcessEnvironment m_env;
    int m_timeoutMs;
    QString m_connectionName;
    QDBusConnection m_bus{QString()};
    QTimer m_timer;
    QPointer<QObject> m_context;
    SecretStore::Done m_done;
    bool m_finished = false;
};

} // namespace aws::auth
