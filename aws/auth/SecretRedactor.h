#pragma once
// A process-wide registry of secrets that must never reach a log line, and a
// Qt message handler that masks them (the idea of Tokodon's
// messagefiltercontainer). Whatever handles a secret registers it here, so a
// stray qDebug() of a request, an error text or a struct cannot leak it.

#include <QMutex>
#include <QSet>
#include <QString>

namespace aws::auth {

class SecretRedactor {
public:
    static SecretRedactor &instance();

    /// Registers a secret (secret access key, session token, …). Values shorter
    /// than 8 characters are ignored: masking them would mangle ordinary words.
    void registerSecret(const QString &secret);
    void unregisterSecret(const QString &secret);
    void clear();
    /// `text` with every registered secret replaced by "****".
    QString redact(QString text) const;

    /// Installs a message handler that redacts every message and then hands it
    /// to the handler that was installed before (so QtTest and custom sinks still
    /// see the lines). Idempotent.
    static void install();
    /// Restores the previous handler.
    static void uninstall();

private:
    SecretRedactor() = default;
    mutable QMutex m_mutex;
    QSet<QString> m_secrets;
};

} // namespace aws::auth
