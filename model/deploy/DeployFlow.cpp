#include "DeployFlow.h"

#include "Clipboard.h"

#include "AwsClient.h"
#include "FormChoices.h"
#include "PlanRenderer.h"
#include "PreflightChecker.h"
#include "PreflightFixes.h"
#include "Session.h"
#include "TaskAddress.h"
#include "TerraformRenderer.h"

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
    // Reaching the review page checks the plan against the account.
    for (WizardForm *form : std::initializer_list<WizardForm *>{&m_practical, &m_securityGroup, &m_database,
                                                                &m_cluster, &m_taskDefinition, &m_service})
        connect(form, &WizardForm::pageChanged, this, [this, form] {
            if (form->page() == u"review")
                checkPlan(form);
        });
    if (Session *session = Session::instance())
        connect(session, &Session::clientChanged, this, &DeployFlow::followSession);
    followSession();
}

DeployFlow::~DeployFlow() = default;

void DeployFlow::followSession()
{
    Session *session = Session::instance();
    delete m_checker;
    m_checker = nullptr;
    m_checks.clear();
    m_fixes.clear();
    if (session && session->client()) {
        m_checker = new plan::PreflightChecker(session->client(), this);
        connect(m_checker, &plan::PreflightChecker::finished, this,
                [this](const QList<plan::PreflightCheck> &checks) {
                    m_checks = checks;
                    emit preflightChanged();
                });
    }
    emit preflightChanged();
    m_choices->setClient(session ? session->client() : nullptr);
    if (m_activated)
        refreshChoices();
}

void DeployFlow::activate()
{
    if (m_activated)
        return;
    m_activated = true;
    refreshChoices();
}

bool DeployFlow::choicesLoading() const
{
    return !m_activated || m_choices->loading();
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
    QVariantList taskRoles = m_choices->list(QStringLiteral("roles"));
    taskRoles.prepend(
        QVariantMap{{QStringLiteral("value"), QString()}, {QStringLiteral("label"), tr("No task role")}});
    m_taskDefinition.setChoices(QStringLiteral("taskRoleArn"), taskRoles);
    m_taskDefinition.setChoices(QStringLiteral("image"), m_choices->list(QStringLiteral("images")));
    m_service.setChoices(QStringLiteral("cluster"), m_choices->list(QStringLiteral("clusters")));
    m_service.setChoices(QStringLiteral("taskDefinition"),
                         m_choices->list(QStringLiteral("taskDefinitions")));
    m_service.setChoices(QStringLiteral("subnets"), m_choices->list(QStringLiteral("subnets")));
    m_service.setChoices(QStringLiteral("securityGroups"), m_choices->list(QStringLiteral("securityGroups")));
    m_securityGroup.setChoices(QStringLiteral("vpcId"), m_choices->list(QStringLiteral("vpcs")));
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

plan::Plan DeployFlow::planFor(WizardForm *form) const
{
    return plan::withFixes(form->buildPlan(), m_fixes.value(form));
}

void DeployFlow::checkPlan(WizardForm *form)
{
    if (!form || !m_checker || !form->isValid())
        return;
    m_checkedForm = form;
    m_checks.clear();
    emit preflightChanged();
    m_checker->check(planFor(form));
    emit preflightChanged();
}

void DeployFlow::applyFix(WizardForm *form, int index)
{
    if (!form || index < 0 || index >= m_checks.size() || !plan::canFixInPlan(m_checks[index]))
        return;
    m_fixes[form].append(m_checks[index]);
    checkPlan(form);
}

QVariantList DeployFlow::preflight() const
{
    QVariantList out = plan::toVariantList(m_checks);
    for (int i = 0; i < out.size(); ++i) {
        QVariantMap m = out[i].toMap();
        m.insert(QStringLiteral("canFix"), !m_checks[i].passed && plan::canFixInPlan(m_checks[i]));
        out[i] = m;
    }
    return out;
}

bool DeployFlow::preflightRunning() const
{
    return m_checker && m_checker->isRunning();
}

bool DeployFlow::preflightPassed() const
{
    return !preflightRunning() && plan::allPassed(m_checks);
}

QString DeployFlow::planText(WizardForm *form, const QString &view) const
{
    if (!form)
        return {};
    if (!form->isValid())
        return form->attention();
    const plan::Plan p = planFor(form);
    if (view == u"cli")
        return plan::renderCli(p);
    if (view == u"terraform") {
        const plan::AccountDefaults &d = m_choices->defaults();
        plan::TerraformOptions options;
        options.defaultSubnets = d.subnets;
        options.defaultVpcId = d.vpcId;
        if (Session *session = Session::instance(); session && session->client())
            options.region = session->client()->region();
        return plan::renderTerraform(p, options);
    }
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

QString DeployFlow::create(WizardForm *form, bool anyway)
{
    Session *session = Session::instance();
    if (!form || !session || !session->client())
        return tr("No account is connected: connect one (or the sandbox) first.");
    if (m_progress && m_progress->active())
        return tr("Another plan is running (%1): wait for it or cancel it first.").arg(m_progress->title());
    if (!form->isValid())
        return form->attention();
    if (!anyway && m_checkedForm == form && preflightRunning())
        return tr("The pre-flight checks are still reading the account: a moment.");
    if (!anyway && m_checkedForm == form && !preflightPassed())
        return tr("A pre-flight check failed: fix it above, or choose Create anyway.");
    const plan::Plan p = planFor(form);
    if (m_progress)
        m_progress->deleteLater();
    m_progress = new PlanProgress(session->client(), p, session->pollScale(), this);
    // One run is shown at a time: the wizard whose run this replaces goes back to its form.
    if (auto *previous = qobject_cast<WizardForm *>(m_runningForm.data()); previous && previous != form)
        previous->setPage(QStringLiteral("form"));
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
    if (const plan::PlanStep *t = findStep(p, QStringLiteral("RegisterTaskDefinition"))) {
        m_service.setValue(QStringLiteral("taskDefinition"), t->params.value(u"family").toString());
        const int port = t->params
                             .value(u"containerDefinitions")[0][QStringLiteral("portMappings")][0]
                                                            [QStringLiteral("containerPort")]
                             .toInt();
        if (port > 0)
            m_service.setValue(QStringLiteral("newGroupPort"), port);
    }
    refreshChoices();
    if (const plan::PlanStep *db = findStep(p, QStringLiteral("CreateDBInstance"));
        db && m_runningForm == &m_database)
        readDatabaseEndpoint(db->params.value(u"DBInstanceIdentifier").toString());

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

void DeployFlow::readDatabaseEndpoint(const QString &identifier)
{
    Session *session = Session::instance();
    if (!session || !session->client())
        return;
    session->client()->call(
        QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
        {{QStringLiteral("DBInstanceIdentifier"), identifier}}, this, [this](const aws::Outcome &o) {
            if (!o.ok())
                return setApp({}, tr("The database exists, but its endpoint could not be "
                                     "read: %1")
                                      .arg(o.error->message));
            const QJsonObject db = o.output.value(u"DBInstances").toArray().first().toObject();
            m_dbEndpoint = db.value(u"Endpoint").toObject().value(u"Address").toString();
            emit appChanged();
        });
}

QString DeployFlow::databaseUri() const
{
    return m_dbEndpoint.isEmpty() ? QString() : m_database.connectionUri(m_dbEndpoint, false);
}

QString DeployFlow::revealedDatabaseUri() const
{
    return m_dbEndpoint.isEmpty() ? QString() : m_database.connectionUri(m_dbEndpoint, true);
}

void DeployFlow::setApp(const QString &url, const QString &status)
{
    m_dbEndpoint.clear();
    m_appUrl = url;
    m_appStatus = status;
    emit appChanged();
}

void DeployFlow::refreshChoices()
{
    m_choices->refresh();
    // Remembered, so the version's choices arriving do not ask for its classes a second time.
    m_lastEngineVersion = m_database.value(QStringLiteral("engineVersion")).toString();
    m_choices->loadInstanceClasses(m_lastEngineVersion);
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
    copyToSystemClipboard(text);
}
