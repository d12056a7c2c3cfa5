#include "AccountStore.h"

#include "SecretRedactor.h"

#include <QPointer>
#include <QRegularExpression>
#include <QSettings>

namespace aws::auth {

namespace {
const QString kGroup = QStringLiteral("accounts");
}

AccountStore::AccountStore(SecretStore *secrets, QObject *parent, const QString &settingsFile)
    : QObject(parent)
    , m_secrets(secrets)
    , m_settingsFile(settingsFile)
{}

AccountStore::~AccountStore() = default;

bool AccountStore::isPersistent() const
{
    return m_secrets && m_secrets->isPersistent();
}

bool AccountStore::isValidName(const QString &name, QString *why)
{
    static const QRegularExpression re(
        QStringLiteral("^[A-Za-z0-9._@+-]([A-Za-z0-9 ._@+-]{0,62}[A-Za-z0-9._@+-])?$"));
    if (re.match(name).hasMatch())
        return true;
    if (why)
        *why =
            QStringLiteral("An account name is 1 to 64 letters, digits, spaces and . _ - @ + (not starting "
                           "or ending with a space).");
    return false;
}

std::unique_ptr<QSettings> AccountStore::settings() const
{
    if (!m_settingsFile.isEmpty())
        return std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
    return std::make_unique<QSettings>(QStringLiteral("DeployConsole"), QStringLiteral("deploy-console"));
}

QList<SavedAccount> AccountStore::accounts() const
{
    if (!isPersistent())
        return m_memory.values();
    QList<SavedAccount> list;
    auto s = settings();
    s->beginGroup(kGroup);
    QStringList names = s->childGroups();
    names.sort();
    for (const QString &name : names) {
        s->beginGroup(name);
        SavedAccount a;
        a.name = name;
        a.region = s->value(QStringLiteral("region")).toString();
        a.accessKeyId = s->value(QStringLiteral("accessKeyId")).toString();
        a.savedAt = s->value(QStringLiteral("savedAt")).toDateTime();
        a.learnerLab = s->value(QStringLiteral("learnerLab"), false).toBool();
        a.labSessionStart = s->value(QStringLiteral("labSessionStart")).toDateTime();
        s->endGroup();
        list.append(a);
    }
    return list;
}

std::optional<SavedAccount> AccountStore::account(const QString &name) const
{
    for (const SavedAccount &a : accounts()) {
        if (a.name == name)
            return a;
    }
    return std::nullopt;
}

void AccountStore::writeMetadata(const SavedAccount &account)
{
    if (!isPersistent()) {
        m_memory.insert(account.name, account);
        return;
    }
    auto s = settings();
    s->beginGroup(kGroup);
    s->remove(account.name); // no stale keys from an older save
    s->beginGroup(account.name);
    s->setValue(QStringLiteral("region"), account.region);
    s->setValue(QStringLiteral("accessKeyId"), account.accessKeyId);
    s->setValue(QStringLiteral("savedAt"), account.savedAt);
    s->setValue(QStringLiteral("learnerLab"), account.learnerLab);
    if (account.labSessionStart.isValid())
        s->setValue(QStringLiteral("labSessionStart"), account.labSessionStart);
    s->endGroup();
    s->endGroup();
    s->sync(); // deployctl in another process should see it at once
}

void AccountStore::removeMetadata(const QString &name)
{
    if (!isPersistent()) {
        m_memory.remove(name);
        return;
    }
    auto s = settings();
    s->beginGroup(kGroup);
    s->remove(name);
    s->endGroup();
    s->sync();
}

void AccountStore::save(const SavedAccount &account, const aws::Credentials &credentials, QObject *context,
                        Done done)
{
    QObject *ctx = context ? context : this;
    QString why;
    SecretStoreResult refused;
    if (!isValidName(account.name, &why))
        refused = SecretStoreResult::failure(KeyringProblem::Other, why);
    else if (!credentials.isValid())
        refused = SecretStoreResult::failure(KeyringProblem::Other, QStringLiteral("no credentials to save"));
    if (!refused.ok()) {
        refused.message = refused.detail;
        QMetaObject::invokeMethod(
            ctx, [done, refused] { done(refused); }, Qt::QueuedConnection);
        return;
    }

    SavedAccount meta = account;
    meta.accessKeyId = credentials.accessKeyId;
    meta.savedAt = m_clock.now();
    if (meta.learnerLab && !meta.labSessionStart.isValid())
        meta.labSessionStart = meta.savedAt;

    SecretRedactor::instance().registerSecret(credentials.secretAccessKey);
    SecretRedactor::instance().registerSecret(credentials.sessionToken);
    QPointer<QObject> guard(ctx);
    m_secrets->write(meta.name, StoredSecret{credentials.secretAccessKey, credentials.sessionToken}, this,
                     [this, meta, guard, done = std::move(done)](const SecretStoreResult &result) {
                         if (result.ok()) {
                             writeMetadata(meta);
                             emit accountsChanged();
                         }
                         if (guard)
                             done(result);
                     });
}

void AccountStore::load(const QString &name, QObject *context, LoadDone done)
{
    QObject *ctx = context ? context : this;
    const std::optional<SavedAccount> meta = account(name);
    if (!meta) {
        SecretStoreResult r = SecretStoreResult::failure(KeyringProblem::NotFound);
        r.message = QStringLiteral("There is no saved account named “%1”.").arg(name);
        QMetaObject::invokeMethod(
            ctx, [done, r] { done(r, SavedAccount{}, aws::Credentials{}); }, Qt::QueuedConnection);
        return;
    }
    m_secrets->read(
        name, ctx,
        [meta, done = std::move(done)](const SecretStoreResult &result, const StoredSecret &secret) {
            aws::Credentials creds;
            if (result.ok()) {
                creds.accessKeyId = meta->accessKeyId;
                creds.secretAccessKey = secret.secretAccessKey;
                creds.sessionToken = secret.sessionToken;
            }
            done(result, *meta, creds);
        });
}

void AccountStore::remove(const QString &name, QObject *context, Done done)
{
    QObject *ctx = context ? context : this;
    QPointer<QObject> guard(ctx);
    m_secrets->remove(name, this,
                      [this, name, guard, done = std::move(done)](const SecretStoreResult &result) {
                          if (result.ok()) {
                              removeMetadata(name);
                              emit accountsChanged();
                          }
                          if (guard)
                              done(result);
                      });
}

} // namespace aws::auth
