#include "CredentialProcess.h"

#include "SecretRedactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>
#include <memory>

namespace aws::auth {

namespace {
ProcessCredentials failed(const QString &why)
{
    ProcessCredentials r;
    r.error = why;
    return r;
}
} // namespace

ProcessCredentials CredentialProcess::parseOutput(const QByteArray &output, const QDateTime &now)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(output, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return failed(QStringLiteral("its output is not a JSON object"));
    const QJsonObject o = doc.object();
    if (!o.contains(QStringLiteral("Version")))
        return failed(QStringLiteral("its output has no \"Version\""));
    if (o.value(QStringLiteral("Version")).toInt(-1) != 1)
        return failed(QStringLiteral("its output has \"Version\" %1; only 1 is supported")
                          .arg(o.value(QStringLiteral("Version")).toVariant().toString()));
    ProcessCredentials r;
    r.credentials.accessKeyId = o.value(QStringLiteral("AccessKeyId")).toString();
    r.credentials.secretAccessKey = o.value(QStringLiteral("SecretAccessKey")).toString();
    r.credentials.sessionToken = o.value(QStringLiteral("SessionToken")).toString();
    if (r.credentials.accessKeyId.isEmpty())
        return failed(QStringLiteral("its output has no \"AccessKeyId\""));
    if (r.credentials.secretAccessKey.isEmpty())
        return failed(QStringLiteral("its output has no \"SecretAccessKey\""));
    const QString expiration = o.value(QStringLiteral("Expiration")).toString();
    if (!expiration.isEmpty()) {
        QDateTime when = QDateTime::fromString(expiration, Qt::ISODateWithMs);
        if (!when.isValid())
            return failed(QStringLiteral("its \"Expiration\" (%1) is not an ISO 8601 time").arg(expiration));
        when = when.toUTC();
        if (now.isValid() && when <= now)
            return failed(
                QStringLiteral("the credentials it returned expired at %1").arg(when.toString(Qt::ISODate)));
        r.credentials.expiration = when;
    }
    r.ok = true;
    SecretRedactor::instance().registerSecret(r.credentials.secretAccessKey);
    SecretRedactor::instance().registerSecret(r.credentials.sessionToken);
    return r;
}

void CredentialProcess::run(const QString &command, const QProcessEnvironment &environment, int timeoutMs,
                            QObject *context, const Done &done, const aws::Clock &clock)
{
    const QStringList argv = QProcess::splitCommand(command);
    const QString program = argv.isEmpty() ? QString() : argv.constFirst();
    const auto answer = [command](const ProcessCredentials &r) {
        ProcessCredentials out = r;
        if (!out.ok)
            out.error = QStringLiteral("credential_process “%1” failed: %2").arg(command, r.error);
        return out;
    };

    if (argv.isEmpty()) {
        const ProcessCredentials r = answer(failed(QStringLiteral("the command is empty")));
        QMetaObject::invokeMethod(
            context, [done, r] { done(r); }, Qt::QueuedConnection);
        return;
    }

    auto *process = new QProcess(context);
    auto *timer = new QTimer(process);
    auto finishedOnce = std::make_shared<bool>(false);
    const auto finish = [process, done, finishedOnce, answer](const ProcessCredentials &r) {
        if (*finishedOnce)
            return;
        *finishedOnce = true;
        process->disconnect();
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            // Reaped by QProcess when it is deleted; deleteLater keeps us out of its signal handlers.
        }
        process->deleteLater();
        done(answer(r));
    };

    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, process, [finish, timeoutMs] {
        finish(failed(QStringLiteral("it did not finish within %1 s").arg((timeoutMs + 999) / 1000)));
    });
    QObject::connect(process, &QProcess::errorOccurred, process, [process, finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(failed(QStringLiteral("it could not be started (%1)").arg(process->errorString())));
    });
    QObject::connect(process, &QProcess::finished, process,
                     [process, finish, clock](int exitCode, QProcess::ExitStatus status) {
                         if (status != QProcess::NormalExit) {
                             finish(failed(QStringLiteral("it crashed")));
                             return;
                         }
                         if (exitCode != 0) {
                             // stderr is the tool's own message; stdout might hold a secret.
                             QString err = QString::fromUtf8(process->readAllStandardError()).trimmed();
                             if (err.size() > 300)
                                 err = err.left(300) + QStringLiteral("…");
                             finish(failed(QStringLiteral("it exited with code %1%2")
                                               .arg(exitCode)
                                               .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err)));
                             return;
                         }
                         finish(parseOutput(process->readAllStandardOutput(), clock.now()));
                     });

    process->setProcessEnvironment(environment);
    process->setProgram(program);
    process->setArguments(argv.mid(1));
    process->setStandardInputFile(QProcess::nullDevice());
    timer->start(timeoutMs);
    process->start();
}

} // namespace aws::auth
