// A task's life: PROVISIONING → PENDING (ENI attached, images pulled) →
// ACTIVATING → RUNNING, and on stop DEACTIVATING → STOPPING →
// DEPROVISIONING → STOPPED. Transitions happen at their own deadlines, so a
// clock that jumps a minute replays them with believable timestamps.
#include "EcrSim.h"
#include "EcsCommon.h"
#include "EcsTaskLogs.h"

#include <QCryptographicHash>
#include <QUrl>

namespace aws::sandbox::ecs {

namespace {

// AWS durations of each step, in seconds.
constexpr double kProvisioning = 12;
constexpr double kPulling = 18;
constexpr double kActivating = 8;
constexpr double kFailing = 8;
constexpr double kDeactivating = 5;
constexpr double kStopping = 10;
constexpr double kDeprovisioning = 10;
constexpr double kKeepStopped = 3600; ///< STOPPED tasks stay describable this long

// The account AWS's Fargate ENIs are requested by.
const char kFargateRequester[] = "578734482556";

QJsonObject detail(const QString &name, const QString &value)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}};
}

QJsonArray containersFor(SimContext &ctx, const QJsonObject &td, const QString &cluster, const QString &arn)
{
    QJsonArray out;
    for (const QJsonValue &v : td.value(u"containerDefinitions").toArray()) {
        const QJsonObject def = v.toObject();
        QJsonObject c{{QStringLiteral("containerArn"),
                       ctx.arn(QStringLiteral("ecs"),
                               QStringLiteral("container/%1/%2/%3").arg(cluster, taskIdOf(arn), uuid(ctx)))},
                      {QStringLiteral("taskArn"), arn},
                      {QStringLiteral("name"), def.value(u"name")},
                      {QStringLiteral("image"), def.value(u"image")},
                      {QStringLiteral("lastStatus"), QStringLiteral("PENDING")},
                      {QStringLiteral("networkBindings"), QJsonArray{}},
                      {QStringLiteral("networkInterfaces"), QJsonArray{}},
                      {QStringLiteral("healthStatus"), QStringLiteral("UNKNOWN")},
                      {QStringLiteral("cpu"), QString::number(def.value(u"cpu").toInt())}};
        if (def.contains(u"memory"))
            c.insert(QStringLiteral("memory"), QString::number(def.value(u"memory").toInt()));
        if (def.contains(u"memoryReservation"))
            c.insert(QStringLiteral("memoryReservation"),
                     QString::number(def.value(u"memoryReservation").toInt()));
        out.append(c);
    }
    return out;
}

QJsonArray containerPorts(const QJsonObject &td)
{
    QJsonArray ports;
    for (const QJsonValue &c : td.value(u"containerDefinitions").toArray())
        for (const QJsonValue &m : c.toObject().value(u"portMappings").toArray())
            ports.append(m.toObject().value(u"containerPort").toInt());
    return ports;
}

QJsonObject defaultOverrides(const QJsonObject &td, const QJsonObject &given)
{
    QJsonObject o = given;
    if (!o.contains(u"containerOverrides")) {
        QJsonArray list;
        for (const QJsonValue &c : td.value(u"containerDefinitions").toArray())
            list.append(QJsonObject{{QStringLiteral("name"), c.toObject().value(u"name")}});
        o.insert(QStringLiteral("containerOverrides"), list);
    }
    if (!o.contains(u"inferenceAcceleratorOverrides"))
        o.insert(QStringLiteral("inferenceAcceleratorOverrides"), QJsonArray{});
    return o;
}

// ---- ENI ----

QString dnsSuffix(const SimContext &ctx, bool publicName)
{
    if (ctx.region() == u"us-east-1")
        return publicName ? QStringLiteral("compute-1.amazonaws.com") : QStringLiteral("ec2.internal");
    return publicName ? ctx.region() + QStringLiteral(".compute.amazonaws.com")
                      : ctx.region() + QStringLiteral(".compute.internal");
}

QString hostName(const QString &prefix, const QString &ip, const QString &suffix)
{
    return prefix + QString(ip).replace(u'.', u'-') + u'.' + suffix;
}

QString macAddress(SimContext &ctx)
{
    const QString h = ctx.hexId(10);
    QString mac = QStringLiteral("0e");
    for (int i = 0; i < 10; i += 2)
        mac += u':' + h.mid(i, 2);
    return mac;
}

QJsonArray groupsOf(const SimContext &ctx, const QJsonArray &ids)
{
    QJsonArray groups;
    for (const QJsonValue &id : ids)
        groups.append(
            QJsonObject{{QStringLiteral("GroupId"), id},
                        {QStringLiteral("GroupName"),
                         ctx.state.securityGroups.value(id.toString()).value(u"GroupName").toString()}});
    return groups;
}

/// Creates the task's network interface (EC2's DescribeNetworkInterfaces
/// shape) and records it in the task's attachment and containers.
void attachEni(SimContext &ctx, QJsonObject &task, double at)
{
    const QJsonObject config = task.value(u"_network").toObject();
    const QJsonObject subnet = ctx.state.subnets.value(task.value(u"_subnet").toString());
    const QString eniId = QStringLiteral("eni-") + ctx.hexId(17);
    const QString privateIp =
        ctx.newPrivateIp(subnet.value(u"CidrBlock").toString(QStringLiteral("172.31.0.0/20")));
    const QString privateDns = hostName(QStringLiteral("ip-"), privateIp, dnsSuffix(ctx, false));
    const QString mac = macAddress(ctx);
    QJsonArray attachments = task.value(u"attachments").toArray();
    QJsonObject attachment = attachments.at(0).toObject();
    QJsonObject eni{
        {QStringLiteral("Attachment"),
         QJsonObject{{QStringLiteral("AttachTime"), at},
                     {QStringLiteral("AttachmentId"), QStringLiteral("ela-attach-") + ctx.hexId(17)},
                     {QStringLiteral("DeleteOnTermination"), false},
                     {QStringLiteral("DeviceIndex"), 1},
                     {QStringLiteral("NetworkCardIndex"), 0},
                     {QStringLiteral("InstanceOwnerId"), QStringLiteral("amazon-aws")},
                     {QStringLiteral("Status"), QStringLiteral("attached")}}},
        {QStringLiteral("AvailabilityZone"), subnet.value(u"AvailabilityZone")},
        {QStringLiteral("Description"),
         ctx.arn(QStringLiteral("ecs"), QStringLiteral("attachment/") + attachment.value(u"id").toString())},
        {QStringLiteral("Groups"), groupsOf(ctx, config.value(u"securityGroups").toArray())},
        {QStringLiteral("InterfaceType"), QStringLiteral("interface")},
        {QStringLiteral("Ipv6Addresses"), QJsonArray{}},
        {QStringLiteral("MacAddress"), mac},
        {QStringLiteral("NetworkInterfaceId"), eniId},
        {QStringLiteral("OwnerId"), ctx.accountId()},
        {QStringLiteral("PrivateDnsName"), privateDns},
        {QStringLiteral("PrivateIpAddress"), privateIp},
        {QStringLiteral("RequesterId"), QString::fromLatin1(kFargateRequester)},
        {QStringLiteral("RequesterManaged"), true},
        {QStringLiteral("SourceDestCheck"), true},
        {QStringLiteral("Status"), QStringLiteral("in-use")},
        {QStringLiteral("SubnetId"), subnet.value(u"SubnetId")},
        {QStringLiteral("TagSet"), QJsonArray{}},
        {QStringLiteral("VpcId"), subnet.value(u"VpcId")}};
    QJsonObject privateAddress{{QStringLiteral("Primary"), true},
                               {QStringLiteral("PrivateDnsName"), privateDns},
                               {QStringLiteral("PrivateIpAddress"), privateIp}};
    if (config.value(u"assignPublicIp").toString() == u"ENABLED") {
        const QString publicIp = ctx.newPublicIp();
        const QJsonObject association{{QStringLiteral("IpOwnerId"), QStringLiteral("amazon")},
                                      {QStringLiteral("PublicDnsName"),
                                       hostName(QStringLiteral("ec2-"), publicIp, dnsSuffix(ctx, true))},
                                      {QStringLiteral("PublicIp"), publicIp}};
        eni.insert(QStringLiteral("Association"), association);
        privateAddress.insert(QStringLiteral("Association"), association);
        task.insert(QStringLiteral("_publicIp"), publicIp);
    }
    eni.insert(QStringLiteral("PrivateIpAddresses"), QJsonArray{privateAddress});
    ctx.state.networkInterfaces.insert(eniId, eni);

    attachment.insert(QStringLiteral("status"), QStringLiteral("ATTACHED"));
    attachment.insert(QStringLiteral("details"),
                      QJsonArray{detail(QStringLiteral("subnetId"), subnet.value(u"SubnetId").toString()),
                                 detail(QStringLiteral("networkInterfaceId"), eniId),
                                 detail(QStringLiteral("macAddress"), mac),
                                 detail(QStringLiteral("privateDnsName"), privateDns),
                                 detail(QStringLiteral("privateIPv4Address"), privateIp)});
    attachments[0] = attachment;
    task.insert(QStringLiteral("attachments"), attachments);
    task.insert(QStringLiteral("_eni"), eniId);
    QJsonArray containers = task.value(u"containers").toArray();
    for (qsizetype i = 0; i < containers.size(); ++i) {
        QJsonObject c = containers.at(i).toObject();
        c.insert(QStringLiteral("networkInterfaces"),
                 QJsonArray{QJsonObject{{QStringLiteral("attachmentId"), attachment.value(u"id")},
                                        {QStringLiteral("privateIpv4Address"), privateIp}}});
        containers[i] = c;
    }
    task.insert(QStringLiteral("containers"), containers);
}

void detachEni(SimContext &ctx, QJsonObject &task)
{
    ctx.state.networkInterfaces.remove(task.value(u"_eni").toString());
    QJsonArray attachments = task.value(u"attachments").toArray();
    if (!attachments.isEmpty()) {
        QJsonObject a = attachments.at(0).toObject();
        a.insert(QStringLiteral("status"), QStringLiteral("DELETED"));
        attachments[0] = a;
        task.insert(QStringLiteral("attachments"), attachments);
    }
}

// ---- image pulls ----

/// True when `host` is this account's ECR registry (the real name or the sandbox's own registry).
bool isOwnRegistry(const SimContext &ctx, const QString &host)
{
    if (host == QStringLiteral("%1.dkr.ecr.%2.amazonaws.com").arg(ctx.accountId(), ctx.region()))
        return true;
    if (ctx.state.registryEndpoint.isEmpty())
        return false;
    const QUrl endpoint(ctx.state.registryEndpoint);
    return host == endpoint.host() || host == endpoint.authority();
}

/// The pull error for an image of this account's ECR that was never pushed; empty when pullable.
QString pullError(const SimContext &ctx, const QString &image)
{
    const qsizetype slash = image.indexOf(u'/');
    if (slash < 0)
        return {}; // Docker Hub
    const QString host = image.left(slash);
    if (!isOwnRegistry(ctx, host))
        return {};
    QString repository = image.mid(slash + 1);
    QString reference = QStringLiteral("latest");
    if (const qsizetype at = repository.indexOf(u'@'); at >= 0) {
        reference = repository.mid(at + 1);
        repository.truncate(at);
    } else if (const qsizetype colon = repository.lastIndexOf(u':'); colon >= 0) {
        reference = repository.mid(colon + 1);
        repository.truncate(colon);
    }
    if (ecrFindImage(ctx.state, repository, reference))
        return {};
    return QStringLiteral(
               "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to "
               "resolve ref %1: not found")
        .arg(image);
}

/// Why the task cannot start (checked while PENDING); empty when it can.
/// Creates the awslogs groups that ask to be created, as the log driver does.
QString startFailure(SimContext &ctx, QJsonObject &task, QString *failedContainer)
{
    const QJsonObject td = ctx.state.taskDefinitions.value(task.value(u"_taskDefinition").toString());
    for (const QJsonValue &v : td.value(u"containerDefinitions").toArray()) {
        const QJsonObject def = v.toObject();
        const QString why = logGroupFailure(ctx, def);
        if (!why.isEmpty()) {
            *failedContainer = def.value(u"name").toString();
            return why;
        }
    }
    for (const QJsonValue &v : td.value(u"containerDefinitions").toArray()) {
        const QString why = pullError(ctx, v.toObject().value(u"image").toString());
        if (!why.isEmpty()) {
            *failedContainer = v.toObject().value(u"name").toString();
            return why;
        }
    }
    return {};
}

void setContainers(QJsonObject &task, const std::function<void(QJsonObject &)> &change)
{
    QJsonArray containers = task.value(u"containers").toArray();
    for (qsizetype i = 0; i < containers.size(); ++i) {
        QJsonObject c = containers.at(i).toObject();
        change(c);
        containers[i] = c;
    }
    task.insert(QStringLiteral("containers"), containers);
}

TaskAddress addressOf(const QJsonObject &task)
{
    TaskAddress a;
    a.taskArn = task.value(u"taskArn").toString();
    a.taskId = taskIdOf(a.taskArn);
    a.publicIp = task.value(u"_publicIp").toString();
    for (const QJsonValue &p : task.value(u"_ports").toArray())
        a.ports.append(p.toInt());
    return a;
}

// ---- the steps ----

void toPending(SimContext &ctx, QJsonObject &task, double at)
{
    if (task.contains(u"_network"))
        attachEni(ctx, task, at);
    task.insert(QStringLiteral("lastStatus"), QStringLiteral("PENDING"));
    task.insert(QStringLiteral("connectivity"), QStringLiteral("CONNECTED"));
    task.insert(QStringLiteral("connectivityAt"), at);
    task.insert(QStringLiteral("pullStartedAt"), at);
    QString container;
    const QString failure = startFailure(ctx, task, &container);
    if (!failure.isEmpty()) {
        task.insert(QStringLiteral("_failure"), failure);
        task.insert(QStringLiteral("_failedContainer"), container);
        task.insert(QStringLiteral("_nextAt"), later(ctx, at, kFailing));
    } else {
        task.insert(QStringLiteral("_nextAt"), later(ctx, at, kPulling));
    }
}

/// A task that cannot start goes straight down (TaskFailedToStart).
void failToStart(SimContext &ctx, QJsonObject &task, double at)
{
    const QString why = task.value(u"_failure").toString();
    const QString failed = task.value(u"_failedContainer").toString();
    task.insert(QStringLiteral("desiredStatus"), QStringLiteral("STOPPED"));
    task.insert(QStringLiteral("stopCode"), QStringLiteral("TaskFailedToStart"));
    task.insert(QStringLiteral("stoppedReason"), why);
    task.insert(QStringLiteral("stoppingAt"), at);
    task.insert(QStringLiteral("executionStoppedAt"), at);
    task.insert(QStringLiteral("pullStoppedAt"), at);
    setContainers(task, [&](QJsonObject &c) {
        c.insert(QStringLiteral("lastStatus"), QStringLiteral("STOPPED"));
        if (c.value(u"name").toString() == failed)
            c.insert(QStringLiteral("reason"),
                     why.section(u':', 0, 0) + QStringLiteral(": ") + why.section(u':', 1).trimmed());
    });
    task.insert(QStringLiteral("lastStatus"), QStringLiteral("DEPROVISIONING"));
    task.insert(QStringLiteral("_nextAt"), later(ctx, at, kDeprovisioning));
}

void toRunning(SimContext &ctx, QJsonObject &task, double at)
{
    task.insert(QStringLiteral("lastStatus"), QStringLiteral("RUNNING"));
    task.insert(QStringLiteral("startedAt"), at);
    const QString id = taskIdOf(task.value(u"taskArn").toString());
    int n = 0;
    setContainers(task, [&](QJsonObject &c) {
        c.insert(QStringLiteral("lastStatus"), QStringLiteral("RUNNING"));
        c.insert(QStringLiteral("runtimeId"), QStringLiteral("%1-%2").arg(id).arg(1000000000 + n++));
        c.insert(QStringLiteral("imageDigest"),
                 QStringLiteral("sha256:") +
                     QString::fromLatin1(QCryptographicHash::hash(c.value(u"image").toString().toUtf8(),
                                                                  QCryptographicHash::Sha256)
                                             .toHex()));
    });
    task.insert(QStringLiteral("_nextAt"), writeStartupLogs(ctx, task, at));
    if (!task.value(u"_publicIp").toString().isEmpty() && ctx.addressChanged)
        ctx.addressChanged(addressOf(task), true);
}

void toStopping(SimContext &ctx, QJsonObject &task, double at)
{
    task.insert(QStringLiteral("lastStatus"), QStringLiteral("STOPPING"));
    task.insert(QStringLiteral("_nextAt"), later(ctx, at, kStopping));
}

void toDeprovisioning(SimContext &ctx, QJsonObject &task, double at)
{
    task.insert(QStringLiteral("lastStatus"), QStringLiteral("DEPROVISIONING"));
    task.insert(QStringLiteral("executionStoppedAt"), at);
    const bool ran = task.contains(u"startedAt");
    setContainers(task, [&](QJsonObject &c) {
        if (ran && c.value(u"lastStatus").toString() == u"RUNNING")
            c.insert(QStringLiteral("exitCode"), 0); // the app exits cleanly on SIGTERM
        c.insert(QStringLiteral("lastStatus"), QStringLiteral("STOPPED"));
    });
    task.insert(QStringLiteral("_nextAt"), later(ctx, at, kDeprovisioning));
}

void toStopped(SimContext &ctx, QJsonObject &task, double at)
{
    detachEni(ctx, task);
    task.insert(QStringLiteral("lastStatus"), QStringLiteral("STOPPED"));
    task.insert(QStringLiteral("stoppedAt"), at);
    if (!task.contains(u"executionStoppedAt"))
        task.insert(QStringLiteral("executionStoppedAt"), at);
    task.insert(QStringLiteral("_nextAt"), later(ctx, at, kKeepStopped));
}

} // namespace

QString startTask(SimContext &ctx, const TaskSpec &spec)
{
    const QJsonObject td = ctx.state.taskDefinitions.value(spec.taskDefinitionKey);
    const QString id = ctx.hexId(32);
    const QString arn = taskArn(ctx, spec.cluster, id);
    const double now = ctx.now();
    QJsonObject task{
        {QStringLiteral("taskArn"), arn},
        {QStringLiteral("clusterArn"), clusterArn(ctx, spec.cluster)},
        {QStringLiteral("taskDefinitionArn"), td.value(u"taskDefinitionArn")},
        {QStringLiteral("lastStatus"), QStringLiteral("PROVISIONING")},
        {QStringLiteral("desiredStatus"), QStringLiteral("RUNNING")},
        {QStringLiteral("createdAt"), now},
        {QStringLiteral("version"), 1},
        {QStringLiteral("containers"), containersFor(ctx, td, spec.cluster, arn)},
        {QStringLiteral("overrides"), defaultOverrides(td, spec.overrides)},
        {QStringLiteral("attributes"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("ecs.cpu-architecture")},
                                {QStringLiteral("value"), QStringLiteral("x86_64")}}}},
        {QStringLiteral("healthStatus"), QStringLiteral("UNKNOWN")},
        {QStringLiteral("enableExecuteCommand"), false},
        {QStringLiteral("tags"), spec.tags},
        {QStringLiteral("_cluster"), spec.cluster},
        {QStringLiteral("_taskDefinition"), spec.taskDefinitionKey},
        {QStringLiteral("_ports"), containerPorts(td)},
        {QStringLiteral("_nextAt"), later(ctx, now, kProvisioning + double(ctx.state.nextId % 5))}};
    const QString cpu = spec.overrides.value(u"cpu").toString(td.value(u"cpu").toString());
    const QString memory = spec.overrides.value(u"memory").toString(td.value(u"memory").toString());
    if (!cpu.isEmpty())
        task.insert(QStringLiteral("cpu"), cpu);
    if (!memory.isEmpty())
        task.insert(QStringLiteral("memory"), memory);
    if (!spec.placement.launchType.isEmpty())
        task.insert(QStringLiteral("launchType"), spec.placement.launchType);
    if (!spec.placement.capacityProvider.isEmpty())
        task.insert(QStringLiteral("capacityProviderName"), spec.placement.capacityProvider);
    if (!spec.placement.platformVersion.isEmpty()) {
        task.insert(QStringLiteral("platformVersion"), spec.placement.platformVersion);
        task.insert(QStringLiteral("platformFamily"), QStringLiteral("Linux"));
        task.insert(QStringLiteral("ephemeralStorage"), QJsonObject{{QStringLiteral("sizeInGiB"), 20}});
    }
    if (!spec.startedBy.isEmpty())
        task.insert(QStringLiteral("startedBy"), spec.startedBy);
    task.insert(QStringLiteral("group"), spec.group.isEmpty()
                                             ? QStringLiteral("family:") + td.value(u"family").toString()
                                             : spec.group);
    if (!spec.serviceKey.isEmpty())
        task.insert(QStringLiteral("_service"), spec.serviceKey);
    const QJsonObject network = spec.placement.networkConfiguration.value(u"awsvpcConfiguration").toObject();
    QString zone = ctx.region() + u'a';
    if (!network.isEmpty()) {
        const QJsonArray subnets = network.value(u"subnets").toArray();
        const QString subnet = subnets.at(qsizetype(ctx.state.nextId % quint64(subnets.size()))).toString();
        zone = ctx.state.subnets.value(subnet).value(u"AvailabilityZone").toString(zone);
        task.insert(QStringLiteral("_network"), network);
        task.insert(QStringLiteral("_subnet"), subnet);
        task.insert(
            QStringLiteral("attachments"),
            QJsonArray{QJsonObject{
                {QStringLiteral("id"), uuid(ctx)},
                {QStringLiteral("type"), QStringLiteral("ElasticNetworkInterface")},
                {QStringLiteral("status"), QStringLiteral("PRECREATED")},
                {QStringLiteral("details"), QJsonArray{detail(QStringLiteral("subnetId"), subnet)}}}});
    } else {
        task.insert(QStringLiteral("attachments"), QJsonArray{});
    }
    task.insert(QStringLiteral("availabilityZone"), zone);
    ctx.state.tasks.insert(arn, task);
    return arn;
}

void requestStop(SimContext &ctx, QJsonObject &task, const QString &stopCode, const QString &reason)
{
    if (task.value(u"desiredStatus").toString() == u"STOPPED")
        return; // the first reason stays, as at AWS
    const double now = ctx.now();
    const QString last = task.value(u"lastStatus").toString();
    task.insert(QStringLiteral("desiredStatus"), QStringLiteral("STOPPED"));
    task.insert(QStringLiteral("stopCode"), stopCode);
    task.insert(QStringLiteral("stoppedReason"), reason);
    task.insert(QStringLiteral("stoppingAt"), now);
    task.remove(QStringLiteral("_failure"));
    if (last == u"RUNNING" && !task.value(u"_publicIp").toString().isEmpty() && ctx.addressChanged)
        ctx.addressChanged(addressOf(task), false);
    if (last == u"PROVISIONING") {
        task.insert(QStringLiteral("lastStatus"), QStringLiteral("DEPROVISIONING"));
        task.insert(QStringLiteral("_nextAt"), later(ctx, now, kDeprovisioning));
    } else if (last == u"PENDING" || last == u"ACTIVATING" || last == u"RUNNING") {
        task.insert(QStringLiteral("lastStatus"), QStringLiteral("DEACTIVATING"));
        task.insert(QStringLiteral("_nextAt"), later(ctx, now, kDeactivating));
    }
    task.insert(QStringLiteral("version"), task.value(u"version").toInt() + 1);
}

bool advanceTask(SimContext &ctx, QJsonObject &task, bool *remove)
{
    bool changed = false;
    const double now = ctx.now();
    for (;;) {
        const double at = task.value(u"_nextAt").toDouble();
        if (at <= 0 || at > now)
            break;
        const QString last = task.value(u"lastStatus").toString();
        if (last == u"RUNNING") {
            // Log lines are not reported as a change: a busy account would
            // otherwise never be quiet long enough for the debounced autosave.
            task.insert(QStringLiteral("_nextAt"), writeRequestLog(ctx, task, at));
            continue;
        }
        changed = true;
        if (last == u"PROVISIONING")
            toPending(ctx, task, at);
        else if (last == u"PENDING" && task.contains(u"_failure"))
            failToStart(ctx, task, at);
        else if (last == u"PENDING") {
            task.insert(QStringLiteral("lastStatus"), QStringLiteral("ACTIVATING"));
            task.insert(QStringLiteral("pullStoppedAt"), at);
            task.insert(QStringLiteral("_nextAt"), later(ctx, at, kActivating));
        } else if (last == u"ACTIVATING")
            toRunning(ctx, task, at);
        else if (last == u"DEACTIVATING")
            toStopping(ctx, task, at);
        else if (last == u"STOPPING")
            toDeprovisioning(ctx, task, at);
        else if (last == u"DEPROVISIONING")
            toStopped(ctx, task, at);
        else if (last == u"STOPPED") {
            *remove = true;
            break;
        }
        task.insert(QStringLiteral("version"), task.value(u"version").toInt() + 1);
    }
    return changed;
}

} // namespace aws::sandbox::ecs
