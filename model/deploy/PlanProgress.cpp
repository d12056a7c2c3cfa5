#include "PlanProgress.h"

#include <QMetaEnum>
#include <QRegularExpression>

using plan::PlanRunner;

PlanProgress::PlanProgress(aws::AwsClient *client, const plan::Plan &plan, double pollScale, QObject *parent)
    : QAbstractListModel(parent)
    , m_runner(client)
{
    m_runner.setPlan(plan);
    m_runner.setPollScale(pollScale);
    connect(&m_runner, &PlanRunner::stepChanged, this, [this](int index) {
        emit dataChanged(this->index(index), this->index(index));
        emit changed();
    });
    connect(&m_runner, &PlanRunner::stateChanged, this, [this] {
        // The runner's report says what exists after a failure, a cancel or
        // a rollback; while it runs there is nothing to report yet.
        if (!active())
            m_report = m_runner.report();
        emit dataChanged(index(0), index(rowCount() - 1));
        emit changed();
    });
    connect(&m_runner, &PlanRunner::finished, this, &PlanProgress::finished);
    connect(&m_runner, &PlanRunner::failed, this, &PlanProgress::failed);
}

int PlanProgress::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runner.plan().steps.size());
}

QVariant PlanProgress::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto statuses = m_runner.stepStatuses();
    const plan::PlanStep &step = m_runner.plan().steps.at(index.row());
    const PlanRunner::StepStatus status =
        index.row() < statuses.size() ? statuses.at(index.row()) : PlanRunner::StepStatus{};
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return step.title;
    case StateRole:
        return PlanRunner::stateName(status.state);
    case TextRole: {
        // The runner's texts often repeat the title ("<title> — done"): show only what is new.
        QString text = status.text;
        if (text.startsWith(step.title))
            text = text.mid(step.title.size()).remove(QRegularExpression(QStringLiteral("^[\\s—…\\.-]+")));
        // "done" beside the state "done" says nothing more.
        return text == PlanRunner::stateName(status.state) ? QString() : text;
    }
    case NumberRole:
        return index.row() + 1;
    default:
        return {};
    }
}

QHash<int, QByteArray> PlanProgress::roleNames() const
{
    return {{TitleRole, "title"}, {StateRole, "stepState"}, {TextRole, "text"}, {NumberRole, "number"}};
}

QString PlanProgress::state() const
{
    return QString::fromLatin1(QMetaEnum::fromType<PlanRunner::RunState>().valueToKey(int(m_runner.state())))
        .toLower();
}

bool PlanProgress::active() const
{
    using S = PlanRunner::RunState;
    const S s = m_runner.state();
    return s == S::Running || s == S::Paused || s == S::RollingBack;
}

bool PlanProgress::canRollBack() const
{
    using S = PlanRunner::RunState;
    const S s = m_runner.state();
    const auto created = m_runner.created();
    const bool anything =
        std::any_of(created.begin(), created.end(), [](const auto &c) { return !c.rolledBack; });
    return anything && (s == S::Failed || s == S::Cancelled || s == S::RolledBack);
}

bool PlanProgress::canRetry() const
{
    using S = PlanRunner::RunState;
    const S s = m_runner.state();
    return s == S::Failed || s == S::Cancelled;
}

int PlanProgress::doneSteps() const
{
    int n = 0;
    for (const auto &s : m_runner.stepStatuses())
        n += s.state == PlanRunner::StepState::Done || s.state == PlanRunner::StepState::Reused;
    return n;
}

QString PlanProgress::headline() const
{
    using S = PlanRunner::RunState;
    const int total = rowCount();
    switch (m_runner.state()) {
    case S::Idle:
        return total == 1 ? tr("Ready: 1 step.") : tr("Ready: %1 steps.").arg(total);
    case S::Running:
        return tr("Working — step %1 of %2.").arg(m_runner.currentStep() + 1).arg(total);
    case S::Paused:
        return tr("Paused: the credentials expired. Paste fresh ones and press Resume — nothing is lost.");
    case S::Failed:
        return tr("Stopped at step %1: %2").arg(m_runner.currentStep() + 1).arg(m_runner.failure());
    case S::Cancelled:
        return tr("Cancelled at step %1. What exists is listed below; roll back or retry from here.")
            .arg(m_runner.currentStep() + 1);
    case S::Finished:
        return total == 1 ? tr("Done: the step finished.") : tr("Done: all %1 steps finished.").arg(total);
    case S::RollingBack:
        return tr("Rolling back: deleting what this run created, newest first.");
    case S::RolledBack:
        return tr("Rolled back.");
    }
    return {};
}

void PlanProgress::setReport(const QString &report)
{
    m_report = report;
    emit changed();
}
