#pragma once
// A plan run as the window shows it: one row per step (title, state, what is
// happening in plain words) over a PlanRunner, with the run's state and the
// actions it allows now (cancel, roll back, retry from here, resume). The
// same runner deployctl uses; this only presents it.

#include "PlanRunner.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class PlanProgress : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PlanProgress comes from DeployFlow or CleanupFlow")
    Q_PROPERTY(QString title READ title NOTIFY changed)
    /// idle, running, paused, failed, cancelled, finished, rollingback, rolledback
    Q_PROPERTY(QString state READ state NOTIFY changed)
    Q_PROPERTY(QString headline READ headline NOTIFY changed)
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(bool canCancel READ canCancel NOTIFY changed)
    Q_PROPERTY(bool canRollBack READ canRollBack NOTIFY changed)
    Q_PROPERTY(bool canRetry READ canRetry NOTIFY changed)
    Q_PROPERTY(bool canResume READ canResume NOTIFY changed)
    Q_PROPERTY(QString report READ report NOTIFY changed)
    Q_PROPERTY(int doneSteps READ doneSteps NOTIFY changed)
    Q_PROPERTY(int stepCount READ rowCount CONSTANT)
public:
    enum Role { TitleRole = Qt::UserRole + 1, StateRole, TextRole, NumberRole };

    explicit PlanProgress(aws::AwsClient *client, const plan::Plan &plan, double pollScale,
                          QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString title() const { return m_runner.plan().title; }
    QString state() const;
    QString headline() const;
    bool active() const;
    bool canCancel() const { return active(); }
    bool canRollBack() const;
    bool canRetry() const;
    bool canResume() const { return m_runner.state() == plan::PlanRunner::RunState::Paused; }
    QString report() const { return m_report; }
    int doneSteps() const;

    Q_INVOKABLE void start() { m_runner.start(); }
    Q_INVOKABLE void cancel() { m_runner.cancel(); }
    Q_INVOKABLE void rollBack() { m_runner.rollBack(); }
    Q_INVOKABLE void retryFromHere() { m_runner.retryFromHere(); }
    Q_INVOKABLE void resume() { m_runner.resume(); }

    plan::PlanRunner *runner() { return &m_runner; }
    /// Replaces the report the window shows (a teardown's final scan says more than the runner).
    void setReport(const QString &report);

signals:
    void changed();
    void finished();
    void failed();

private:
    plan::PlanRunner m_runner;
    QString m_report;
};
