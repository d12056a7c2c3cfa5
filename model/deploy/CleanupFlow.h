#pragma once
// The Clean up area: reads what a stack (or everything Deploy Console
// tagged) consists of, asks for each database to be confirmed by name
// before it is deleted without a final snapshot, runs the teardown plan with
// the same progress view as the wizards, then reads the account again and
// reports that nothing is left — or exactly what is, and why.

#include "PlanProgress.h"
#include "TeardownPlanner.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class CleanupFlow : public QObject {
    Q_OBJECT
    QML_ELEMENT
    /// The stack to remove; "" = everything tagged by Deploy Console.
    Q_PROPERTY(QString stack READ stack WRITE setStack NOTIFY changed)
    /// idle, scanning, scanned, running, reporting, done
    Q_PROPERTY(QString phase READ phase NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    /// What was found, as {kind, name, id}.
    Q_PROPERTY(QVariantList found READ found NOTIFY changed)
    /// Databases found, each as {name, confirmed}.
    Q_PROPERTY(QVariantList databases READ databases NOTIFY changed)
    /// What the plan leaves alone and why (an unconfirmed database, …).
    Q_PROPERTY(QStringList kept READ kept NOTIFY changed)
    Q_PROPERTY(PlanProgress *progress READ progress NOTIFY changed)
    Q_PROPERTY(QString finalReport READ finalReport NOTIFY changed)
public:
    explicit CleanupFlow(QObject *parent = nullptr);

    QString stack() const { return m_stack; }
    void setStack(const QString &stack);
    QString phase() const { return m_phase; }
    QString error() const { return m_error; }
    QVariantList found() const;
    QVariantList databases() const;
    QStringList kept() const;
    PlanProgress *progress() const { return m_progress; }
    QString finalReport() const { return m_finalReport; }

    /// Reads the account for the stack's resources.
    Q_INVOKABLE void scan();
    /// Confirms deleting a database: `typed` must be its exact identifier. Returns "" or why not.
    Q_INVOKABLE QString confirmDatabase(const QString &identifier, const QString &typed);
    /// Runs the teardown of what the last scan found (and the confirmed databases).
    Q_INVOKABLE QString run();

signals:
    void changed();

private:
    void setPhase(const QString &phase);
    void runEnded();

    QPointer<plan::TeardownPlanner> m_planner;
    QPointer<PlanProgress> m_progress;
    QString m_stack = QStringLiteral("taskoverflow");
    QString m_phase = QStringLiteral("idle");
    QString m_error;
    QString m_finalReport;
    QStringList m_confirmed;
};
