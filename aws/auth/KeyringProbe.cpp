#include "KeyringProbe.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QFileInfo>
#include <QMetaObject>

namespace aws::auth {

namespace {
const QString kSecrets = QStringLiteral("org.freedesktop.secrets");
const QString kSecretsPath = QStringLiteral("/org/freedesktop/secrets");
const QString kDBus = QStringLiteral("org.freedesktop.DBus");
const QString kDBusPath = QStringLiteral("/org/freedesktop/DBus");

int g_probeCounter = 0;

bool isTimeout(const QDBusMessage &reply)
{
    return reply.errorName() == u"org.freedesktop.DBus.Error.NoReply" ||
           reply.errorName() == u"org.freedesktop.DBus.Error.Timeout";
}
} // namespace

KeyringProbe::KeyringProbe(const QProcessEnvironment &environment, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_env(environment)
    , m_timeoutMs(timeoutMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(SecretStoreResult::failure(KeyringProblem::Timeout,
                                          QStringLiteral("the Secret Service did not answer a D-Bus call"),
                                          (m_timeoutMs + 999) / 1000));
    });
}

KeyringProbe::~KeyringProbe()
{
    if (!m_connectionName.isEmpty())
        QDBusConnection::disconnectFromBus(m_connectionName);
}

QString KeyringProbe::sessionBusAddress(const QProcessEnvironment &environment)
{
    QString address = environment.value(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    if (!address.isEmpty())
        return address;
    // The systemd user bus, which libdbus and GDBus use when the variable is unset.
    const QString runtime = environment.value(QStringLiteral("XDG_RUNTIME_DIR"));
    if (!runtime.isEmpty()) {
        const QString socket = runtime + QStringLiteral("/bus");
        if (QFileInfo::exists(socket))
            return QStringLiteral("unix:path=") + socket;
    }
    // Deliberately no autolaunch: under xvfb it starts a keyring whose unlock
    // prompt nobody can see, and every job then hangs.
    return {};
}

void KeyringProbe::start(QObject *context, SecretStore::Done done)
{
    m_context = context ? context : this;
    m_done = std::move(done);
#if !defined(Q_OS_UNIX) || defined(Q_OS_DARWIN) || defined(Q_OS_ANDROID)
    // Keychain / Credential Store need no D-Bus: nothing to probe there.
    finish(SecretStoreResult::success());
    return;
#endif

    const QString address = sessionBusAddress(m_env);
    if (address.isEmpty()) {
        finish(
            SecretStoreResult::failure(KeyringProblem::NoSessionBus,
                                       QStringLiteral("DBUS_SESSION_BUS_ADDRESS is not set and there is no "
                                                      "$XDG_RUNTIME_DIR/bus")));
        return;
    }
    // A private connection, so that the probe never shares state (or a hung
    // call) with the application's session bus connection.
    m_connectionName = QStringLiteral("dc-keyring-probe-%1").arg(++g_probeCounter);
    m_bus = QDBusConnection::connectToBus(address, m_connectionName);
    if (!m_bus.isConnected()) {
        finish(SecretStoreResult::failure(KeyringProblem::NoSessionBus, m_bus.lastError().message()));
        return;
    }
    m_timer.start(m_timeoutMs);

    QDBusMessage hasOwner =
        QDBusMessage::createMethodCall(kDBus, kDBusPath, kDBus, QStringLiteral("NameHasOwner"));
    hasOwner << kSecrets;
    call(hasOwner, [this](const QDBusMessage &reply) {
        const bool owned = reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty() &&
                           reply.arguments().constFirst().toBool();
        const bool kde = m_env.value(QStringLiteral("XDG_CURRENT_DESKTOP")).contains(QStringLiteral("KDE"));
        if (owned && !kde)
            readDefaultAlias();
        else
            checkActivatable();
    });
}

void KeyringProbe::call(const QDBusMessage &message, std::function<void(const QDBusMessage &)> next)
{
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message, m_timeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, next = std::move(next)](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                if (!m_finished)
                    next(w->reply());
            });
}

void KeyringProbe::checkActivatable()
{
    const QDBusMessage list =
        QDBusMessage::createMethodCall(kDBus, kDBusPath, kDBus, QStringLiteral("ListActivatableNames"));
    call(list, [this](const QDBusMessage &reply) {
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
            finish(SecretStoreResult::failure(KeyringProblem::Other, reply.errorMessage()));
            return;
        }
        const QStringList names = reply.arguments().constFirst().toStringList();
        // On KDE, QtKeychain prefers KWallet; its lock state is not visible here.
        const bool kde = m_env.value(QStringLiteral("XDG_CURRENT_DESKTOP")).contains(QStringLiteral("KDE"));
        if (kde && (names.contains(QStringLiteral("org.kde.kwalletd6")) ||
                    names.contains(QStringLiteral("org.kde.kwalletd5")))) {
            finish(SecretStoreResult::success());
            return;
        }
        if (names.contains(kSecrets)) {
            readDefaultAlias();
            return;
        }
        finish(SecretStoreResult::failure(
            KeyringProblem::NoSecretService,
            QStringLiteral("no D-Bus service owns or can activate %1").arg(kSecrets)));
    });
}

void KeyringProbe::readDefaultAlias()
{
    QDBusMessage alias = QDBusMessage::createMethodCall(kSecrets, kSecretsPath,
                                                        QStringLiteral("org.freedesktop.Secret.Service"),
                                                        QStringLiteral("ReadAlias"));
    alias << QStringLiteral("default");
    call(alias, [this](const QDBusMessage &reply) {
        if (reply.type() != QDBusMessage::ReplyMessage) {
            if (isTimeout(reply))
                finish(SecretStoreResult::failure(KeyringProblem::Timeout, reply.errorMessage(),
                                                  (m_timeoutMs + 999) / 1000));
            else if (reply.errorName() == u"org.freedesktop.DBus.Error.ServiceUnknown")
                finish(SecretStoreResult::failure(KeyringProblem::NoSecretService, reply.errorMessage()));
            else
                finish(SecretStoreResult::failure(KeyringProblem::Other, reply.errorMessage()));
            return;
        }
        const QString path = reply.arguments().isEmpty()
                                 ? QString()
                                 : qvariant_cast<QDBusObjectPath>(reply.arguments().constFirst()).path();
        if (path.isEmpty() || path == u"/") {
            // gnome-keyring started without --unlock in a fresh home: no login keyring yet.
            finish(SecretStoreResult::failure(KeyringProblem::KeyringLocked,
                                              QStringLiteral("the keyring has no default collection")));
            return;
        }
        checkLocked(path);
    });
}

void KeyringProbe::checkLocked(const QString &collectionPath)
{
    QDBusMessage get = QDBusMessage::createMethodCall(
        kSecrets, collectionPath, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    call(get, [this, collectionPath](const QDBusMessage &reply) {
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
            if (isTimeout(reply))
                finish(SecretStoreResult::failure(KeyringProblem::Timeout, reply.errorMessage(),
                                                  (m_timeoutMs + 999) / 1000));
            else
                finish(SecretStoreResult::failure(
                    KeyringProblem::KeyringLocked,
                    QStringLiteral("the default collection %1 is not available: %2")
                        .arg(collectionPath, reply.errorMessage())));
            return;
        }
        const bool locked = qvariant_cast<QDBusVariant>(reply.arguments().constFirst()).variant().toBool();
        if (locked)
            finish(SecretStoreResult::failure(
                KeyringProblem::KeyringLocked,
                QStringLiteral("the collection %1 is locked").arg(collectionPath)));
        else
            finish(SecretStoreResult::success());
    });
}

void KeyringProbe::finish(const SecretStoreResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (!m_context)
        return; // the caller is gone
    auto done = m_done;
    QMetaObject::invokeMethod(
        m_context.data(), [done, result] { done(result); }, Qt::QueuedConnection);
}

} // namespace aws::auth
