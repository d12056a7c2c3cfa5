// The simulated ECS: the operation table, clusters, tagging, and the tick
// that moves tasks along and lets the service scheduler act. Task
// definitions, services and tasks live in EcsTaskDefinitions.cpp,
// EcsServices.cpp, EcsTasks.cpp and EcsTaskLifecycle.cpp.
#include "EcsSim.h"

#include "EcsCommon.h"

#include <limits>

namespace aws::sandbox {

namespace ecs {

namespace {

/// A cluster as Describe shows it: optional parts only when asked for.
QJsonObject clusterView(const QJsonObject &record, const QJsonArray &include)
{
    QJsonObject out = publicView(record);
    const std::pair<const char *, const char *> optional[] = {{"TAGS", "tags"},
                                                              {"SETTINGS", "settings"},
                                                              {"CONFIGURATIONS", "configuration"},
                                                              {"STATISTICS", "statistics"},
                                                              {"ATTACHMENTS", "attachments"}};
    for (const auto &[field, member] : optional)
        if (!include.contains(QLatin1String(field)))
            out.remove(QLatin1String(member));
    return out;
}

QJsonArray allClusterParts()
{
    return {str("TAGS"), str("SETTINGS"), str("CONFIGURATIONS"), str("STATISTICS"), str("ATTACHMENTS")};
}

QJsonObject newCluster(const SimContext &ctx, const QString &name, const QJsonObject &params)
{
    QJsonObject c{
        {str("clusterArn"), clusterArn(ctx, name)},
        {str("clusterName"), name},
        {str("status"), str("ACTIVE")},
        {str("registeredContainerInstancesCount"), 0},
        {str("runningTasksCount"), 0},
        {str("pendingTasksCount"), 0},
        {str("activeServicesCount"), 0},
        {str("statistics"), QJsonArray{}},
        {str("tags"), params.value(u"tags").toArray()},
        {str("settings"), params.contains(u"settings")
                              ? params.value(u"settings")
                              : QJsonArray{QJsonObject{{str("name"), str("containerInsights")},
                                                       {str("value"), str("disabled")}}}},
        {str("capacityProviders"), params.value(u"capacityProviders").toArray()},
        {str("defaultCapacityProviderStrategy"), params.value(u"defaultCapacityProviderStrategy").toArray()}};
    if (params.contains(u"configuration"))
        c.insert(str("configuration"), params.value(u"configuration"));
    return c;
}

CallResult createCluster(SimContext &ctx, const QJsonObject &params)
{
    const QString name = params.value(u"clusterName").toString(str("default"));
    if (!validName(name))
        return invalidParameter(
            str("Invalid cluster name: up to 255 letters (uppercase and lowercase), numbers, "
                "hyphens, and underscores are allowed."));
    if (auto e = checkTags(params.value(u"tags").toArray()))
        return *e;
    const auto it = ctx.state.clusters.constFind(name);
    // CreateCluster is idempotent: an ACTIVE cluster of that name is returned as it is.
    if (it != ctx.state.clusters.cend() && it->value(u"status").toString() == u"ACTIVE")
        return QJsonObject{{str("cluster"), clusterView(*it, allClusterParts())}};
    const QJsonObject cluster = newCluster(ctx, name, params);
    ctx.state.clusters.insert(name, cluster);
    return QJsonObject{{str("cluster"), clusterView(cluster, allClusterParts())}};
}

CallResult describeClusters(SimContext &ctx, const QJsonObject &params)
{
    QJsonArray refs = params.value(u"clusters").toArray();
    if (refs.isEmpty())
        refs.append(str("default"));
    if (refs.size() > 100)
        return invalidParameter(str("clusters can have at most 100 items."));
    QJsonArray clusters, failures;
    for (const QJsonValue &v : refs) {
        auto found = findCluster(ctx, v.toString());
        if (const QString *name = std::get_if<QString>(&found)) {
            clusters.append(clusterView(ctx.state.clusters.value(*name), params.value(u"include").toArray()));
        } else {
            const QString ref = v.toString();
            failures.append(QJsonObject{{str("arn"), ref.startsWith(u"arn:") ? ref : clusterArn(ctx, ref)},
                                        {str("reason"), str("MISSING")}});
        }
    }
    return QJsonObject{{str("clusters"), clusters}, {str("failures"), failures}};
}

CallResult listClusters(SimContext &ctx, const QJsonObject &params)
{
    QJsonArray arns;
    for (const QJsonObject &c : std::as_const(ctx.state.clusters))
        if (c.value(u"status").toString() == u"ACTIVE")
            arns.append(c.value(u"clusterArn"));
    const int max = params.value(u"maxResults").toInt();
    if (max < 0 || max > 100)
        return invalidParameter(str("maxResults must be between 1 and 100."));
    auto page = paginate(arns, max, params.value(u"nextToken").toString(), 100, badToken());
    if (auto *e = std::get_if<AwsError>(&page))
        return *e;
    QJsonObject out{{str("clusterArns"), std::get<Page>(page).items}};
    if (!std::get<Page>(page).nextToken.isEmpty())
        out.insert(str("nextToken"), std::get<Page>(page).nextToken);
    return out;
}

CallResult deleteCluster(SimContext &ctx, const QJsonObject &params)
{
    auto found = findActiveCluster(ctx, params.value(u"cluster").toString());
    if (std::holds_alternative<AwsError>(found))
        return clusterNotFound();
    const QString name = std::get<QString>(found);
    for (const QJsonObject &s : std::as_const(ctx.state.services))
        if (s.value(u"_cluster").toString() == name && s.value(u"status").toString() != u"INACTIVE")
            return clientError(str("ClusterContainsServicesException"),
                               str("The Cluster cannot be deleted while Services are active."));
    for (const QJsonObject &t : std::as_const(ctx.state.tasks))
        if (t.value(u"_cluster").toString() == name && isLive(t))
            return clientError(str("ClusterContainsTasksException"),
                               str("The Cluster cannot be deleted while Tasks are active."));
    QJsonObject &cluster = ctx.state.clusters[name];
    cluster.insert(str("status"), str("INACTIVE"));
    return QJsonObject{{str("cluster"), clusterView(cluster, allClusterParts())}};
}

// ---- tags ----

/// Where an ECS ARN's tags live; null when the ARN names nothing here.
struct TagSlot {
    QJsonObject *record = nullptr;
    QString member; ///< "tags" or "_tags" (task definitions keep theirs aside)
};

std::variant<TagSlot, AwsError> tagSlot(SimContext &ctx, const QString &arn)
{
    const QString prefix = ctx.arn(str("ecs"), QString());
    if (!arn.startsWith(prefix))
        return invalidParameter(str("The ARN provided is invalid."));
    const QString resource = arn.mid(prefix.size());
    const QString type = resource.section(u'/', 0, 0);
    const QStringList parts = resource.split(u'/');
    const AwsError missing =
        clientError(str("ResourceNotFoundException"), str("The specified resource wasn't found."));
    auto live = [](Records &table, const QString &key) -> QJsonObject * {
        const auto it = table.find(key);
        return it == table.end() || it->value(u"status").toString() == u"INACTIVE" ? nullptr : &it.value();
    };
    if (type == u"cluster" && parts.size() == 2) {
        QJsonObject *c = live(ctx.state.clusters, parts[1]);
        return c ? std::variant<TagSlot, AwsError>(TagSlot{c, str("tags")}) : missing;
    }
    if (type == u"service" && parts.size() == 3) {
        QJsonObject *s = live(ctx.state.services, serviceKey(parts[1], parts[2]));
        return s ? std::variant<TagSlot, AwsError>(TagSlot{s, str("tags")}) : missing;
    }
    if (type == u"task-definition" && parts.size() == 2) {
        const auto it = ctx.state.taskDefinitions.find(parts[1]);
        return it == ctx.state.taskDefinitions.end() ? std::variant<TagSlot, AwsError>(missing)
                                                     : TagSlot{&it.value(), str("_tags")};
    }
    if (type == u"task" && parts.size() == 3) {
        const auto it = ctx.state.tasks.find(arn);
        return it == ctx.state.tasks.end() ? std::variant<TagSlot, AwsError>(missing)
                                           : TagSlot{&it.value(), str("tags")};
    }
    return invalidParameter(str("The ARN provided is invalid."));
}

CallResult tagResource(SimContext &ctx, const QJsonObject &params)
{
    const QJsonArray tags = params.value(u"tags").toArray();
    if (auto e = checkTags(tags))
        return *e;
    auto slot = tagSlot(ctx, params.value(u"resourceArn").toString());
    if (auto *e = std::get_if<AwsError>(&slot))
        return *e;
    const TagSlot s = std::get<TagSlot>(slot);
    const QJsonArray merged = mergeTags(s.record->value(s.member).toArray(), tags, str("key"), str("value"));
    if (merged.size() > 50)
        return invalidParameter(str("Tag limit exceeded: a resource can have at most 50 tags."));
    s.record->insert(s.member, merged);
    return QJsonObject{};
}

CallResult untagResource(SimContext &ctx, const QJsonObject &params)
{
    auto slot = tagSlot(ctx, params.value(u"resourceArn").toString());
    if (auto *e = std::get_if<AwsError>(&slot))
        return *e;
    const TagSlot s = std::get<TagSlot>(slot);
    const QJsonArray keys = params.value(u"tagKeys").toArray();
    QJsonArray kept;
    for (const QJsonValue &t : s.record->value(s.member).toArray())
        if (!keys.contains(t.toObject().value(u"key")))
            kept.append(t);
    s.record->insert(s.member, kept);
    return QJsonObject{};
}

CallResult listTagsForResource(SimContext &ctx, const QJsonObject &params)
{
    auto slot = tagSlot(ctx, params.value(u"resourceArn").toString());
    if (auto *e = std::get_if<AwsError>(&slot))
        return *e;
    const TagSlot s = std::get<TagSlot>(slot);
    return QJsonObject{{str("tags"), s.record->value(s.member).toArray()}};
}

// ---- tick ----

bool advanceTasks(SimContext &ctx)
{
    SimState &state = ctx.state;
    const double now = ctx.now();
    // No task is due before the earliest deadline the last walk saw, unless
    // the account changed since: the walk (2,000 tasks on the `large`
    // account) is skipped until then.
    if (state.generation == state.tasksWalkedGeneration && now < state.tasksDueAt)
        return false;
    bool changed = false;
    QStringList expired;
    double due = std::numeric_limits<double>::infinity();
    for (auto it = state.tasks.begin(); it != state.tasks.end(); ++it) {
        double next = it->value(u"_nextAt").toDouble();
        if (next > 0 && next <= now) {
            bool remove = false;
            if (advanceTask(ctx, it.value(), &remove))
                changed = true;
            if (remove) {
                expired.append(it.key());
                continue;
            }
            next = it->value(u"_nextAt").toDouble();
        }
        if (next > 0)
            due = std::min(due, next);
    }
    for (const QString &key : std::as_const(expired))
        state.tasks.remove(key);
    state.tasksWalkedGeneration = state.generation;
    state.tasksDueAt = due;
    return changed || !expired.isEmpty();
}

bool tick(SimContext &ctx)
{
    if (ctx.state.tasks.isEmpty() && ctx.state.services.isEmpty())
        return false;
    bool changed = advanceTasks(ctx);
    if (changed)
        ++ctx.state.generation;
    if (scheduleServices(ctx)) {
        changed = true;
        ++ctx.state.generation; // it may have launched or stopped tasks: walk them next tick
    }
    if (changed)
        refreshCounts(ctx.state);
    return changed;
}

} // namespace

void addClusterOperations(ServiceTable &table)
{
    table.operations.insert(str("CreateCluster"), createCluster);
    table.operations.insert(str("DescribeClusters"), describeClusters);
    table.operations.insert(str("ListClusters"), listClusters);
    table.operations.insert(str("DeleteCluster"), deleteCluster);
    table.operations.insert(str("TagResource"), tagResource);
    table.operations.insert(str("UntagResource"), untagResource);
    table.operations.insert(str("ListTagsForResource"), listTagsForResource);
}

} // namespace ecs

ServiceTable ecsService()
{
    ServiceTable table{QStringLiteral("ecs"), {}, ecs::tick};
    ecs::addClusterOperations(table);
    ecs::addTaskDefinitionOperations(table);
    ecs::addServiceOperations(table);
    ecs::addTaskOperations(table);
    return table;
}

QList<TaskAddress> ecsTaskAddresses(const SimState &state)
{
    QList<TaskAddress> out;
    for (const QJsonObject &t : state.tasks) {
        const QString ip = t.value(u"_publicIp").toString();
        if (ip.isEmpty() || t.value(u"lastStatus").toString() != u"RUNNING" ||
            t.value(u"desiredStatus").toString() != u"RUNNING")
            continue;
        TaskAddress a;
        a.taskArn = t.value(u"taskArn").toString();
        a.taskId = ecs::taskIdOf(a.taskArn);
        a.publicIp = ip;
        for (const QJsonValue &p : t.value(u"_ports").toArray())
            a.ports.append(p.toInt());
        out.append(a);
    }
    return out;
}

} // namespace aws::sandbox
