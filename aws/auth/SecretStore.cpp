#include "SecretStore.h"

#include <QMetaObject>

namespace aws::auth {

namespace {
const QString kSessionOnly = QStringLiteral(
    "Or use these credentials for this session only — they will be forgotten when you close the app.");
}

SecretStoreResult SecretStoreResult::failure(KeyringProblem problem, const QString &detail,
                                             int timeoutSeconds)
{
    SecretStoreResult r;
    r.problem = problem;
    r.detail = detail;
    switch (problem) {
    case KeyringProblem::None:
        break;
    case KeyringProblem::NoSessionBus:
        r.message =
            QStringLiteral("Deploy Console cannot reach your desktop session (there is no D-Bus session "
                           "bus), so it cannot use the system keyring. Start the app from a desktop "
                           "session, or run it inside `dbus-run-session` with a keyring running. ") +
            kSessionOnly;
        break;
    case KeyringProblem::NoSecretService:
        r.message = QStringLiteral("No keyring service is running. Install and start GNOME Keyring (or "
                                   "KWallet), or use these credentials for this session only — they will be "
                                   "forgotten when you close the app.");
        break;
    case KeyringProblem::KeyringLocked:
        r.message = QStringLiteral("Your keyring is locked (or has not been set up in this session). Unlock "
                                   "it — for GNOME Keyring open “Passwords and Keys” and unlock “Login” — "
                                   "then try again. ") +
                    kSessionOnly;
        break;
    case KeyringProblem::AccessDenied:
        r.message =
            QStringLiteral("The system keyring refused access to Deploy Console. Allow access when the "
                           "keyring asks, then try again. ") +
            kSessionOnly;
        break;
    case KeyringProblem::Timeout:
        r.message =
            QStringLiteral("The system keyring did not answer in %1 s. It may be waiting for you to "
                           "unlock it in a window you cannot see. Unlock your keyring and try again. ")
                .arg(timeoutSeconds) +
            kSessionOnly;
        break;
    case KeyringProblem::NotFound:
        r.message = QStringLiteral("The keyring has no saved secret for this account. Paste the credentials "
                                   "again to save them.");
        break;
    case KeyringProblem::Other:
        r.message = QStringLiteral("The system keyring reported an error (%1). ").arg(detail) + kSessionOnly;
        break;
    }
    return r;
}

QString keyringProblemName(KeyringProblem problem)
{
    switch (problem) {
    case KeyringProblem::None:
        return QStringLiteral("None");
    case KeyringProblem::NoSessionBus:
        return QStringLiteral("NoSessionBus");
    case KeyringProblem::NoSecretService:
        return QStringLiteral("NoSecretService");
    case KeyringProblem::KeyringLocked:
        return QStringLiteral("KeyringLocked");
    case KeyringProblem::AccessDenied:
        return QStringLiteral("AccessDenied");
    case KeyringProblem::Timeout:
        return QStringLiteral("Timeout");
    case KeyringProblem::NotFound:
        return QStringLiteral("NotFound");
    case KeyringProblem::Other:
        return QStringLiteral("Other");
    }
    return {};
}

void SecretStore::deliver(QObject *context, std::function<void()> call)
{
    // With a context, Qt drops the queued call if the context dies first.
    QMetaObject::invokeMethod(context, std::move(call), Qt::QueuedConnection);
}

} // namespace aws::auth
