#include "SecretRedactor.h"

#include "core/client/Redaction.h"

#include <QMutexLocker>
#include <algorithm>

namespace aws::auth {

namespace {
QtMessageHandler g_previous = nullptr;
bool g_installed = false;

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = SecretRedactor::instance().redact(message);
    if (g_previous)
        g_previous(type, context, clean);
}
} // namespace

SecretRedactor &SecretRedactor::instance()
{
    static SecretRedactor redactor;
    return redactor;
}

void SecretRedactor::registerSecret(const QString &secret)
{
    if (secret.size() < 8)
        return;
    QMutexLocker lock(&m_mutex);
    m_secrets.insert(secret);
}

void SecretRedactor::unregisterSecret(const QString &secret)
{
    QMutexLocker lock(&m_mutex);
    m_secrets.remove(secret);
}

void SecretRedactor::clear()
{
    QMutexLocker lock(&m_mutex);
    m_secrets.clear();
}

QString SecretRedactor::redact(QString text) const
{
    QMutexLocker lock(&m_mutex);
    if (m_secrets.isEmpty())
        return text;
    // Longest first, so a secret that contains another is masked as a whole.
    QList<QString> secrets(m_secrets.cbegin(), m_secrets.cend());
    std::sort(secrets.begin(), secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : secrets)
        text.replace(secret, QLatin1String(aws::redaction::kMask));
    return text;
}

void SecretRedactor::install()
{
    if (g_installed)
        return;
    // Qt 6 returns its default handler here when none was installed, so the
    // chain always ends somewhere that prints.
    g_previous = qInstallMessageHandler(redactingHandler);
    g_installed = true;
}

void SecretRedactor::uninstall()
{
    if (!g_installed)
        return;
    qInstallMessageHandler(g_previous);
    g_previous = nullptr;
    g_installed = false;
}

} // namespace aws::auth
