#pragma once
// What every deployctl command shares: the global options, the output
// writer, and an AWS client built from them and the environment.

#include "AwsClient.h"

#include <functional>

#include <QProcessEnvironment>
#include <QTextStream>
#include <memory>

namespace aws::auth {
class AccountStore;
class SecretStore;
class ProfileStore;
class CredentialChain;
} // namespace aws::auth

namespace cli {

enum class OutputFormat { Json, Text, Table };

struct GlobalOptions {
    QString region;
    QString endpointUrl;
    QString profile;
    QString account;
    OutputFormat output = OutputFormat::Json;
    bool debug = false;
};

class CliContext {
public:
    CliContext(GlobalOptions options, QProcessEnvironment env);
    ~CliContext();

    const GlobalOptions &options() const { return m_options; }
    const QProcessEnvironment &environment() const { return m_env; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    /// The region in effect: --region, AWS_REGION, AWS_DEFAULT_REGION, else us-east-1.
    QString region() const;
    /// Where the credentials came from, for `deployctl identity`.
    QString credentialSource() const { return m_credentialSource; }
    /// Resolves credentials (--profile, --account, the environment, ~/.aws,
    /// saved accounts — the SDKs' order) and builds the client; `then` gets
    /// nullptr after the reason was printed (no credentials, bad endpoint URL).
    void withClient(std::function<void(aws::AwsClient *)> then);
    /// A client for explicit credentials (e.g. the sandbox's own).
    aws::AwsClient *makeClient(const aws::Credentials &credentials, const QString &region);

    /// The app's saved accounts (metadata in settings, secrets in the keyring).
    aws::auth::AccountStore &accounts();
    /// Context object for asynchronous callbacks (dies with the context).
    QObject *callbackContext() { return &m_context; }

    /// Prints an AWS error the way deployctl does: "Code: message (request id …)".
    void printError(const aws::AwsError &error);

private:
    GlobalOptions m_options;
    QProcessEnvironment m_env;
    QTextStream m_out;
    QTextStream m_err;
    QString m_credentialSource;
    QString m_resolvedRegion;
    std::unique_ptr<aws::AwsClient> m_client;
    std::unique_ptr<aws::auth::SecretStore> m_secrets;
    std::unique_ptr<aws::auth::AccountStore> m_accounts;
    std::unique_ptr<aws::auth::ProfileStore> m_profiles;
    std::unique_ptr<aws::auth::CredentialChain> m_chain;
    QObject m_context; ///< callbacks die with the context
};

} // namespace cli
