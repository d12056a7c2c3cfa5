#include "CleanupFlow.h"

#include "Session.h"

CleanupFlow::CleanupFlow(QObject *parent)
    : QObject(parent)
{
    // A new account: what was read belongs to the old one.
    if (Session *session = Session::instance())
        connect(session, &Session::clientChanged, this, [this] {
            delete m_planner;
            if (m_progress)
                m_progress->deleteLater();
            m_finalReport.clear();
            m_error.clear();
            setPhase(QStringLiteral("idle"));
        });
}

void CleanupFlow::setStack(const QString &stack)
{
    if (m_stack == stack)
        return;
    m_stack = stack;
    if (m_phase != u"running")
        setPhase(QStringLiteral("idle"));
    emit changed();
}

void CleanupFlow::setPhase(const QString &phase)
{
    m_phase = phase;
    emit changed();
}

void CleanupFlow::scan()
{
    Session *session = Session::instance();
    if (!session || !session->client()) {
        m_error = tr("No account is connected: connect one (or the sandbox) first.");
        return setPhase(QStringLiteral("idle"));
    }
    if (m_phase == u"running" || m_phase == u"scanning")
        return;
    delete m_planner;
    m_planner = new plan::TeardownPlanner(session->client(), this);
    m_planner->setStack(m_stack.trimmed());
    m_confirmed.clear();
    m_error.clear();
    m_finalReport.clear();
    connect(m_planner, &plan::TeardownPlanner::scanned, this,
            [this] { setPhase(QStringLiteral("scanned")); });
    connect(m_planner, &plan::TeardownPlanner::scanFailed, this, [this](const QString &error) {
        m_error = tr("Could not read the account: %1. Check the connection and read it again.").arg(error);
        setPhase(QStringLiteral("idle"));
    });
    setPhase(QStringLiteral("scanning"));
    m_planner->scan();
}

QVariantList CleanupFlow::found() const
{
    QVariantList out;
    if (!m_planner || m_phase == u"scanning")
        return out;
    for (const auto &f : m_planner->found())
        out.append(QVariantMap{{QStringLiteral("kind"), f.kind},
                               {QStringLiteral("name"), f.name},
                               {QStringLiteral("id"), f.id}});
    return out;
}

QVariantList CleanupFlow::databases() const
{
    QVariantList out;
    if (!m_planner || m_phase != u"scanned")
        return out;
    for (const QString &db : m_planner->databases())
        out.append(QVariantMap{{QStringLiteral("name"), db},
                               {QStringLiteral("confirmed"), m_confirmed.contains(db)}});
    return out;
}

QStringList CleanupFlow::kept() const
{
    return m_planner && m_phase == u"scanned" ? m_planner->kept() : QStringList();
}

QString CleanupFlow::confirmDatabase(const QString &identifier, const QString &typed)
{
    if (!m_planner || !m_planner->databases().contains(identifier))
        return tr("Read the account first.");
    if (typed != identifier)
        return tr("Type %1 exactly to delete it without a final snapshot.").arg(identifier);
    m_planner->confirmDatabase(identifier);
    if (!m_confirmed.contains(identifier))
        m_confirmed.append(identifier);
    emit changed();
    return {};
}

QString CleanupFlow::run()
{
    Session *session = Session::instance();
    if (!m_planner || m_phase != u"scanned" || !session || !session->client())
        return tr("Read the account first.");
    const plan::Plan p = m_planner->buildPlan();
    if (p.steps.isEmpty())
        return tr("There is nothing to delete.");
    if (m_progress)
        m_progress->deleteLater();
    m_progress = new PlanProgress(session->client(), p, session->pollScale(), this);
    connect(m_progress, &PlanProgress::finished, this, &CleanupFlow::runEnded);
    connect(m_progress, &PlanProgress::failed, this, &CleanupFlow::runEnded);
    setPhase(QStringLiteral("running"));
    m_progress->start();
    return {};
}

void CleanupFlow::runEnded()
{
    const QString failure = m_progress->state() == u"finished" ? QString() : m_progress->runner()->failure();
    // The final word comes from reading the account again, not from the plan.
    disconnect(m_planner, &plan::TeardownPlanner::scanned, this, nullptr);
    connect(m_planner, &plan::TeardownPlanner::scanned, this, [this, failure] {
        m_finalReport = m_planner->finalReport(failure);
        setPhase(QStringLiteral("done"));
    });
    setPhase(QStringLiteral("reporting"));
    m_planner->scan();
}
