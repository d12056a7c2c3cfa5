#include "CredentialChain.h"

#include "AccountStore.h"
#include "CredentialProcess.h"
#include "ProfileStore.h"
#include "SecretRedactor.h"

#include <QMetaObject>
#include <QPointer>

namespace aws::auth {

CredentialChain::CredentialChain(const QProcessEnvironment &environment, const ProfileStore *profiles,
                                 AccountStore *accounts, QObject *parent)
    : QObject(parent)
    , m_env(environment)
    , m_profiles(profiles)
    , m_accounts(accounts)
{}

QString CredentialChain::envRegion() const
{
    const QString region = m_env.value(QStringLiteral("AWS_REGION"));
    return region.isEmpty() ? m_env.value(QStringLiteral("AWS_DEFAULT_REGION")) : region;
}

void CredentialChain::answer(QObject *context, const Done &done, ChainResult result)
{
    if (result.ok) {
        SecretRedactor::instance().registerSecret(result.credentials.secretAccessKey);
        SecretRedactor::instance().registerSecret(result.credentials.sessionToken);
        const QString region = envRegion();
        if (!region.isEmpty())
            result.region = region;
    }
    QMetaObject::invokeMethod(
        context, [done, result] { done(result); }, Qt::QueuedConnection);
}

void CredentialChain::resolve(const ChainRequest &request, QObject *context, const Done &done)
{
    QObject *ctx = context ? context : this;
    const auto error = [this, ctx, done](const QString &why) {
        ChainResult r;
        r.error = why;
        answer(ctx, done, r);
    };

    if (!request.profile.isEmpty() && !request.account.isEmpty()) {
        error(QStringLiteral("Use either --profile or --account, not both."));
        return;
    }
    if (!request.profile.isEmpty()) {
        fromProfile(request.profile, ctx, done, [this, error, request] {
            error(QStringLiteral("There is no profile “%1” in %2 or %3.")
                      .arg(request.profile, m_profiles->displayPath(m_profiles->credentialsPath()),
                           m_profiles->displayPath(m_profiles->configPath())));
        });
        return;
    }
    if (!request.account.isEmpty()) {
        fromAccount(request.account, ctx, done);
        return;
    }

    const QString envKey = m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    const QString envSecret = m_env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    if (!envKey.isEmpty() || !envSecret.isEmpty()) {
        if (envKey.isEmpty() || envSecret.isEmpty()) {
            // botocore raises PartialCredentialsError here rather than looking further.
            error(QStringLiteral("Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set in the "
                                 "environment; set both or neither."));
            return;
        }
        ChainResult r;
        r.ok = true;
        r.source = CredentialSource::Environment;
        r.sourceDescription = QStringLiteral("environment");
        r.credentials.accessKeyId = envKey;
        r.credentials.secretAccessKey = envSecret;
        r.credentials.sessionToken = m_env.value(QStringLiteral("AWS_SESSION_TOKEN"));
        if (r.credentials.sessionToken.isEmpty())
            r.credentials.sessionToken = m_env.value(QStringLiteral("AWS_SECURITY_TOKEN"));
        // The region still comes from the active profile's config, as in the CLI.
        const QString profileName = m_env.value(QStringLiteral("AWS_PROFILE"), QStringLiteral("default"));
        if (m_profiles) {
            if (const auto p = m_profiles->profile(profileName))
                r.region = p->region;
        }
        answer(ctx, done, r);
        return;
    }

    const QString envProfile = m_env.value(QStringLiteral("AWS_PROFILE"));
    const auto afterSharedFiles = [this, request, ctx, done, error] {
        if (!request.defaultAccount.isEmpty() && m_accounts && m_accounts->account(request.defaultAccount)) {
            fromAccount(request.defaultAccount, ctx, done);
            return;
        }
        if (request.allowSandbox) {
            ChainResult r;
            r.ok = true;
            r.source = CredentialSource::Sandbox;
            r.sourceDescription = QStringLiteral("sandbox");
            answer(ctx, done, r);
            return;
        }
        error(
            QStringLiteral("No AWS credentials were found. Paste your Learner Lab credentials (AWS Details → "
                           "AWS CLI: Show), or set up a profile in ~/.aws/credentials."));
    };
    if (!envProfile.isEmpty()) {
        fromProfile(envProfile, ctx, done, [this, error, envProfile] {
            error(QStringLiteral("AWS_PROFILE names “%1”, but there is no such profile in %2 or %3.")
                      .arg(envProfile, m_profiles->displayPath(m_profiles->credentialsPath()),
                           m_profiles->displayPath(m_profiles->configPath())));
        });
        return;
    }
    const std::optional<Profile> def =
        m_profiles ? m_profiles->profile(QStringLiteral("default")) : std::nullopt;
    if (def && (def->hasStaticKeys() || !def->credentialProcess.isEmpty())) {
        fromProfile(QStringLiteral("default"), ctx, done, afterSharedFiles);
        return;
    }
    afterSharedFiles();
}

void CredentialChain::fromProfile(const QString &name, QObject *context, const Done &done,
                                  const std::function<void()> &notFound)
{
    const std::optional<Profile> p = m_profiles ? m_profiles->profile(name) : std::nullopt;
    if (!p) {
        notFound();
        return;
    }
    ChainResult r;
    r.source = CredentialSource::Profile;
    r.profileName = name;
    r.region = p->region;
    if (p->hasStaticKeys()) {
        r.ok = true;
        r.credentials = p->staticCredentials;
        r.sourceDescription = QStringLiteral("profile %1 (%2)").arg(name, p->keysFile);
        answer(context, done, r);
        return;
    }
    if (!p->credentialProcess.isEmpty()) {
        r.sourceDescription = QStringLiteral("profile %1 (credential_process)").arg(name);
        CredentialProcess::run(
            p->credentialProcess, m_env, m_processTimeoutMs, this,
            [this, r, context = QPointer<QObject>(context), done](const ProcessCredentials &pc) mutable {
                if (!context)
                    return;
                r.ok = pc.ok;
                r.credentials = pc.credentials;
                r.error = pc.error;
                answer(context, done, r);
            },
            m_clock);
        return;
    }
    r.error =
        p->unsupported.isEmpty()
            ? QStringLiteral("Profile %1 has no credentials (no aws_access_key_id / aws_secret_access_key "
                             "and no credential_process).")
                  .arg(name)
            : p->unsupported;
    answer(context, done, r);
}

void CredentialChain::fromAccount(const QString &name, QObject *context, const Done &done)
{
    if (!m_accounts) {
        ChainResult r;
        r.error = QStringLiteral("There is no saved account named “%1”.").arg(name);
        answer(context, done, r);
        return;
    }
    m_accounts->load(name, this,
                     [this, name, context = QPointer<QObject>(context), done](const SecretStoreResult &result,
                                                                              const SavedAccount &meta,
                                                                              const aws::Credentials &creds) {
                         if (!context)
                             return;
                         ChainResult r;
                         r.source = CredentialSource::SavedAccount;
                         r.accountName = name;
                         r.sourceDescription = QStringLiteral("saved account %1").arg(name);
                         r.region = meta.region;
                         r.learnerLab = meta.learnerLab;
                         r.ok = result.ok();
                         r.credentials = creds;
                         if (!result.ok())
                             r.error = result.message;
                         answer(context, done, r);
                     });
}

} // namespace aws::auth
