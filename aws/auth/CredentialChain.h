#pragma once
// Finds the credentials a command or the app should use, in the AWS SDKs'
// order, and says where they came from (for `deployctl identity`):
//   1. an explicit choice: `--profile P` or `--account A` (both at once is an error);
//   2. the environment: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
//   3. the shared files' profile: AWS_PROFILE's, else "default";
//   4. the saved account the app last used (ChainRequest::defaultAccount);
//   5. the sandbox, when allowed.
// As in the AWS CLI, AWS_PROFILE only picks the profile of step 3: keys in
// the environment still win over it; `--profile` wins over them. The
// environment is injected, never read from the process inside.

#include "core/client/Clock.h"
#include "core/sigv4/Credentials.h"

#include <QObject>
#include <QProcessEnvironment>
#include <functional>

namespace aws::auth {

class AccountStore;
class ProfileStore;

enum class CredentialSource { None, Profile, Environment, SavedAccount, Sandbox };

struct ChainRequest {
    QString profile;        ///< --profile
    QString account;        ///< --account (a saved account)
    QString defaultAccount; ///< the app's last-used saved account, tried after the shared files
    bool allowSandbox = false;
};

struct ChainResult {
    bool ok = false;
    aws::Credentials credentials; ///< empty for the sandbox: it brings its own
    QString region;               ///< AWS_REGION / AWS_DEFAULT_REGION, else the profile's or account's
    /// On failure: the source that was chosen but failed (e.g. a profile whose
    /// credential_process broke), or None when nothing applied.
    CredentialSource source = CredentialSource::None;
    /// "environment", "profile work (~/.aws/credentials)", "saved account lab", "sandbox".
    QString sourceDescription;
    QString profileName;     ///< for Profile
    QString accountName;     ///< for SavedAccount
    bool learnerLab = false; ///< a saved Learner Lab account
    QString error;           ///< why nothing usable was found, as a sentence
};

class CredentialChain : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const ChainResult &)>;

    /// `profiles` and `accounts` are not owned; `accounts` may be null (no saved accounts).
    CredentialChain(const QProcessEnvironment &environment, const ProfileStore *profiles,
                    AccountStore *accounts, QObject *parent = nullptr);

    void setClock(aws::Clock clock) { m_clock = std::move(clock); }
    void setCredentialProcessTimeout(int ms) { m_processTimeoutMs = ms; }

    /// Resolves; `done` runs once from the event loop (not if `context` is gone).
    void resolve(const ChainRequest &request, QObject *context, const Done &done);

private:
    void fromProfile(const QString &name, QObject *context, const Done &done,
                     const std::function<void()> &notFound);
    void fromAccount(const QString &name, QObject *context, const Done &done);
    QString envRegion() const;
    void answer(QObject *context, const Done &done, ChainResult result);

    QProcessEnvironment m_env;
    const ProfileStore *m_profiles;
    AccountStore *m_accounts;
    aws::Clock m_clock;
    int m_processTimeoutMs = 60000;
};

} // namespace aws::auth
