// Task definitions: registration with ECS's checks (names, Fargate sizes and
// network mode, roles, port mappings, awslogs), revisions per family,
// describe, deregister, list.
#include "EcsCommon.h"

#include <QRegularExpression>
#include <algorithm>

namespace aws::sandbox::ecs {

namespace {

/// Fargate's Linux task sizes: CPU units → allowed memory (MiB).
bool fargateMemoryFits(int cpu, int memory)
{
    struct Range {
        int cpu, from, to, step;
    };
    static const Range ranges[] = {{512, 1024, 4096, 1024},    {1024, 2048, 8192, 1024},
                                   {2048, 4096, 16384, 1024},  {4096, 8192, 30720, 1024},
                                   {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192}};
    if (cpu == 256)
        return memory == 512 || memory == 1024 || memory == 2048;
    for (const Range &r : ranges)
        if (r.cpu == cpu)
            return memory >= r.from && memory <= r.to && (memory - r.from) % r.step == 0;
    return false;
}

bool fargateCpu(int cpu)
{
    return cpu == 256 || cpu == 512 || cpu == 1024 || cpu == 2048 || cpu == 4096 || cpu == 8192 ||
           cpu == 16384;
}

/// "1024", "1 vCPU", "0.25 vcpu" → CPU units; "2048", "2 GB" → MiB. 0 when unreadable.
int units(const QString &value, const QString &suffix)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$)"));
    const auto m = re.match(value);
    if (!m.hasMatch())
        return 0;
    const double n = m.captured(1).toDouble();
    if (m.captured(2).isEmpty())
        return m.captured(1).contains(u'.') ? 0 : int(n);
    return m.captured(2).compare(suffix, Qt::CaseInsensitive) == 0 ? int(n * 1024) : 0;
}

bool requiresFargate(const QJsonObject &params)
{
    return params.value(u"requiresCompatibilities").toArray().contains(QStringLiteral("FARGATE"));
}

std::optional<AwsError> checkRole(const SimContext &ctx, const QString &arn)
{
    if (arn.isEmpty())
        return std::nullopt;
    static const QRegularExpression re(
        QStringLiteral(R"(^arn:aws:iam::(\d{12}):role/(?:[^/]+/)*([\w+=,.@-]+)$)"));
    const auto m = re.match(arn);
    if (!m.hasMatch())
        return clientException(QStringLiteral("Role is not valid"));
    if (m.captured(1) != ctx.accountId())
        return std::nullopt; // another account's role: ECS cannot look into it
    const QJsonObject role = ctx.state.roles.value(m.captured(2));
    if (role.value(u"Arn").toString() != arn)
        return clientException(QStringLiteral("Role is not valid"));
    return std::nullopt;
}

std::optional<AwsError> checkHealthCheck(const QString &name, const QJsonObject &hc)
{
    if (hc.isEmpty())
        return std::nullopt;
    const auto out = [&](const char *member, int lo, int hi, int def) {
        const int v = hc.value(QLatin1String(member)).toInt(def);
        return v < lo || v > hi;
    };
    if (out("interval", 5, 300, 30) || out("timeout", 2, 120, 5) || out("retries", 1, 10, 3) ||
        out("startPeriod", 0, 300, 0))
        return clientException(QStringLiteral("Invalid 'healthCheck' setting for container '%1'.").arg(name));
    return std::nullopt;
}

/// The container definition as ECS stores it (defaults filled in), or why it is refused.
std::variant<QJsonObject, AwsError> checkContainer(const QJsonObject &given, bool awsvpc, bool taskMemory)
{
    QJsonObject c = given;
    const QString name = c.value(u"name").toString();
    if (!validName(name))
        return clientException(
            QStringLiteral("Container name should be between 1 and 255 characters long, and may "
                           "contain letters, numbers, hyphens, and underscores."));
    if (c.value(u"image").toString().trimmed().isEmpty())
        return clientException(QStringLiteral("Container.image should not be null or empty."));
    if (!taskMemory && !c.contains(u"memory") && !c.contains(u"memoryReservation"))
        return clientException(
            QStringLiteral("Invalid setting for container '%1'. At least one of 'memory' or "
                           "'memoryReservation' must be specified.")
                .arg(name));
    QJsonArray mappings;
    for (const QJsonValue &v : c.value(u"portMappings").toArray()) {
        QJsonObject m = v.toObject();
        const int port = m.value(u"containerPort").toInt();
        if (port < 1 || port > 65535)
            return clientException(
                QStringLiteral("Invalid 'containerPort' setting for container '%1'.").arg(name));
        if (awsvpc && m.contains(u"hostPort") && m.value(u"hostPort").toInt() != port)
            return clientException(
                QStringLiteral("When networkMode=awsvpc, the host ports and container ports in port "
                               "mappings must match."));
        if (awsvpc)
            m.insert(QStringLiteral("hostPort"), port);
        if (!m.contains(u"protocol"))
            m.insert(QStringLiteral("protocol"), QStringLiteral("tcp"));
        mappings.append(m);
    }
    if (auto e = checkHealthCheck(name, c.value(u"healthCheck").toObject()))
        return *e;
    for (const char *member : {"environment", "mountPoints", "volumesFrom", "systemControls"})
        if (!c.contains(QLatin1String(member)))
            c.insert(QLatin1String(member), QJsonArray{});
    c.insert(QStringLiteral("portMappings"), mappings);
    if (!c.contains(u"cpu"))
        c.insert(QStringLiteral("cpu"), 0);
    if (!c.contains(u"essential"))
        c.insert(QStringLiteral("essential"), true);
    return c;
}

std::variant<QJsonArray, AwsError> checkContainers(const QJsonObject &params, bool awsvpc, bool taskMemory)
{
    const QJsonArray given = params.value(u"containerDefinitions").toArray();
    if (given.isEmpty())
        return clientException(QStringLiteral("Container list cannot be empty."));
    QJsonArray out;
    QStringList names;
    bool essential = false;
    for (const QJsonValue &v : given) {
        auto c = checkContainer(v.toObject(), awsvpc, taskMemory);
        if (auto *e = std::get_if<AwsError>(&c))
            return *e;
        const QJsonObject def = std::get<QJsonObject>(c);
        const QString name = def.value(u"name").toString();
        if (names.contains(name))
            return clientException(QStringLiteral("Duplicate container name found: %1.").arg(name));
        names << name;
        essential = essential || def.value(u"essential").toBool();
        out.append(def);
    }
    if (!essential)
        return clientException(QStringLiteral("Task definition does not have any essential container."));
    return out;
}

/// Fargate's task-level rules; normalises cpu/memory to units in `td`.
std::optional<AwsError> checkFargate(const QJsonObject &params, QJsonObject &td)
{
    if (params.value(u"networkMode").toString() != u"awsvpc")
        return clientException(QStringLiteral("Fargate only supports network mode 'awsvpc'."));
    if (!params.contains(u"cpu"))
        return clientException(QStringLiteral("Fargate requires that 'cpu' be defined at the task level."));
    if (!params.contains(u"memory"))
        return clientException(
            QStringLiteral("Fargate requires that 'memory' be defined at the task level."));
    const int cpu = units(params.value(u"cpu").toString(), QStringLiteral("vCPU"));
    const int memory = units(params.value(u"memory").toString(), QStringLiteral("GB"));
    if (!fargateCpu(cpu))
        return clientException(QStringLiteral("Invalid 'cpu' setting for task."));
    if (!fargateMemoryFits(cpu, memory))
        return clientException(QStringLiteral("Invalid 'memory' setting for task."));
    td.insert(QStringLiteral("cpu"), QString::number(cpu));
    td.insert(QStringLiteral("memory"), QString::number(memory));
    if (params.value(u"executionRoleArn").toString().isEmpty()) {
        for (const QJsonValue &c : params.value(u"containerDefinitions").toArray())
            if (c.toObject().value(u"logConfiguration").toObject().value(u"logDriver").toString() ==
                u"awslogs")
                return clientException(
                    QStringLiteral("Fargate requires task definition to have execution role ARN "
                                   "to support log driver awslogs."));
    }
    return std::nullopt;
}

QJsonArray requiresAttributes(const QJsonObject &td, const QString &accountId)
{
    QStringList names{QStringLiteral("com.amazonaws.ecs.capability.docker-remote-api.1.18")};
    const QJsonArray containers = td.value(u"containerDefinitions").toArray();
    for (const QJsonValue &v : containers) {
        const QJsonObject c = v.toObject();
        if (c.value(u"logConfiguration").toObject().value(u"logDriver").toString() == u"awslogs") {
            names << QStringLiteral("com.amazonaws.ecs.capability.logging-driver.awslogs")
                  << QStringLiteral("com.amazonaws.ecs.capability.docker-remote-api.1.19");
            if (td.contains(u"executionRoleArn"))
                names << QStringLiteral("ecs.capability.execution-role-awslogs");
        }
        if (c.value(u"image").toString().startsWith(accountId + QStringLiteral(".dkr.ecr."))) {
            names << QStringLiteral("com.amazonaws.ecs.capability.ecr-auth");
            if (td.contains(u"executionRoleArn"))
                names << QStringLiteral("ecs.capability.execution-role-ecr-pull");
        }
        if (c.contains(u"healthCheck"))
            names << QStringLiteral("ecs.capability.container-health-check");
    }
    if (td.contains(u"taskRoleArn"))
        names << QStringLiteral("com.amazonaws.ecs.capability.task-iam-role");
    if (td.value(u"networkMode").toString() == u"awsvpc")
        names << QStringLiteral("ecs.capability.task-eni")
              << QStringLiteral("com.amazonaws.ecs.capability.docker-remote-api.1.21");
    names.removeDuplicates();
    QJsonArray out;
    for (const QString &n : std::as_const(names))
        out.append(QJsonObject{{QStringLiteral("name"), n}});
    return out;
}

/// Fargate can run a definition with awsvpc networking and a valid task size.
bool fargateCompatible(const QJsonObject &td)
{
    return td.value(u"networkMode").toString() == u"awsvpc" &&
           fargateMemoryFits(td.value(u"cpu").toString().toInt(), td.value(u"memory").toString().toInt());
}

int nextRevision(const SimState &state, const QString &family)
{
    int highest = 0;
    for (const QJsonObject &td : state.taskDefinitions)
        if (td.value(u"family").toString() == family)
            highest = std::max(highest, td.value(u"revision").toInt());
    return highest + 1;
}

std::optional<AwsError> checkTaskLevel(const SimContext &ctx, const QJsonObject &params, QJsonObject &td)
{
    if (!validName(params.value(u"family").toString()))
        return clientException(
            QStringLiteral("Family contains invalid characters: up to 255 letters (uppercase and "
                           "lowercase), numbers, hyphens, and underscores are allowed."));
    if (auto e = checkTags(params.value(u"tags").toArray()))
        return e;
    if (requiresFargate(params)) {
        if (auto e = checkFargate(params, td))
            return e;
    }
    if (auto e = checkRole(ctx, params.value(u"executionRoleArn").toString()))
        return e;
    if (auto e = checkRole(ctx, params.value(u"taskRoleArn").toString()))
        return e;
    const int storage = params.value(u"ephemeralStorage").toObject().value(u"sizeInGiB").toInt(21);
    if (storage < 21 || storage > 200)
        return clientException(QStringLiteral("The ephemeral storage size must be between 21 and 200 GiB."));
    return std::nullopt;
}

CallResult registerTaskDefinition(SimContext &ctx, const QJsonObject &params)
{
    QJsonObject td = params;
    td.remove(QStringLiteral("tags"));
    if (auto e = checkTaskLevel(ctx, params, td))
        return *e;
    if (!td.contains(u"networkMode"))
        td.insert(QStringLiteral("networkMode"), QStringLiteral("bridge"));
    const bool awsvpc = td.value(u"networkMode").toString() == u"awsvpc";
    auto containers = checkContainers(params, awsvpc, td.contains(u"memory"));
    if (auto *e = std::get_if<AwsError>(&containers))
        return *e;
    const QString family = params.value(u"family").toString();
    const int revision = nextRevision(ctx.state, family);
    const QString key = QStringLiteral("%1:%2").arg(family).arg(revision);
    td.insert(QStringLiteral("containerDefinitions"), std::get<QJsonArray>(containers));
    td.insert(QStringLiteral("taskDefinitionArn"),
              ctx.arn(QStringLiteral("ecs"), QStringLiteral("task-definition/") + key));
    td.insert(QStringLiteral("revision"), revision);
    td.insert(QStringLiteral("status"), QStringLiteral("ACTIVE"));
    for (const char *member : {"volumes", "placementConstraints"})
        if (!td.contains(QLatin1String(member)))
            td.insert(QLatin1String(member), QJsonArray{});
    QJsonArray compatibilities{QStringLiteral("EC2")};
    if (fargateCompatible(td))
        compatibilities.append(QStringLiteral("FARGATE"));
    td.insert(QStringLiteral("compatibilities"), compatibilities);
    td.insert(QStringLiteral("requiresAttributes"), requiresAttributes(td, ctx.accountId()));
    td.insert(QStringLiteral("registeredAt"), ctx.now());
    td.insert(QStringLiteral("registeredBy"),
              QStringLiteral("arn:aws:sts::%1:assumed-role/voclabs/student").arg(ctx.accountId()));
    td.insert(QStringLiteral("_tags"), params.value(u"tags").toArray());
    ctx.state.taskDefinitions.insert(key, td);
    QJsonObject out{{QStringLiteral("taskDefinition"), publicView(td)}};
    if (!params.value(u"tags").toArray().isEmpty())
        out.insert(QStringLiteral("tags"), params.value(u"tags"));
    return out;
}

CallResult describeTaskDefinition(SimContext &ctx, const QJsonObject &params)
{
    const QString key = findTaskDefinition(ctx.state, params.value(u"taskDefinition").toString());
    if (key.isEmpty())
        return clientException(QStringLiteral("Unable to describe task definition."));
    const QJsonObject td = ctx.state.taskDefinitions.value(key);
    QJsonObject out{{QStringLiteral("taskDefinition"), publicView(td)}};
    if (params.value(u"include").toArray().contains(QStringLiteral("TAGS")))
        out.insert(QStringLiteral("tags"), td.value(u"_tags").toArray());
    return out;
}

CallResult deregisterTaskDefinition(SimContext &ctx, const QJsonObject &params)
{
    const QString ref = params.value(u"taskDefinition").toString();
    const QString familyRev = ref.startsWith(u"arn:") ? ref.section(u'/', 1) : ref;
    if (!familyRev.contains(u':'))
        return clientException(
            QStringLiteral("Invalid revision number. Number: %1").arg(familyRev.section(u':', 1)));
    const QString key = findTaskDefinition(ctx.state, ref);
    if (key.isEmpty())
        return clientException(QStringLiteral("The specified task definition does not exist."));
    QJsonObject &td = ctx.state.taskDefinitions[key];
    if (td.value(u"status").toString() == u"ACTIVE") {
        td.insert(QStringLiteral("status"), QStringLiteral("INACTIVE"));
        td.insert(QStringLiteral("deregisteredAt"), ctx.now());
    }
    return QJsonObject{{QStringLiteral("taskDefinition"), publicView(td)}};
}

CallResult listTaskDefinitions(SimContext &ctx, const QJsonObject &params)
{
    const QString family = params.value(u"familyPrefix").toString();
    const QString status = params.value(u"status").toString(QStringLiteral("ACTIVE"));
    QList<QJsonObject> matching;
    for (const QJsonObject &td : std::as_const(ctx.state.taskDefinitions))
        if ((family.isEmpty() || td.value(u"family").toString() == family) &&
            td.value(u"status").toString() == status)
            matching.append(td);
    const bool descending = params.value(u"sort").toString() == u"DESC";
    std::sort(matching.begin(), matching.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const int byFamily = QString::compare(a.value(u"family").toString(), b.value(u"family").toString());
        const bool less =
            byFamily != 0 ? byFamily < 0 : a.value(u"revision").toInt() < b.value(u"revision").toInt();
        const bool greater =
            byFamily != 0 ? byFamily > 0 : a.value(u"revision").toInt() > b.value(u"revision").toInt();
        return descending ? greater : less;
    });
    QJsonArray arns;
    for (const QJsonObject &td : std::as_const(matching))
        arns.append(td.value(u"taskDefinitionArn"));
    const int max = params.value(u"maxResults").toInt();
    if (max < 0 || max > 100)
        return invalidParameter(QStringLiteral("maxResults must be between 1 and 100."));
    auto page = paginate(arns, max, params.value(u"nextToken").toString(), 100, badToken());
    if (auto *e = std::get_if<AwsError>(&page))
        return *e;
    QJsonObject out{{QStringLiteral("taskDefinitionArns"), std::get<Page>(page).items}};
    if (!std::get<Page>(page).nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), std::get<Page>(page).nextToken);
    return out;
}

} // namespace

void addTaskDefinitionOperations(ServiceTable &table)
{
    table.operations.insert(QStringLiteral("RegisterTaskDefinition"), registerTaskDefinition);
    table.operations.insert(QStringLiteral("DescribeTaskDefinition"), describeTaskDefinition);
    table.operations.insert(QStringLiteral("DeregisterTaskDefinition"), deregisterTaskDefinition);
    table.operations.insert(QStringLiteral("ListTaskDefinitions"), listTaskDefinitions);
}

} // namespace aws::sandbox::ecs
