#include "Accounts.h"

#include "AccountStore.h"
#include "CredentialChain.h"
#include "CredentialsBlockParser.h"
#include "InMemorySecretStore.h"
#include "KeyringStore.h"
#include "LearnerLab.h"
#include "ProfileStore.h"
#include "Session.h"

#include <QDir>
#include <QJSEngine>
#include <QProcessEnvironment>
#include <QQmlEngine>

namespace {
Accounts *s_instance = nullptr;
}

Accounts::Accounts(Session *session, const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    const auto env = QProcessEnvironment::systemEnvironment();
    aws::auth::KeyringStore::Options ko;
    ko.environment = env;
    m_keyring = std::make_unique<aws::auth::KeyringStore>(ko);
    m_memory = std::make_unique<aws::auth::InMemorySecretStore>();
    m_store = std::make_unique<aws::auth::AccountStore>(m_keyring.get(), nullptr, settingsFile);
    // A non-persistent store keeps its metadata in memory too: "this run
    // only" leaves no trace on disk.
    m_memoryStore = std::make_unique<aws::auth::AccountStore>(m_memory.get());
    m_profiles = std::make_unique<aws::auth::ProfileStore>(env);
    m_chain = std::make_unique<aws::auth::CredentialChain>(env, m_profiles.get(), m_store.get());
    m_model = std::make_unique<AccountListModel>(m_store.get(), m_profiles.get());
    connect(m_session, &Session::connectionChanged, this, &Accounts::regionsChanged);
}

Accounts::~Accounts()
{
    if (s_instance == this)
        s_instance = nullptr;
}

void Accounts::setInstance(Accounts *accounts)
{
    s_instance = accounts;
}

Accounts *Accounts::instance()
{
    return s_instance;
}

Accounts *Accounts::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Accounts::create", "main() must call Accounts::setInstance before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

aws::auth::AccountStore &Accounts::store()
{
    return *m_store;
}

QStringList Accounts::regions() const
{
    if (m_session->isLearnerLab())
        return aws::auth::learnerlab::allowedRegions();
    return {
        QStringLiteral("us-east-1"),      QStringLiteral("us-east-2"),      QStringLiteral("us-west-1"),
        QStringLiteral("us-west-2"),      QStringLiteral("ca-central-1"),   QStringLiteral("eu-west-1"),
        QStringLiteral("eu-west-2"),      QStringLiteral("eu-central-1"),   QStringLiteral("ap-southeast-1"),
        QStringLiteral("ap-southeast-2"), QStringLiteral("ap-northeast-1"), QStringLiteral("sa-east-1")};
}

void Accounts::setBusy(bool busy)
{
    if (busy != m_busy) {
        m_busy = busy;
        emit busyChanged();
    }
}

void Accounts::setError(const QString &text)
{
    if (text != m_errorText) {
        m_errorText = text;
        emit errorTextChanged();
    }
}

void Accounts::connectTo(const QString &kind, const QString &key)
{
    setError({});
    if (kind == u"sandbox") {
        m_session->startSandbox();
        return;
    }
    setBusy(true);
    aws::auth::ChainRequest req;
    if (kind == u"saved")
        req.account = key;
    else
        req.profile = key;
    m_chain->resolve(req, this, [this, kind, key](const aws::auth::ChainResult &r) {
        setBusy(false);
        if (!r.ok) {
            setError(r.error);
            return;
        }
        Session::AccountInfo info;
        info.name = kind == u"saved" ? key : tr("profile %1").arg(key);
        info.savedAccountName = kind == u"saved" ? key : QString();
        info.learnerLab = r.learnerLab;
        if (kind == u"saved") {
            if (const auto a = m_store->account(key))
                info.labSessionStart = a->labSessionStart;
        }
        const QString region = r.region.isEmpty() ? aws::auth::learnerlab::defaultRegion() : r.region;
        m_session->connectWithCredentials(r.credentials, region, info);
    });
}

void Accounts::remove(const QString &name)
{
    setError({});
    setBusy(true);
    m_store->remove(name, this, [this, name](const aws::auth::SecretStoreResult &r) {
        setBusy(false);
        if (!r.ok() && r.problem != aws::auth::KeyringProblem::NotFound)
            setError(tr("“%1” was removed from the list, but its keyring entry could not be deleted: %2")
                         .arg(name, r.message));
        m_model->reload();
    });
}

void Accounts::setRegion(const QString &region)
{
    m_session->setRegion(region);
}

void Accounts::importPasted(const aws::auth::ParsedCredentials &parsed, const QString &name,
                            const QString &regionIn, bool thisRunOnly,
                            std::function<void(bool, bool, QString)> done)
{
    setError({});
    aws::auth::SavedAccount account;
    account.name = name;
    account.region =
        !regionIn.isEmpty()
            ? regionIn
            : (!parsed.region.isEmpty() ? parsed.region : aws::auth::learnerlab::defaultRegion());
    account.accessKeyId = parsed.credentials.accessKeyId;
    account.learnerLab = parsed.looksLikeLearnerLab;
    aws::auth::AccountStore *store = thisRunOnly ? m_memoryStore.get() : m_store.get();
    setBusy(true);
    const aws::Credentials creds = parsed.credentials;
    store->save(account, creds, this,
                [this, account, creds, thisRunOnly, done](const aws::auth::SecretStoreResult &r) {
                    setBusy(false);
                    if (!r.ok()) {
                        done(false, r.keyringUnusable(), r.message);
                        return;
                    }
                    m_model->reload();
                    Session::AccountInfo info;
                    info.name = thisRunOnly ? tr("%1 (this session only)").arg(account.name) : account.name;
                    info.savedAccountName = thisRunOnly ? QString() : account.name;
                    info.learnerLab = account.learnerLab;
                    info.labSessionStart = QDateTime::currentDateTimeUtc();
                    if (m_session->credentialsRejected() && m_session->mode() == u"account") {
                        // Fresh credentials for the account whose session ended: keep
                        // everything (open wizards, running plans) and go on.
                        m_session->updateCredentials(creds, info);
                    } else {
                        m_session->connectWithCredentials(creds, account.region, info);
                    }
                    done(true, false, {});
                });
}
