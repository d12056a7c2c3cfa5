#include "KeyringErrorClassifier.h"

#include <qt6keychain/keychain.h>

namespace aws::auth {

KeyringProblem KeyringErrorClassifier::classify(int qkeychainError, const QString &text)
{
    const auto code = static_cast<QKeychain::Error>(qkeychainError);
    if (code == QKeychain::NoError)
        return KeyringProblem::None;

    const auto has = [&text](const char *needle) {
        return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
    };

    // Transport first: these texts come with OtherError whatever the operation.
    if (has("autolaunch") || has("DBUS_SESSION_BUS_ADDRESS") || has("Could not connect: No such file") ||
        has("D-Bus is not running"))
        return KeyringProblem::NoSessionBus;
    if (has("was not provided by any .service files") || has("ServiceUnknown") ||
        has("No keychain service available") || has("No keyring daemon"))
        return KeyringProblem::NoSecretService;
    if (has("Timeout was reached") || has("NoReply") || has("did not receive a reply"))
        return KeyringProblem::Timeout;
    // gnome-keyring that was never unlocked has no login collection at all.
    if (has("Object does not exist at path") && has("/collection/"))
        return KeyringProblem::KeyringLocked;
    if (has("locked"))
        return KeyringProblem::KeyringLocked;

    switch (code) {
    case QKeychain::EntryNotFound:
        return KeyringProblem::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return KeyringProblem::AccessDenied;
    case QKeychain::NoBackendAvailable:
        return KeyringProblem::NoSecretService;
    default:
        return KeyringProblem::Other;
    }
}

} // namespace aws::auth
