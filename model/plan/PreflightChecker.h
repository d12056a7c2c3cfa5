#pragma once
// The pre-flight checks of a plan against the account it will run in,
// before anything is created: the task size is one Fargate offers; the
// service's security groups open the containers' ports; the database's
// groups let the task in on its port; the tasks get a public IP they can
// use; an ECR image exists; an execution role is chosen where one is needed
// (LabRole on a Learner Lab account, where no role can be created). Only
// reads are made. deployctl apply and the wizards' review page share it.

#include "Plan.h"
#include "PreflightCheck.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace aws {
class AwsClient;
}

namespace plan {

class PreflightChecker : public QObject {
    Q_OBJECT
public:
    explicit PreflightChecker(aws::AwsClient *client, QObject *parent = nullptr);

    /// Reads what the checks need and emits finished() once with every
    /// check that applies to `plan` (passed or not). A new call while one
    /// runs is ignored.
    void check(const Plan &plan);
    bool isRunning() const { return m_pending > 0; }
    QList<PreflightCheck> results() const { return m_results; }

signals:
    void finished(const QList<plan::PreflightCheck> &checks);

private:
    struct Rule {
        QString protocol; ///< "tcp", "udp", "icmp", "-1"
        int from = 0;
        int to = 0;
        QStringList cidrs;
        QStringList groups; ///< source group ids or ${step.GroupId} refs
    };
    struct Container {
        QString name;
        QString image;
        QList<int> ports;
        QStringList environment; ///< values
        bool awslogs = false;
    };
    struct TaskDef {
        QString family;
        int cpu = 0;
        int memory = 0;
        bool fargate = false;
        bool known = false; ///< read from the plan or the account
        QString executionRole;
        QString taskRole;
        QList<Container> containers;
    };
    struct Service {
        QString name;
        QString taskDefinition; ///< key into m_taskDefs
        QStringList groups;     ///< ids or refs
        QStringList subnets;
        bool publicIp = false;
    };
    struct Database {
        QString name;
        QString stepId;  ///< the plan step creating it, or ""
        QString address; ///< endpoint of an existing one
        QStringList groups;
        int port = 5432;
    };

    /// A task definition as RegisterTaskDefinition takes it or DescribeTaskDefinition returns it
    /// (the same members), read into what the checks look at.
    static TaskDef taskDefFrom(const QJsonObject &definition);
    /// An IpPermissions item, as AuthorizeSecurityGroupIngress takes it or DescribeSecurityGroups returns it.
    static Rule ruleFrom(const QJsonObject &permission);
    /// One read; throttling and transient errors are asked again with back-off.
    void call(const QString &service, const QString &operation, const QJsonObject &params,
              std::function<void(const QJsonObject &)> then, std::function<void(const QString &)> failed = {},
              int attempt = 0);
    void done();
    void readPlan(const Plan &plan);
    void readGroups(const QStringList &keys);
    void readTaskDefinition(const QString &key);
    void readSubnets();
    void readDatabases();
    void readImages(const TaskDef &td);
    void evaluate();

    QList<PreflightCheck> taskChecks(const TaskDef &td) const;
    PreflightCheck portsCheck(const Service &s, const TaskDef &td) const;
    PreflightCheck databaseCheck(const Database &db, const Service &s) const;
    PreflightCheck publicIpCheck(const Service &s) const;
    bool ruleAllows(const Rule &r, int port) const;
    QString groupName(const QString &key) const;

    aws::AwsClient *m_client;
    int m_pending = 0;
    QList<PreflightCheck> m_results;

    QString m_callerArn;
    QString m_callerError;
    QHash<QString, QList<Rule>> m_rules; ///< by group id or ${step.GroupId} ref
    QHash<QString, QString> m_groupNames;
    QHash<QString, QString> m_groupErrors;
    QHash<QString, TaskDef> m_taskDefs; ///< by family (plan) or as the service names it
    QHash<QString, QString> m_taskDefErrors;
    QList<Service> m_services;
    QList<Database> m_databases;
    QHash<QString, QString> m_subnetCidrs; ///< subnet id → CIDR
    QHash<QString, bool> m_subnetPublic;   ///< subnet id → routes 0.0.0.0/0 to an internet gateway
    QString m_subnetError;
    QHash<QString, QString> m_imageErrors; ///< image → "" (found) or why not
    QStringList m_imagesAsked;
    QString m_databaseError;
};

} // namespace plan
