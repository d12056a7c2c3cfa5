#include "CliContext.h"

#include "ModelRegistry.h"

#include <cstdio>

namespace cli {

CliContext::CliContext(GlobalOptions options, QProcessEnvironment env)
    : m_options(std::move(options))
    , m_env(std::move(env))
    , m_out(stdout)
    , m_err(stderr)
{
}

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
    return QStringLiteral("us-east-1");
}

aws::AwsClient *CliContext::client()
{
    if (m_client)
        return m_client.get();
    aws::Credentials creds;
    creds.accessKeyId = m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    creds.secretAccessKey = m_env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    creds.sessionToken = m_env.value(QStringLiteral("AWS_SESSION_TOKEN"));
    if (!creds.isValid()) {
        m_err << "No AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                 "(and AWS_SESSION_TOKEN for a Learner Lab), or run `deployctl sandbox` and use the lines it prints.\n";
        m_err.flush();
        return nullptr;
    }
    m_credentialSource = QStringLiteral("environment variables");

    aws::EndpointResolver resolver(aws::ModelRegistry::partitionsDocument(), aws::ModelRegistry::endpointsDocument());
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
    config.region = region();
    config.credentials = [creds] { return creds; };
    m_client = std::make_unique<aws::AwsClient>(std::move(config), std::move(resolver));
    return m_client.get();
}

void CliContext::printError(const aws::AwsError &error)
{
    m_err << error.toString() << '\n';
    m_err.flush();
}

} // namespace cli
