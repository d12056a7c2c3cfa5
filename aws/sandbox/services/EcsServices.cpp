// Services: create/update/describe/list/delete with ECS's checks, and the
// scheduler that keeps each service at its desired count (starting,
// replacing and scaling in tasks, rolling deployments, service events).
#include "EcsCommon.h"

#include <QHash>
#include <cmath>
#include <limits>

namespace aws::sandbox::ecs {

namespace {

constexpr int kMaxEvents = 100;
constexpr double kKeepInactive = 3600; ///< INACTIVE services stay describable this long (AWS seconds)

AwsError serviceNotFound()
{
    return clientError(str("ServiceNotFoundException"), str("Service not found."));
}

QString deploymentId(SimContext &ctx)
{
    const quint64 n = ctx.hexId(16).toULongLong(nullptr, 16) % 10000000000000000000ULL;
    return QStringLiteral("ecs-svc/%1").arg(n, 19, 10, QLatin1Char('0'));
}

void addEvent(SimContext &ctx, QJsonObject &service, const QString &message)
{
    QJsonArray events = service.value(u"events").toArray();
    service.remove(str("events"));
    events.prepend(
        QJsonObject{{str("id"), uuid(ctx)}, {str("createdAt"), ctx.now()}, {str("message"), message}});
    while (events.size() > kMaxEvents)
        events.removeLast();
    service.insert(str("events"), events);
}

QString serviceLabel(const QJsonObject &service)
{
    return QStringLiteral("(service %1)").arg(service.value(u"serviceName").toString());
}

QString taskList(const QStringList &taskKeys)
{
    QStringList parts;
    for (const QString &k : taskKeys)
        parts << QStringLiteral("(task %1)").arg(taskIdOf(k));
    return parts.join(u' ');
}

QJsonObject serviceView(const QJsonObject &record, bool tags)
{
    QJsonObject out = publicView(record);
    if (!tags)
        out.remove(str("tags"));
    return out;
}

QJsonObject newDeployment(SimContext &ctx, const QJsonObject &service)
{
    const QString id = deploymentId(ctx);
    QJsonObject d{{str("id"), id},
                  {str("status"), str("PRIMARY")},
                  {str("taskDefinition"), service.value(u"taskDefinition")},
                  {str("desiredCount"), service.value(u"desiredCount")},
                  {str("pendingCount"), 0},
                  {str("runningCount"), 0},
                  {str("failedTasks"), 0},
                  {str("createdAt"), ctx.now()},
                  {str("updatedAt"), ctx.now()},
                  {str("rolloutState"), str("IN_PROGRESS")},
                  {str("rolloutStateReason"), QStringLiteral("ECS deployment %1 in progress.").arg(id)}};
    for (const char *member : {"launchType", "capacityProviderStrategy", "platformVersion", "platformFamily",
                               "networkConfiguration"})
        if (service.contains(QLatin1String(member)))
            d.insert(QLatin1String(member), service.value(QLatin1String(member)));
    return d;
}

std::variant<QJsonObject, AwsError> deploymentConfiguration(const QJsonObject &current,
                                                            const QJsonObject &given)
{
    QJsonObject c = current.isEmpty()
                        ? QJsonObject{{str("deploymentCircuitBreaker"),
                                       QJsonObject{{str("enable"), false}, {str("rollback"), false}}},
                                      {str("maximumPercent"), 200},
                                      {str("minimumHealthyPercent"), 100}}
                        : current;
    for (auto it = given.begin(); it != given.end(); ++it)
        c.insert(it.key(), it.value());
    const int max = c.value(u"maximumPercent").toInt();
    const int min = c.value(u"minimumHealthyPercent").toInt();
    if (min < 0 || min > 100)
        return invalidParameter(str("minimumHealthyPercent must be between 0 and 100."));
    if (max < 100)
        return invalidParameter(str("maximumPercent must be at least 100 for a REPLICA service."));
    return c;
}

/// The service's launch settings, as CreateService/UpdateService parameters.
QJsonObject launchParams(const QJsonObject &service)
{
    QJsonObject p;
    for (const char *member :
         {"launchType", "capacityProviderStrategy", "platformVersion", "networkConfiguration"})
        if (service.contains(QLatin1String(member)))
            p.insert(QLatin1String(member), service.value(QLatin1String(member)));
    return p;
}

void applyPlacement(QJsonObject &service, const Placement &p)
{
    if (!p.launchType.isEmpty())
        service.insert(str("launchType"), p.launchType);
    if (!p.platformVersion.isEmpty()) {
        service.insert(str("platformVersion"), str("LATEST"));
        service.insert(str("platformFamily"), str("Linux"));
    }
    if (!p.networkConfiguration.isEmpty())
        service.insert(str("networkConfiguration"), p.networkConfiguration);
}

// ---- CreateService ----

std::optional<AwsError> checkCreate(SimContext &ctx, const QJsonObject &params)
{
    if (!validName(params.value(u"serviceName").toString()))
        return invalidParameter(
            str("Invalid service name: up to 255 letters (uppercase and lowercase), numbers, "
                "hyphens, and underscores are allowed."));
    if (params.value(u"schedulingStrategy").toString(str("REPLICA")) == u"REPLICA" &&
        !params.contains(u"desiredCount"))
        return invalidParameter(
            str("The desired count must be specified for a service with the REPLICA scheduling "
                "strategy."));
    if (params.value(u"desiredCount").toInt() < 0)
        return invalidParameter(str("The desired count must be 0 or greater."));
    if (params.value(u"clientToken").toString().size() > 36)
        return invalidParameter(str("clientToken can be at most 36 characters."));
    if (auto e = checkTags(params.value(u"tags").toArray()))
        return e;
    if (!params.contains(u"taskDefinition"))
        return invalidParameter(str("A task definition must be specified."));
    Q_UNUSED(ctx)
    return std::nullopt;
}

/// An existing service of that name: the idempotent answer, or why not.
std::optional<CallResult> existingService(const QJsonObject &existing, const QJsonObject &params)
{
    const QString status = existing.value(u"status").toString();
    if (status == u"DRAINING")
        return CallResult(invalidParameter(str("Unable to Start a service that is still Draining.")));
    if (status != u"ACTIVE")
        return std::nullopt; // an INACTIVE service's name can be reused
    const QString token = params.value(u"clientToken").toString();
    if (!token.isEmpty() && token == existing.value(u"_clientToken").toString())
        return CallResult(QJsonObject{{str("service"), serviceView(existing, true)}});
    return CallResult(invalidParameter(str("Creation of service was not idempotent.")));
}

QJsonObject newService(SimContext &ctx, const QString &cluster, const QString &tdKey,
                       const QJsonObject &params)
{
    const QString name = params.value(u"serviceName").toString();
    return {{str("serviceArn"), serviceArn(ctx, cluster, name)},
            {str("serviceName"), name},
            {str("clusterArn"), clusterArn(ctx, cluster)},
            {str("loadBalancers"), params.value(u"loadBalancers").toArray()},
            {str("serviceRegistries"), params.value(u"serviceRegistries").toArray()},
            {str("status"), str("ACTIVE")},
            {str("desiredCount"), params.value(u"desiredCount").toInt()},
            {str("runningCount"), 0},
            {str("pendingCount"), 0},
            {str("taskDefinition"), ctx.state.taskDefinitions.value(tdKey).value(u"taskDefinitionArn")},
            {str("events"), QJsonArray{}},
            {str("createdAt"), ctx.now()},
            {str("placementConstraints"), params.value(u"placementConstraints").toArray()},
            {str("placementStrategy"), params.value(u"placementStrategy").toArray()},
            {str("schedulingStrategy"), params.value(u"schedulingStrategy").toString(str("REPLICA"))},
            {str("deploymentController"),
             params.value(u"deploymentController").toObject({{str("type"), str("ECS")}})},
            {str("roleArn"),
             ctx.arn(str("iam"), str("role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"), false)},
            {str("tags"), params.value(u"tags").toArray()},
            {str("createdBy"), ctx.arn(str("iam"), str("role/voclabs"), false)},
            {str("enableECSManagedTags"), params.value(u"enableECSManagedTags").toBool()},
            {str("propagateTags"), params.value(u"propagateTags").toString(str("NONE"))},
            {str("enableExecuteCommand"), params.value(u"enableExecuteCommand").toBool()},
            {str("healthCheckGracePeriodSeconds"), params.value(u"healthCheckGracePeriodSeconds").toInt()},
            {str("_cluster"), cluster},
            {str("_clientToken"), params.value(u"clientToken").toString()}};
}

CallResult createService(SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findActiveCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    if (auto e = checkCreate(ctx, params))
        return *e;
    const QString key = serviceKey(std::get<QString>(cluster), params.value(u"serviceName").toString());
    if (ctx.state.services.contains(key)) {
        if (auto answer = existingService(ctx.state.services.value(key), params))
            return *answer;
    }
    auto td = activeTaskDefinition(ctx, params.value(u"taskDefinition").toString());
    if (auto *e = std::get_if<AwsError>(&td))
        return *e;
    const QString tdKey = std::get<QString>(td);
    auto placement = checkPlacement(ctx, params, ctx.state.taskDefinitions.value(tdKey));
    if (auto *e = std::get_if<AwsError>(&placement))
        return *e;
    auto config = deploymentConfiguration({}, params.value(u"deploymentConfiguration").toObject());
    if (auto *e = std::get_if<AwsError>(&config))
        return *e;
    QJsonObject service = newService(ctx, std::get<QString>(cluster), tdKey, params);
    applyPlacement(service, std::get<Placement>(placement));
    if (params.contains(u"capacityProviderStrategy"))
        service.insert(str("capacityProviderStrategy"), params.value(u"capacityProviderStrategy"));
    service.insert(str("deploymentConfiguration"), std::get<QJsonObject>(config));
    service.insert(str("deployments"), QJsonArray{newDeployment(ctx, service)});
    ctx.state.services.insert(key, service);
    refreshCounts(ctx.state);
    return QJsonObject{{str("service"), serviceView(service, true)}};
}

// ---- UpdateService / DeleteService ----

/// The service `params` names in its cluster: key, or ClusterNotFound/ServiceNotFound.
std::variant<QString, AwsError> findService(const SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    const QString key = serviceKeyFor(std::get<QString>(cluster), params.value(u"service").toString());
    if (!ctx.state.services.contains(key))
        return serviceNotFound();
    return key;
}

/// Starts a new PRIMARY deployment; the old one keeps its tasks until the new one runs.
void redeploy(SimContext &ctx, QJsonObject &service)
{
    QJsonArray deployments = service.value(u"deployments").toArray();
    for (qsizetype i = 0; i < deployments.size(); ++i) {
        QJsonObject d = deployments.at(i).toObject();
        if (d.value(u"status").toString() == u"PRIMARY") {
            d.insert(str("status"), str("ACTIVE"));
            d.insert(str("updatedAt"), ctx.now());
            deployments[i] = d;
        }
    }
    deployments.prepend(newDeployment(ctx, service));
    service.insert(str("deployments"), deployments);
    service.insert(str("_steady"), false);
}

std::optional<AwsError> applyUpdate(SimContext &ctx, QJsonObject &service, const QJsonObject &params,
                                    bool *redeployNeeded)
{
    *redeployNeeded = params.value(u"forceNewDeployment").toBool();
    if (params.contains(u"taskDefinition")) {
        auto td = activeTaskDefinition(ctx, params.value(u"taskDefinition").toString());
        if (auto *e = std::get_if<AwsError>(&td))
            return *e;
        const QJsonValue arn =
            ctx.state.taskDefinitions.value(std::get<QString>(td)).value(u"taskDefinitionArn");
        *redeployNeeded = *redeployNeeded || arn != service.value(u"taskDefinition");
        service.insert(str("taskDefinition"), arn);
    }
    if (params.contains(u"networkConfiguration") || params.contains(u"platformVersion") ||
        params.contains(u"taskDefinition")) {
        QJsonObject launch = launchParams(service);
        for (const char *member : {"networkConfiguration", "platformVersion"})
            if (params.contains(QLatin1String(member)))
                launch.insert(QLatin1String(member), params.value(QLatin1String(member)));
        const QString tdKey = findTaskDefinition(ctx.state, service.value(u"taskDefinition").toString());
        auto placement = checkPlacement(ctx, launch, ctx.state.taskDefinitions.value(tdKey));
        if (auto *e = std::get_if<AwsError>(&placement))
            return *e;
        applyPlacement(service, std::get<Placement>(placement));
        *redeployNeeded = *redeployNeeded || params.contains(u"networkConfiguration") ||
                          params.contains(u"platformVersion");
    }
    if (params.contains(u"deploymentConfiguration")) {
        auto config = deploymentConfiguration(service.value(u"deploymentConfiguration").toObject(),
                                              params.value(u"deploymentConfiguration").toObject());
        if (auto *e = std::get_if<AwsError>(&config))
            return *e;
        service.insert(str("deploymentConfiguration"), std::get<QJsonObject>(config));
    }
    return std::nullopt;
}

void setPrimaryDesired(QJsonObject &service, int desired)
{
    QJsonArray deployments = service.value(u"deployments").toArray();
    for (qsizetype i = 0; i < deployments.size(); ++i) {
        QJsonObject d = deployments.at(i).toObject();
        if (d.value(u"status").toString() == u"PRIMARY") {
            d.insert(str("desiredCount"), desired);
            deployments[i] = d;
        }
    }
    service.insert(str("deployments"), deployments);
    service.insert(str("desiredCount"), desired);
}

CallResult updateService(SimContext &ctx, const QJsonObject &params)
{
    auto found = findService(ctx, params);
    if (auto *e = std::get_if<AwsError>(&found))
        return *e;
    QJsonObject service = ctx.state.services.value(std::get<QString>(found));
    if (service.value(u"status").toString() != u"ACTIVE")
        return clientError(str("ServiceNotActiveException"), str("Service was not ACTIVE."));
    if (params.contains(u"desiredCount") && params.value(u"desiredCount").toInt() < 0)
        return invalidParameter(str("The desired count must be 0 or greater."));
    bool needsDeployment = false;
    if (auto e = applyUpdate(ctx, service, params, &needsDeployment))
        return *e;
    if (params.contains(u"desiredCount")) {
        setPrimaryDesired(service, params.value(u"desiredCount").toInt());
        service.insert(str("_steady"), false);
    }
    if (needsDeployment)
        redeploy(ctx, service);
    ctx.state.services.insert(std::get<QString>(found), service);
    refreshCounts(ctx.state);
    return QJsonObject{
        {str("service"), serviceView(ctx.state.services.value(std::get<QString>(found)), true)}};
}

CallResult deleteService(SimContext &ctx, const QJsonObject &params)
{
    auto found = findService(ctx, params);
    if (auto *e = std::get_if<AwsError>(&found))
        return *e;
    QJsonObject &service = ctx.state.services[std::get<QString>(found)];
    const QString status = service.value(u"status").toString();
    if (status == u"INACTIVE")
        return serviceNotFound();
    if (status == u"ACTIVE") {
        if (service.value(u"desiredCount").toInt() > 0 && !params.value(u"force").toBool())
            return invalidParameter(str("The service cannot be stopped while it is scaled above 0."));
        setPrimaryDesired(service, 0);
        service.insert(str("status"), str("DRAINING"));
    }
    refreshCounts(ctx.state);
    return QJsonObject{{str("service"), serviceView(service, true)}};
}

// ---- Describe / List ----

CallResult describeServices(SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    const QJsonArray refs = params.value(u"services").toArray();
    if (refs.isEmpty())
        return invalidParameter(str("Services cannot be empty."));
    if (refs.size() > 10)
        return invalidParameter(str("services can have at most 10 items."));
    const bool tags = params.value(u"include").toArray().contains(str("TAGS"));
    QJsonArray services, failures;
    for (const QJsonValue &v : refs) {
        const QString key = serviceKeyFor(std::get<QString>(cluster), v.toString());
        const auto it = ctx.state.services.constFind(key);
        if (it != ctx.state.services.cend())
            services.append(serviceView(*it, tags));
        else
            failures.append(
                QJsonObject{{str("arn"), serviceArn(ctx, std::get<QString>(cluster), key.section(u'/', 1))},
                            {str("reason"), str("MISSING")}});
    }
    return QJsonObject{{str("services"), services}, {str("failures"), failures}};
}

CallResult listServices(SimContext &ctx, const QJsonObject &params)
{
    auto cluster = findCluster(ctx, params.value(u"cluster").toString());
    if (auto *e = std::get_if<AwsError>(&cluster))
        return *e;
    const int max = params.value(u"maxResults").toInt();
    if (max < 0 || max > 100)
        return invalidParameter(str("maxResults must be between 1 and 100."));
    QJsonArray arns;
    for (const QJsonObject &s : std::as_const(ctx.state.services)) {
        if (s.value(u"_cluster").toString() != std::get<QString>(cluster) ||
            s.value(u"status").toString() == u"INACTIVE")
            continue;
        if (params.contains(u"launchType") && s.value(u"launchType") != params.value(u"launchType"))
            continue;
        if (params.contains(u"schedulingStrategy") &&
            s.value(u"schedulingStrategy") != params.value(u"schedulingStrategy"))
            continue;
        arns.append(s.value(u"serviceArn"));
    }
    auto page = paginate(arns, max, params.value(u"nextToken").toString(), 10, badToken());
    if (auto *e = std::get_if<AwsError>(&page))
        return *e;
    QJsonObject out{{str("serviceArns"), std::get<Page>(page).items}};
    if (!std::get<Page>(page).nextToken.isEmpty())
        out.insert(str("nextToken"), std::get<Page>(page).nextToken);
    return out;
}

// ---- the scheduler ----

/// One service's tasks, split the way the scheduler looks at them.
struct ServiceTasks {
    QStringList primaryLive;        ///< desiredStatus RUNNING, of the PRIMARY deployment
    QStringList oldLive;            ///< desiredStatus RUNNING, of older deployments
    int primaryRunning = 0;         ///< of primaryLive, lastStatus RUNNING
    QSet<QString> deploymentsInUse; ///< deployments with a task not yet STOPPED
};

QJsonObject primaryOf(const QJsonObject &service)
{
    for (const QJsonValue &d : service.value(u"deployments").toArray())
        if (d.toObject().value(u"status").toString() == u"PRIMARY")
            return d.toObject();
    return {};
}

ServiceTasks splitTasks(const SimState &state, const QStringList &keys, const QString &primaryId)
{
    ServiceTasks out;
    for (const QString &k : keys) {
        const QJsonObject t = state.tasks.value(k);
        const QString deployment = t.value(u"startedBy").toString();
        if (isLive(t))
            out.deploymentsInUse.insert(deployment);
        if (t.value(u"desiredStatus").toString() != u"RUNNING")
            continue;
        if (deployment == primaryId) {
            out.primaryLive.append(k);
            if (t.value(u"lastStatus").toString() == u"RUNNING")
                ++out.primaryRunning;
        } else {
            out.oldLive.append(k);
        }
    }
    return out;
}

void stopTasks(SimContext &ctx, QJsonObject &service, const QStringList &keys, const QString &deployment)
{
    if (keys.isEmpty())
        return;
    const QString reason = QStringLiteral("Scaling activity initiated by (deployment %1)").arg(deployment);
    for (const QString &k : keys)
        requestStop(ctx, ctx.state.tasks[k], str("ServiceSchedulerInitiated"), reason);
    addEvent(ctx, service,
             QStringLiteral("%1 has stopped %2 running tasks: %3.")
                 .arg(serviceLabel(service))
                 .arg(keys.size())
                 .arg(taskList(keys)));
    service.insert(str("_steady"), false);
}

bool placeable(const QJsonObject &service)
{
    return service.value(u"launchType").toString() == u"FARGATE" ||
           service.contains(u"capacityProviderStrategy");
}

QJsonArray propagatedTags(const SimContext &ctx, const QJsonObject &service, const QString &tdKey)
{
    const QString how = service.value(u"propagateTags").toString();
    if (how == u"SERVICE")
        return service.value(u"tags").toArray();
    if (how == u"TASK_DEFINITION")
        return ctx.state.taskDefinitions.value(tdKey).value(u"_tags").toArray();
    return {};
}

Placement placementOf(const QJsonObject &service)
{
    Placement p;
    p.launchType = service.value(u"launchType").toString();
    p.capacityProvider = service.value(u"capacityProviderStrategy")
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(u"capacityProvider")
                             .toString();
    p.networkConfiguration = service.value(u"networkConfiguration").toObject();
    if (service.contains(u"platformVersion"))
        p.platformVersion = str("1.4.0");
    return p;
}

/// Starts up to `count` tasks of the PRIMARY deployment; true when any started.
bool launch(SimContext &ctx, const QString &key, QJsonObject &service, const QJsonObject &primary, int count)
{
    if (!placeable(service)) {
        if (!service.value(u"_unplaceable").toBool()) {
            addEvent(ctx, service,
                     serviceLabel(service) +
                         str(" was unable to place a task because no container instance met all of its "
                             "requirements. "
                             "Reason: No Container Instances were found in your cluster. For more "
                             "information, see "
                             "the Troubleshooting section of the Amazon ECS Developer Guide."));
            service.insert(str("_unplaceable"), true);
            return true;
        }
        return false;
    }
    TaskSpec spec;
    spec.cluster = service.value(u"_cluster").toString();
    spec.taskDefinitionKey = findTaskDefinition(ctx.state, primary.value(u"taskDefinition").toString());
    spec.placement = placementOf(service);
    spec.startedBy = primary.value(u"id").toString();
    spec.group = str("service:") + service.value(u"serviceName").toString();
    spec.serviceKey = key;
    spec.tags = propagatedTags(ctx, service, spec.taskDefinitionKey);
    QStringList started;
    for (int i = 0; i < count; ++i)
        started << startTask(ctx, spec);
    addEvent(ctx, service,
             QStringLiteral("%1 has started %2 tasks: %3.")
                 .arg(serviceLabel(service))
                 .arg(count)
                 .arg(taskList(started)));
    service.insert(str("_steady"), false);
    return true;
}

/// Deployments other than PRIMARY leave once their last task has stopped.
bool dropFinishedDeployments(QJsonObject &service, const ServiceTasks &tasks)
{
    const QJsonArray deployments = service.value(u"deployments").toArray();
    QJsonArray kept;
    for (const QJsonValue &v : deployments) {
        const QJsonObject d = v.toObject();
        if (d.value(u"status").toString() == u"PRIMARY" ||
            tasks.deploymentsInUse.contains(d.value(u"id").toString()))
            kept.append(d);
    }
    if (kept.size() == deployments.size())
        return false;
    service.insert(str("deployments"), kept);
    return true;
}

/// COMPLETED rollout and the steady-state event once every wanted task runs alone.
bool settle(SimContext &ctx, QJsonObject &service, const ServiceTasks &tasks)
{
    const int desired = service.value(u"desiredCount").toInt();
    QJsonArray deployments = service.value(u"deployments").toArray();
    if (deployments.size() != 1 || tasks.primaryRunning != desired || tasks.primaryLive.size() != desired ||
        !tasks.oldLive.isEmpty())
        return false;
    bool changed = false;
    QJsonObject primary = deployments.at(0).toObject();
    if (primary.value(u"rolloutState").toString() == u"IN_PROGRESS") {
        const QString id = primary.value(u"id").toString();
        primary.insert(str("rolloutState"), str("COMPLETED"));
        primary.insert(str("rolloutStateReason"), QStringLiteral("ECS deployment %1 completed.").arg(id));
        primary.insert(str("updatedAt"), ctx.now());
        deployments[0] = primary;
        service.insert(str("deployments"), deployments);
        addEvent(ctx, service,
                 QStringLiteral("%1 deployment %2 deployment completed.").arg(serviceLabel(service), id));
        service.insert(str("_failStreak"), 0);
        changed = true;
    }
    if (!service.value(u"_steady").toBool()) {
        addEvent(ctx, service, serviceLabel(service) + str(" has reached a steady state."));
        service.insert(str("_steady"), true);
        changed = true;
    }
    return changed;
}

/// Picks the tasks to scale in: not-yet-running ones first, then the newest.
QStringList scaleInChoice(const SimState &state, QStringList live, int count)
{
    std::stable_sort(live.begin(), live.end(), [&](const QString &a, const QString &b) {
        const QJsonObject ta = state.tasks.value(a), tb = state.tasks.value(b);
        const bool ra = ta.value(u"lastStatus").toString() == u"RUNNING";
        const bool rb = tb.value(u"lastStatus").toString() == u"RUNNING";
        if (ra != rb)
            return !ra;
        return ta.value(u"createdAt").toDouble() > tb.value(u"createdAt").toDouble();
    });
    return live.mid(0, count);
}

bool scheduleActive(SimContext &ctx, const QString &key, QJsonObject &service, const QStringList &taskKeys)
{
    const QJsonObject primary = primaryOf(service);
    const QString primaryId = primary.value(u"id").toString();
    const int desired = service.value(u"desiredCount").toInt();
    ServiceTasks tasks = splitTasks(ctx.state, taskKeys, primaryId);
    bool changed = false;
    if (tasks.primaryLive.size() > desired) {
        stopTasks(ctx, service,
                  scaleInChoice(ctx.state, tasks.primaryLive, int(tasks.primaryLive.size()) - desired),
                  primaryId);
        changed = true;
    } else if (!tasks.oldLive.isEmpty() && tasks.primaryRunning >= desired) {
        // The new deployment is up: the old one's tasks go.
        stopTasks(ctx, service, tasks.oldLive, primaryId);
        changed = true;
    } else if (tasks.primaryLive.size() < desired && ctx.now() >= service.value(u"_retryAt").toDouble()) {
        const QJsonObject config = service.value(u"deploymentConfiguration").toObject();
        const int ceiling = int(std::floor(desired * config.value(u"maximumPercent").toInt(200) / 100.0));
        const int room = ceiling - int(tasks.primaryLive.size() + tasks.oldLive.size());
        const int count = std::min(desired - int(tasks.primaryLive.size()), room);
        if (count > 0)
            changed = launch(ctx, key, service, primary, count);
        else if (!tasks.oldLive.isEmpty()) // no room above 100 %: make some by stopping an old task
        {
            stopTasks(ctx, service, tasks.oldLive.mid(0, 1), primaryId);
            changed = true;
        }
    }
    if (changed)
        tasks = splitTasks(ctx.state, taskKeys, primaryId);
    changed = dropFinishedDeployments(service, tasks) || changed;
    changed = settle(ctx, service, tasks) || changed;
    return changed;
}

/// A DRAINING service stops its tasks and becomes INACTIVE when they are gone.
bool scheduleDraining(SimContext &ctx, QJsonObject &service, const QStringList &taskKeys)
{
    QStringList live;
    bool anyLeft = false;
    for (const QString &k : taskKeys) {
        const QJsonObject t = ctx.state.tasks.value(k);
        anyLeft = anyLeft || isLive(t);
        if (t.value(u"desiredStatus").toString() == u"RUNNING")
            live << k;
    }
    if (!live.isEmpty()) {
        stopTasks(ctx, service, live, primaryOf(service).value(u"id").toString());
        return true;
    }
    if (anyLeft)
        return false;
    service.insert(str("status"), str("INACTIVE"));
    service.insert(str("_expiresAt"), later(ctx, ctx.now(), kKeepInactive));
    return true;
}

/// Counts tasks that failed to start against their deployment and backs off relaunching.
bool countFailures(SimContext &ctx, QHash<QString, QStringList> &byService)
{
    bool changed = false;
    for (auto it = ctx.state.tasks.begin(); it != ctx.state.tasks.end(); ++it) {
        QJsonObject &t = it.value();
        const QString key = t.value(u"_service").toString();
        if (key.isEmpty())
            continue;
        byService[key].append(it.key());
        if (t.value(u"stopCode").toString() != u"TaskFailedToStart" || t.value(u"_counted").toBool() ||
            t.value(u"lastStatus").toString() != u"STOPPED")
            continue;
        t.insert(str("_counted"), true);
        changed = true;
        auto s = ctx.state.services.find(key);
        if (s == ctx.state.services.end())
            continue;
        QJsonArray deployments = s->value(u"deployments").toArray();
        for (qsizetype i = 0; i < deployments.size(); ++i) {
            QJsonObject d = deployments.at(i).toObject();
            if (d.value(u"id") == t.value(u"startedBy")) {
                d.insert(str("failedTasks"), d.value(u"failedTasks").toInt() + 1);
                deployments[i] = d;
            }
        }
        s->insert(str("deployments"), deployments);
        const int streak = s->value(u"_failStreak").toInt() + 1;
        s->insert(str("_failStreak"), streak);
        // ECS throttles a service whose tasks keep failing: wait longer each time.
        s->insert(str("_retryAt"), later(ctx, ctx.now(), std::min(15.0 * std::pow(2.0, streak - 1), 300.0)));
        if (streak == 3)
            addEvent(ctx, s.value(),
                     serviceLabel(s.value()) +
                         str(" is unable to consistently start tasks successfully. For more "
                             "information, see the Troubleshooting section of the Amazon ECS "
                             "Developer Guide."));
    }
    return changed;
}

/// The earliest time a service's own deadline passes: a relaunch back-off
/// ends or an INACTIVE service is forgotten.
double nextServiceDeadline(const SimContext &ctx)
{
    double due = std::numeric_limits<double>::infinity();
    const double now = ctx.now();
    for (const QJsonObject &service : std::as_const(ctx.state.services))
        for (const char16_t *field : {u"_retryAt", u"_expiresAt"})
            if (const double at = service.value(QStringView(field)).toDouble(); at > now)
                due = std::min(due, at);
    return due;
}

bool schedulePass(SimContext &ctx)
{
    QHash<QString, QStringList> byService;
    bool changed = countFailures(ctx, byService);
    QStringList expired;
    for (auto it = ctx.state.services.begin(); it != ctx.state.services.end(); ++it) {
        QJsonObject &service = it.value();
        const QString status = service.value(u"status").toString();
        if (status == u"ACTIVE")
            changed = scheduleActive(ctx, it.key(), service, byService.value(it.key())) || changed;
        else if (status == u"DRAINING")
            changed = scheduleDraining(ctx, service, byService.value(it.key())) || changed;
        else if (ctx.now() >= service.value(u"_expiresAt").toDouble())
            expired << it.key();
    }
    for (const QString &k : std::as_const(expired))
        ctx.state.services.remove(k);
    return changed || !expired.isEmpty();
}

} // namespace

bool scheduleServices(SimContext &ctx)
{
    SimState &state = ctx.state;
    if (state.services.isEmpty())
        return false;
    // A pass that changed nothing changes nothing again until the account
    // changes or a service's own deadline passes, so such passes are skipped:
    // on the `large` account each walked 2,000 tasks (15 ms), and a refresh's
    // burst of calls paid for one every 50 ms.
    if (state.generation == state.scheduledGeneration && ctx.now() < state.scheduleDueAt)
        return false;
    const quint64 generation = state.generation;
    if (schedulePass(ctx)) {
        state.scheduledGeneration = 0; // what it did may call for more: look again next tick
        return true;
    }
    state.scheduledGeneration = generation;
    state.scheduleDueAt = nextServiceDeadline(ctx);
    return false;
}

void addServiceOperations(ServiceTable &table)
{
    table.operations.insert(str("CreateService"), createService);
    table.operations.insert(str("UpdateService"), updateService);
    table.operations.insert(str("DeleteService"), deleteService);
    table.operations.insert(str("DescribeServices"), describeServices);
    table.operations.insert(str("ListServices"), listServices);
}

} // namespace aws::sandbox::ecs
