#include "DeployFlow.h"

#include "AwsClient.h"
#include "FormChoices.h"
#include "PlanRenderer.h"
#include "Session.h"
#include "TaskAddress.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QUrl>

namespace {

constexpr int kAddressAttempts = 40;

const plan::PlanStep *findStep(const plan::Plan &p, const QString &operation)
{
    for (const plan::PlanStep &s : p.steps)
        if (s.operation == operation)
            return &s;
    return nullptr;
}

} // namespace

DeployFlow::DeployFlow(QObject *parent)
    : QObject(parent)
    , m_choices(new FormChoices(this))
{
    connect(m_choices, &FormChoices::changed, this, [this] {
        applyChoices();
        emit choicesChanged();
    });
    // The orderable classes depend on the engine version the student picks.
    connect(&m_database, &WizardForm::fieldsChanged, this, [this] {
        const QString version = m_database.value(QStringLiteral("engineVersion")).toString();
        if (version != m_lastEngineVersion) {
            m_lastEngineVersion = version;
            m_choices->loadInstanceClasses(version);
        }
    });
    if (Session *session = Session::instance())
        connect(session, &Session::clientChanged, this, &DeployFlow::followSession);
    followSession();
}

DeployFlow::~DeployFlow() = default;

void DeployFlow::followSession()
{
    Session *session = Session::instance();
    m_choices->setClient(session ? session->client() : nullptr);
    m_lastEngineVersion.clear();
    m_choices->loadInstanceClasses(m_database.value(QStringLiteral("engineVersion")).toString());
}

bool DeployFlow::choicesLoading() const
{
    return m_choices->loading();
}

QString DeployFlow::choicesError() const
{
    return m_choices->error();
}

QVariantList DeployFlow::databases() const
{
    return m_choices->list(QStringLiteral("databases"));
}

void DeployFlow::applyChoices()
{
    const plan::AccountDefaults &d = m_choices->defaults();
    const QString region = Session::instance() && Session::instance()->client()
                               ? Session::instance()->client()->region()
                               : QStringLiteral("us-east-1");
    m_practical.setAccount(d.labRoleArn, region, d.subnets);
    m_database.setChoices(QStringLiteral("engineVersion"), m_choices->list(QStringLiteral("engineVersions")));
    m_database.setChoices(QStringLiteral("instanceClass"),
                          m_choices->list(QStringLiteral("instanceClasses")));
    m_database.setChoices(QStringLiteral("securityGroupIds"),
                          m_choices->list(QStringLiteral("securityGroups")));
    m_taskDefinition.setChoices(QStringLiteral("executionRoleArn"), m_choices->list(QStringLiteral("roles")));
    m_taskDefinition.setChoices(QStringLiteral("image"), m_choices->list(QStringLiteral("images")));
    m_service.setChoices(QStringLiteral("cluster"), m_choices->list(QStringLiteral("clusters")));
    m_service.setChoices(QStringLiteral("taskDefinition"),
                         m_choices->list(QStringLiteral("taskDefinitions")));
    m_service.setChoices(QStringLiteral("subnets"), m_choices->list(QStringLiteral("subnets")));
    m_service.setChoices(QStringLiteral("securityGroups"), m_choices->list(QStringLiteral("securityGroups")));
    // The console's preselections: LabRole on a Learner Lab account (chosen,
    // never created), every subnet of the default VPC, the account's region.
    if (m_taskDefinition.value(QStringLiteral("executionRoleArn")).toString().isEmpty() &&
        !d.labRoleArn.isEmpty())
        m_taskDefinition.setValue(QStringLiteral("executionRoleArn"), d.labRoleArn);
    if (m_taskDefinition.value(QStringLiteral("logRegion")).toString() != region)
        m_taskDefinition.setValue(QStringLiteral("logRegion"), region);
    if (m_service.value(QStringLiteral("subnets")).toStringList().isEmpty() && !d.subnets.isEmpty())
        m_service.setValue(QStringLiteral("subnets"), d.subnets);
}

QString DeployFlow::planText(WizardForm *form, const QString &view) const
{
    if (!form)
        return {};
    if (!form->isValid())
        return form->attention();
    const plan::Plan p = form->buildPlan();
    if (view == u"cli")
        return plan::renderCli(p);
    return plan::renderApiCalls(p);
}

QString DeployFlow::saveText(const QString &target, const QString &text) const
{
    const QUrl url(target);
    const QString path = url.isLocalFile() ? url.toLocalFile() : target;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return tr("Could not write %1: %2. Choose another folder.").arg(path, file.errorString());
    if (file.write(text.toUtf8()) < 0 || !file.flush())
        return tr("Could not write %1: %2. Check the disk has room.").arg(path, file.errorString());
    return {};
}

QString DeployFlow::create(WizardForm *form)
{
    Session *session = Session::instance();
    if (!form || !session || !session->client())
        return tr("No account is connected: connect one (or the sandbox) first.");
    if (m_progress && m_progress->active())
        return tr("Another plan is running (%1): wait for it or cancel it first.").arg(m_progress->title());
    if (!form->isValid())
        return form->attention();
    const plan::Plan p = form->buildPlan();
    if (m_progress)
        m_progress->deleteLater();
    m_progress = new PlanProgress(session->client(), p, session->pollScale(), this);
    m_runningForm = form;
    form->setPage(QStringLiteral("progress"));
    connect(m_progress, &PlanProgress::finished, this, &DeployFlow::runFinished);
    setApp({}, {});
    emit progressChanged();
    m_progress->start();
    return {};
}

void DeployFlow::runFinished()
{
    const plan::Plan &p = m_progress->runner()->plan();
    // What this run made becomes the next wizard's default, as the console
    // carries a new cluster or family into the service form.
    if (const plan::PlanStep *c = findStep(p, QStringLiteral("CreateCluster")))
        m_service.setValue(QStringLiteral("cluster"), c->params.value(u"clusterName").toString());
    if (const plan::PlanStep *t = findStep(p, QStringLiteral("RegisterTaskDefinition")))
        m_service.setValue(QStringLiteral("taskDefinition"), t->params.value(u"family").toString());
    refreshChoices();

    const plan::PlanStep *svc = findStep(p, QStringLiteral("CreateService"));
    Session *session = Session::instance();
    if (!svc || !session || !session->client())
        return;
    const QString cluster = svc->params.value(u"cluster").toString();
    const QString name = svc->params.value(u"serviceName").toString();
    setApp({}, tr("Waiting for the task of %1 to start and get its public IP…").arg(name));
    const int interval = qMax(50, int(5000 / session->pollScale()));
    findTaskAddress(session->client(), this, cluster, name, kAddressAttempts, interval,
                    [this, name](const QString &ip, const QStringList &urls, const QString &why) {
                        if (ip.isEmpty())
                            return setApp({},
                                          tr("The service %1 was created, but %2. Look in Account → Browse "
                                             "for its tasks and their stop reasons.")
                                              .arg(name, why));
                        setApp(urls.value(0, QStringLiteral("http://%1").arg(ip)),
                               tr("%1 is running at %2").arg(name, ip));
                    });
}

void DeployFlow::setApp(const QString &url, const QString &status)
{
    m_appUrl = url;
    m_appStatus = status;
    emit appChanged();
}

void DeployFlow::refreshChoices()
{
    m_choices->refresh();
    m_choices->loadInstanceClasses(m_database.value(QStringLiteral("engineVersion")).toString());
}

void DeployFlow::insertDatabaseUri(const QString &name, const QString &database)
{
    QString host = m_choices->databaseEndpoint(database);
    if (host.isEmpty())
        host = QStringLiteral("<endpoint of %1>").arg(database);
    const bool ours = m_database.value(QStringLiteral("identifier")).toString().toLower() == database;
    const QString uri = ours ? m_database.connectionUri(host, true)
                             : QStringLiteral("postgresql://<user>:<password>@%1:5432/<database>").arg(host);
    m_taskDefinition.setEnv(name, uri);
}

void DeployFlow::copyToClipboard(const QString &text) const
{
    if (auto *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}
