#pragma once
// Teardown is a plan too. The planner reads the account for what a stack
// (or everything Deploy Console tagged) consists of, and builds the plan
// that deletes it in dependency order: services scaled to 0 and deleted,
// their tasks stopped, task definitions deregistered, clusters deleted, the
// database deleted without a final snapshot (only when the caller confirmed
// it by name), ENIs released, security groups deleted (DependencyViolation
// retried with back-off), the stack's log groups and ECR repositories (with
// their images) deleted. Scanning again
// after the run gives the final report: nothing left, or what and why.

#include "Plan.h"

#include <QJsonObject>
#include <QObject>

namespace aws {
class AwsClient;
}

namespace plan {

class TeardownPlanner : public QObject {
    Q_OBJECT
public:
    struct Found {
        QString kind; ///< as CreatedResource::kind
        QString name;
        QString id; ///< ARN or id the delete call takes
        QJsonObject details;
    };

    explicit TeardownPlanner(aws::AwsClient *client, QObject *parent = nullptr);

    /// The stack to tear down; "" = everything tagged deploy-console:created-by.
    void setStack(const QString &stack) { m_stack = stack; }
    QString stack() const { return m_stack; }
    /// Reads the account; emits scanned() or scanFailed().
    void scan();
    bool isScanning() const { return m_pending > 0; }

    QList<Found> found() const { return m_found; }
    /// The database identifiers found: each is deleted only once confirmed by name.
    QStringList databases() const;
    void confirmDatabase(const QString &identifier) { m_confirmed << identifier; }
    void confirmAllDatabases() { m_confirmed = databases(); }

    /// The teardown plan from the last scan and the confirmations.
    Plan buildPlan() const;
    /// What the plan leaves alone, and why (one line each).
    QStringList kept() const;
    /// After the teardown ran and scan() was called again: "Nothing is left
    /// of stack X." or one line per remaining resource with the reason.
    QString finalReport(const QString &runFailure = {}) const;

signals:
    void scanned();
    void scanFailed(const QString &error);

private:
    bool ours(const QJsonObject &resource) const;
    /// One read of the scan; an error whose code is in `tolerated` is not a scan failure
    /// (the resource went away between the list and the look-up).
    void call(const QString &service, const QString &operation, const QJsonObject &params,
              std::function<void(const QJsonObject &)> then, bool paginate = false,
              const QStringList &tolerated = {}, int attempt = 0);
    void done();
    void scanClusters();
    void scanTaskDefinitions();
    void scanDatabases();
    void scanSecurityGroups();
    void scanLogGroups(const QStringList &names);
    void scanRepositories();

    aws::AwsClient *m_client;
    QString m_stack;
    QList<Found> m_found;
    QStringList m_confirmed;
    QStringList m_logGroupNames; ///< named by the stack's task definitions (kept across scans)
    QStringList m_ecrImages;     ///< ECR images the stack's task definitions use
    int m_pending = 0;
    QString m_error;
};

} // namespace plan
