#include "EcsCommon.h"

#include <QHash>
#include <QRegularExpression>

namespace aws::sandbox::ecs {

bool validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,255}$"));
    return re.match(name).hasMatch();
}

QString uuid(SimContext &ctx)
{
    const QString h = ctx.hexId(32);
    return QStringLiteral("%1-%2-%3-%4-%5")
        .arg(h.left(8), h.mid(8, 4), h.mid(12, 4), h.mid(16, 4), h.mid(20));
}

double later(const SimContext &ctx, double from, double awsSeconds)
{
    return from + awsSeconds / ctx.clock.timeScale();
}

AwsError clusterNotFound()
{
    return clientError(QStringLiteral("ClusterNotFoundException"), QStringLiteral("Cluster not found."));
}

AwsError invalidParameter(const QString &message)
{
    return clientError(QStringLiteral("InvalidParameterException"), message);
}

AwsError clientException(const QString &message)
{
    return clientError(QStringLiteral("ClientException"), message);
}

AwsError badToken()
{
    return invalidParameter(QStringLiteral("Invalid nextToken."));
}

std::optional<AwsError> checkTags(const QJsonArray &tags)
{
    if (tags.size() > 50)
        return invalidParameter(QStringLiteral("Tag limit exceeded: a resource can have at most 50 tags."));
    return checkTagKeys(tags, QStringLiteral("key"), QStringLiteral("InvalidParameterException"));
}

// ---- clusters ----

QString clusterArn(const SimContext &ctx, const QString &name)
{
    return ctx.arn(QStringLiteral("ecs"), QStringLiteral("cluster/") + name);
}

namespace {

QString clusterName(const QString &ref)
{
    if (ref.isEmpty())
        return QStringLiteral("default");
    if (ref.startsWith(u"arn:"))
        return ref.section(u':', 5).section(u'/', 1);
    return ref;
}

} // namespace

std::variant<QString, AwsError> findCluster(const SimContext &ctx, const QString &ref)
{
    const QString name = clusterName(ref);
    if (ref.startsWith(u"arn:") && ref != clusterArn(ctx, name))
        return clusterNotFound();
    if (!ctx.state.clusters.contains(name))
        return clusterNotFound();
    return name;
}

std::variant<QString, AwsError> findActiveCluster(const SimContext &ctx, const QString &ref)
{
    auto found = findCluster(ctx, ref);
    if (const QString *name = std::get_if<QString>(&found)) {
        if (ctx.state.clusters.value(*name).value(u"status").toString() != u"ACTIVE")
            return clientError(QStringLiteral("ClusterNotFoundException"),
                               QStringLiteral("The referenced cluster was inactive."));
    }
    return found;
}

// ---- services ----

QString serviceKey(const QString &cluster, const QString &service)
{
    return cluster + u'/' + service;
}

QString serviceArn(const SimContext &ctx, const QString &cluster, const QString &service)
{
    return ctx.arn(QStringLiteral("ecs"), QStringLiteral("service/%1/%2").arg(cluster, service));
}

QString serviceKeyFor(const QString &cluster, const QString &ref)
{
    if (!ref.startsWith(u"arn:"))
        return serviceKey(cluster, ref);
    // service/<cluster>/<name> (or the old service/<name>): the name is last.
    return serviceKey(cluster, ref.section(u'/', -1));
}

// ---- task definitions ----

QString findTaskDefinition(const SimState &state, const QString &ref)
{
    QString familyRev = ref;
    if (ref.startsWith(u"arn:")) {
        familyRev = ref.section(u':', 5);
        if (!familyRev.startsWith(u"task-definition/"))
            return {};
        familyRev = familyRev.mid(int(qstrlen("task-definition/")));
    }
    if (familyRev.contains(u':'))
        return state.taskDefinitions.contains(familyRev) ? familyRev : QString();
    // A bare family means its latest ACTIVE revision.
    QString best;
    int bestRevision = 0;
    for (auto it = state.taskDefinitions.cbegin(); it != state.taskDefinitions.cend(); ++it) {
        const QJsonObject &td = it.value();
        if (td.value(u"family").toString() == familyRev && td.value(u"status").toString() == u"ACTIVE" &&
            td.value(u"revision").toInt() > bestRevision) {
            best = it.key();
            bestRevision = td.value(u"revision").toInt();
        }
    }
    return best;
}

std::variant<QString, AwsError> activeTaskDefinition(const SimContext &ctx, const QString &ref)
{
    const QString key = findTaskDefinition(ctx.state, ref);
    if (key.isEmpty())
        return clientException(QStringLiteral("TaskDefinition not found."));
    if (ctx.state.taskDefinitions.value(key).value(u"status").toString() != u"ACTIVE")
        return clientException(QStringLiteral("TaskDefinition is inactive"));
    return key;
}

// ---- tasks ----

QString taskArn(const SimContext &ctx, const QString &cluster, const QString &taskId)
{
    return ctx.arn(QStringLiteral("ecs"), QStringLiteral("task/%1/%2").arg(cluster, taskId));
}

QString taskIdOf(const QString &arn)
{
    return arn.section(u'/', -1);
}

QString findTask(const SimContext &ctx, const QString &cluster, const QString &ref)
{
    const QString key = ref.startsWith(u"arn:") ? ref : taskArn(ctx, cluster, ref);
    const auto it = ctx.state.tasks.constFind(key);
    if (it == ctx.state.tasks.cend() || it->value(u"_cluster").toString() != cluster)
        return {};
    return key;
}

bool isLive(const QJsonObject &task)
{
    return task.value(u"lastStatus").toString() != u"STOPPED";
}

// ---- placement ----

namespace {

std::optional<AwsError> checkSubnets(const SimContext &ctx, const QJsonArray &subnets, QString *vpc)
{
    if (subnets.isEmpty())
        return invalidParameter(QStringLiteral("subnets can not be empty."));
    if (subnets.size() > 16)
        return invalidParameter(QStringLiteral("At most 16 subnets can be specified."));
    for (const QJsonValue &v : subnets) {
        const QString id = v.toString();
        const auto it = ctx.state.subnets.constFind(id);
        if (it == ctx.state.subnets.cend())
            return invalidParameter(
                QStringLiteral("Error retrieving subnet information for [%1]: The subnet ID '%1' "
                               "does not exist (ErrorCode: InvalidSubnetID.NotFound)")
                    .arg(id));
        const QString subnetVpc = it->value(u"VpcId").toString();
        if (!vpc->isEmpty() && *vpc != subnetVpc)
            return invalidParameter(QStringLiteral("Subnets must all be in the same VPC."));
        *vpc = subnetVpc;
    }
    return std::nullopt;
}

std::optional<AwsError> checkSecurityGroups(const SimContext &ctx, const QJsonArray &groups,
                                            const QString &vpc)
{
    if (groups.size() > 5)
        return invalidParameter(QStringLiteral("At most 5 security groups can be specified."));
    for (const QJsonValue &v : groups) {
        const QString id = v.toString();
        const auto it = ctx.state.securityGroups.constFind(id);
        if (it == ctx.state.securityGroups.cend())
            return invalidParameter(
                QStringLiteral("Error retrieving security group information for [%1]: The "
                               "security group '%1' does not exist (ErrorCode: "
                               "InvalidGroup.NotFound)")
                    .arg(id));
        if (it->value(u"VpcId").toString() != vpc)
            return invalidParameter(
                QStringLiteral("Security group %1 does not belong to VPC %2 of the subnets.").arg(id, vpc));
    }
    return std::nullopt;
}

/// The VPC's default security group, used when none is given (as AWS does).
QString defaultGroup(const SimContext &ctx, const QString &vpc)
{
    for (const QJsonObject &g : std::as_const(ctx.state.securityGroups))
        if (g.value(u"VpcId").toString() == vpc && g.value(u"GroupName").toString() == u"default")
            return g.value(u"GroupId").toString();
    return {};
}

std::variant<QJsonObject, AwsError> checkNetwork(const SimContext &ctx, const QJsonObject &params)
{
    const QJsonObject config =
        params.value(u"networkConfiguration").toObject().value(u"awsvpcConfiguration").toObject();
    if (config.isEmpty())
        return invalidParameter(
            QStringLiteral("Network Configuration must be provided when networkMode 'awsvpc' is specified."));
    QString vpc;
    if (auto e = checkSubnets(ctx, config.value(u"subnets").toArray(), &vpc))
        return *e;
    QJsonArray groups = config.value(u"securityGroups").toArray();
    if (auto e = checkSecurityGroups(ctx, groups, vpc))
        return *e;
    if (groups.isEmpty() && !defaultGroup(ctx, vpc).isEmpty())
        groups.append(defaultGroup(ctx, vpc));
    return QJsonObject{{QStringLiteral("awsvpcConfiguration"),
                        QJsonObject{{QStringLiteral("subnets"), config.value(u"subnets")},
                                    {QStringLiteral("securityGroups"), groups},
                                    {QStringLiteral("assignPublicIp"),
                                     config.value(u"assignPublicIp").toString(QStringLiteral("DISABLED"))}}}};
}

} // namespace

std::variant<Placement, AwsError> checkPlacement(const SimContext &ctx, const QJsonObject &params,
                                                 const QJsonObject &taskDefinition)
{
    Placement p;
    const QJsonArray strategy = params.value(u"capacityProviderStrategy").toArray();
    if (!strategy.isEmpty() && params.contains(u"launchType"))
        return invalidParameter(
            QStringLiteral("Specifying both a launch type and capacity provider strategy is not "
                           "supported. Remove one and try again."));
    if (!strategy.isEmpty()) {
        const QString provider = strategy.first().toObject().value(u"capacityProvider").toString();
        if (provider != u"FARGATE" && provider != u"FARGATE_SPOT")
            return invalidParameter(
                QStringLiteral("The specified capacity provider strategy cannot contain a "
                               "capacity provider that is not associated with the cluster."));
        p.capacityProvider = provider;
    } else {
        p.launchType = params.value(u"launchType").toString(QStringLiteral("EC2"));
    }
    const bool fargate = !p.capacityProvider.isEmpty() || p.launchType == u"FARGATE";
    const QJsonArray compat = taskDefinition.value(u"compatibilities").toArray();
    if (fargate && !compat.contains(QStringLiteral("FARGATE")))
        return invalidParameter(QStringLiteral("Task definition does not support launch_type FARGATE."));
    if (fargate) {
        p.platformVersion = params.value(u"platformVersion").toString(QStringLiteral("LATEST"));
        if (p.platformVersion != u"LATEST" && p.platformVersion != u"1.4.0" && p.platformVersion != u"1.3.0")
            return clientError(QStringLiteral("PlatformUnknownException"),
                               QStringLiteral("The specified platform version does not exist."));
        p.platformVersion = QStringLiteral("1.4.0");
    }
    if (taskDefinition.value(u"networkMode").toString() == u"awsvpc") {
        auto network = checkNetwork(ctx, params);
        if (auto *e = std::get_if<AwsError>(&network))
            return *e;
        p.networkConfiguration = std::get<QJsonObject>(network);
    } else if (params.contains(u"networkConfiguration")) {
        return invalidParameter(
            QStringLiteral("Network Configuration is not valid for the given networkMode of "
                           "this task definition."));
    }
    return p;
}

// ---- counts ----

void refreshCounts(SimState &state)
{
    struct Counts {
        int running = 0;
        int pending = 0;
    };
    QHash<QString, Counts> byCluster, byService, byDeployment;
    for (const QJsonObject &t : std::as_const(state.tasks)) {
        const QString last = t.value(u"lastStatus").toString();
        if (last == u"STOPPED" || t.value(u"desiredStatus").toString() == u"STOPPED")
            continue;
        const bool running = last == u"RUNNING";
        for (Counts *c :
             {&byCluster[t.value(u"_cluster").toString()], &byService[t.value(u"_service").toString()],
              &byDeployment[t.value(u"startedBy").toString()]})
            (running ? c->running : c->pending) += 1;
    }
    QHash<QString, int> activeServices;
    for (auto it = state.services.begin(); it != state.services.end(); ++it) {
        QJsonObject &s = it.value();
        if (s.value(u"status").toString() == u"ACTIVE")
            ++activeServices[s.value(u"_cluster").toString()];
        const Counts c = byService.value(it.key());
        s.insert(QStringLiteral("runningCount"), c.running);
        s.insert(QStringLiteral("pendingCount"), c.pending);
        QJsonArray deployments = s.value(u"deployments").toArray();
        for (qsizetype i = 0; i < deployments.size(); ++i) {
            QJsonObject d = deployments.at(i).toObject();
            const Counts dc = byDeployment.value(d.value(u"id").toString());
            d.insert(QStringLiteral("runningCount"), dc.running);
            d.insert(QStringLiteral("pendingCount"), dc.pending);
            deployments[i] = d;
        }
        s.insert(QStringLiteral("deployments"), deployments);
    }
    for (auto it = state.clusters.begin(); it != state.clusters.end(); ++it) {
        const Counts c = byCluster.value(it.key());
        it->insert(QStringLiteral("runningTasksCount"), c.running);
        it->insert(QStringLiteral("pendingTasksCount"), c.pending);
        it->insert(QStringLiteral("activeServicesCount"), activeServices.value(it.key()));
    }
}

} // namespace aws::sandbox::ecs
