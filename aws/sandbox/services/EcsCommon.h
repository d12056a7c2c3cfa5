#pragma once
// What the ECS simulation's parts share: name rules, ARNs, lookups by name
// or ARN, the counts Describe reports, and task creation (used by RunTask
// and by the service scheduler alike).

#include "ServiceTable.h"

#include <QJsonArray>
#include <optional>

namespace aws::sandbox::ecs {

inline QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// ---- rules ----
/// Cluster, family, container and service names: 1–255 letters, digits, hyphens, underscores.
bool validName(const QString &name);
/// "8-4-4-4-12" hex, as ECS's attachment and event ids.
QString uuid(SimContext &ctx);
/// An AWS duration after `from` (not after now): lifecycles replay at their own deadlines.
double later(const SimContext &ctx, double from, double awsSeconds);

// ---- errors ----
AwsError clusterNotFound();
AwsError invalidParameter(const QString &message);
AwsError clientException(const QString &message);
/// The error paginate() answers for a token we did not issue.
AwsError badToken();
/// Tags: ≤ 50, no "aws:" keys.
std::optional<AwsError> checkTags(const QJsonArray &tags);

// ---- clusters ----
QString clusterArn(const SimContext &ctx, const QString &name);
/// Name from a cluster name or ARN ("default" when empty); the cluster must exist.
std::variant<QString, AwsError> findCluster(const SimContext &ctx, const QString &ref);
/// As findCluster, and the cluster must be ACTIVE.
std::variant<QString, AwsError> findActiveCluster(const SimContext &ctx, const QString &ref);

// ---- services ----
QString serviceKey(const QString &cluster, const QString &service);
QString serviceArn(const SimContext &ctx, const QString &cluster, const QString &service);
/// "cluster/service" key from a service name or ARN (the service may not exist).
QString serviceKeyFor(const QString &cluster, const QString &ref);

// ---- task definitions ----
/// Key ("family:revision") of a task definition given by family (latest
/// ACTIVE), family:revision or ARN; empty when there is none.
QString findTaskDefinition(const SimState &state, const QString &ref);
/// As findTaskDefinition for starting tasks: ClientException when missing or INACTIVE.
std::variant<QString, AwsError> activeTaskDefinition(const SimContext &ctx, const QString &ref);

// ---- tasks ----
QString taskArn(const SimContext &ctx, const QString &cluster, const QString &taskId);
QString taskIdOf(const QString &taskArn);
/// Key (ARN) of a task of `cluster` given by id or ARN; empty when unknown.
QString findTask(const SimContext &ctx, const QString &cluster, const QString &ref);
bool isLive(const QJsonObject &task); ///< not yet STOPPED

/// Where a task runs: the launch type's checks already passed.
struct Placement {
    QString launchType;       ///< FARGATE (empty with a capacity provider)
    QString capacityProvider; ///< FARGATE / FARGATE_SPOT when given that way
    QJsonObject networkConfiguration;
    QString platformVersion;
};
/// Checks launchType / capacity providers / awsvpcConfiguration against the
/// task definition and the account's subnets and security groups.
std::variant<Placement, AwsError> checkPlacement(const SimContext &ctx, const QJsonObject &params,
                                                 const QJsonObject &taskDefinition);

struct TaskSpec {
    QString cluster;
    QString taskDefinitionKey;
    Placement placement;
    QString startedBy;
    QString group;
    QString serviceKey; ///< empty for RunTask
    QJsonObject overrides;
    QJsonArray tags;
};
/// Creates a PROVISIONING task and returns its key (ARN).
QString startTask(SimContext &ctx, const TaskSpec &spec);
/// Asks a task to stop (desiredStatus STOPPED); it goes down on later ticks.
void requestStop(SimContext &ctx, QJsonObject &task, const QString &stopCode, const QString &reason);
/// Moves one task along its lifecycle up to now; false when nothing changed.
/// `remove` is set when a STOPPED task's hour is up.
bool advanceTask(SimContext &ctx, QJsonObject &task, bool *remove);

/// Recomputes the counts clusters, services and deployments report.
void refreshCounts(SimState &state);

// ---- service scheduler ----
bool scheduleServices(SimContext &ctx);

// ---- operation groups ----
void addClusterOperations(ServiceTable &table);
void addTaskDefinitionOperations(ServiceTable &table);
void addServiceOperations(ServiceTable &table);
void addTaskOperations(ServiceTable &table);

} // namespace aws::sandbox::ecs
