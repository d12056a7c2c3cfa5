// Standalone tasks and task queries: RunTask, StopTask, ListTasks, DescribeTasks.
#include "EcsCommon.h"

#include <QJsonDocument>

#include <algorithm>

namespace aws::sandbox::ecs {

namespace {

QJsonObject taskView(const QJsonObject &record, bool tags)
{
    QJsonObject out = publicView(record);
    if (!tags)
        out.remove(str("tags"));
    return out;
}

std::optional<AwsError> checkOverrides(const QJsonObject &td, const QJsonObject &overrides)
{
    QStringList names;
    for (const QJsonValue &c : td.value(u"containerDefinitions").toArray())
        names << c.toObject().value(u"name").toString();
    for (const QJsonValue &o : overrides.value(u"containerOverrides").toArray()) {
        const QString name = o.toObject().value(u"name").toString();
        if (!names.contains(name))
            return invalidParameter(
                QStringLiteral("Override for container named %1 is not a container in the TaskDefinition.")
                    .arg(name));
    }
    return std::nullopt;
}

std::optional<AwsError> checkRunParams(const QJsonObject &params)
{
    const int count = params.value(u"count").toInt(1);
    if (count < 1 || count > 10)
        return invalidParameter(str("count must be between 1 and 10."));
    if (params.value(u"startedBy").toString().size() > 128)
        return invalidParameter(str("startedBy can be at most 128 characters."));
    if (params.value(u"group").toString().size() > 255)
        return invalidParameter(str("group can be at most 255 characters."));
    return checkTags(params.value(u"tags").toArray());
}

CallResult runTask(SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findActiveCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    if (auto e = checkRunParams(params))
        return *e;
    auto td = activeTaskDefinition(ctx, params.value(u"taskDefinition").toString());
    if (auto *e = std::get_if<AwsError>(&td))
        return *e;
    const QJsonObject definition = ctx.state.taskDefinitions.value(std::get<QString>(td));
    if (auto e = checkOverrides(definition, params.value(u"overrides").toObject()))
        return *e;
    auto placement = checkPlacement(ctx, params, definition);
    if (auto *e = std::get_if<AwsError>(&placement))
        return *e;
    const Placement p = std::get<Placement>(placement);
    if (p.launchType == u"EC2" || p.launchType == u"EXTERNAL") {
        // The sandbox has no container instances, as a new cluster has none.
        return QJsonObject{
            {str("tasks"), QJsonArray{}},
            {str("failures"),
             QJsonArray{
                 QJsonObject{{str("arn"), clusterArn(ctx, std::get<QString>(cluster))},
                             {str("reason"), str("No Container Instances were found in your cluster.")}}}}};
    }
    TaskSpec spec;
    spec.cluster = std::get<QString>(cluster);
    spec.taskDefinitionKey = std::get<QString>(td);
    spec.placement = p;
    spec.startedBy = params.value(u"startedBy").toString();
    spec.group = params.value(u"group").toString();
    spec.overrides = params.value(u"overrides").toObject();
    spec.tags = params.value(u"tags").toArray();
    if (params.value(u"propagateTags").toString() == u"TASK_DEFINITION")
        spec.tags = mergeTags(definition.value(u"_tags").toArray(), spec.tags, str("key"), str("value"));
    QJsonArray tasks;
    for (int i = 0; i < params.value(u"count").toInt(1); ++i)
        tasks.append(taskView(ctx.state.tasks.value(startTask(ctx, spec)), true));
    refreshCounts(ctx.state);
    return QJsonObject{{str("tasks"), tasks}, {str("failures"), QJsonArray{}}};
}

CallResult stopTask(SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    const QString key = findTask(ctx, std::get<QString>(cluster), params.value(u"task").toString());
    if (key.isEmpty())
        return invalidParameter(str("The referenced task was not found."));
    const QString reason = params.value(u"reason").toString(str("Task stopped by user"));
    if (reason.size() > 255)
        return invalidParameter(str("reason can be at most 255 characters."));
    requestStop(ctx, ctx.state.tasks[key], str("UserInitiated"),
                reason.isEmpty() ? str("Task stopped by user") : reason);
    refreshCounts(ctx.state);
    return QJsonObject{{str("task"), taskView(ctx.state.tasks.value(key), true)}};
}

/// Whether a task passes ListTasks' filters.
bool matches(const SimState &state, const QJsonObject &t, const QJsonObject &params,
             const QString &serviceKeyFilter)
{
    if (!serviceKeyFilter.isEmpty() && t.value(u"_service").toString() != serviceKeyFilter)
        return false;
    if (t.value(u"desiredStatus").toString() != params.value(u"desiredStatus").toString(str("RUNNING")))
        return false;
    if (params.contains(u"startedBy") && t.value(u"startedBy") != params.value(u"startedBy"))
        return false;
    if (params.contains(u"launchType") && t.value(u"launchType") != params.value(u"launchType"))
        return false;
    if (params.contains(u"family") &&
        state.taskDefinitions.value(t.value(u"_taskDefinition").toString()).value(u"family") !=
            params.value(u"family"))
        return false;
    return !params.contains(u"containerInstance"); // Fargate tasks run on no container instance
}

CallResult listTasks(SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    QString serviceFilter;
    if (params.contains(u"serviceName")) {
        serviceFilter = serviceKeyFor(std::get<QString>(cluster), params.value(u"serviceName").toString());
        if (!ctx.state.services.contains(serviceFilter))
            return clientError(str("ServiceNotFoundException"), str("Service not found."));
    }
    const int max = params.value(u"maxResults").toInt();
    if (max < 0 || max > 100)
        return invalidParameter(str("maxResults must be between 1 and 100."));
    // The pages of one listing come in a burst; while the account has not
    // changed, the next page reuses the listing instead of walking every task
    // again (2,000 of them per page on the `large` account).
    QJsonObject query = params;
    query.remove(u"nextToken");
    query.remove(u"maxResults");
    query.insert(QStringLiteral("cluster"), std::get<QString>(cluster));
    const QString cacheKey = QString::fromUtf8(QJsonDocument(query).toJson(QJsonDocument::Compact));
    auto &cached = ctx.state.taskListings[cacheKey];
    if (cached.first != ctx.state.generation) {
        const QJsonValue clusterName(std::get<QString>(cluster));
        QList<const QJsonObject *> found;
        for (const QJsonObject &t : std::as_const(ctx.state.tasks))
            if (t.value(u"_cluster") == clusterName && matches(ctx.state, t, params, serviceFilter))
                found.append(&t);
        std::stable_sort(found.begin(), found.end(), [](const QJsonObject *a, const QJsonObject *b) {
            return a->value(u"createdAt").toDouble() < b->value(u"createdAt").toDouble();
        });
        QJsonArray arns;
        for (const QJsonObject *t : std::as_const(found))
            arns.append(t->value(u"taskArn"));
        cached = {ctx.state.generation, arns};
    }
    const QJsonArray arns = cached.second;
    auto page = paginate(arns, max, params.value(u"nextToken").toString(), 100, badToken());
    if (auto *e = std::get_if<AwsError>(&page))
        return *e;
    QJsonObject out{{str("taskArns"), std::get<Page>(page).items}};
    if (!std::get<Page>(page).nextToken.isEmpty())
        out.insert(str("nextToken"), std::get<Page>(page).nextToken);
    return out;
}

CallResult describeTasks(SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    const QJsonArray refs = params.value(u"tasks").toArray();
    if (refs.isEmpty())
        return invalidParameter(str("Tasks cannot be empty."));
    if (refs.size() > 100)
        return invalidParameter(str("tasks can have at most 100 items."));
    const bool tags = params.value(u"include").toArray().contains(str("TAGS"));
    QJsonArray tasks, failures;
    for (const QJsonValue &v : refs) {
        const QString ref = v.toString();
        const QString key = findTask(ctx, std::get<QString>(cluster), ref);
        if (!key.isEmpty())
            tasks.append(taskView(ctx.state.tasks.value(key), tags));
        else
            failures.append(QJsonObject{
                {str("arn"), ref.startsWith(u"arn:") ? ref : taskArn(ctx, std::get<QString>(cluster), ref)},
                {str("reason"), str("MISSING")}});
    }
    return QJsonObject{{str("tasks"), tasks}, {str("failures"), failures}};
}

} // namespace

void addTaskOperations(ServiceTable &table)
{
    table.operations.insert(str("RunTask"), runTask);
    table.operations.insert(str("StopTask"), stopTask);
    table.operations.insert(str("ListTasks"), listTasks);
    table.operations.insert(str("DescribeTasks"), describeTasks);
}

} // namespace aws::sandbox::ecs
