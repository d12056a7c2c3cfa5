#pragma once
// One immutable reading of an account's region: everything the graph, the
// browse lists and deployctl show. Values use botocore's member names where a
// field mirrors one; times are UTC.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace inventory {

struct Vpc {
    QString id, cidr;
    bool isDefault = false;
};
struct Subnet {
    QString id, vpcId, cidr, availabilityZone;
};
struct IngressRule {
    QString protocol; ///< "tcp", "udp", "icmp" or "-1" (all)
    int fromPort = -1, toPort = -1;
    QStringList sources; ///< CIDRs and group ids
};
struct SecurityGroup {
    QString id, name, vpcId;
    QList<IngressRule> ingress;
    /// "6400", "5432", "80-90" or "all" for each inbound rule, in order.
    QStringList allowedPorts() const;
};
struct DbInstance {
    QString id, arn, status, engine, endpointAddress;
    int port = 0;
    QStringList securityGroups;
};
struct Image {
    QString digest;
    QStringList tags;
    QDateTime pushedAt;
};
struct Repository {
    QString name, arn, uri;
    QList<Image> images;
};
struct ContainerDefinition {
    QString name, image;
    QList<int> ports;
    QStringList environmentValues;
    QString logDriver, logGroup, logStreamPrefix, logRegion;
};
struct TaskDefinition {
    QString arn, family;
    int revision = 0;
    QList<ContainerDefinition> containers;
    const ContainerDefinition *container(const QString &name) const;
};
struct Deployment {
    QString id, status, rolloutState, taskDefinition;
    int desired = 0, running = 0, pending = 0;
};
struct ServiceEvent {
    QDateTime createdAt;
    QString message;
};
struct Service {
    QString arn, name, clusterArn, status, taskDefinition, launchType;
    int desired = 0, running = 0, pending = 0;
    /// The awsvpc configuration's assignPublicIp: ENABLED, DISABLED or empty.
    QString assignPublicIp;
    QStringList securityGroups, subnets;
    QList<Deployment> deployments;
    QList<ServiceEvent> events; ///< newest first, as ECS returns them
};
struct Cluster {
    QString arn, name, status;
    int runningTasks = 0, pendingTasks = 0, activeServices = 0;
};
struct ContainerState {
    QString name, lastStatus, reason, healthStatus;
    int exitCode = -1; ///< -1: none reported
};
struct Task {
    QString arn, id, clusterArn, group, taskDefinitionArn;
    QString lastStatus, desiredStatus, healthStatus;
    QString stopCode, stoppedReason;
    QDateTime createdAt, startedAt, stoppedAt;
    QString eniId, privateIp, publicIp;
    QList<ContainerState> containers;
    /// The service this task belongs to ("service:NAME" group), or empty.
    QString serviceName() const;
};
struct LogGroup {
    QString name, arn;
};

/// Everything read in one refresh, plus how it was read.
struct Snapshot {
    QDateTime takenAt;
    QString region;
    QList<Vpc> vpcs;
    QList<Subnet> subnets;
    QList<SecurityGroup> securityGroups;
    QList<DbInstance> databases;
    QList<Repository> repositories;
    QList<Cluster> clusters;
    QList<Service> services;
    QList<Task> tasks;
    QList<TaskDefinition> taskDefinitions;
    QList<LogGroup> logGroups;

    int requests = 0;   ///< HTTP requests this refresh made (pages count)
    int levels = 0;     ///< dependency levels (sequential round trips)
    qint64 wallMs = 0;  ///< time from start to publish
    QStringList errors; ///< calls that failed; their part is missing

    /// True while anything is on its way somewhere (polling goes fast).
    bool isTransitional() const;
    const TaskDefinition *taskDefinition(const QString &arn) const;
    const Service *service(const QString &clusterArn, const QString &name) const;
    const Cluster *cluster(const QString &nameOrArn) const;
    const DbInstance *databaseForEndpoint(const QString &text) const;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

} // namespace inventory
