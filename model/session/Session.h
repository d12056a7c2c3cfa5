#pragma once
// The app's connection to one AWS account (or the built-in sandbox): the AWS
// client every model uses, who we are talking to, and whether the
// credentials still work. One instance, owned by main(), handed to QML.

#include "AwsClient.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace aws::sandbox {
class SandboxServer;
}

class Session : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// "none", "sandbox" or "account".
    Q_PROPERTY(QString mode READ mode NOTIFY connectionChanged)
    Q_PROPERTY(bool connected READ isConnected NOTIFY connectionChanged)
    Q_PROPERTY(bool isSandbox READ isSandbox NOTIFY connectionChanged)
    /// What the account area shows: "Sandbox — simulated AWS", an account name, …
    Q_PROPERTY(QString displayName READ displayName NOTIFY connectionChanged)
    Q_PROPERTY(QString accountId READ accountId NOTIFY identityChanged)
    Q_PROPERTY(QString callerArn READ callerArn NOTIFY identityChanged)
    Q_PROPERTY(QString region READ region NOTIFY connectionChanged)
    /// A plain-words line for the status bar.
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusTextChanged)
    /// True while the credentials are rejected (expired lab session …): polling
    /// is paused and the window shows the "paste fresh credentials" banner.
    Q_PROPERTY(bool credentialsRejected READ credentialsRejected NOTIFY credentialsRejectedChanged)
    /// A Learner Lab account (voclabs role / LabRole): classroom defaults apply.
    Q_PROPERTY(bool isLearnerLab READ isLearnerLab NOTIFY identityChanged)
    /// "about 3 h 10 min left (estimate)" for a Learner Lab; "" otherwise.
    Q_PROPERTY(QString timeLeftText READ timeLeftText NOTIFY timeLeftChanged)
    /// The role or user the credentials act as ("voclabs", "LabRole", …).
    Q_PROPERTY(QString roleName READ roleName NOTIFY identityChanged)
public:
    struct AccountInfo {
        QString name;             ///< shown in the account area
        QString savedAccountName; ///< the saved account (empty: a profile or this run only)
        bool learnerLab = false;
        QDateTime labSessionStart;
    };

    // No default argument on purpose: Qt 6.4 builds a QML_SINGLETON with its
    // default constructor when it has one, ignoring create() — QML would get
    // a second, never-connected Session.
    explicit Session(QObject *parent);
    ~Session() override;

    /// The instance QML sees (set by main() before the engine loads).
    static void setInstance(Session *session);
    /// The one session (nullptr before main() set it): for model objects QML creates.
    static Session *instance();
    static Session *create(QQmlEngine *, QJSEngine *);

    /// Starts the in-process sandbox (ephemeral port on 127.0.0.1) and
    /// connects to it. `scenario`: empty, taskoverflow or large.
    Q_INVOKABLE bool startSandbox(const QString &scenario = QStringLiteral("taskoverflow"));
    /// Connects with explicit credentials (verified with GetCallerIdentity).
    void connectWithCredentials(const aws::Credentials &credentials, const QString &region,
                                const AccountInfo &info, const QUrl &endpointOverride = {});
    Q_INVOKABLE void disconnectAccount();
    /// New credentials for the current account after an expiry: calls wait
    /// for this and go on.
    void updateCredentials(const aws::Credentials &credentials, const AccountInfo &info);
    Q_INVOKABLE void setRegion(const QString &region);

    aws::AwsClient *client() const { return m_client.get(); }
    aws::sandbox::SandboxServer *sandbox() const { return m_sandbox.get(); }
    /// Simulated seconds per wall second: the sandbox's time scale, 1 on AWS.
    /// Plans poll this much faster so a wait takes as long as the sandbox's.
    double pollScale() const;

    QString mode() const { return m_mode; }
    bool isConnected() const { return m_mode != QStringLiteral("none"); }
    bool isSandbox() const { return m_mode == QStringLiteral("sandbox"); }
    QString displayName() const { return m_displayName; }
    QString accountId() const { return m_accountId; }
    QString callerArn() const { return m_callerArn; }
    QString region() const;
    QString statusText() const { return m_statusText; }
    bool credentialsRejected() const { return m_credentialsRejected; }
    bool isLearnerLab() const { return m_info.learnerLab || m_learnerLabRole; }
    QString timeLeftText() const;
    QString roleName() const { return m_roleName; }
    /// LabRole's ARN when the account has it (the ECS roles on a Learner Lab).
    QString labRoleArn() const { return m_labRoleArn; }
    const AccountInfo &accountInfo() const { return m_info; }

signals:
    void connectionChanged();
    void identityChanged();
    void statusTextChanged();
    void credentialsRejectedChanged();
    /// The client was replaced (new account or sandbox): models re-read.
    void clientChanged();
    void timeLeftChanged();
    /// Fresh credentials were accepted after a rejection: paused work resumes.
    void credentialsRestored();

private:
    void setStatus(const QString &text);
    void makeClient(const aws::Credentials &credentials, const QString &region, const QUrl &endpointOverride);
    void verifyIdentity();
    void checkLearnerLab();

    std::unique_ptr<aws::sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<aws::AwsClient> m_client;
    aws::Credentials m_credentials;
    QString m_mode = QStringLiteral("none");
    QString m_displayName;
    QString m_accountId;
    QString m_callerArn;
    QString m_roleName;
    QString m_labRoleArn;
    AccountInfo m_info;
    bool m_learnerLabRole = false;
    QTimer *m_timeLeftTimer = nullptr;
    QString m_statusText;
    bool m_credentialsRejected = false;
};
