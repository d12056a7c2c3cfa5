#pragma once
// A profile's `credential_process`: runs the command (no shell, arguments
// split as botocore does), with a timeout, and reads its JSON answer
// ({"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken",
// "Expiration"}). Never puts the command's output in an error message.

#include "core/client/Clock.h"
#include "core/sigv4/Credentials.h"

#include <QObject>
#include <QProcessEnvironment>
#include <functional>

namespace aws::auth {

struct ProcessCredentials {
    bool ok = false;
    aws::Credentials credentials;
    QString error; ///< a sentence naming the command and what went wrong
};

class CredentialProcess {
public:
    using Done = std::function<void(const ProcessCredentials &)>;

    /// Parses the command's standard output. `now` rejects already-expired answers.
    static ProcessCredentials parseOutput(const QByteArray &output, const QDateTime &now);

    /// Starts `command`; `done` runs once from the event loop, not if `context` is gone.
    static void run(const QString &command, const QProcessEnvironment &environment, int timeoutMs,
                    QObject *context, const Done &done, const aws::Clock &clock = {});
};

} // namespace aws::auth
