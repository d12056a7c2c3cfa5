#include "PreflightChecker.h"

#include "AwsClient.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace plan {
namespace {

constexpr int kReadAttempts = 5;
constexpr int kReadBackOffMs = 100;

const QRegularExpression &ecrImagePattern()
{
    // <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/([a-z0-9._/-]+?)(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127})|@(sha256:[a-f0-9]{64}))?$)"));
    return re;
}

/// Database hosts named in connection strings: `…@HOST:PORT…`.
QStringList hostsIn(const QString &value)
{
    static const QRegularExpression re(QStringLiteral(R"(@([A-Za-z0-9.-]+):(\d+))"));
    QStringList out;
    for (auto it = re.globalMatch(value); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

bool cidrCovers(const QString &outer, const QString &inner)
{
    const auto o = QHostAddress::parseSubnet(outer);
    const auto i = QHostAddress::parseSubnet(inner);
    if (o.first.isNull() || i.first.isNull() || o.first.protocol() != i.first.protocol())
        return false;
    return i.second >= o.second && i.first.isInSubnet(o);
}

QString roleName(const QString &arn)
{
    return arn.section(u'/', -1);
}

QString portList(const QList<int> &ports)
{
    QStringList s;
    for (int p : ports)
        s << QString::number(p);
    return s.join(QStringLiteral(", "));
}

} // namespace

PreflightChecker::PreflightChecker(aws::AwsClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

void PreflightChecker::call(const QString &service, const QString &operation, const QJsonObject &params,
                            std::function<void(const QJsonObject &)> then,
                            std::function<void(const QString &)> failed, int attempt)
{
    if (attempt == 0)
        ++m_pending; // a repeat keeps the first attempt's place, so finished() waits for it
    m_client->call(service, operation, params, this, [=, this](const aws::Outcome &o) {
        if (!o.ok()) {
            const bool busy = o.error->retry == aws::RetryClass::Throttling ||
                              o.error->retry == aws::RetryClass::Transient ||
                              o.error->kind == aws::ErrorKind::Network;
            if (busy && attempt < kReadAttempts) {
                // The client's own retries ran out on a busy AWS: a read is safe to ask again.
                QTimer::singleShot(kReadBackOffMs << attempt, this, [=, this] {
                    call(service, operation, params, then, failed, attempt + 1);
                });
                return;
            }
            if (failed)
                failed(o.error->code.isEmpty() ? o.error->toString()
                                               : o.error->code + QStringLiteral(": ") + o.error->message);
        } else {
            then(o.output);
        }
        done();
    });
}

void PreflightChecker::done()
{
    if (--m_pending > 0)
        return;
    evaluate();
    emit finished(m_results);
}

PreflightChecker::Rule PreflightChecker::ruleFrom(const QJsonObject &permission)
{
    Rule r;
    r.protocol = permission.value(u"IpProtocol").toString();
    r.from = permission.value(u"FromPort").toInt();
    r.to = permission.value(u"ToPort").toInt();
    for (const QJsonValue &c : permission.value(u"IpRanges").toArray())
        r.cidrs << c[QStringLiteral("CidrIp")].toString();
    for (const QJsonValue &c : permission.value(u"Ipv6Ranges").toArray())
        r.cidrs << c[QStringLiteral("CidrIpv6")].toString();
    for (const QJsonValue &g : permission.value(u"UserIdGroupPairs").toArray())
        r.groups << g[QStringLiteral("GroupId")].toString();
    return r;
}

PreflightChecker::TaskDef PreflightChecker::taskDefFrom(const QJsonObject &d)
{
    TaskDef td;
    td.known = true;
    td.family = d.value(u"family").toString();
    td.cpu = d.value(u"cpu").toString().toInt();
    td.memory = d.value(u"memory").toString().toInt();
    td.fargate = d.value(u"requiresCompatibilities").toArray().contains(QStringLiteral("FARGATE"));
    td.executionRole = d.value(u"executionRoleArn").toString();
    td.taskRole = d.value(u"taskRoleArn").toString();
    for (const QJsonValue &cv : d.value(u"containerDefinitions").toArray()) {
        Container c;
        c.name = cv[QStringLiteral("name")].toString();
        c.image = cv[QStringLiteral("image")].toString();
        for (const QJsonValue &pm : cv[QStringLiteral("portMappings")].toArray())
            c.ports << pm[QStringLiteral("containerPort")].toInt();
        for (const QJsonValue &e : cv[QStringLiteral("environment")].toArray())
            c.environment << e[QStringLiteral("value")].toString();
        c.awslogs =
            cv[QStringLiteral("logConfiguration")][QStringLiteral("logDriver")].toString() == u"awslogs";
        td.containers << c;
    }
    return td;
}

void PreflightChecker::check(const Plan &plan)
{
    if (m_pending > 0)
        return;
    m_results.clear();
    m_callerArn.clear();
    m_callerError.clear();
    m_rules.clear();
    m_groupNames.clear();
    m_groupErrors.clear();
    m_taskDefs.clear();
    m_taskDefErrors.clear();
    m_services.clear();
    m_databases.clear();
    m_subnetCidrs.clear();
    m_subnetPublic.clear();
    m_subnetError.clear();
    m_imageErrors.clear();
    m_imagesAsked.clear();
    m_databaseError.clear();

    ++m_pending; // held until every read has been started
    readPlan(plan);
    call(
        QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"), {},
        [this](const QJsonObject &o) { m_callerArn = o.value(u"Arn").toString(); },
        [this](const QString &e) { m_callerError = e; });
    QStringList groups;
    for (const Service &s : std::as_const(m_services))
        groups << s.groups;
    for (const Database &d : std::as_const(m_databases))
        groups << d.groups;
    readGroups(groups);
    for (const Service &s : std::as_const(m_services))
        if (!m_taskDefs.value(s.taskDefinition).known)
            readTaskDefinition(s.taskDefinition);
    for (const TaskDef &td : std::as_const(m_taskDefs))
        if (td.known)
            readImages(td);
    readSubnets();
    readDatabases();
    done();
}

void PreflightChecker::readPlan(const Plan &plan)
{
    QHash<QString, QString> familyOfStep;
    for (const PlanStep &s : plan.steps) {
        const QString op = s.service + u' ' + s.operation;
        const QJsonObject &p = s.params;
        if (op == u"ec2 CreateSecurityGroup") {
            const QString key = QStringLiteral("${%1.GroupId}").arg(s.id);
            m_rules.insert(key, m_rules.value(key));
            m_groupNames.insert(key, p.value(u"GroupName").toString());
        } else if (op == u"ec2 AuthorizeSecurityGroupIngress") {
            const QString key = p.value(u"GroupId").toString();
            for (const QJsonValue &pv : p.value(u"IpPermissions").toArray())
                m_rules[key].append(ruleFrom(pv.toObject()));
        } else if (op == u"rds CreateDBInstance") {
            Database d;
            d.name = p.value(u"DBInstanceIdentifier").toString();
            d.stepId = s.id;
            for (const QJsonValue &g : p.value(u"VpcSecurityGroupIds").toArray())
                d.groups << g.toString();
            d.port = p.value(u"Port").toInt(5432);
            m_databases << d;
        } else if (op == u"ecs RegisterTaskDefinition") {
            const TaskDef td = taskDefFrom(p);
            m_taskDefs.insert(td.family, td);
            familyOfStep.insert(s.id, td.family);
        } else if (op == u"ecs CreateService") {
            Service sv;
            sv.name = p.value(u"serviceName").toString();
            QString td = p.value(u"taskDefinition").toString();
            static const QRegularExpression ref(QStringLiteral(R"(^\$\{([A-Za-z0-9_-]+)\.)"));
            if (const auto m = ref.match(td); m.hasMatch() && familyOfStep.contains(m.captured(1)))
                td = familyOfStep.value(m.captured(1));
            else if (m_taskDefs.contains(td.section(u'/', -1).section(u':', 0, 0)) && !td.contains(u':'))
                td = td.section(u'/', -1);
            sv.taskDefinition = td;
            const QJsonObject vpc =
                p.value(u"networkConfiguration")[QStringLiteral("awsvpcConfiguration")].toObject();
            for (const QJsonValue &g : vpc.value(u"securityGroups").toArray())
                sv.groups << g.toString();
            for (const QJsonValue &n : vpc.value(u"subnets").toArray())
                sv.subnets << n.toString();
            sv.publicIp = vpc.value(u"assignPublicIp").toString() == u"ENABLED";
            m_services << sv;
        }
    }
}

void PreflightChecker::readGroups(const QStringList &keys)
{
    QJsonArray ids;
    for (const QString &k : keys)
        if (k.startsWith(u"sg-") && !ids.contains(k) && !m_groupNames.contains(k))
            ids.append(k);
    if (ids.isEmpty())
        return;
    for (const QJsonValue &id : ids)
        m_groupNames.insert(id.toString(), id.toString()); // asked; the name replaces it
    call(
        QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"), {{QStringLiteral("GroupIds"), ids}},
        [this](const QJsonObject &o) {
            for (const QJsonValue &g : o.value(u"SecurityGroups").toArray()) {
                const QString id = g[QStringLiteral("GroupId")].toString();
                m_groupNames.insert(id, g[QStringLiteral("GroupName")].toString());
                for (const QJsonValue &pv : g[QStringLiteral("IpPermissions")].toArray())
                    m_rules[id].append(ruleFrom(pv.toObject()));
            }
        },
        [this, ids](const QString &e) {
            for (const QJsonValue &id : ids)
                m_groupErrors.insert(id.toString(), e);
        });
}

void PreflightChecker::readTaskDefinition(const QString &key)
{
    if (key.isEmpty() || m_taskDefErrors.contains(key))
        return;
    m_taskDefErrors.insert(key, QString()); // asked
    call(
        QStringLiteral("ecs"), QStringLiteral("DescribeTaskDefinition"),
        {{QStringLiteral("taskDefinition"), key}},
        [this, key](const QJsonObject &o) {
            const TaskDef td = taskDefFrom(o.value(u"taskDefinition").toObject());
            m_taskDefs.insert(key, td);
            readImages(td);
            readDatabases();
        },
        [this, key](const QString &e) { m_taskDefErrors.insert(key, e); });
}

void PreflightChecker::readSubnets()
{
    QJsonArray ids;
    for (const Service &s : std::as_const(m_services))
        for (const QString &id : s.subnets)
            if (!ids.contains(id) && !id.contains(QStringLiteral("${")))
                ids.append(id);
    if (ids.isEmpty())
        return;
    call(
        QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"), {{QStringLiteral("SubnetIds"), ids}},
        [this](const QJsonObject &o) {
            QJsonArray vpcs;
            QHash<QString, QString> vpcOf;
            for (const QJsonValue &s : o.value(u"Subnets").toArray()) {
                const QString id = s[QStringLiteral("SubnetId")].toString();
                m_subnetCidrs.insert(id, s[QStringLiteral("CidrBlock")].toString());
                vpcOf.insert(id, s[QStringLiteral("VpcId")].toString());
                if (!vpcs.contains(s[QStringLiteral("VpcId")]))
                    vpcs.append(s[QStringLiteral("VpcId")]);
            }
            // A subnet routes as its own route table says, else as its VPC's main one.
            call(
                QStringLiteral("ec2"), QStringLiteral("DescribeRouteTables"),
                {{QStringLiteral("Filters"),
                  QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("vpc-id")},
                                         {QStringLiteral("Values"), vpcs}}}}},
                [this, vpcOf](const QJsonObject &o) {
                    QHash<QString, bool> mainPublic, ownPublic;
                    for (const QJsonValue &t : o.value(u"RouteTables").toArray()) {
                        bool internet = false;
                        for (const QJsonValue &r : t[QStringLiteral("Routes")].toArray())
                            internet =
                                internet ||
                                (r[QStringLiteral("DestinationCidrBlock")].toString() == u"0.0.0.0/0" &&
                                 r[QStringLiteral("GatewayId")].toString().startsWith(u"igw-") &&
                                 r[QStringLiteral("State")].toString(QStringLiteral("active")) == u"active");
                        for (const QJsonValue &a : t[QStringLiteral("Associations")].toArray()) {
                            if (a[QStringLiteral("Main")].toBool())
                                mainPublic.insert(t[QStringLiteral("VpcId")].toString(), internet);
                            else if (a[QStringLiteral("SubnetId")].isString())
                                ownPublic.insert(a[QStringLiteral("SubnetId")].toString(), internet);
                        }
                    }
                    for (auto it = vpcOf.begin(); it != vpcOf.end(); ++it)
                        m_subnetPublic.insert(it.key(), ownPublic.contains(it.key())
                                                            ? ownPublic.value(it.key())
                                                            : mainPublic.value(it.value()));
                },
                [this](const QString &e) { m_subnetError = e; });
        },
        [this](const QString &e) { m_subnetError = e; });
}

void PreflightChecker::readDatabases()
{
    // Databases the plan does not create, found by the host in a connection string.
    QStringList hosts;
    for (const Service &s : std::as_const(m_services))
        for (const Container &c : m_taskDefs.value(s.taskDefinition).containers)
            for (const QString &v : c.environment)
                if (!v.contains(QStringLiteral("${")))
                    hosts << hostsIn(v);
    QStringList unknown;
    for (const QString &h : hosts) {
        bool seen = false;
        for (const Database &d : std::as_const(m_databases))
            seen = seen || d.address == h;
        if (!seen)
            unknown << h;
    }
    if (unknown.isEmpty())
        return;
    for (const QString &h : unknown) {
        Database placeholder; // asked; filled in when the answer comes
        placeholder.address = h;
        placeholder.name = h;
        m_databases << placeholder;
    }
    call(
        QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"), {},
        [this, unknown](const QJsonObject &o) {
            QStringList groups;
            for (const QJsonValue &v : o.value(u"DBInstances").toArray()) {
                const QString address = v[QStringLiteral("Endpoint")][QStringLiteral("Address")].toString();
                if (!unknown.contains(address))
                    continue;
                for (Database &d : m_databases) {
                    if (d.address != address || !d.stepId.isEmpty())
                        continue;
                    d.name = v[QStringLiteral("DBInstanceIdentifier")].toString();
                    d.port = v[QStringLiteral("Endpoint")][QStringLiteral("Port")].toInt(5432);
                    for (const QJsonValue &g : v[QStringLiteral("VpcSecurityGroups")].toArray())
                        d.groups << g[QStringLiteral("VpcSecurityGroupId")].toString();
                    groups << d.groups;
                }
            }
            // Hosts that are no database of this account are not checked.
            m_databases.erase(
                std::remove_if(m_databases.begin(), m_databases.end(),
                               [](const Database &d) { return d.stepId.isEmpty() && d.name == d.address; }),
                m_databases.end());
            readGroups(groups);
        },
        [this](const QString &e) { m_databaseError = e; });
}

void PreflightChecker::readImages(const TaskDef &td)
{
    for (const Container &c : td.containers) {
        const auto m = ecrImagePattern().match(c.image);
        if (!m.hasMatch() || m_imagesAsked.contains(c.image))
            continue;
        m_imagesAsked << c.image;
        const QJsonObject id =
            m.capturedLength(5) > 0
                ? QJsonObject{{QStringLiteral("imageDigest"), m.captured(5)}}
                : QJsonObject{{QStringLiteral("imageTag"),
                               m.capturedLength(4) > 0 ? m.captured(4) : QStringLiteral("latest")}};
        const QString image = c.image;
        call(
            QStringLiteral("ecr"), QStringLiteral("DescribeImages"),
            {{QStringLiteral("registryId"), m.captured(1)},
             {QStringLiteral("repositoryName"), m.captured(3)},
             {QStringLiteral("imageIds"), QJsonArray{id}}},
            [this, image](const QJsonObject &o) {
                m_imageErrors.insert(image, o.value(u"imageDetails").toArray().isEmpty()
                                                ? QStringLiteral("ImageNotFoundException")
                                                : QString());
            },
            [this, image](const QString &e) { m_imageErrors.insert(image, e); });
    }
}

QString PreflightChecker::groupName(const QString &key) const
{
    const QString name = m_groupNames.value(key);
    if (name.isEmpty() || name == key)
        return key;
    return key.startsWith(u"sg-") ? QStringLiteral("%1 (%2)").arg(name, key) : name;
}

bool PreflightChecker::ruleAllows(const Rule &r, int port) const
{
    if (r.protocol == u"-1" || r.protocol == u"all")
        return true;
    return (r.protocol == u"tcp" || r.protocol == u"6") && r.from <= port && port <= r.to;
}

QList<PreflightCheck> PreflightChecker::taskChecks(const TaskDef &td) const
{
    QList<PreflightCheck> out;
    const bool learnerLab = m_callerArn.contains(QStringLiteral(":assumed-role/voclabs/"));
    const QString account = m_callerArn.section(u':', 4, 4);
    const QString labRole = QStringLiteral("arn:aws:iam::%1:role/LabRole").arg(account);

    bool needsRole = false;
    QStringList why;
    for (const Container &c : td.containers) {
        if (c.awslogs && !why.contains(QStringLiteral("send awslogs logs")))
            why << QStringLiteral("send awslogs logs");
        if (ecrImagePattern().match(c.image).hasMatch() && !why.contains(QStringLiteral("pull from ECR")))
            why << QStringLiteral("pull from ECR");
    }
    needsRole = !why.isEmpty();
    if (needsRole) {
        PreflightCheck c;
        c.id = QStringLiteral("execution-role");
        c.passed = !td.executionRole.isEmpty();
        c.message = c.passed
                        ? QStringLiteral("Task definition %1 has an execution role (%2) to %3")
                              .arg(td.family, roleName(td.executionRole), why.join(QStringLiteral(" and ")))
                        : QStringLiteral("Task definition %1 has no execution role, but ECS needs one to %2")
                              .arg(td.family, why.join(QStringLiteral(" and ")));
        if (!c.passed) {
            c.fixSuggestion = learnerLab
                                  ? QStringLiteral("Choose LabRole as the task execution role")
                                  : QStringLiteral("Choose a role with the AmazonECSTaskExecutionRolePolicy "
                                                   "as the task execution role");
            if (learnerLab) {
                c.fixActionId = QStringLiteral("use-lab-role");
                c.fixParams = {{QStringLiteral("roleArn"), labRole}};
            }
        }
        out << c;
    }
    if (!m_callerError.isEmpty()) {
        PreflightCheck c;
        c.id = QStringLiteral("lab-role");
        c.message =
            QStringLiteral("Could not tell whether this is a Learner Lab account: %1").arg(m_callerError);
        c.fixSuggestion = QStringLiteral("Check the credentials and try again");
        out << c;
    } else if (learnerLab && (!td.executionRole.isEmpty() || !td.taskRole.isEmpty())) {
        QStringList others;
        for (const QString &role : {td.executionRole, td.taskRole})
            if (!role.isEmpty() && roleName(role) != u"LabRole" && !others.contains(roleName(role)))
                others << roleName(role);
        PreflightCheck c;
        c.id = QStringLiteral("lab-role");
        c.passed = others.isEmpty();
        c.message =
            c.passed ? QStringLiteral("Task definition %1 uses LabRole, as a Learner Lab account needs")
                           .arg(td.family)
                     : QStringLiteral("This is a Learner Lab account, where ECS tasks can only use LabRole, "
                                      "but task definition %1 names %2")
                           .arg(td.family, others.join(QStringLiteral(", ")));
        if (!c.passed) {
            c.fixSuggestion = QStringLiteral("Choose LabRole as the execution role and the task role");
            c.fixActionId = QStringLiteral("use-lab-role");
            c.fixParams = {{QStringLiteral("roleArn"), labRole}};
        }
        out << c;
    }
    for (const Container &ctr : td.containers) {
        const auto m = ecrImagePattern().match(ctr.image);
        const bool planned = ctr.image.contains(QStringLiteral("${"));
        if (!m.hasMatch() && !(planned && ctr.image.contains(QStringLiteral("repositoryUri"))))
            continue;
        PreflightCheck c;
        c.id = QStringLiteral("ecr-image");
        const QString error = planned
                                  ? QStringLiteral("the repository is created by this plan, so it is empty")
                                  : m_imageErrors.value(ctr.image, QStringLiteral("not checked"));
        c.passed = error.isEmpty();
        if (c.passed) {
            c.message = QStringLiteral("Image %1 is in ECR").arg(ctr.image);
        } else {
            const bool missing = planned || error.startsWith(u"ImageNotFoundException") ||
                                 error.startsWith(u"RepositoryNotFoundException");
            c.message =
                missing ? QStringLiteral("Image %1 of container %2 is not in ECR (%3): the task would stop "
                                         "with CannotPullContainerError")
                              .arg(ctr.image, ctr.name, error)
                        : QStringLiteral("Could not check image %1: %2").arg(ctr.image, error);
            c.fixSuggestion =
                QStringLiteral("Push the image first (Push image, or deployctl push), or choose "
                               "a tag that exists");
            c.fixActionId = QStringLiteral("push-image");
            if (m.hasMatch())
                c.fixParams = {{QStringLiteral("repository"), m.captured(3)},
                               {QStringLiteral("tag"),
                                m.capturedLength(4) > 0 ? m.captured(4) : QStringLiteral("latest")}};
        }
        out << c;
    }
    return out;
}

PreflightCheck PreflightChecker::portsCheck(const Service &s, const TaskDef &td) const
{
    PreflightCheck c;
    c.id = QStringLiteral("service-ports-open");
    QList<int> ports;
    for (const Container &ctr : td.containers)
        ports << ctr.ports;
    QStringList names, unreadable;
    for (const QString &g : s.groups) {
        names << groupName(g);
        if (!m_groupErrors.value(g).isEmpty())
            unreadable << QStringLiteral("%1: %2").arg(g, m_groupErrors.value(g));
    }
    if (!unreadable.isEmpty()) {
        c.message = QStringLiteral("Could not read the security groups of service %1: %2")
                        .arg(s.name, unreadable.join(QStringLiteral("; ")));
        c.fixSuggestion = QStringLiteral("Choose security groups that exist in the service's VPC");
        return c;
    }
    if (s.groups.isEmpty()) {
        c.message = QStringLiteral("Service %1 has no security group: its tasks get the VPC's default group, "
                                   "which lets only its own members in, so port %2 is closed")
                        .arg(s.name, portList(ports));
        c.fixSuggestion = QStringLiteral("Create a security group with the container ports open");
        c.fixActionId = QStringLiteral("create-service-group");
        QJsonArray list;
        for (int p : ports)
            list.append(p);
        c.fixParams = {{QStringLiteral("ports"), list}};
        return c;
    }
    QList<int> closed;
    for (int port : ports) {
        bool open = false;
        for (const QString &g : s.groups)
            for (const Rule &r : m_rules.value(g))
                // Only an address range lets a browser in: a rule from another group
                // admits that group's members (a load balancer), not the student.
                open = open || (ruleAllows(r, port) && !r.cidrs.isEmpty());
        if (!open)
            closed << port;
    }
    c.passed = closed.isEmpty();
    if (c.passed) {
        c.message = ports.isEmpty() ? QStringLiteral("Service %1's containers listen on no port").arg(s.name)
                                    : QStringLiteral("Port %1 of service %2 is open in %3")
                                          .arg(portList(ports), s.name, names.join(QStringLiteral(", ")));
        return c;
    }
    c.message = QStringLiteral("Port %1 of service %2's containers is not open in its security group %3: the "
                               "page would not answer")
                    .arg(portList(closed), s.name, names.join(QStringLiteral(", ")));
    c.fixSuggestion = QStringLiteral("Add an inbound rule TCP %1 from 0.0.0.0/0 to %2")
                          .arg(portList(closed), groupName(s.groups.first()));
    c.fixActionId = QStringLiteral("open-port");
    c.fixParams = {{QStringLiteral("groupId"), s.groups.first()},
                   {QStringLiteral("port"), closed.first()},
                   {QStringLiteral("cidr"), QStringLiteral("0.0.0.0/0")}};
    return c;
}

PreflightCheck PreflightChecker::databaseCheck(const Database &db, const Service &s) const
{
    PreflightCheck c;
    c.id = QStringLiteral("database-reachable");
    const QString source = s.groups.isEmpty() ? QString() : s.groups.first();
    auto fix = [&] {
        c.fixSuggestion =
            source.isEmpty()
                ? QStringLiteral("Allow TCP %1 in the database's security group from the service's subnets")
                      .arg(db.port)
                : QStringLiteral("Allow TCP %1 in %2 from the service's group %3")
                      .arg(db.port)
                      .arg(db.groups.isEmpty() ? QStringLiteral("the database's group")
                                               : groupName(db.groups.first()),
                           groupName(source));
        if (!db.groups.isEmpty() && !source.isEmpty()) {
            c.fixActionId = QStringLiteral("allow-database-from-service");
            c.fixParams = {{QStringLiteral("groupId"), db.groups.first()},
                           {QStringLiteral("port"), db.port},
                           {QStringLiteral("sourceGroupId"), source}};
        }
    };
    if (db.groups.isEmpty()) {
        c.message =
            QStringLiteral("Database %1 has no security group: RDS gives it the VPC's default group, which "
                           "lets only its own members in, so service %2 cannot reach port %3")
                .arg(db.name, s.name)
                .arg(db.port);
        fix();
        return c;
    }
    QStringList cidrs;
    for (const QString &subnet : s.subnets)
        cidrs << m_subnetCidrs.value(subnet);
    bool allowed = false;
    QString how;
    for (const QString &g : db.groups) {
        for (const Rule &r : m_rules.value(g)) {
            if (!ruleAllows(r, db.port))
                continue;
            for (const QString &sg : r.groups)
                if (s.groups.contains(sg) && !allowed) {
                    allowed = true;
                    how = QStringLiteral("from the service's group %1").arg(groupName(sg));
                }
            for (const QString &cidr : r.cidrs) {
                bool covers = !cidrs.isEmpty();
                for (const QString &inner : cidrs)
                    covers = covers && !inner.isEmpty() && cidrCovers(cidr, inner);
                if ((covers || cidr == u"0.0.0.0/0") && !allowed) {
                    allowed = true;
                    how = QStringLiteral("from %1, which covers the service's subnets").arg(cidr);
                }
            }
        }
    }
    QStringList names;
    for (const QString &g : db.groups)
        names << groupName(g);
    c.passed = allowed;
    if (allowed) {
        c.message = QStringLiteral("Database %1 lets service %2 in on port %3 (%4 allows it %5)")
                        .arg(db.name, s.name)
                        .arg(db.port)
                        .arg(names.join(QStringLiteral(", ")), how);
        return c;
    }
    QString unreadable;
    for (const QString &g : db.groups)
        if (!m_groupErrors.value(g).isEmpty())
            unreadable = m_groupErrors.value(g);
    c.message =
        unreadable.isEmpty()
            ? QStringLiteral("Database %1's security group %2 does not let service %3 in on port %4: the "
                             "application could not connect")
                  .arg(db.name, names.join(QStringLiteral(", ")), s.name)
                  .arg(db.port)
            : QStringLiteral("Could not read database %1's security groups: %2").arg(db.name, unreadable);
    fix();
    return c;
}

PreflightCheck PreflightChecker::publicIpCheck(const Service &s) const
{
    PreflightCheck c;
    c.id = QStringLiteral("public-ip");
    if (!s.publicIp) {
        // Fargate ignores a subnet's auto-assign setting: only assignPublicIp gives a task an address.
        c.message =
            QStringLiteral("Service %1's tasks get no public IP (Public IP is off; Fargate ignores the "
                           "subnet's auto-assign setting): without a NAT gateway they cannot pull a public "
                           "image, and http://IP:PORT cannot be reached")
                .arg(s.name);
        c.fixSuggestion = QStringLiteral("Turn Public IP on");
        c.fixActionId = QStringLiteral("enable-public-ip");
        return c;
    }
    if (!m_subnetError.isEmpty()) {
        c.message = QStringLiteral("Could not read the subnets of service %1: %2").arg(s.name, m_subnetError);
        c.fixSuggestion = QStringLiteral("Choose the default VPC's subnets");
        c.fixActionId = QStringLiteral("use-default-subnets");
        return c;
    }
    QStringList missing, privateOnes;
    for (const QString &subnet : s.subnets) {
        if (!m_subnetPublic.contains(subnet))
            missing << subnet;
        else if (!m_subnetPublic.value(subnet))
            privateOnes << subnet;
    }
    c.passed = missing.isEmpty() && privateOnes.isEmpty() && !s.subnets.isEmpty();
    if (c.passed) {
        c.message = QStringLiteral("Service %1's tasks get a public IP in subnets routed to the internet")
                        .arg(s.name);
        return c;
    }
    c.message =
        s.subnets.isEmpty() ? QStringLiteral("Service %1 has no subnet").arg(s.name)
        : !missing.isEmpty()
            ? QStringLiteral("Subnet %1 of service %2 does not exist")
                  .arg(missing.join(QStringLiteral(", ")), s.name)
            : QStringLiteral("Subnet %1 of service %2 has no route to an internet gateway: its tasks get a "
                             "public IP nobody can reach, and cannot pull a public image")
                  .arg(privateOnes.join(QStringLiteral(", ")), s.name);
    c.fixSuggestion = QStringLiteral("Choose the default VPC's subnets");
    c.fixActionId = QStringLiteral("use-default-subnets");
    return c;
}

void PreflightChecker::evaluate()
{
    m_results.clear();
    QSet<QString> taskChecked;
    auto checkTask = [&](const QString &key, bool fromPlan) {
        if (taskChecked.contains(key))
            return;
        taskChecked.insert(key);
        const TaskDef td = m_taskDefs.value(key);
        if (fromPlan && td.fargate)
            m_results << checkFargateSize(td.cpu, td.memory);
        m_results << taskChecks(td);
    };
    QSet<QString> planFamilies;
    for (auto it = m_taskDefs.cbegin(); it != m_taskDefs.cend(); ++it)
        if (!m_taskDefErrors.contains(it.key()))
            planFamilies.insert(it.key());
    for (const QString &family : std::as_const(planFamilies))
        checkTask(family, true);

    for (const Service &s : std::as_const(m_services)) {
        const TaskDef td = m_taskDefs.value(s.taskDefinition);
        if (!td.known) {
            PreflightCheck c;
            c.id = QStringLiteral("task-definition");
            c.message = QStringLiteral("Task definition %1 of service %2 was not found (%3)")
                            .arg(s.taskDefinition, s.name, m_taskDefErrors.value(s.taskDefinition));
            c.fixSuggestion = QStringLiteral("Register the task definition first, or choose one that exists");
            m_results << c;
        } else {
            checkTask(s.taskDefinition, false);
            m_results << portsCheck(s, td);
        }
        m_results << publicIpCheck(s);
        for (const Database &db : std::as_const(m_databases)) {
            bool uses = false;
            for (const Container &c : td.containers)
                for (const QString &v : c.environment)
                    uses = uses ||
                           (!db.stepId.isEmpty() && v.contains(QStringLiteral("${%1.").arg(db.stepId))) ||
                           (!db.address.isEmpty() && hostsIn(v).contains(db.address));
            if (uses)
                m_results << databaseCheck(db, s);
        }
    }
    if (!m_databaseError.isEmpty()) {
        PreflightCheck c;
        c.id = QStringLiteral("database-reachable");
        c.message = QStringLiteral("Could not read the account's databases: %1").arg(m_databaseError);
        c.fixSuggestion = QStringLiteral("Check the credentials and try again");
        m_results << c;
    }
}

} // namespace plan
