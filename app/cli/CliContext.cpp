#include "CliContext.h"

#include "AccountStore.h"
#include "CredentialChain.h"
#include "KeyringStore.h"
#include "ModelRegistry.h"
#include "ProfileStore.h"

#include <cstdio>

namespace cli {

CliContext::CliContext(GlobalOptions options, QProcessEnvironment env)
    : m_options(std::move(options))
    , m_env(std::move(env))
    , m_out(stdout)
    , m_err(stderr)
{}

CliContext::~CliContext()
{
    m_out.flush();
    m_err.flush();
}

QString CliContext::region() const
{
    if (!m_options.region.isEmpty())
        return m_options.region;
    for (const char *var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        const QString v = m_env.value(QString::fromLatin1(var));
        if (!v.isEmpty())
            return v;
    }
    if (!m_resolvedRegion.isEmpty())
        return m_resolvedRegion;
    return QStringLiteral("us-east-1");
}

aws::auth::AccountStore &CliContext::accounts()
{
    if (!m_accounts) {
        aws::auth::KeyringStore::Options o;
        o.environment = m_env;
        m_secrets = std::make_unique<aws::auth::KeyringStore>(o);
        m_accounts = std::make_unique<aws::auth::AccountStore>(m_secrets.get());
    }
    return *m_accounts;
}

aws::AwsClient *CliContext::makeClient(const aws::Credentials &creds, const QString &region)
{
    aws::EndpointResolver resolver(aws::ModelRegistry::partitionsDocument(),
                                   aws::ModelRegistry::endpointsDocument());
    resolver.setEnvironment(m_env);
    if (!m_options.endpointUrl.isEmpty()) {
        const QUrl url(m_options.endpointUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
            m_err << "--endpoint-url '" << m_options.endpointUrl
                  << "' is not a valid http(s) URL (example: http://127.0.0.1:4566)\n";
            m_err.flush();
            return nullptr;
        }
        resolver.setEndpointOverride(url);
    }
    aws::ClientConfig config;
    config.region = region;
    config.credentials = [creds] { return creds; };
    m_client = std::make_unique<aws::AwsClient>(std::move(config), std::move(resolver));
    return m_client.get();
}

void CliContext::withClient(std::function<void(aws::AwsClient *)> then)
{
    if (m_client) {
        then(m_client.get());
        return;
    }
    if (!m_chain) {
        m_profiles = std::make_unique<aws::auth::ProfileStore>(m_env);
        m_chain = std::make_unique<aws::auth::CredentialChain>(m_env, m_profiles.get(), &accounts());
    }
    aws::auth::ChainRequest request;
    request.profile =
        m_options.profile.isEmpty() ? m_env.value(QStringLiteral("AWS_PROFILE")) : m_options.profile;
    request.account = m_options.account;
    m_chain->resolve(request, &m_context, [this, then](const aws::auth::ChainResult &r) {
        if (!r.ok) {
            m_err << (r.error.isEmpty() ? QStringLiteral("No AWS credentials found.") : r.error)
                  << "\nSet AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for a Learner "
                     "Lab), "
                     "use --profile NAME, import a Learner Lab block with `deployctl credentials import`, "
                     "or run `deployctl sandbox` and use the lines it prints.\n";
            m_err.flush();
            then(nullptr);
            return;
        }
        m_credentialSource = r.sourceDescription;
        m_resolvedRegion = r.region;
        then(makeClient(r.credentials, region()));
    });
}

void CliContext::printError(const aws::AwsError &error)
{
    m_err << error.toString() << '\n';
    m_err.flush();
}

} // namespace cli
