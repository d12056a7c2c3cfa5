#include "PlanRunner.h"

#include "AwsClient.h"
#include "FindBeforeCreate.h"
#include "PlanRenderer.h"
#include "StackTags.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMetaEnum>
#include <QRandomGenerator>

namespace plan {

namespace {
/// Wall time a request cut off by cancel is given to reach AWS before rollback looks for what it made.
constexpr int kCutOffSettleMs = 1500;
} // namespace
namespace {

/// A waited-on value as text: arrays by their length (0 = "none left"), missing as "".
QString waitText(const QJsonValue &v)
{
    if (v.isArray())
        return QString::number(v.toArray().size());
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return {};
}

/// Errors a delete may answer while something it depends on is still going away.
bool isNotYetError(const QString &code)
{
    static const QStringList codes{QStringLiteral("DependencyViolation"),
                                   QStringLiteral("ClusterContainsServicesException"),
                                   QStringLiteral("ClusterContainsTasksException"),
                                   QStringLiteral("InvalidDBInstanceState"),
                                   QStringLiteral("InvalidDBInstanceStateFault"),
                                   QStringLiteral("ResourceInUseException"),
                                   QStringLiteral("ResourceInUse")};
    return codes.contains(code);
}

/// Worth asking again after the client's own retries ran out.
bool isRetryableRead(const aws::AwsError &e)
{
    return e.retry == aws::RetryClass::Throttling || e.retry == aws::RetryClass::Transient ||
           e.kind == aws::ErrorKind::Network;
}

constexpr int kMinPollMs = 10;
constexpr int kMaxBackOffSimulatedMs = 30000;

} // namespace

PlanRunner::PlanRunner(aws::AwsClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (auto f = std::exchange(m_timerAction, {}))
            f();
    });
}

PlanRunner::~PlanRunner()
{
    ++m_generation;
    if (m_call)
        m_call->abort();
}

void PlanRunner::setPlan(const Plan &p)
{
    ++m_generation;
    if (m_call)
        m_call->abort();
    m_timer.stop();
    m_plan = p;
    for (PlanStep &s : m_plan.steps)
        s = withDefaultFind(s);
    m_secrets.clear();
    for (const PlanStep &s : std::as_const(m_plan.steps))
        for (const QString &path : s.sensitivePaths)
            if (const QString v = valueAtPath(s.params, path).toString(); v.size() >= 4)
                m_secrets << v;
    m_rollbackIncomplete = false;
    m_status = QList<StepStatus>(m_plan.steps.size());
    for (int i = 0; i < m_plan.steps.size(); ++i)
        m_status[i].text = m_plan.steps[i].title;
    m_outputs.clear();
    m_created.clear();
    m_reused.clear();
    m_failure.clear();
    m_index = 0;
    m_maybeCreated = -1;
    // Fresh per run: a rolled-back service's token must not bring it back.
    m_nonce = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    setState(RunState::Idle);
}

QString PlanRunner::stateName(StepState state)
{
    return QString::fromLatin1(QMetaEnum::fromType<StepState>().valueToKey(int(state))).toLower();
}

QString PlanRunner::progressLine(int index) const
{
    if (index < 0 || index >= m_status.size())
        return {};
    return QStringLiteral("[%1/%2] %3 %4")
        .arg(index + 1)
        .arg(m_status.size())
        .arg(stateName(m_status[index].state), -11)
        .arg(m_status[index].text);
}

void PlanRunner::setState(RunState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void PlanRunner::setStep(int index, StepState state, const QString &text)
{
    if (index < 0 || index >= m_status.size())
        return;
    const QString shown = masked(text);
    if (m_status[index].state == state && m_status[index].text == shown)
        return; // a poll that changed nothing is not progress
    m_status[index] = {state, shown};
    emit stepChanged(index, state, shown);
}

int PlanRunner::scaled(int simulatedMs) const
{
    return qMax(kMinPollMs, int(simulatedMs / m_pollScale));
}

void PlanRunner::later(int simulatedMs, std::function<void()> what)
{
    m_timerAction = std::move(what);
    m_timer.start(scaled(simulatedMs));
}

void PlanRunner::send(const QString &service, const QString &operation, const QJsonObject &params,
                      std::function<void(const aws::Outcome &)> done)
{
    const quint64 generation = m_generation;
    m_call = m_client->call(service, operation, params, this,
                            [this, generation, done = std::move(done)](const aws::Outcome &o) {
                                if (generation != m_generation)
                                    return; // cancelled, rolled back or retried meanwhile
                                m_call = nullptr;
                                done(o);
                            });
}

bool PlanRunner::backOff(int budgetSeconds, std::function<void()> again)
{
    if (!m_retryClock.isValid()) {
        m_retryClock.start();
        m_retryDelayMs = 2000;
    }
    if (m_retryClock.elapsed() > scaled(budgetSeconds * 1000))
        return false;
    const int delay = m_retryDelayMs;
    m_retryDelayMs = qMin(m_retryDelayMs * 2, kMaxBackOffSimulatedMs);
    later(delay, std::move(again));
    return true;
}

QString PlanRunner::clientToken(const PlanStep &step) const
{
    const QByteArray seed = m_plan.stackName.toUtf8() + '/' + step.id.toUtf8() + '/' + m_nonce;
    // ECS allows 36 characters.
    return QStringLiteral("dc-") +
           QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha1).toHex().left(32));
}

int PlanRunner::createdIndexOf(int step) const
{
    for (int i = 0; i < m_created.size(); ++i)
        if (m_created[i].step == step && !m_created[i].rolledBack)
            return i;
    return -1;
}

void PlanRunner::start()
{
    // After a failure or cancel only Retry from here or Roll back: a fresh start would forget
    // what this run created.
    if (m_state != RunState::Idle && m_state != RunState::Finished && m_state != RunState::RolledBack)
        return;
    if (m_state != RunState::Idle)
        setPlan(Plan(m_plan)); // a fresh run of the same plan
    setState(RunState::Running);
    m_index = 0;
    runStep();
}

void PlanRunner::retryFromHere()
{
    if (m_state != RunState::Failed && m_state != RunState::Cancelled)
        return;
    if (m_rollbackIncomplete)
        return rollBack();
    ++m_generation;
    m_failure.clear();
    setState(RunState::Running);
    runStep();
}

void PlanRunner::resume()
{
    if (m_state != RunState::Paused)
        return;
    if (m_phase == Phase::Undo) {
        setState(RunState::RollingBack);
        undoNext();
        return;
    }
    setState(RunState::Running);
    if (m_phase == Phase::Wait)
        m_waitClock.start(); // the pause was not AWS being slow
    switch (m_phase) {
    case Phase::Find:
        find();
        break;
    case Phase::Create:
        create();
        break;
    case Phase::Wait:
        poll();
        break;
    case Phase::Undo:
        break;
    }
}

void PlanRunner::cancel()
{
    if (m_state != RunState::Running && m_state != RunState::Paused && m_state != RunState::RollingBack)
        return;
    const bool wasCreating = m_phase == Phase::Create && m_call;
    ++m_generation;
    if (m_call)
        m_call->abort();
    m_call = nullptr;
    m_timer.stop();
    if (wasCreating)
        m_maybeCreated = m_index;
    if (m_phase != Phase::Undo)
        setStep(m_index, StepState::Pending,
                wasCreating ? QStringLiteral("Cancelled while AWS was creating it — it may exist")
                            : QStringLiteral("Cancelled"));
    m_failure = QStringLiteral("Cancelled");
    setState(RunState::Cancelled);
    emit cancelled();
}

void PlanRunner::pause(const QString &reason)
{
    setStep(m_index, m_status.value(m_index).state,
            QStringLiteral("Paused: %1 — paste fresh credentials, then continue").arg(reason));
    setState(RunState::Paused);
    emit paused(reason);
}

QString PlanRunner::masked(QString text) const
{
    for (const QString &secret : m_secrets)
        text.replace(secret, QLatin1String(kMask));
    return text;
}

void PlanRunner::fail(const QString &message)
{
    m_failure = masked(message);
    setStep(m_index, StepState::Failed, m_failure);
    setState(RunState::Failed);
    emit failed(m_failure);
}

void PlanRunner::runStep()
{
    m_retryClock.invalidate();
    if (m_index >= m_plan.steps.size()) {
        setState(RunState::Finished);
        emit finished();
        return;
    }
    const PlanStep &step = m_plan.steps[m_index];
    setStep(m_index, StepState::Running, step.title + QStringLiteral("…"));
    if (step.createsResource && !step.findOperation.isEmpty())
        find();
    else
        create();
}

void PlanRunner::find()
{
    m_phase = Phase::Find;
    const PlanStep &step = m_plan.steps[m_index];
    QStringList unresolved;
    const QJsonObject params = resolveReferences(step.findParams, m_outputs, &unresolved);
    if (!unresolved.isEmpty())
        return fail(QStringLiteral("%1: needs %2, which no earlier step produced")
                        .arg(step.title, unresolved.join(QStringLiteral(", "))));
    setStep(m_index, StepState::Running,
            QStringLiteral("Checking whether %1 already exists…").arg(step.resource.name));
    send(step.findService, step.findOperation, params, [this](const aws::Outcome &o) {
        const PlanStep &step = m_plan.steps[m_index];
        if (!o.ok()) {
            if (o.error->isExpiredCredentials())
                return pause(o.error->code);
            if (isNotFoundError(o.error->code))
                return create();
            if (isRetryableRead(*o.error) && backOff(step.retryTimeoutSeconds, [this] { find(); }))
                return;
            return fail(QStringLiteral("Could not check whether %1 exists: %2")
                            .arg(step.resource.name, o.error->toString()));
        }
        const QJsonObject found = valueAtPath(o.output, step.findPath).toObject();
        const QString condition = foundResourceCondition(found);
        if (found.isEmpty() || condition == u"gone")
            return create();
        if (condition == u"deleting")
            return fail(QStringLiteral("%1 %2 exists but is being deleted; try again when it is gone")
                            .arg(step.resource.kind, step.resource.name));
        const bool ours = createdIndexOf(m_index) >= 0 || m_maybeCreated == m_index;
        QStringList unresolvedParams;
        const QJsonObject wanted = resolveReferences(step.params, m_outputs, &unresolvedParams);
        const QStringList diffs = settingsDifferences(wanted, found, step.sensitivePaths);
        if (!diffs.isEmpty() && !ours)
            return fail(QStringLiteral("%1 %2 already exists with different settings (%3). Nothing was "
                                       "changed: delete it or choose another name.")
                            .arg(step.resource.kind, step.resource.name, diffs.join(QStringLiteral("; "))));
        m_outputs.insert(step.id, outputForFound(step.resource, found));
        if (m_maybeCreated == m_index && createdIndexOf(m_index) < 0) {
            // The cancelled create went through after all: it is ours to roll back.
            m_created.append({m_index,
                              step.resource.kind,
                              step.resource.name,
                              valueAtPath(m_outputs[step.id], step.resource.idPath).toString(),
                              false,
                              {}});
            m_maybeCreated = -1;
        } else if (!ours && !m_reused.contains(step.id)) {
            m_reused.append(step.id);
        }
        const QString text = ours
                                 ? QStringLiteral("Created %1 %2").arg(step.resource.kind, step.resource.name)
                                 : QStringLiteral("%1 %2 already exists with the same settings — reused")
                                       .arg(step.resource.kind, step.resource.name);
        if (step.waitFor) {
            m_waitClock.start();
            return poll();
        }
        stepDone(ours ? StepState::Done : StepState::Reused, text);
    });
}

void PlanRunner::create()
{
    m_phase = Phase::Create;
    const PlanStep &step = m_plan.steps[m_index];
    QStringList unresolved;
    QJsonObject params = resolveReferences(step.params, m_outputs, &unresolved);
    if (!unresolved.isEmpty())
        return fail(QStringLiteral("%1: needs %2, which no earlier step produced")
                        .arg(step.title, unresolved.join(QStringLiteral(", "))));
    if (step.createsResource) {
        const QString stack = m_plan.stackName.isEmpty() ? step.resource.name : m_plan.stackName;
        params = withStackTags(step.service, step.operation, params, stack, step.resource.kind);
    }
    if (const QString token = clientTokenMember(step.service, step.operation);
        !token.isEmpty() && !params.contains(token))
        params.insert(token, clientToken(step));
    setStep(m_index, StepState::Running, step.title + QStringLiteral("…"));
    send(step.service, step.operation, params, [this](const aws::Outcome &o) {
        const PlanStep &step = m_plan.steps[m_index];
        if (!o.ok()) {
            if (o.error->isExpiredCredentials())
                return pause(o.error->code);
            if (step.acceptedErrors.contains(o.error->code)) {
                m_outputs.insert(step.id, o.output);
                return stepDone(StepState::Done,
                                QStringLiteral("%1 — already in place (%2)").arg(step.title, o.error->code));
            }
            if (step.createsResource && !step.findOperation.isEmpty() &&
                (o.error->code.contains(u"AlreadyExists") || o.error->code.endsWith(u".Duplicate"))) {
                // After a retry the first attempt may have landed (a dropped answer): then it is
                // ours. Otherwise someone made it meanwhile: look again, reuse or report it.
                if (o.attempts > 1)
                    m_maybeCreated = m_index;
                return find();
            }
            if (isRetryableRead(*o.error)) {
                // The client's retries ran out (AWS busy, connection lost). Going again is safe:
                // a create looks first, and may find its own request landed after all.
                if (step.createsResource && o.error->retry != aws::RetryClass::Throttling)
                    m_maybeCreated = m_index;
                setStep(m_index, StepState::Waiting,
                        QStringLiteral("%1 — AWS is busy (%2); trying again shortly")
                            .arg(step.title, o.error->code));
                if (backOff(step.retryTimeoutSeconds, [this] {
                        const PlanStep &s = m_plan.steps[m_index];
                        s.createsResource && !s.findOperation.isEmpty() ? find() : create();
                    }))
                    return;
            }
            if (step.retryErrors.contains(o.error->code)) {
                setStep(
                    m_index, StepState::Waiting,
                    QStringLiteral("%1 — AWS says %2; trying again shortly").arg(step.title, o.error->code));
                if (backOff(step.retryTimeoutSeconds, [this] { create(); }))
                    return;
            }
            return fail(QStringLiteral("%1 failed: %2").arg(step.title, o.error->toString()));
        }
        m_outputs.insert(step.id, o.output);
        if (step.createsResource && createdIndexOf(m_index) < 0)
            m_created.append({m_index,
                              step.resource.kind,
                              step.resource.name,
                              valueAtPath(o.output, step.resource.idPath).toString(),
                              false,
                              {}});
        if (m_maybeCreated == m_index)
            m_maybeCreated = -1;
        if (step.waitFor) {
            m_waitClock.start();
            return poll();
        }
        stepDone(StepState::Done,
                 step.createsResource
                     ? QStringLiteral("Created %1 %2").arg(step.resource.kind, step.resource.name)
                     : step.title + QStringLiteral(" — done"));
    });
}

void PlanRunner::poll()
{
    m_phase = Phase::Wait;
    const PlanStep &step = m_plan.steps[m_index];
    const WaitCondition &w = *step.waitFor;
    if (m_waitClock.elapsed() > scaled(w.timeoutSeconds * 1000))
        return fail(QStringLiteral("%1: gave up waiting after %2 minutes")
                        .arg(step.title)
                        .arg(w.timeoutSeconds / 60));
    QStringList unresolved;
    const QJsonObject params = resolveReferences(w.params, m_outputs, &unresolved);
    if (!unresolved.isEmpty())
        return fail(QStringLiteral("%1: cannot wait, needs %2").arg(step.title, unresolved.join(u", ")));
    send(w.service, w.operation, params, [this](const aws::Outcome &o) {
        const PlanStep &step = m_plan.steps[m_index];
        const WaitCondition &w = *step.waitFor;
        const bool reused = m_reused.contains(step.id);
        const QString doneText =
            reused ? QStringLiteral("%1 %2 already exists with the same settings — reused")
                         .arg(step.resource.kind, step.resource.name)
            : step.createsResource
                ? QStringLiteral("Created %1 %2").arg(step.resource.kind, step.resource.name)
                : step.title + QStringLiteral(" — done");
        const StepState doneState = reused ? StepState::Reused : StepState::Done;
        if (!o.ok()) {
            if (o.error->isExpiredCredentials())
                return pause(o.error->code);
            if (w.successErrors.contains(o.error->code))
                return stepDone(doneState, doneText);
            if (isRetryableRead(*o.error)) // a poll is a read: ask again next time
                return later(w.intervalSeconds * 1000, [this] { poll(); });
            return fail(QStringLiteral("%1: %2").arg(step.title, o.error->toString()));
        }
        const QString value = waitText(valueAtPath(o.output, w.path));
        if (step.createsResource) {
            // What Describe shows now (a database's endpoint appears only when it is available).
            const qsizetype dot = w.path.lastIndexOf(u'.');
            const QJsonValue resource = valueAtPath(o.output, dot > 0 ? w.path.left(dot) : QString());
            if (resource.isObject())
                m_outputs.insert(step.id, outputForFound(step.resource, resource.toObject()));
        }
        if (w.success.contains(value))
            return stepDone(doneState, doneText);
        if (w.failure.contains(value))
            return fail(QStringLiteral("%1: AWS reports %2").arg(step.title, value));
        const QString what = w.progressText.isEmpty() ? QStringLiteral("Waiting for AWS") : w.progressText;
        setStep(m_index, StepState::Waiting,
                value.isEmpty() ? what + QStringLiteral("…")
                                : QStringLiteral("%1 — now: %2").arg(what, value));
        later(w.intervalSeconds * 1000, [this] { poll(); });
    });
}

void PlanRunner::stepDone(StepState state, const QString &text)
{
    setStep(m_index, state, text);
    ++m_index;
    runStep();
}

void PlanRunner::rollBack()
{
    if (m_state != RunState::Failed && m_state != RunState::Cancelled && m_state != RunState::Finished &&
        m_state != RunState::RolledBack)
        return;
    ++m_generation;
    m_timer.stop();
    m_rollbackIncomplete = false;
    m_phase = Phase::Undo;
    setState(RunState::RollingBack);
    if (m_maybeCreated < 0 || m_plan.steps[m_maybeCreated].findOperation.isEmpty()) {
        m_undoPos = m_created.size() - 1;
        return undoNext();
    }
    // A create cut off by cancel may have gone through: look before deleting the
    // rest — after a moment, since the request may still be on its way to AWS
    // (an immediate look can miss a group that appears just after).
    setStep(m_maybeCreated, StepState::Running,
            QStringLiteral("Checking whether the cancelled call went through…"));
    later(int(kCutOffSettleMs * m_pollScale), [this] {
        const PlanStep &step = m_plan.steps[m_maybeCreated];
        send(step.findService, step.findOperation, resolveReferences(step.findParams, m_outputs),
             [this](const aws::Outcome &o) {
                 const PlanStep &step = m_plan.steps[m_maybeCreated];
                 const QJsonObject found =
                     o.ok() ? valueAtPath(o.output, step.findPath).toObject() : QJsonObject();
                 if (!found.isEmpty() && foundResourceCondition(found).isEmpty()) {
                     m_outputs.insert(step.id, outputForFound(step.resource, found));
                     m_created.append({m_maybeCreated,
                                       step.resource.kind,
                                       step.resource.name,
                                       valueAtPath(m_outputs[step.id], step.resource.idPath).toString(),
                                       false,
                                       {}});
                 }
                 if (o.ok() || isNotFoundError(o.error->code))
                     m_maybeCreated = -1;
                 m_undoPos = m_created.size() - 1;
                 undoNext();
             });
    });
}

void PlanRunner::undoNext()
{
    m_phase = Phase::Undo;
    while (m_undoPos >= 0 && (m_created[m_undoPos].rolledBack ||
                              m_plan.steps[m_created[m_undoPos].step].undoOperation.isEmpty())) {
        Created &c = m_created[m_undoPos];
        if (!c.rolledBack)
            c.undoError = QStringLiteral("this step has no undo");
        --m_undoPos;
    }
    if (m_undoPos < 0)
        return finishRollback();
    const Created &c = m_created[m_undoPos];
    const PlanStep &step = m_plan.steps[c.step];
    m_index = c.step;
    QStringList unresolved;
    const QJsonObject params = resolveReferences(step.undoParams, m_outputs, &unresolved);
    if (!unresolved.isEmpty()) {
        m_created[m_undoPos].undoError = QStringLiteral("its id is unknown");
        --m_undoPos;
        return undoNext();
    }
    setStep(c.step, StepState::Running, QStringLiteral("Deleting %1 %2…").arg(c.kind, c.name));
    send(step.undoService, step.undoOperation, params, [this](const aws::Outcome &o) {
        Created &c = m_created[m_undoPos];
        if (!o.ok() && o.error->isExpiredCredentials())
            return pause(o.error->code);
        if (!o.ok() && !isNotFoundError(o.error->code)) {
            if ((isNotYetError(o.error->code) || isRetryableRead(*o.error)) &&
                backOff(m_plan.steps[c.step].retryTimeoutSeconds, [this] { undoNext(); })) {
                setStep(c.step, StepState::Waiting,
                        QStringLiteral("Deleting %1 %2 — AWS says %3; trying again shortly")
                            .arg(c.kind, c.name, o.error->code));
                return;
            }
            c.undoError = masked(o.error->toString());
            setStep(c.step, StepState::Failed,
                    QStringLiteral("Could not delete %1 %2: %3").arg(c.kind, c.name, c.undoError));
        } else {
            c.rolledBack = true;
            c.undoError.clear();
            setStep(c.step, StepState::RolledBack, QStringLiteral("Deleted %1 %2").arg(c.kind, c.name));
        }
        m_retryClock.invalidate();
        --m_undoPos;
        undoNext();
    });
}

void PlanRunner::finishRollback()
{
    bool complete = true;
    for (const Created &c : std::as_const(m_created))
        complete = complete && c.rolledBack;
    // A step with nothing of its own to undo (an inbound rule) went with the
    // resource it changed: say so rather than leave it "done".
    QStringList gone;
    for (const Created &c : std::as_const(m_created))
        if (c.rolledBack)
            gone << m_plan.steps[c.step].id;
    for (int i = 0; i < m_plan.steps.size() && i < m_status.size(); ++i) {
        const PlanStep &step = m_plan.steps[i];
        if (m_status[i].state != StepState::Done || step.createsResource)
            continue;
        const QStringList refs = referencedSteps(step.params);
        const auto dependsOnGone =
            std::find_if(refs.begin(), refs.end(), [&gone](const QString &id) { return gone.contains(id); });
        if (dependsOnGone != refs.end())
            setStep(i, StepState::RolledBack, QStringLiteral("Gone with what it changed"));
    }
    if (complete) {
        m_created.clear();
        m_outputs.clear();
        m_index = 0;
    }
    setState(complete ? RunState::RolledBack : RunState::Failed);
    m_rollbackIncomplete = !complete;
    if (!complete)
        m_failure = QStringLiteral("Roll back could not delete everything");
    emit rolledBack(complete);
}

QString PlanRunner::report() const
{
    QStringList lines;
    QStringList made, left;
    for (const Created &c : m_created) {
        const QString what = QStringLiteral("%1 %2%3").arg(
            c.kind, c.name, c.id.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.id));
        if (c.rolledBack)
            continue;
        made << what;
        if (!c.undoError.isEmpty())
            left << QStringLiteral("%1 — not deleted: %2").arg(what, c.undoError);
    }
    switch (m_state) {
    case RunState::Finished:
        lines << QStringLiteral("Finished: all %1 steps done.").arg(m_plan.steps.size());
        break;
    case RunState::RolledBack:
        lines << QStringLiteral("Rolled back: everything this run created was deleted.");
        break;
    case RunState::Failed:
    case RunState::Cancelled:
    case RunState::Paused:
        lines << QStringLiteral("Stopped at step %1 of %2 (%3): %4")
                     .arg(m_index + 1)
                     .arg(m_plan.steps.size())
                     .arg(m_plan.steps.value(m_index).title,
                          m_failure.isEmpty() ? QStringLiteral("paused") : m_failure);
        break;
    default:
        break;
    }
    lines << (made.isEmpty()
                  ? QStringLiteral("Created by this run: nothing.")
                  : QStringLiteral("Created by this run: %1.").arg(made.join(QStringLiteral(", "))));
    QStringList reusedNames;
    for (const QString &id : m_reused)
        for (const PlanStep &s : m_plan.steps)
            if (s.id == id)
                reusedNames << QStringLiteral("%1 %2").arg(s.resource.kind, s.resource.name);
    if (!reusedNames.isEmpty())
        lines << QStringLiteral("Reused (already there, left as it was): %1.").arg(reusedNames.join(u", "));
    if (m_maybeCreated >= 0)
        lines << QStringLiteral("May exist (cancelled while AWS was creating it): %1.")
                     .arg(m_plan.steps[m_maybeCreated].resource.name);
    if (m_state == RunState::Failed || m_state == RunState::Cancelled) {
        QStringList notDone;
        for (int i = m_index; i < m_plan.steps.size(); ++i)
            if (m_status[i].state != StepState::Done && m_status[i].state != StepState::Reused &&
                m_status[i].state != StepState::RolledBack)
                notDone << m_plan.steps[i].title;
        if (!notDone.isEmpty())
            lines << QStringLiteral("Not done: %1.").arg(notDone.join(QStringLiteral("; ")));
    }
    if (!left.isEmpty())
        lines << QStringLiteral("Left in the account: %1.").arg(left.join(QStringLiteral("; ")));
    return masked(lines.join(u'\n'));
}

} // namespace plan
