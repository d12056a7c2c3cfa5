#include "Session.h"

#include <QProcessEnvironment>

#include "LearnerLab.h"
#include "ModelRegistry.h"
#include "server/SandboxServer.h"

#include <QJSEngine>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QQmlEngine>

Q_LOGGING_CATEGORY(lcSession, "dc.model.session", QtInfoMsg)

namespace {
Session *s_instance = nullptr;
}

Session::Session(QObject *parent)
    : QObject(parent)
{
    m_statusText = tr("Not connected");
    // The Learner Lab estimate moves on by itself; once a minute is enough.
    m_timeLeftTimer = new QTimer(this);
    m_timeLeftTimer->setInterval(60 * 1000);
    connect(m_timeLeftTimer, &QTimer::timeout, this, &Session::timeLeftChanged);
    m_timeLeftTimer->start();
}

Session::~Session()
{
    if (s_instance == this)
        s_instance = nullptr;
}

void Session::setInstance(Session *session)
{
    s_instance = session;
}

double Session::pollScale() const
{
    return m_sandbox ? m_sandbox->account().options().timeScale : 1.0;
}

Session *Session::instance()
{
    return s_instance;
}

Session *Session::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "Session::create", "main() must call Session::setInstance before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString Session::region() const
{
    return m_client ? m_client->region() : QString();
}

void Session::setStatus(const QString &text)
{
    if (text == m_statusText)
        return;
    m_statusText = text;
    emit statusTextChanged();
}

void Session::makeClient(const aws::Credentials &credentials, const QString &region,
                         const QUrl &endpointOverride)
{
    m_credentials = credentials;
    aws::EndpointResolver resolver(aws::ModelRegistry::partitionsDocument(),
                                   aws::ModelRegistry::endpointsDocument());
    // Like the SDKs and deployctl: AWS_ENDPOINT_URL[_<SERVICE>] redirects a
    // real account's calls (a local test double, a corporate proxy, a
    // sandbox started with `deployctl sandbox`).
    resolver.setEnvironment(QProcessEnvironment::systemEnvironment());
    if (endpointOverride.isValid())
        resolver.setEndpointOverride(endpointOverride);
    aws::ClientConfig config;
    config.region = region;
    // Asked on every attempt, so fresh credentials apply to retries too.
    config.credentials = [this] { return m_credentials; };
    m_client = std::make_unique<aws::AwsClient>(std::move(config), std::move(resolver));
    connect(m_client.get(), &aws::AwsClient::credentialsRejected, this, [this](const aws::AwsError &e) {
        qCInfo(lcSession) << "credentials rejected:" << e.code;
        if (!m_credentialsRejected) {
            m_credentialsRejected = true;
            emit credentialsRejectedChanged();
        }
        setStatus(tr("Your session has ended — paste fresh credentials to continue (%1).").arg(e.code));
    });
    emit clientChanged();
}

bool Session::startSandbox(const QString &scenario)
{
    disconnectAccount();
    aws::sandbox::SandboxOptions options;
    options.scenario = scenario;
    auto server = std::make_unique<aws::sandbox::SandboxServer>(options);
    if (!server->start()) {
        setStatus(tr("The sandbox could not start: %1").arg(server->errorString()));
        return false;
    }
    m_sandbox = std::move(server);
    m_mode = QStringLiteral("sandbox");
    m_displayName = tr("Sandbox — simulated AWS");
    m_info = {};
    m_info.name = m_displayName;
    makeClient(m_sandbox->credentials(), m_sandbox->account().options().region, m_sandbox->endpoint());
    emit connectionChanged();
    setStatus(tr("Sandbox running at %1 — nothing here exists in a real account.")
                  .arg(m_sandbox->endpoint().toString()));
    verifyIdentity();
    return true;
}

void Session::connectWithCredentials(const aws::Credentials &credentials, const QString &region,
                                     const AccountInfo &info, const QUrl &endpointOverride)
{
    disconnectAccount();
    m_mode = QStringLiteral("account");
    m_info = info;
    m_displayName = info.name;
    makeClient(credentials, region, endpointOverride);
    emit connectionChanged();
    emit timeLeftChanged();
    setStatus(tr("Connecting to %1…").arg(info.name));
    verifyIdentity();
}

void Session::updateCredentials(const aws::Credentials &credentials, const AccountInfo &info)
{
    m_credentials = credentials;
    if (info.labSessionStart.isValid())
        m_info.labSessionStart = info.labSessionStart;
    emit timeLeftChanged();
    verifyIdentity();
}

void Session::setRegion(const QString &region)
{
    if (!m_client || region == m_client->region())
        return;
    m_client->setRegion(region);
    emit connectionChanged();
    emit clientChanged();
}

QString Session::timeLeftText() const
{
    if (!isLearnerLab() || !m_info.labSessionStart.isValid())
        return {};
    return aws::auth::learnerlab::timeLeftText(m_info.labSessionStart, QDateTime::currentDateTimeUtc());
}

void Session::disconnectAccount()
{
    if (m_mode == QStringLiteral("none"))
        return;
    m_client.reset();
    m_sandbox.reset();
    m_credentials = {};
    m_info = {};
    m_learnerLabRole = false;
    m_roleName.clear();
    if (m_credentialsRejected) {
        m_credentialsRejected = false;
        emit credentialsRejectedChanged();
    }
    m_mode = QStringLiteral("none");
    m_displayName.clear();
    m_accountId.clear();
    m_callerArn.clear();
    emit clientChanged();
    emit connectionChanged();
    emit identityChanged();
    setStatus(tr("Not connected"));
}

void Session::checkLearnerLab()
{
    // A Learner Lab account is one where the pre-made LabRole exists (and the
    // caller is the voclabs role): the wizards then use it and never offer to
    // create a role.
    if (!m_client)
        return;
    m_client->call(QStringLiteral("iam"), QStringLiteral("GetRole"),
                   {{QStringLiteral("RoleName"), QStringLiteral("LabRole")}}, this,
                   [this](const aws::Outcome &o) {
                       const bool lab = o.ok() && aws::auth::learnerlab::isLearnerLabArn(m_callerArn);
                       const bool hasRole = o.ok();
                       m_labRoleArn = hasRole ? o.output.value(QStringLiteral("Role"))
                                                    .toObject()
                                                    .value(QStringLiteral("Arn"))
                                                    .toString()
                                              : QString();
                       if (lab != m_learnerLabRole) {
                           m_learnerLabRole = lab;
                           emit identityChanged();
                           emit timeLeftChanged();
                       }
                   });
}

void Session::verifyIdentity()
{
    if (!m_client)
        return;
    m_client->call(QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"), {}, this,
                   [this](const aws::Outcome &o) {
                       if (!o.ok()) {
                           setStatus(tr("Could not verify the account: %1").arg(o.error->toString()));
                           return;
                       }
                       m_accountId = o.output.value(QStringLiteral("Account")).toString();
                       m_callerArn = o.output.value(QStringLiteral("Arn")).toString();
                       // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION or arn:aws:iam::ACCT:user/NAME
                       const QStringList parts = m_callerArn.section(u':', 5).split(u'/');
                       m_roleName = parts.value(1);
                       const bool wasRejected = m_credentialsRejected;
                       if (m_credentialsRejected) {
                           m_credentialsRejected = false;
                           emit credentialsRejectedChanged();
                       }
                       emit identityChanged();
                       if (!isSandbox())
                           setStatus(tr("Connected to account %1 as %2").arg(m_accountId, m_roleName));
                       if (wasRejected)
                           emit credentialsRestored();
                       checkLearnerLab();
                   });
}
