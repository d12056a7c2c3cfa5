#include "SnapshotReader.h"

#include <QJsonArray>

namespace inventory::read {

namespace {
QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}
} // namespace

QDateTime time(const QJsonValue &v)
{
    if (v.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble() * 1000.0), Qt::UTC);
    if (v.isString())
        return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return {};
}

QList<Vpc> vpcs(const QJsonObject &o)
{
    QList<Vpc> out;
    for (const QJsonValue &v : o.value(QLatin1String("Vpcs")).toArray()) {
        const QJsonObject j = v.toObject();
        out.append({j.value(QLatin1String("VpcId")).toString(),
                    j.value(QLatin1String("CidrBlock")).toString(),
                    j.value(QLatin1String("IsDefault")).toBool()});
    }
    return out;
}

QList<Subnet> subnets(const QJsonObject &o)
{
    QList<Subnet> out;
    for (const QJsonValue &v : o.value(QLatin1String("Subnets")).toArray()) {
        const QJsonObject j = v.toObject();
        out.append({j.value(QLatin1String("SubnetId")).toString(), j.value(QLatin1String("VpcId")).toString(),
                    j.value(QLatin1String("CidrBlock")).toString(),
                    j.value(QLatin1String("AvailabilityZone")).toString()});
    }
    return out;
}

QList<SecurityGroup> securityGroups(const QJsonObject &o)
{
    QList<SecurityGroup> out;
    for (const QJsonValue &v : o.value(QLatin1String("SecurityGroups")).toArray()) {
        const QJsonObject j = v.toObject();
        SecurityGroup g{j.value(QLatin1String("GroupId")).toString(),
                        j.value(QLatin1String("GroupName")).toString(),
                        j.value(QLatin1String("VpcId")).toString(),
                        {}};
        for (const QJsonValue &pv : j.value(QLatin1String("IpPermissions")).toArray()) {
            const QJsonObject p = pv.toObject();
            IngressRule r;
            r.protocol = p.value(QLatin1String("IpProtocol")).toString();
            r.fromPort = p.value(QLatin1String("FromPort")).toInt(-1);
            r.toPort = p.value(QLatin1String("ToPort")).toInt(-1);
            for (const QJsonValue &rv : p.value(QLatin1String("IpRanges")).toArray())
                r.sources << rv.toObject().value(QLatin1String("CidrIp")).toString();
            for (const QJsonValue &rv : p.value(QLatin1String("UserIdGroupPairs")).toArray())
                r.sources << rv.toObject().value(QLatin1String("GroupId")).toString();
            g.ingress.append(r);
        }
        out.append(g);
    }
    return out;
}

QList<DbInstance> databases(const QJsonObject &o)
{
    QList<DbInstance> out;
    for (const QJsonValue &v : o.value(QLatin1String("DBInstances")).toArray()) {
        const QJsonObject j = v.toObject();
        DbInstance db;
        db.id = j.value(QLatin1String("DBInstanceIdentifier")).toString();
        db.arn = j.value(QLatin1String("DBInstanceArn")).toString();
        db.status = j.value(QLatin1String("DBInstanceStatus")).toString();
        db.engine = j.value(QLatin1String("Engine")).toString();
        const QJsonObject ep = j.value(QLatin1String("Endpoint")).toObject();
        db.endpointAddress = ep.value(QLatin1String("Address")).toString();
        db.port = ep.value(QLatin1String("Port")).toInt();
        for (const QJsonValue &g : j.value(QLatin1String("VpcSecurityGroups")).toArray())
            db.securityGroups << g.toObject().value(QLatin1String("VpcSecurityGroupId")).toString();
        out.append(db);
    }
    return out;
}

QList<Repository> repositories(const QJsonObject &o)
{
    QList<Repository> out;
    for (const QJsonValue &v : o.value(QLatin1String("repositories")).toArray()) {
        const QJsonObject j = v.toObject();
        out.append({j.value(QLatin1String("repositoryName")).toString(),
                    j.value(QLatin1String("repositoryArn")).toString(),
                    j.value(QLatin1String("repositoryUri")).toString(),
                    {}});
    }
    return out;
}

QList<Image> images(const QJsonObject &o)
{
    QList<Image> out;
    for (const QJsonValue &v : o.value(QLatin1String("imageDetails")).toArray()) {
        const QJsonObject j = v.toObject();
        out.append({j.value(QLatin1String("imageDigest")).toString(),
                    strings(j.value(QLatin1String("imageTags"))),
                    time(j.value(QLatin1String("imagePushedAt")))});
    }
    return out;
}

QList<Cluster> clusters(const QJsonObject &o)
{
    QList<Cluster> out;
    for (const QJsonValue &v : o.value(QLatin1String("clusters")).toArray()) {
        const QJsonObject j = v.toObject();
        out.append({j.value(QLatin1String("clusterArn")).toString(),
                    j.value(QLatin1String("clusterName")).toString(),
                    j.value(QLatin1String("status")).toString(),
                    j.value(QLatin1String("runningTasksCount")).toInt(),
                    j.value(QLatin1String("pendingTasksCount")).toInt(),
                    j.value(QLatin1String("activeServicesCount")).toInt()});
    }
    return out;
}

QList<Service> services(const QJsonObject &o)
{
    QList<Service> out;
    for (const QJsonValue &v : o.value(QLatin1String("services")).toArray()) {
        const QJsonObject j = v.toObject();
        Service s;
        s.arn = j.value(QLatin1String("serviceArn")).toString();
        s.name = j.value(QLatin1String("serviceName")).toString();
        s.clusterArn = j.value(QLatin1String("clusterArn")).toString();
        s.status = j.value(QLatin1String("status")).toString();
        s.taskDefinition = j.value(QLatin1String("taskDefinition")).toString();
        s.launchType = j.value(QLatin1String("launchType")).toString();
        s.desired = j.value(QLatin1String("desiredCount")).toInt();
        s.running = j.value(QLatin1String("runningCount")).toInt();
        s.pending = j.value(QLatin1String("pendingCount")).toInt();
        const QJsonObject net = j.value(QLatin1String("networkConfiguration"))
                                    .toObject()
                                    .value(QLatin1String("awsvpcConfiguration"))
                                    .toObject();
        s.assignPublicIp = net.value(QLatin1String("assignPublicIp")).toString();
        s.securityGroups = strings(net.value(QLatin1String("securityGroups")));
        s.subnets = strings(net.value(QLatin1String("subnets")));
        for (const QJsonValue &dv : j.value(QLatin1String("deployments")).toArray()) {
            const QJsonObject d = dv.toObject();
            s.deployments.append({d.value(QLatin1String("id")).toString(),
                                  d.value(QLatin1String("status")).toString(),
                                  d.value(QLatin1String("rolloutState")).toString(),
                                  d.value(QLatin1String("taskDefinition")).toString(),
                                  d.value(QLatin1String("desiredCount")).toInt(),
                                  d.value(QLatin1String("runningCount")).toInt(),
                                  d.value(QLatin1String("pendingCount")).toInt()});
        }
        for (const QJsonValue &ev : j.value(QLatin1String("events")).toArray()) {
            const QJsonObject e = ev.toObject();
            s.events.append(
                {time(e.value(QLatin1String("createdAt"))), e.value(QLatin1String("message")).toString()});
        }
        out.append(s);
    }
    return out;
}

QList<Task> tasks(const QJsonObject &o)
{
    QList<Task> out;
    for (const QJsonValue &v : o.value(QLatin1String("tasks")).toArray()) {
        const QJsonObject j = v.toObject();
        Task t;
        t.arn = j.value(QLatin1String("taskArn")).toString();
        t.id = t.arn.section(QLatin1Char('/'), -1);
        t.clusterArn = j.value(QLatin1String("clusterArn")).toString();
        t.group = j.value(QLatin1String("group")).toString();
        t.taskDefinitionArn = j.value(QLatin1String("taskDefinitionArn")).toString();
        t.lastStatus = j.value(QLatin1String("lastStatus")).toString();
        t.desiredStatus = j.value(QLatin1String("desiredStatus")).toString();
        t.healthStatus = j.value(QLatin1String("healthStatus")).toString();
        t.stopCode = j.value(QLatin1String("stopCode")).toString();
        t.stoppedReason = j.value(QLatin1String("stoppedReason")).toString();
        t.createdAt = time(j.value(QLatin1String("createdAt")));
        t.startedAt = time(j.value(QLatin1String("startedAt")));
        t.stoppedAt = time(j.value(QLatin1String("stoppedAt")));
        for (const QJsonValue &av : j.value(QLatin1String("attachments")).toArray()) {
            const QJsonObject a = av.toObject();
            if (a.value(QLatin1String("type")).toString() != QLatin1String("ElasticNetworkInterface"))
                continue;
            for (const QJsonValue &dv : a.value(QLatin1String("details")).toArray()) {
                const QJsonObject d = dv.toObject();
                const QString name = d.value(QLatin1String("name")).toString();
                if (name == QLatin1String("networkInterfaceId"))
                    t.eniId = d.value(QLatin1String("value")).toString();
                else if (name == QLatin1String("privateIPv4Address"))
                    t.privateIp = d.value(QLatin1String("value")).toString();
            }
        }
        for (const QJsonValue &cv : j.value(QLatin1String("containers")).toArray()) {
            const QJsonObject c = cv.toObject();
            t.containers.append(
                {c.value(QLatin1String("name")).toString(), c.value(QLatin1String("lastStatus")).toString(),
                 c.value(QLatin1String("reason")).toString(),
                 c.value(QLatin1String("healthStatus")).toString(),
                 c.contains(QLatin1String("exitCode")) ? c.value(QLatin1String("exitCode")).toInt() : -1});
        }
        out.append(t);
    }
    return out;
}

TaskDefinition taskDefinition(const QJsonObject &o)
{
    const QJsonObject j = o.value(QLatin1String("taskDefinition")).toObject();
    TaskDefinition td;
    td.arn = j.value(QLatin1String("taskDefinitionArn")).toString();
    td.family = j.value(QLatin1String("family")).toString();
    td.revision = j.value(QLatin1String("revision")).toInt();
    for (const QJsonValue &cv : j.value(QLatin1String("containerDefinitions")).toArray()) {
        const QJsonObject c = cv.toObject();
        ContainerDefinition cd;
        cd.name = c.value(QLatin1String("name")).toString();
        cd.image = c.value(QLatin1String("image")).toString();
        for (const QJsonValue &pv : c.value(QLatin1String("portMappings")).toArray())
            cd.ports << pv.toObject().value(QLatin1String("containerPort")).toInt();
        for (const QJsonValue &ev : c.value(QLatin1String("environment")).toArray())
            cd.environmentValues << ev.toObject().value(QLatin1String("value")).toString();
        const QJsonObject log = c.value(QLatin1String("logConfiguration")).toObject();
        cd.logDriver = log.value(QLatin1String("logDriver")).toString();
        const QJsonObject opt = log.value(QLatin1String("options")).toObject();
        cd.logGroup = opt.value(QLatin1String("awslogs-group")).toString();
        cd.logStreamPrefix = opt.value(QLatin1String("awslogs-stream-prefix")).toString();
        cd.logRegion = opt.value(QLatin1String("awslogs-region")).toString();
        td.containers.append(cd);
    }
    return td;
}

QList<LogGroup> logGroups(const QJsonObject &o)
{
    QList<LogGroup> out;
    for (const QJsonValue &v : o.value(QLatin1String("logGroups")).toArray()) {
        const QJsonObject j = v.toObject();
        out.append(
            {j.value(QLatin1String("logGroupName")).toString(), j.value(QLatin1String("arn")).toString()});
    }
    return out;
}

QHash<QString, QString> publicIps(const QJsonObject &o)
{
    QHash<QString, QString> out;
    for (const QJsonValue &v : o.value(QLatin1String("NetworkInterfaces")).toArray()) {
        const QJsonObject j = v.toObject();
        out.insert(
            j.value(QLatin1String("NetworkInterfaceId")).toString(),
            j.value(QLatin1String("Association")).toObject().value(QLatin1String("PublicIp")).toString());
    }
    return out;
}

} // namespace inventory::read
