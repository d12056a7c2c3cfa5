#pragma once
// Runs any plan on an AwsClient: steps in order with ${refs} resolved from
// earlier outputs, find-before-create reuse, waits that poll (QTimer, never
// sleeping), progress per step, cancel, pause on expired credentials, and
// after a failure an exact account of what exists, Roll back and Retry from
// here. Every resource it creates is tagged with the plan's stack.

#include "Plan.h"
#include "PlanReferences.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace aws {
class AwsClient;
class AwsCall;
struct Outcome;
} // namespace aws

namespace plan {

class PlanRunner : public QObject {
    Q_OBJECT
public:
    enum class StepState { Pending, Running, Waiting, Done, Reused, Failed, RolledBack };
    Q_ENUM(StepState)
    enum class RunState { Idle, Running, Paused, Failed, Cancelled, Finished, RollingBack, RolledBack };
    Q_ENUM(RunState)

    struct StepStatus {
        StepState state = StepState::Pending;
        QString text; ///< plain words: what is happening or happened
    };
    /// A resource this run created (reused ones are not listed: they are not ours to delete).
    struct Created {
        int step = -1;
        QString kind;
        QString name;
        QString id;
        bool rolledBack = false;
        QString undoError; ///< why rollback could not delete it
    };

    explicit PlanRunner(aws::AwsClient *client, QObject *parent = nullptr);
    ~PlanRunner() override;

    /// Replaces the plan and forgets the previous run.
    void setPlan(const Plan &plan);
    const Plan &plan() const { return m_plan; }
    /// Simulated seconds per wall second: waits poll and back off this much
    /// faster (the sandbox's time scale; 1 against AWS).
    void setPollScale(double scale) { m_pollScale = scale > 0 ? scale : 1.0; }
    double pollScale() const { return m_pollScale; }

    void start();         ///< from the first step (Idle, Finished, RolledBack)
    void cancel();        ///< stops at once; what exists is reported, Roll back stays possible
    void resume();        ///< after a credentials pause: continues the same step
    void retryFromHere(); ///< after a failure or cancel: runs the stopped step again, then the rest
    void rollBack();      ///< deletes what this run created, newest first

    RunState state() const { return m_state; }
    int currentStep() const { return m_index; }
    QList<StepStatus> stepStatuses() const { return m_status; }
    QList<Created> created() const { return m_created; }
    QStringList reused() const { return m_reused; }
    const StepOutputs &outputs() const { return m_outputs; }
    QString failure() const { return m_failure; }
    /// What was created (and not), what was reused, where it stopped and why.
    QString report() const;

    static QString stateName(StepState state);
    /// "[3/9] waiting   AWS is creating the database (5–15 minutes) — now: creating":
    /// one step's current status as a progress line for deployctl and logs.
    QString progressLine(int index) const;

signals:
    void stepChanged(int index, plan::PlanRunner::StepState state, const QString &text);
    void stateChanged(plan::PlanRunner::RunState state);
    void finished();
    void failed(const QString &message);
    void paused(const QString &reason);
    void cancelled();
    void rolledBack(bool complete);

private:
    enum class Phase { Find, Create, Wait, Undo };

    void setState(RunState state);
    void setStep(int index, StepState state, const QString &text);
    void runStep();
    void find();
    void create();
    void poll();
    void stepDone(StepState state, const QString &text);
    void fail(const QString &message);
    void pause(const QString &reason);
    void undoNext();
    void finishRollback();
    /// Sends one call; stale answers (after cancel/retry) are dropped.
    void send(const QString &service, const QString &operation, const QJsonObject &params,
              std::function<void(const aws::Outcome &)> done);
    void later(int simulatedMs, std::function<void()> what);
    int scaled(int simulatedMs) const;
    /// Back-off for "not yet" errors; false when the step's budget is spent.
    bool backOff(int budgetSeconds, std::function<void()> again);
    QString clientToken(const PlanStep &step) const;
    int createdIndexOf(int step) const;
    /// `text` with every secret of the plan (its steps' sensitivePaths) masked: an AWS
    /// error message may quote a parameter, and texts reach screens and terminals.
    QString masked(QString text) const;

    aws::AwsClient *m_client;
    Plan m_plan;
    QList<StepStatus> m_status;
    StepOutputs m_outputs;
    QList<Created> m_created;
    QStringList m_reused;
    QString m_failure;
    RunState m_state = RunState::Idle;
    Phase m_phase = Phase::Find;
    int m_index = 0;
    int m_undoPos = -1;
    int m_maybeCreated = -1;           ///< step whose create call was cut off by cancel
    bool m_rollbackIncomplete = false; ///< Retry from here then means: try the rollback again
    QStringList m_secrets;
    double m_pollScale = 1.0;
    quint64 m_generation = 0;
    QByteArray m_nonce;
    QPointer<aws::AwsCall> m_call;
    QTimer m_timer;
    std::function<void()> m_timerAction;
    QElapsedTimer m_waitClock;
    QElapsedTimer m_retryClock;
    int m_retryDelayMs = 0;
};

} // namespace plan
