// The simulated ECS in-process: clusters, task definitions (Fargate sizes),
// services through their lifecycle with ENIs and public IPs, the scheduler
// (replacement, scaling, deployments, deletion), image pull and awslogs
// failures, log streams, pagination, errors and persistence.
#include "SimTestUtil.h"

#include <QSignalSpy>

using namespace aws::sandbox;
using simtest::errorCode;
using simtest::ok;
using simtest::runFor;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QJsonObject awslogs(const QString &group, bool create)
{
    QJsonObject options{{s("awslogs-group"), group},
                        {s("awslogs-region"), s("us-east-1")},
                        {s("awslogs-stream-prefix"), s("ecs")}};
    if (create)
        options.insert(s("awslogs-create-group"), s("true"));
    return {{s("logDriver"), s("awslogs")}, {s("options"), options}};
}

QJsonObject fargateDefinition(const QString &family, const QString &cpu, const QString &memory,
                              const QString &image = s("public.ecr.aws/nginx/nginx:latest"))
{
    return {{s("family"), family},
            {s("networkMode"), s("awsvpc")},
            {s("requiresCompatibilities"), QJsonArray{s("FARGATE")}},
            {s("cpu"), cpu},
            {s("memory"), memory},
            {s("executionRoleArn"), s("arn:aws:iam::123456789012:role/LabRole")},
            {s("containerDefinitions"),
             QJsonArray{QJsonObject{{s("name"), s("web")},
                                    {s("image"), image},
                                    {s("essential"), true},
                                    {s("portMappings"), QJsonArray{QJsonObject{{s("containerPort"), 6400}}}},
                                    {s("logConfiguration"), awslogs(s("/ecs/") + family, true)}}}}};
}

} // namespace

class TestEcs : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxAccount> account;
    QString subnet;
    QString securityGroup;

    SandboxAccount &a() { return *account; }

    /// The default VPC's first subnet and a group in it: from EC2 when the
    /// base account has them, else written into the state directly.
    void findNetwork()
    {
        const auto subnets = a().call(s("ec2"), s("DescribeSubnets"), {});
        const auto groups = a().call(s("ec2"), s("DescribeSecurityGroups"), {});
        if (const auto *o = std::get_if<QJsonObject>(&subnets))
            subnet = o->value(u"Subnets").toArray().at(0).toObject().value(u"SubnetId").toString();
        if (const auto *o = std::get_if<QJsonObject>(&groups))
            securityGroup =
                o->value(u"SecurityGroups").toArray().at(0).toObject().value(u"GroupId").toString();
        if (!subnet.isEmpty() && !securityGroup.isEmpty())
            return;
        QJsonObject state = a().saveState();
        QJsonObject tables = state.value(u"tables").toObject();
        const auto put = [&](const char *table, const QString &id, const QJsonObject &record) {
            QJsonObject t = tables.value(QLatin1String(table)).toObject();
            t.insert(id, record);
            tables.insert(QLatin1String(table), t);
        };
        subnet = s("subnet-0123456789abcdef0");
        securityGroup = s("sg-0123456789abcdef0");
        put("vpcs", s("vpc-0123456789abcdef0"),
            {{s("VpcId"), s("vpc-0123456789abcdef0")}, {s("IsDefault"), true}});
        put("subnets", subnet,
            {{s("SubnetId"), subnet},
             {s("VpcId"), s("vpc-0123456789abcdef0")},
             {s("CidrBlock"), s("172.31.0.0/20")},
             {s("AvailabilityZone"), s("us-east-1a")}});
        put("securityGroups", securityGroup,
            {{s("GroupId"), securityGroup},
             {s("GroupName"), s("default")},
             {s("VpcId"), s("vpc-0123456789abcdef0")}});
        state.insert(s("tables"), tables);
        QVERIFY(a().loadState(state));
    }

    QJsonObject network(bool publicIp = true) const
    {
        return {{s("awsvpcConfiguration"),
                 QJsonObject{{s("subnets"), QJsonArray{subnet}},
                             {s("securityGroups"), QJsonArray{securityGroup}},
                             {s("assignPublicIp"), publicIp ? s("ENABLED") : s("DISABLED")}}}};
    }

    QJsonObject serviceParams(const QString &cluster, const QString &name, const QString &td, int count) const
    {
        return {{s("cluster"), cluster},         {s("serviceName"), name},
                {s("taskDefinition"), td},       {s("desiredCount"), count},
                {s("launchType"), s("FARGATE")}, {s("networkConfiguration"), network()}};
    }

    QJsonObject service(const QString &cluster, const QString &name)
    {
        return ok(a(), s("ecs"), s("DescribeServices"),
                  {{s("cluster"), cluster}, {s("services"), QJsonArray{name}}})
            .value(u"services")
            .toArray()
            .at(0)
            .toObject();
    }

    /// The tasks of a service (or cluster) with that desired status, described.
    QList<QJsonObject> tasks(const QString &cluster, const QString &serviceName,
                             const QString &desired = s("RUNNING"))
    {
        QJsonObject params{{s("cluster"), cluster}, {s("desiredStatus"), desired}};
        if (!serviceName.isEmpty())
            params.insert(s("serviceName"), serviceName);
        const QJsonArray arns = ok(a(), s("ecs"), s("ListTasks"), params).value(u"taskArns").toArray();
        if (arns.isEmpty())
            return {};
        QList<QJsonObject> out;
        for (const QJsonValue &t :
             ok(a(), s("ecs"), s("DescribeTasks"), {{s("cluster"), cluster}, {s("tasks"), arns}})
                 .value(u"tasks")
                 .toArray())
            out.append(t.toObject());
        return out;
    }

    QJsonObject task(const QString &cluster, const QString &arn)
    {
        return ok(a(), s("ecs"), s("DescribeTasks"), {{s("cluster"), cluster}, {s("tasks"), QJsonArray{arn}}})
            .value(u"tasks")
            .toArray()
            .at(0)
            .toObject();
    }

    QString detail(const QJsonObject &task, const char *name)
    {
        for (const QJsonValue &d :
             task.value(u"attachments").toArray().at(0).toObject().value(u"details").toArray())
            if (d.toObject().value(u"name").toString() == QLatin1String(name))
                return d.toObject().value(u"value").toString();
        return {};
    }

    QJsonObject table(const char *name)
    {
        return a().saveState().value(u"tables").toObject().value(QLatin1String(name)).toObject();
    }

    /// A cluster "c" with task definition "web" and a one-task service "svc", run until steady.
    void runningService()
    {
        ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("c")}});
        ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("1024"), s("2048")));
        ok(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("svc"), s("web"), 1));
        runFor(a(), 120);
    }

private slots:
    void init()
    {
        account = std::make_unique<SandboxAccount>(SandboxAccount::Options{});
        findNetwork();
    }

    void clusters()
    {
        const QJsonObject created =
            ok(a(), s("ecs"), s("CreateCluster"),
               {{s("clusterName"), s("demo")},
                {s("tags"), QJsonArray{QJsonObject{{s("key"), s("course")}, {s("value"), s("x")}}}}})
                .value(u"cluster")
                .toObject();
        QCOMPARE(created.value(u"status").toString(), s("ACTIVE"));
        QCOMPARE(created.value(u"clusterArn").toString(),
                 s("arn:aws:ecs:us-east-1:123456789012:cluster/demo"));
        // Idempotent, as at AWS.
        QCOMPARE(ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("demo")}})
                     .value(u"cluster")
                     .toObject()
                     .value(u"clusterArn"),
                 created.value(u"clusterArn"));
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("bad/name")}}),
                 s("InvalidParameterException"));
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), QString(256, u'a')}}),
                 s("InvalidParameterException"));

        // Describe by name and ARN; tags only when asked; unknown ones as failures.
        QJsonObject out =
            ok(a(), s("ecs"), s("DescribeClusters"),
               {{s("clusters"), QJsonArray{s("demo"), created.value(u"clusterArn"), s("nope")}}});
        QCOMPARE(out.value(u"clusters").toArray().size(), 2);
        QVERIFY(!out.value(u"clusters").toArray().at(0).toObject().contains(u"tags"));
        QCOMPARE(out.value(u"failures").toArray().at(0).toObject().value(u"reason").toString(), s("MISSING"));
        QCOMPARE(out.value(u"failures").toArray().at(0).toObject().value(u"arn").toString(),
                 s("arn:aws:ecs:us-east-1:123456789012:cluster/nope"));
        out = ok(
            a(), s("ecs"), s("DescribeClusters"),
            {{s("clusters"), QJsonArray{s("demo")}}, {s("include"), QJsonArray{s("TAGS"), s("SETTINGS")}}});
        const QJsonObject described = out.value(u"clusters").toArray().at(0).toObject();
        QCOMPARE(described.value(u"tags").toArray().at(0).toObject().value(u"key").toString(), s("course"));
        QCOMPARE(described.value(u"settings").toArray().at(0).toObject().value(u"name").toString(),
                 s("containerInsights"));
        QCOMPARE(described.value(u"runningTasksCount").toInt(), 0);

        QCOMPARE(ok(a(), s("ecs"), s("ListClusters")).value(u"clusterArns").toArray(),
                 QJsonArray{created.value(u"clusterArn")});
        const QJsonObject deleted =
            ok(a(), s("ecs"), s("DeleteCluster"), {{s("cluster"), s("demo")}}).value(u"cluster").toObject();
        QCOMPARE(deleted.value(u"status").toString(), s("INACTIVE"));
        QVERIFY(ok(a(), s("ecs"), s("ListClusters")).value(u"clusterArns").toArray().isEmpty());
        out = ok(a(), s("ecs"), s("DescribeClusters"), {{s("clusters"), QJsonArray{s("demo")}}});
        QCOMPARE(out.value(u"clusters").toArray().at(0).toObject().value(u"status").toString(),
                 s("INACTIVE"));
        aws::AwsError e;
        QCOMPARE(errorCode(a(), s("ecs"), s("DeleteCluster"), {{s("cluster"), s("nope")}}, &e),
                 s("ClusterNotFoundException"));
        QCOMPARE(e.message, s("Cluster not found."));
        QCOMPARE(errorCode(a(), s("ecs"), s("ListServices"), {{s("cluster"), s("nope")}}),
                 s("ClusterNotFoundException"));
        // A deleted name can be created again.
        QCOMPARE(ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("demo")}})
                     .value(u"cluster")
                     .toObject()
                     .value(u"status")
                     .toString(),
                 s("ACTIVE"));
    }

    void fargateSizes_data()
    {
        QTest::addColumn<QString>("cpu");
        QTest::addColumn<QString>("memory");
        QTest::addColumn<QString>("error"); ///< "" when valid
        QTest::newRow("256/512") << "256"
                                 << "512"
                                 << "";
        QTest::newRow("256/2048") << "256"
                                  << "2048"
                                  << "";
        QTest::newRow("512/4096") << "512"
                                  << "4096"
                                  << "";
        QTest::newRow("1024/2048 (the practical)") << "1024"
                                                   << "2048"
                                                   << "";
        QTest::newRow("1 vCPU/2 GB") << "1 vCPU"
                                     << "2 GB"
                                     << "";
        QTest::newRow("4096/30720") << "4096"
                                    << "30720"
                                    << "";
        QTest::newRow("8192/20480") << "8192"
                                    << "20480"
                                    << "";
        QTest::newRow("16384/122880") << "16384"
                                      << "122880"
                                      << "";
        QTest::newRow("300/512") << "300"
                                 << "512"
                                 << "Invalid 'cpu' setting for task.";
        QTest::newRow("3072/8192") << "3072"
                                   << "8192"
                                   << "Invalid 'cpu' setting for task.";
        QTest::newRow("256/4096") << "256"
                                  << "4096"
                                  << "Invalid 'memory' setting for task.";
        QTest::newRow("1024/1024") << "1024"
                                   << "1024"
                                   << "Invalid 'memory' setting for task.";
        QTest::newRow("512/5120") << "512"
                                  << "5120"
                                  << "Invalid 'memory' setting for task.";
        QTest::newRow("8192/18432 (off the 4 GB step)") << "8192"
                                                        << "18432"
                                                        << "Invalid 'memory' setting for task.";
    }

    void fargateSizes()
    {
        QFETCH(QString, cpu);
        QFETCH(QString, memory);
        QFETCH(QString, error);
        aws::AwsError e;
        const QString code = errorCode(a(), s("ecs"), s("RegisterTaskDefinition"),
                                       fargateDefinition(s("size"), cpu, memory), &e);
        if (error.isEmpty()) {
            QVERIFY2(code.isEmpty(), qPrintable(e.message));
            const QJsonObject td =
                ok(a(), s("ecs"), s("DescribeTaskDefinition"), {{s("taskDefinition"), s("size")}})
                    .value(u"taskDefinition")
                    .toObject();
            QCOMPARE(td.value(u"compatibilities").toArray(), (QJsonArray{s("EC2"), s("FARGATE")}));
            QVERIFY(!td.value(u"cpu").toString().contains(u' ')); // "1 vCPU" is stored as units
        } else {
            QCOMPARE(code, s("ClientException"));
            QCOMPARE(e.message, error);
        }
    }

    void taskDefinitions()
    {
        const QJsonObject first =
            ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("256"), s("512")))
                .value(u"taskDefinition")
                .toObject();
        QCOMPARE(first.value(u"revision").toInt(), 1);
        QCOMPARE(first.value(u"status").toString(), s("ACTIVE"));
        QCOMPARE(first.value(u"taskDefinitionArn").toString(),
                 s("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"));
        const QJsonObject port = first.value(u"containerDefinitions")
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(u"portMappings")
                                     .toArray()
                                     .at(0)
                                     .toObject();
        QCOMPARE(port.value(u"hostPort").toInt(), 6400); // awsvpc: host port = container port
        QCOMPARE(port.value(u"protocol").toString(), s("tcp"));
        QVERIFY(QJsonDocument(first.value(u"requiresAttributes").toArray())
                    .toJson()
                    .contains("ecs.capability.task-eni"));
        ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("512"), s("1024")));

        // By family (latest ACTIVE), family:revision and ARN.
        const auto describe = [&](const QString &ref) {
            return ok(a(), s("ecs"), s("DescribeTaskDefinition"), {{s("taskDefinition"), ref}})
                .value(u"taskDefinition")
                .toObject();
        };
        QCOMPARE(describe(s("web")).value(u"revision").toInt(), 2);
        QCOMPARE(describe(s("web:1")).value(u"cpu").toString(), s("256"));
        QCOMPARE(describe(first.value(u"taskDefinitionArn").toString()).value(u"revision").toInt(), 1);
        aws::AwsError e;
        QCOMPARE(
            errorCode(a(), s("ecs"), s("DescribeTaskDefinition"), {{s("taskDefinition"), s("nope:9")}}, &e),
            s("ClientException"));
        QCOMPARE(e.message, s("Unable to describe task definition."));

        // Deregister: INACTIVE, still describable by revision, no longer the family's latest.
        QCOMPARE(ok(a(), s("ecs"), s("DeregisterTaskDefinition"), {{s("taskDefinition"), s("web:2")}})
                     .value(u"taskDefinition")
                     .toObject()
                     .value(u"status")
                     .toString(),
                 s("INACTIVE"));
        QCOMPARE(describe(s("web:2")).value(u"status").toString(), s("INACTIVE"));
        QCOMPARE(describe(s("web")).value(u"revision").toInt(), 1);
        QCOMPARE(
            errorCode(a(), s("ecs"), s("DeregisterTaskDefinition"), {{s("taskDefinition"), s("nope:1")}}),
            s("ClientException"));
        QVERIFY(!errorCode(a(), s("ecs"), s("DeregisterTaskDefinition"), {{s("taskDefinition"), s("web")}})
                     .isEmpty());
        // A new registration continues the family's numbering.
        QCOMPARE(
            ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("256"), s("512")))
                .value(u"taskDefinition")
                .toObject()
                .value(u"revision")
                .toInt(),
            3);

        ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("api"), s("256"), s("512")));
        const auto list = [&](const QJsonObject &p) {
            return ok(a(), s("ecs"), s("ListTaskDefinitions"), p).value(u"taskDefinitionArns").toArray();
        };
        QCOMPARE(list({}).size(), 3);
        QVERIFY(list({}).at(0).toString().endsWith(u"/api:1"));
        QCOMPARE(list({{s("familyPrefix"), s("web")}}).size(), 2);
        QVERIFY(list({{s("familyPrefix"), s("web")}, {s("sort"), s("DESC")}})
                    .at(0)
                    .toString()
                    .endsWith(u"/web:3"));
        QCOMPARE(list({{s("status"), s("INACTIVE")}}).size(), 1);
    }

    void taskDefinitionRules()
    {
        const auto refused = [&](QJsonObject td, const QString &code = s("ClientException")) {
            aws::AwsError e;
            const QString got = errorCode(a(), s("ecs"), s("RegisterTaskDefinition"), td, &e);
            if (got != code)
                qWarning() << "got" << got << e.message;
            return got == code ? e.message : QString();
        };
        QJsonObject td = fargateDefinition(s("bad family"), s("256"), s("512"));
        QVERIFY(!refused(td).isEmpty());
        td = fargateDefinition(s("web"), s("256"), s("512"));
        td.insert(s("networkMode"), s("bridge"));
        QCOMPARE(refused(td), s("Fargate only supports network mode 'awsvpc'."));
        td = fargateDefinition(s("web"), s("256"), s("512"));
        td.remove(s("cpu"));
        QCOMPARE(refused(td), s("Fargate requires that 'cpu' be defined at the task level."));
        td = fargateDefinition(s("web"), s("256"), s("512"));
        td.remove(s("executionRoleArn"));
        QCOMPARE(
            refused(td),
            s("Fargate requires task definition to have execution role ARN to support log driver awslogs."));
        td = fargateDefinition(s("web"), s("256"), s("512"));
        td.insert(s("executionRoleArn"), s("arn:aws:iam::123456789012:role/NoSuchRole"));
        QCOMPARE(refused(td), s("Role is not valid"));
        td = fargateDefinition(s("web"), s("256"), s("512"));
        QJsonArray containers = td.value(u"containerDefinitions").toArray();
        QJsonObject c = containers.at(0).toObject();
        c.insert(s("name"), s("web/1"));
        td.insert(s("containerDefinitions"), QJsonArray{c});
        QVERIFY(!refused(td).isEmpty());
        c.insert(s("name"), s("web"));
        c.insert(s("portMappings"), QJsonArray{QJsonObject{{s("containerPort"), 80}, {s("hostPort"), 8080}}});
        td.insert(s("containerDefinitions"), QJsonArray{c});
        QVERIFY(refused(td).contains(u"host ports and container ports"));
        c.remove(s("portMappings"));
        td.insert(s("containerDefinitions"), QJsonArray{c, c});
        QVERIFY(refused(td).contains(u"Duplicate container name"));
        c.insert(s("essential"), false);
        td.insert(s("containerDefinitions"), QJsonArray{c});
        QVERIFY(refused(td).contains(u"essential"));
        td = fargateDefinition(s("web"), s("256"), s("512"));
        td.insert(s("tags"), QJsonArray{QJsonObject{{s("key"), s("aws:x")}, {s("value"), s("y")}}});
        QVERIFY(!refused(td, s("InvalidParameterException")).isEmpty());
        // Another account's role is not ECS's to judge; nothing was registered by the refusals.
        td = fargateDefinition(s("web"), s("256"), s("512"));
        td.insert(s("taskRoleArn"), s("arn:aws:iam::210987654321:role/Other"));
        QCOMPARE(ok(a(), s("ecs"), s("RegisterTaskDefinition"), td)
                     .value(u"taskDefinition")
                     .toObject()
                     .value(u"revision")
                     .toInt(),
                 1);
        // EC2-only definitions: container memory needed without task memory.
        QJsonObject ec2{{s("family"), s("legacy")},
                        {s("containerDefinitions"),
                         QJsonArray{QJsonObject{{s("name"), s("app")}, {s("image"), s("nginx")}}}}};
        QVERIFY(refused(ec2).contains(u"memory"));
        ec2.insert(
            s("containerDefinitions"),
            QJsonArray{QJsonObject{{s("name"), s("app")}, {s("image"), s("nginx")}, {s("memory"), 256}}});
        QCOMPARE(ok(a(), s("ecs"), s("RegisterTaskDefinition"), ec2)
                     .value(u"taskDefinition")
                     .toObject()
                     .value(u"compatibilities")
                     .toArray(),
                 QJsonArray{s("EC2")});
    }

    void serviceLifecycle()
    {
        QSignalSpy spy(account.get(), &SandboxAccount::taskAddressChanged);
        ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("c")}});
        ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("1024"), s("2048")));
        const QJsonObject created =
            ok(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("svc"), s("web"), 1))
                .value(u"service")
                .toObject();
        QCOMPARE(created.value(u"status").toString(), s("ACTIVE"));
        QCOMPARE(created.value(u"deploymentConfiguration").toObject().value(u"maximumPercent").toInt(), 200);
        QCOMPARE(created.value(u"deploymentConfiguration").toObject().value(u"minimumHealthyPercent").toInt(),
                 100);
        const QJsonObject deployment = created.value(u"deployments").toArray().at(0).toObject();
        QCOMPARE(deployment.value(u"status").toString(), s("PRIMARY"));
        QCOMPARE(deployment.value(u"rolloutState").toString(), s("IN_PROGRESS"));
        QVERIFY(deployment.value(u"id").toString().startsWith(u"ecs-svc/"));

        // The scheduler starts the task: PROVISIONING first, no ENI yet.
        runFor(a(), 1, 1);
        QList<QJsonObject> running = tasks(s("c"), s("svc"));
        QCOMPARE(running.size(), 1);
        QJsonObject t = running.first();
        QCOMPARE(t.value(u"lastStatus").toString(), s("PROVISIONING"));
        QCOMPARE(t.value(u"startedBy").toString(), deployment.value(u"id").toString());
        QCOMPARE(t.value(u"group").toString(), s("service:svc"));
        QVERIFY(detail(t, "networkInterfaceId").isEmpty());
        const QString arn = t.value(u"taskArn").toString();
        QVERIFY(arn.startsWith(u"arn:aws:ecs:us-east-1:123456789012:task/c/"));

        // Through PENDING and ACTIVATING to RUNNING within a minute or so.
        QStringList seen{s("PROVISIONING")};
        for (int i = 0; i < 24 && t.value(u"lastStatus").toString() != u"RUNNING"; ++i) {
            runFor(a(), 5);
            t = task(s("c"), arn);
            if (!seen.contains(t.value(u"lastStatus").toString()))
                seen << t.value(u"lastStatus").toString();
        }
        QCOMPARE(seen, (QStringList{s("PROVISIONING"), s("PENDING"), s("ACTIVATING"), s("RUNNING")}));
        QVERIFY(t.contains(u"startedAt"));
        QVERIFY(t.value(u"pullStoppedAt").toDouble() >= t.value(u"pullStartedAt").toDouble());

        // The ENI, as EC2 reports it, with the public IP the signal announced.
        const QString eniId = detail(t, "networkInterfaceId");
        QVERIFY(eniId.startsWith(u"eni-"));
        QCOMPARE(eniId.size(), 21);
        const QJsonObject eni =
            ok(a(), s("ec2"), s("DescribeNetworkInterfaces"), {{s("NetworkInterfaceIds"), QJsonArray{eniId}}})
                .value(u"NetworkInterfaces")
                .toArray()
                .at(0)
                .toObject();
        QCOMPARE(eni.value(u"SubnetId").toString(), subnet);
        QCOMPARE(eni.value(u"PrivateIpAddress").toString(), detail(t, "privateIPv4Address"));
        QCOMPARE(eni.value(u"InterfaceType").toString(), s("interface"));
        QVERIFY(eni.value(u"Description")
                    .toString()
                    .startsWith(u"arn:aws:ecs:us-east-1:123456789012:attachment/"));
        QCOMPARE(eni.value(u"Groups").toArray().at(0).toObject().value(u"GroupId").toString(), securityGroup);
        const QString publicIp = eni.value(u"Association").toObject().value(u"PublicIp").toString();
        QVERIFY(publicIp.startsWith(u"127."));
        QVERIFY(eni.value(u"Association")
                    .toObject()
                    .value(u"PublicDnsName")
                    .toString()
                    .endsWith(u"compute-1.amazonaws.com"));
        QCOMPARE(t.value(u"containers")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"networkInterfaces")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"privateIpv4Address")
                     .toString(),
                 detail(t, "privateIPv4Address"));
        QCOMPARE(spy.size(), 1);
        const auto address = spy.at(0).at(0).value<TaskAddress>();
        QCOMPARE(address.publicIp, publicIp);
        QCOMPARE(address.taskArn, arn);
        QCOMPARE(address.ports, QList<int>{6400});
        QVERIFY(spy.at(0).at(1).toBool());
        QCOMPARE(a().taskAddresses().size(), 1);

        // The service settles: counts, COMPLETED rollout, the events a user reads.
        runFor(a(), 30);
        const QJsonObject svc = service(s("c"), s("svc"));
        QCOMPARE(svc.value(u"runningCount").toInt(), 1);
        QCOMPARE(svc.value(u"pendingCount").toInt(), 0);
        QCOMPARE(svc.value(u"deployments").toArray().at(0).toObject().value(u"rolloutState").toString(),
                 s("COMPLETED"));
        QCOMPARE(svc.value(u"deployments").toArray().at(0).toObject().value(u"runningCount").toInt(), 1);
        const QJsonArray events = svc.value(u"events").toArray();
        QCOMPARE(events.first().toObject().value(u"message").toString(),
                 s("(service svc) has reached a steady state."));
        QCOMPARE(events.last().toObject().value(u"message").toString(),
                 QStringLiteral("(service svc) has started 1 tasks: (task %1).").arg(arn.section(u'/', -1)));
        const QJsonObject cluster =
            ok(a(), s("ecs"), s("DescribeClusters"), {{s("clusters"), QJsonArray{s("c")}}})
                .value(u"clusters")
                .toArray()
                .at(0)
                .toObject();
        QCOMPARE(cluster.value(u"runningTasksCount").toInt(), 1);
        QCOMPARE(cluster.value(u"activeServicesCount").toInt(), 1);

        // awslogs: the group was created and the stream holds startup and request lines.
        runFor(a(), 600, 30);
        QVERIFY(table("logGroups").contains(s("/ecs/web")));
        QCOMPARE(table("logGroups").value(s("/ecs/web")).toObject().value(u"arn").toString(),
                 s("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*"));
        const QJsonObject stream =
            table("logStreams").value(s("/ecs/web\necs/web/") + arn.section(u'/', -1)).toObject();
        QCOMPARE(stream.value(u"logStreamName").toString(), s("ecs/web/") + arn.section(u'/', -1));
        const QJsonArray logEvents = stream.value(u"_events").toArray();
        QVERIFY(logEvents.size() > 5);
        QVERIFY(logEvents.first().toObject().value(u"message").toString().contains(u"gunicorn") ||
                logEvents.first().toObject().value(u"message").toString().contains(u"docker-entrypoint"));
        QVERIFY(logEvents.last().toObject().value(u"message").toString().contains(u"\"GET "));
        QCOMPARE(stream.value(u"lastEventTimestamp").toInteger(),
                 logEvents.last().toObject().value(u"timestamp").toInteger());
        const auto events2 = a().call(
            s("logs"), s("GetLogEvents"),
            {{s("logGroupName"), s("/ecs/web")}, {s("logStreamName"), stream.value(u"logStreamName")}});
        if (const auto *o = std::get_if<QJsonObject>(&events2))
            QVERIFY(!o->value(u"events").toArray().isEmpty());
    }

    void replacementAndScaling()
    {
        QSignalSpy spy(account.get(), &SandboxAccount::taskAddressChanged);
        runningService();
        const QJsonObject first = tasks(s("c"), s("svc")).first();
        const QString firstArn = first.value(u"taskArn").toString();
        const QString firstEni = detail(first, "networkInterfaceId");
        QCOMPARE(spy.size(), 1);

        // A stopped task: user's reason, DEACTIVATING at once, the address goes away, a replacement starts.
        const QJsonObject stopped =
            ok(a(), s("ecs"), s("StopTask"),
               {{s("cluster"), s("c")}, {s("task"), firstArn}, {s("reason"), s("testing")}})
                .value(u"task")
                .toObject();
        QCOMPARE(stopped.value(u"desiredStatus").toString(), s("STOPPED"));
        QCOMPARE(stopped.value(u"lastStatus").toString(), s("DEACTIVATING"));
        QCOMPARE(stopped.value(u"stopCode").toString(), s("UserInitiated"));
        QCOMPARE(stopped.value(u"stoppedReason").toString(), s("testing"));
        QCOMPARE(spy.size(), 2);
        QVERIFY(!spy.at(1).at(1).toBool());
        runFor(a(), 120);
        const QJsonObject gone = task(s("c"), firstArn);
        QCOMPARE(gone.value(u"lastStatus").toString(), s("STOPPED"));
        QVERIFY(gone.contains(u"stoppedAt"));
        QCOMPARE(gone.value(u"containers").toArray().at(0).toObject().value(u"exitCode").toInt(), 0);
        QCOMPARE(errorCode(a(), s("ec2"), s("DescribeNetworkInterfaces"),
                           {{s("NetworkInterfaceIds"), QJsonArray{firstEni}}}),
                 s("InvalidNetworkInterfaceID.NotFound"));
        QList<QJsonObject> now = tasks(s("c"), s("svc"));
        QCOMPARE(now.size(), 1);
        QVERIFY(now.first().value(u"taskArn").toString() != firstArn);
        QCOMPARE(now.first().value(u"lastStatus").toString(), s("RUNNING"));
        QCOMPARE(spy.size(), 3); // the replacement's new address
        QVERIFY(spy.at(2).at(0).value<TaskAddress>().publicIp !=
                spy.at(0).at(0).value<TaskAddress>().publicIp);
        QCOMPARE(tasks(s("c"), s("svc"), s("STOPPED")).size(), 1);

        // Scale out to 3, then in to 1: extras stop with the scheduler's reason.
        QCOMPARE(ok(a(), s("ecs"), s("UpdateService"),
                    {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("desiredCount"), 3}})
                     .value(u"service")
                     .toObject()
                     .value(u"desiredCount")
                     .toInt(),
                 3);
        runFor(a(), 120);
        QCOMPARE(service(s("c"), s("svc")).value(u"runningCount").toInt(), 3);
        ok(a(), s("ecs"), s("UpdateService"),
           {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("desiredCount"), 1}});
        runFor(a(), 60);
        QCOMPARE(service(s("c"), s("svc")).value(u"runningCount").toInt(), 1);
        const QList<QJsonObject> scaledIn = tasks(s("c"), s("svc"), s("STOPPED"));
        QCOMPARE(scaledIn.size(), 3);
        int scaling = 0;
        for (const QJsonObject &t : scaledIn)
            if (t.value(u"stoppedReason")
                    .toString()
                    .startsWith(u"Scaling activity initiated by (deployment ecs-svc/")) {
                ++scaling;
                QCOMPARE(t.value(u"stopCode").toString(), s("ServiceSchedulerInitiated"));
            }
        QCOMPARE(scaling, 2);
        QVERIFY(service(s("c"), s("svc"))
                    .value(u"events")
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(u"message")
                    .toString()
                    .contains(u"steady state"));

        // STOPPED tasks are dropped after an hour.
        runFor(a(), 3700, 60);
        QVERIFY(tasks(s("c"), s("svc"), s("STOPPED")).isEmpty());
        QCOMPARE(ok(a(), s("ecs"), s("DescribeTasks"),
                    {{s("cluster"), s("c")}, {s("tasks"), QJsonArray{firstArn}}})
                     .value(u"failures")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"reason")
                     .toString(),
                 s("MISSING"));
    }

    void newDeployment()
    {
        runningService();
        const QString oldArn = tasks(s("c"), s("svc")).first().value(u"taskArn").toString();
        ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("512"), s("1024")));
        const QJsonObject updated =
            ok(a(), s("ecs"), s("UpdateService"),
               {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("taskDefinition"), s("web:2")}})
                .value(u"service")
                .toObject();
        QCOMPARE(updated.value(u"deployments").toArray().size(), 2);
        QCOMPARE(updated.value(u"deployments").toArray().at(1).toObject().value(u"status").toString(),
                 s("ACTIVE"));
        runFor(a(), 180);
        const QJsonObject svc = service(s("c"), s("svc"));
        QCOMPARE(svc.value(u"deployments").toArray().size(), 1);
        QVERIFY(svc.value(u"taskDefinition").toString().endsWith(u"web:2"));
        QCOMPARE(svc.value(u"deployments").toArray().at(0).toObject().value(u"rolloutState").toString(),
                 s("COMPLETED"));
        const QList<QJsonObject> now = tasks(s("c"), s("svc"));
        QCOMPARE(now.size(), 1);
        QVERIFY(now.first().value(u"taskDefinitionArn").toString().endsWith(u"web:2"));
        QCOMPARE(task(s("c"), oldArn).value(u"lastStatus").toString(), s("STOPPED"));
        // forceNewDeployment replaces the task with the same definition.
        ok(a(), s("ecs"), s("UpdateService"),
           {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("forceNewDeployment"), true}});
        runFor(a(), 180);
        QVERIFY(tasks(s("c"), s("svc")).first().value(u"taskArn") != now.first().value(u"taskArn"));
    }

    void deleteFlow()
    {
        runningService();
        aws::AwsError e;
        QCOMPARE(errorCode(a(), s("ecs"), s("DeleteCluster"), {{s("cluster"), s("c")}}),
                 s("ClusterContainsServicesException"));
        QCOMPARE(errorCode(a(), s("ecs"), s("DeleteService"),
                           {{s("cluster"), s("c")}, {s("service"), s("svc")}}, &e),
                 s("InvalidParameterException"));
        QCOMPARE(e.message, s("The service cannot be stopped while it is scaled above 0."));
        const QJsonObject draining =
            ok(a(), s("ecs"), s("DeleteService"),
               {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("force"), true}})
                .value(u"service")
                .toObject();
        QCOMPARE(draining.value(u"status").toString(), s("DRAINING"));
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("svc"), s("web"), 1)),
                 s("InvalidParameterException"));
        QCOMPARE(errorCode(a(), s("ecs"), s("UpdateService"),
                           {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("desiredCount"), 1}}),
                 s("ServiceNotActiveException"));
        runFor(a(), 120);
        QCOMPARE(service(s("c"), s("svc")).value(u"status").toString(), s("INACTIVE"));
        QVERIFY(tasks(s("c"), s("svc")).isEmpty());
        QVERIFY(ok(a(), s("ecs"), s("ListServices"), {{s("cluster"), s("c")}})
                    .value(u"serviceArns")
                    .toArray()
                    .isEmpty());
        QCOMPARE(errorCode(a(), s("ecs"), s("DeleteService"),
                           {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("force"), true}}),
                 s("ServiceNotFoundException"));

        // A standalone task keeps the cluster too, until it stops.
        const QJsonObject run = ok(a(), s("ecs"), s("RunTask"),
                                   {{s("cluster"), s("c")},
                                    {s("taskDefinition"), s("web")},
                                    {s("launchType"), s("FARGATE")},
                                    {s("networkConfiguration"), network(false)}});
        const QString arn = run.value(u"tasks").toArray().at(0).toObject().value(u"taskArn").toString();
        QCOMPARE(errorCode(a(), s("ecs"), s("DeleteCluster"), {{s("cluster"), s("c")}}),
                 s("ClusterContainsTasksException"));
        ok(a(), s("ecs"), s("StopTask"), {{s("cluster"), s("c")}, {s("task"), arn}});
        QCOMPARE(task(s("c"), arn).value(u"stoppedReason").toString(), s("Task stopped by user"));
        runFor(a(), 60);
        QCOMPARE(ok(a(), s("ecs"), s("DeleteCluster"), {{s("cluster"), s("c")}})
                     .value(u"cluster")
                     .toObject()
                     .value(u"status")
                     .toString(),
                 s("INACTIVE"));
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("svc2"), s("web"), 1)),
                 s("ClusterNotFoundException"));
    }

    void imagePullFailure()
    {
        ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("c")}});
        const QString image = s("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1");
        ok(a(), s("ecs"), s("RegisterTaskDefinition"),
           fargateDefinition(s("ecr"), s("256"), s("512"), image));
        const QJsonObject run = ok(a(), s("ecs"), s("RunTask"),
                                   {{s("cluster"), s("c")},
                                    {s("taskDefinition"), s("ecr")},
                                    {s("launchType"), s("FARGATE")},
                                    {s("networkConfiguration"), network()}});
        QCOMPARE(run.value(u"tasks").toArray().at(0).toObject().value(u"lastStatus").toString(),
                 s("PROVISIONING"));
        const QString arn = run.value(u"tasks").toArray().at(0).toObject().value(u"taskArn").toString();
        QSignalSpy spy(account.get(), &SandboxAccount::taskAddressChanged);
        runFor(a(), 90);
        const QJsonObject t = task(s("c"), arn);
        QCOMPARE(t.value(u"lastStatus").toString(), s("STOPPED"));
        QCOMPARE(t.value(u"stopCode").toString(), s("TaskFailedToStart"));
        const QString reason =
            QStringLiteral("CannotPullContainerError: pull image manifest has been retried 5 time(s): "
                           "failed to resolve ref %1: not found")
                .arg(image);
        QCOMPARE(t.value(u"stoppedReason").toString(), reason);
        QVERIFY(t.value(u"containers")
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(u"reason")
                    .toString()
                    .startsWith(u"CannotPullContainerError"));
        QVERIFY(!t.contains(u"startedAt"));
        QCOMPARE(spy.size(), 0); // never RUNNING, never reachable

        // A service on that image keeps failing and says so; the deployment counts the failures.
        ok(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("svc"), s("ecr"), 1));
        runFor(a(), 600, 10);
        const QJsonObject svc = service(s("c"), s("svc"));
        QVERIFY(svc.value(u"deployments").toArray().at(0).toObject().value(u"failedTasks").toInt() >= 3);
        QCOMPARE(svc.value(u"runningCount").toInt(), 0);
        QVERIFY(QJsonDocument(svc.value(u"events").toArray())
                    .toJson()
                    .contains("unable to consistently start tasks"));

        // Once pushed, the image pulls.
        ok(a(), s("ecr"), s("CreateRepository"), {{s("repositoryName"), s("web")}});
        StoredImage pushed;
        pushed.repository = s("web");
        pushed.digest = s("sha256:") + QString(64, u'a');
        pushed.tags = QStringList{s("v1")};
        pushed.mediaType = s("application/vnd.docker.distribution.manifest.v2+json");
        pushed.manifest = "{}";
        pushed.pushedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(!a().putImage(pushed, s("v1")));
        if (!a().findImage(s("web"), s("v1")))
            QSKIP("the ECR simulation does not record images yet");
        runFor(a(), 600, 10);
        QCOMPARE(service(s("c"), s("svc")).value(u"runningCount").toInt(), 1);
    }

    void missingLogGroup()
    {
        ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("c")}});
        QJsonObject td = fargateDefinition(s("nolog"), s("256"), s("512"));
        QJsonArray containers = td.value(u"containerDefinitions").toArray();
        QJsonObject c = containers.at(0).toObject();
        c.insert(s("logConfiguration"), awslogs(s("/never/created"), false));
        td.insert(s("containerDefinitions"), QJsonArray{c});
        ok(a(), s("ecs"), s("RegisterTaskDefinition"), td);
        const QString arn = ok(a(), s("ecs"), s("RunTask"),
                               {{s("cluster"), s("c")},
                                {s("taskDefinition"), s("nolog")},
                                {s("launchType"), s("FARGATE")},
                                {s("networkConfiguration"), network()}})
                                .value(u"tasks")
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(u"taskArn")
                                .toString();
        runFor(a(), 90);
        const QJsonObject t = task(s("c"), arn);
        QCOMPARE(t.value(u"lastStatus").toString(), s("STOPPED"));
        QVERIFY(t.value(u"stoppedReason")
                    .toString()
                    .startsWith(u"ResourceInitializationError: failed to validate logger args:"));
        QVERIFY(t.value(u"stoppedReason").toString().contains(u"The specified log group does not exist."));
        QVERIFY(!table("logGroups").contains(s("/never/created")));
    }

    void pagination()
    {
        ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("c")}});
        ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("256"), s("512")));
        for (int i = 0; i < 12; ++i)
            ok(a(), s("ecs"), s("CreateService"),
               serviceParams(s("c"), QStringLiteral("svc-%1").arg(i, 2, 10, QLatin1Char('0')), s("web"), 0));
        QJsonObject page = ok(a(), s("ecs"), s("ListServices"), {{s("cluster"), s("c")}});
        QCOMPARE(page.value(u"serviceArns").toArray().size(), 10); // ECS's default page
        QJsonObject rest = ok(a(), s("ecs"), s("ListServices"),
                              {{s("cluster"), s("c")}, {s("nextToken"), page.value(u"nextToken")}});
        QCOMPARE(rest.value(u"serviceArns").toArray().size(), 2);
        QVERIFY(!rest.contains(u"nextToken"));
        page = ok(a(), s("ecs"), s("ListServices"), {{s("cluster"), s("c")}, {s("maxResults"), 5}});
        QCOMPARE(page.value(u"serviceArns").toArray().size(), 5);
        QCOMPARE(errorCode(a(), s("ecs"), s("ListServices"),
                           {{s("cluster"), s("c")}, {s("nextToken"), s("garbage!!")}}),
                 s("InvalidParameterException"));
        QCOMPARE(
            errorCode(a(), s("ecs"), s("ListServices"), {{s("cluster"), s("c")}, {s("maxResults"), 101}}),
            s("InvalidParameterException"));

        // DescribeServices: at most 10 names.
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(QStringLiteral("svc-%1").arg(i, 2, 10, QLatin1Char('0')));
        QCOMPARE(errorCode(a(), s("ecs"), s("DescribeServices"),
                           {{s("cluster"), s("c")}, {s("services"), eleven}}),
                 s("InvalidParameterException"));

        // ListTasks pages too, and filters by family and startedBy.
        ok(a(), s("ecs"), s("RunTask"),
           {{s("cluster"), s("c")},
            {s("taskDefinition"), s("web")},
            {s("count"), 7},
            {s("startedBy"), s("me")},
            {s("launchType"), s("FARGATE")},
            {s("networkConfiguration"), network()}});
        page = ok(a(), s("ecs"), s("ListTasks"), {{s("cluster"), s("c")}, {s("maxResults"), 4}});
        QCOMPARE(page.value(u"taskArns").toArray().size(), 4);
        QCOMPARE(ok(a(), s("ecs"), s("ListTasks"),
                    {{s("cluster"), s("c")}, {s("nextToken"), page.value(u"nextToken")}})
                     .value(u"taskArns")
                     .toArray()
                     .size(),
                 3);
        QCOMPARE(ok(a(), s("ecs"), s("ListTasks"), {{s("cluster"), s("c")}, {s("startedBy"), s("me")}})
                     .value(u"taskArns")
                     .toArray()
                     .size(),
                 7);
        QCOMPARE(ok(a(), s("ecs"), s("ListTasks"), {{s("cluster"), s("c")}, {s("family"), s("other")}})
                     .value(u"taskArns")
                     .toArray()
                     .size(),
                 0);
        QCOMPARE(
            errorCode(a(), s("ecs"), s("ListTasks"), {{s("cluster"), s("c")}, {s("serviceName"), s("nope")}}),
            s("ServiceNotFoundException"));
        QCOMPARE(errorCode(a(), s("ecs"), s("RunTask"),
                           {{s("cluster"), s("c")},
                            {s("taskDefinition"), s("web")},
                            {s("count"), 11},
                            {s("launchType"), s("FARGATE")},
                            {s("networkConfiguration"), network()}}),
                 s("InvalidParameterException"));
    }

    void serviceErrors()
    {
        ok(a(), s("ecs"), s("CreateCluster"), {{s("clusterName"), s("c")}});
        ok(a(), s("ecs"), s("RegisterTaskDefinition"), fargateDefinition(s("web"), s("256"), s("512")));
        aws::AwsError e;
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateService"), serviceParams(s("nope"), s("x"), s("web"), 1)),
                 s("ClusterNotFoundException"));
        QCOMPARE(
            errorCode(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("x"), s("nope"), 1), &e),
            s("ClientException"));
        QCOMPARE(e.message, s("TaskDefinition not found."));
        QCOMPARE(
            errorCode(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("bad name"), s("web"), 1)),
            s("InvalidParameterException"));
        QJsonObject p = serviceParams(s("c"), s("x"), s("web"), 1);
        p.remove(s("networkConfiguration"));
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateService"), p, &e), s("InvalidParameterException"));
        QVERIFY(e.message.contains(u"Network Configuration must be provided"));
        p.insert(s("networkConfiguration"),
                 QJsonObject{{s("awsvpcConfiguration"),
                              QJsonObject{{s("subnets"), QJsonArray{s("subnet-00000000000000000")}}}}});
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateService"), p, &e), s("InvalidParameterException"));
        QVERIFY(e.message.contains(u"subnet-00000000000000000"));
        p.insert(s("networkConfiguration"),
                 QJsonObject{{s("awsvpcConfiguration"),
                              QJsonObject{{s("subnets"), QJsonArray{subnet}},
                                          {s("securityGroups"), QJsonArray{s("sg-00000000000000000")}}}}});
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateService"), p, &e), s("InvalidParameterException"));
        QVERIFY(e.message.contains(u"sg-00000000000000000"));
        ok(a(), s("ecs"), s("RegisterTaskDefinition"),
           QJsonObject{
               {s("family"), s("ec2only")},
               {s("containerDefinitions"),
                QJsonArray{QJsonObject{{s("name"), s("a")}, {s("image"), s("nginx")}, {s("memory"), 128}}}}});
        QCOMPARE(
            errorCode(a(), s("ecs"), s("CreateService"), serviceParams(s("c"), s("x"), s("ec2only"), 1), &e),
            s("InvalidParameterException"));
        QCOMPARE(e.message, s("Task definition does not support launch_type FARGATE."));

        // clientToken makes a retry safe; a different request with the same name is not idempotent.
        p = serviceParams(s("c"), s("svc"), s("web"), 1);
        p.insert(s("clientToken"), s("token-1"));
        const QJsonValue arn =
            ok(a(), s("ecs"), s("CreateService"), p).value(u"service").toObject().value(u"serviceArn");
        QCOMPARE(ok(a(), s("ecs"), s("CreateService"), p).value(u"service").toObject().value(u"serviceArn"),
                 arn);
        QCOMPARE(ok(a(), s("ecs"), s("ListServices"), {{s("cluster"), s("c")}})
                     .value(u"serviceArns")
                     .toArray()
                     .size(),
                 1);
        p.insert(s("clientToken"), s("token-2"));
        QCOMPARE(errorCode(a(), s("ecs"), s("CreateService"), p, &e), s("InvalidParameterException"));
        QCOMPARE(e.message, s("Creation of service was not idempotent."));

        QCOMPARE(errorCode(a(), s("ecs"), s("UpdateService"),
                           {{s("cluster"), s("c")}, {s("service"), s("nope")}, {s("desiredCount"), 1}}),
                 s("ServiceNotFoundException"));
        QCOMPARE(
            errorCode(a(), s("ecs"), s("UpdateService"),
                      {{s("cluster"), s("c")}, {s("service"), s("svc")}, {s("taskDefinition"), s("nope")}}),
            s("ClientException"));
        const QJsonObject described =
            ok(a(), s("ecs"), s("DescribeServices"),
               {{s("cluster"), s("c")}, {s("services"), QJsonArray{arn, s("nope")}}});
        QCOMPARE(described.value(u"services").toArray().size(), 1);
        QCOMPARE(described.value(u"failures").toArray().at(0).toObject().value(u"reason").toString(),
                 s("MISSING"));
        QCOMPARE(described.value(u"failures").toArray().at(0).toObject().value(u"arn").toString(),
                 s("arn:aws:ecs:us-east-1:123456789012:service/c/nope"));
        QCOMPARE(errorCode(a(), s("ecs"), s("DescribeServices"),
                           {{s("cluster"), s("nope")}, {s("services"), QJsonArray{s("svc")}}}),
                 s("ClusterNotFoundException"));
        QCOMPARE(errorCode(a(), s("ecs"), s("DescribeTasks"),
                           {{s("cluster"), s("nope")}, {s("tasks"), QJsonArray{s("x")}}}),
                 s("ClusterNotFoundException"));
        QCOMPARE(ok(a(), s("ecs"), s("DescribeTasks"),
                    {{s("cluster"), s("c")}, {s("tasks"), QJsonArray{s("0123456789abcdef0123456789abcdef")}}})
                     .value(u"failures")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"reason")
                     .toString(),
                 s("MISSING"));
        QCOMPARE(errorCode(a(), s("ecs"), s("StopTask"),
                           {{s("cluster"), s("c")}, {s("task"), s("0123456789abcdef0123456789abcdef")}}),
                 s("InvalidParameterException"));
        // EC2 launch type: the sandbox has no container instances.
        const QJsonObject ec2 =
            ok(a(), s("ecs"), s("RunTask"), {{s("cluster"), s("c")}, {s("taskDefinition"), s("ec2only")}});
        QVERIFY(ec2.value(u"tasks").toArray().isEmpty());
        QCOMPARE(ec2.value(u"failures").toArray().at(0).toObject().value(u"reason").toString(),
                 s("No Container Instances were found in your cluster."));
    }

    void tagging()
    {
        runningService();
        const QString clusterArn = s("arn:aws:ecs:us-east-1:123456789012:cluster/c");
        const QString serviceArn = s("arn:aws:ecs:us-east-1:123456789012:service/c/svc");
        const QString taskArn = tasks(s("c"), s("svc")).first().value(u"taskArn").toString();
        const QJsonArray tags{QJsonObject{{s("key"), s("course")}, {s("value"), s("csse6400")}}};
        for (const QString &arn :
             {clusterArn, serviceArn, taskArn, s("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1")})
            ok(a(), s("ecs"), s("TagResource"), {{s("resourceArn"), arn}, {s("tags"), tags}});
        QCOMPARE(ok(a(), s("ecs"), s("DescribeClusters"),
                    {{s("clusters"), QJsonArray{s("c")}}, {s("include"), QJsonArray{s("TAGS")}}})
                     .value(u"clusters")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"tags")
                     .toArray(),
                 tags);
        QCOMPARE(ok(a(), s("ecs"), s("DescribeServices"),
                    {{s("cluster"), s("c")},
                     {s("services"), QJsonArray{s("svc")}},
                     {s("include"), QJsonArray{s("TAGS")}}})
                     .value(u"services")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"tags")
                     .toArray(),
                 tags);
        QVERIFY(!service(s("c"), s("svc")).contains(u"tags"));
        QCOMPARE(ok(a(), s("ecs"), s("DescribeTasks"),
                    {{s("cluster"), s("c")},
                     {s("tasks"), QJsonArray{taskArn}},
                     {s("include"), QJsonArray{s("TAGS")}}})
                     .value(u"tasks")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"tags")
                     .toArray(),
                 tags);
        QCOMPARE(ok(a(), s("ecs"), s("DescribeTaskDefinition"),
                    {{s("taskDefinition"), s("web:1")}, {s("include"), QJsonArray{s("TAGS")}}})
                     .value(u"tags")
                     .toArray(),
                 tags);
        QCOMPARE(
            errorCode(a(), s("ecs"), s("TagResource"),
                      {{s("resourceArn"), clusterArn},
                       {s("tags"), QJsonArray{QJsonObject{{s("key"), s("aws:x")}, {s("value"), s("y")}}}}}),
            s("InvalidParameterException"));
        QCOMPARE(errorCode(a(), s("ecs"), s("TagResource"),
                           {{s("resourceArn"), s("arn:aws:ecs:us-east-1:123456789012:cluster/nope")},
                            {s("tags"), tags}}),
                 s("ResourceNotFoundException"));
        QCOMPARE(errorCode(a(), s("ecs"), s("TagResource"),
                           {{s("resourceArn"), s("not-an-arn")}, {s("tags"), tags}}),
                 s("InvalidParameterException"));
    }

    void practicalScenario()
    {
        QString error;
        QVERIFY2(a().loadScenario(s("taskoverflow"), &error), qPrintable(error));
        const QJsonObject svc = service(s("taskoverflow"), s("taskoverflow"));
        QCOMPARE(svc.value(u"runningCount").toInt(), 1);
        QCOMPARE(svc.value(u"deployments").toArray().at(0).toObject().value(u"rolloutState").toString(),
                 s("COMPLETED"));
        const QJsonObject t = tasks(s("taskoverflow"), s("taskoverflow")).first();
        QCOMPARE(t.value(u"lastStatus").toString(), s("RUNNING"));
        QCOMPARE(a().taskAddresses().size(), 1);
        QCOMPARE(a().taskAddresses().first().ports, QList<int>{6400});
        QVERIFY(table("logStreams")
                    .contains(s("/taskoverflow/todo\necs/taskoverflow/") +
                              t.value(u"taskArn").toString().section(u'/', -1)));
    }

    void largeScenario()
    {
        QElapsedTimer timer;
        timer.start();
        QString error;
        QVERIFY2(a().loadScenario(s("large"), &error), qPrintable(error));
        qInfo() << "large scenario built in" << timer.elapsed() << "ms";
        QCOMPARE(a().taskAddresses().size(), 2000);
        timer.restart();
        for (int i = 0; i < 20; ++i)
            ok(a(), s("ecs"), s("ListClusters"));
        qInfo() << "20 calls on it in" << timer.elapsed() << "ms";
        QVERIFY(timer.elapsed() < 5000);
    }

    void survivesSaveAndLoad()
    {
        runningService();
        const QJsonObject saved = a().saveState();
        const QString arn = tasks(s("c"), s("svc")).first().value(u"taskArn").toString();

        account = std::make_unique<SandboxAccount>(SandboxAccount::Options{});
        QString error;
        QVERIFY2(a().loadState(saved, &error), qPrintable(error));
        QCOMPARE(service(s("c"), s("svc")).value(u"runningCount").toInt(), 1);
        QCOMPARE(a().taskAddresses().size(), 1);
        QCOMPARE(a().taskAddresses().first().taskArn, arn);
        // The scheduler carries on: a stopped task is replaced, logs keep coming.
        ok(a(), s("ecs"), s("StopTask"), {{s("cluster"), s("c")}, {s("task"), arn}});
        runFor(a(), 120);
        const QList<QJsonObject> now = tasks(s("c"), s("svc"));
        QCOMPARE(now.size(), 1);
        QVERIFY(now.first().value(u"taskArn").toString() != arn);
        QCOMPARE(now.first().value(u"lastStatus").toString(), s("RUNNING"));
        QCOMPARE(service(s("c"), s("svc")).value(u"runningCount").toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEcs)
#include "tst_ecs.moc"
