#pragma once
// The Deploy area's brain: the TaskOverflow preset and the five wizards as
// forms, the account's choices for their fields, the plan of the form being
// reviewed as API calls, AWS CLI commands or Terraform, one plan run at a
// time with its progress, and — when a run created a service — the wait for
// the task's public IP and its http://IP:PORT. QML creates one and binds.

#include "ClusterForm.h"
#include "DatabaseForm.h"
#include "PlanProgress.h"
#include "PracticalForm.h"
#include "PreflightCheck.h"
#include "SecurityGroupForm.h"
#include "ServiceForm.h"
#include "TaskDefinitionForm.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

class FormChoices;
namespace plan {
class PreflightChecker;
}

class DeployFlow : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(PracticalForm *practical READ practical CONSTANT)
    Q_PROPERTY(SecurityGroupForm *securityGroup READ securityGroup CONSTANT)
    Q_PROPERTY(DatabaseForm *database READ database CONSTANT)
    Q_PROPERTY(ClusterForm *cluster READ cluster CONSTANT)
    Q_PROPERTY(TaskDefinitionForm *taskDefinition READ taskDefinition CONSTANT)
    Q_PROPERTY(ServiceForm *service READ service CONSTANT)
    Q_PROPERTY(bool choicesLoading READ choicesLoading NOTIFY choicesChanged)
    Q_PROPERTY(QString choicesError READ choicesError NOTIFY choicesChanged)
    /// Databases in the account as {value, label} (for the connection-URI helper).
    Q_PROPERTY(QVariantList databases READ databases NOTIFY choicesChanged)
    Q_PROPERTY(PlanProgress *progress READ progress NOTIFY progressChanged)
    /// Which form the current run belongs to ("" when nothing ran yet).
    Q_PROPERTY(QObject *runningForm READ runningForm NOTIFY progressChanged)
    /// After a run that created a service: "http://IP:PORT" once the task has its address.
    Q_PROPERTY(QString appUrl READ appUrl NOTIFY appChanged)
    /// Plain words on the app's address: waiting, found, or why not.
    Q_PROPERTY(QString appStatus READ appStatus NOTIFY appChanged)
    /// After the database wizard's run: the endpoint and the connection URI (password masked).
    Q_PROPERTY(QString databaseEndpoint READ databaseEndpoint NOTIFY appChanged)
    Q_PROPERTY(QString databaseUri READ databaseUri NOTIFY appChanged)
    /// The pre-flight checks of the plan under review, as {id, passed, message,
    /// fixSuggestion, fixActionId, canFix}; empty while they run.
    Q_PROPERTY(QVariantList preflight READ preflight NOTIFY preflightChanged)
    Q_PROPERTY(bool preflightRunning READ preflightRunning NOTIFY preflightChanged)
    /// True when every check passed (Create needs this, or "Create anyway").
    Q_PROPERTY(bool preflightPassed READ preflightPassed NOTIFY preflightChanged)
public:
    explicit DeployFlow(QObject *parent = nullptr);
    ~DeployFlow() override;

    PracticalForm *practical() { return &m_practical; }
    SecurityGroupForm *securityGroup() { return &m_securityGroup; }
    DatabaseForm *database() { return &m_database; }
    ClusterForm *cluster() { return &m_cluster; }
    TaskDefinitionForm *taskDefinition() { return &m_taskDefinition; }
    ServiceForm *service() { return &m_service; }
    bool choicesLoading() const;
    QString choicesError() const;
    QVariantList databases() const;
    PlanProgress *progress() const { return m_progress; }
    QObject *runningForm() const { return m_runningForm; }
    QString appUrl() const { return m_appUrl; }
    QString appStatus() const { return m_appStatus; }
    QString databaseEndpoint() const { return m_dbEndpoint; }
    QString databaseUri() const;
    /// The URI with the password, for "show" and copy (never logged or stored).
    Q_INVOKABLE QString revealedDatabaseUri() const;

    QVariantList preflight() const;
    bool preflightRunning() const;
    bool preflightPassed() const;
    /// Checks the form's plan against the account (done by itself when a form reaches its review page).
    Q_INVOKABLE void checkPlan(WizardForm *form);
    /// Applies the one-click fix of check `index` to the form's plan and checks again.
    Q_INVOKABLE void applyFix(WizardForm *form, int index);

    /// The form's plan as "api" calls, "cli" commands or "terraform"; secrets masked.
    Q_INVOKABLE QString planText(WizardForm *form, const QString &view) const;
    /// Writes `text` to a local file (a file:// URL or a path); "" or the error.
    Q_INVOKABLE QString saveText(const QString &target, const QString &text) const;
    /// Runs the form's plan (refused while another run is active, or while a
    /// pre-flight check fails unless `anyway`; the reason is returned).
    Q_INVOKABLE QString create(WizardForm *form, bool anyway = false);
    /// Reads the account's lists again (after the student changed something elsewhere).
    Q_INVOKABLE void refreshChoices();
    /// The area is shown: read the account's choices now (not at start-up, for a
    /// student who never opens Deploy), and after each change of account from then on.
    Q_INVOKABLE void activate();
    /// Sets the task definition's environment variable `name` to the
    /// postgresql:// URI of `database` (password from the database wizard when
    /// it made that database, else a <password> placeholder to replace).
    Q_INVOKABLE void insertDatabaseUri(const QString &name, const QString &database);
    Q_INVOKABLE void copyToClipboard(const QString &text) const;

signals:
    void choicesChanged();
    void progressChanged();
    void appChanged();
    void preflightChanged();

private:
    void followSession();
    /// The form's plan with the pre-flight fixes the student accepted.
    plan::Plan planFor(WizardForm *form) const;
    void applyChoices();
    void runFinished();
    void setApp(const QString &url, const QString &status);
    void readDatabaseEndpoint(const QString &identifier);

    PracticalForm m_practical;
    SecurityGroupForm m_securityGroup;
    DatabaseForm m_database;
    ClusterForm m_cluster;
    TaskDefinitionForm m_taskDefinition;
    ServiceForm m_service;
    FormChoices *m_choices;
    QPointer<PlanProgress> m_progress;
    QPointer<QObject> m_runningForm;
    QString m_appUrl;
    QString m_appStatus;
    QString m_dbEndpoint;
    QString m_lastEngineVersion;
    bool m_activated = false;
    plan::PreflightChecker *m_checker = nullptr;
    QPointer<WizardForm> m_checkedForm;
    QList<plan::PreflightCheck> m_checks;
    QHash<WizardForm *, QList<plan::PreflightCheck>> m_fixes;
};
