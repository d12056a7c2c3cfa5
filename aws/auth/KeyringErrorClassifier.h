#pragma once
// Turns what QtKeychain (over libsecret) reports into a KeyringProblem.
// QtKeychain mostly says OtherError; the text tells the situations apart
// (see TOOLCHAIN.md, "The keyring without a desktop").

#include "SecretStore.h"

namespace aws::auth {

class KeyringErrorClassifier {
public:
    /// `qkeychainError` is a QKeychain::Error value; `text` its errorString().
    static KeyringProblem classify(int qkeychainError, const QString &text);
};

} // namespace aws::auth
