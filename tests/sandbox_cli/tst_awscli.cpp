// Every operation the sandbox serves, driven by Debian's AWS CLI v2 against
// `deployctl sandbox`: a success and at least one error case each, asserting
// on what the CLI parsed. Rows run in order against one sandbox, so later
// rows see what earlier rows created.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

namespace {

constexpr char kAwsCli[] = "/usr/bin/aws";

// A tiny path language for assertions: "a.b[0].c" (exists), "a.b[0].c=value"
// (equals, as text), "a.b#3" (array of 3), "a.b#>0" (non-empty array).
QJsonValue at(const QJsonValue &root, const QString &path)
{
    QJsonValue v = root;
    static const QRegularExpression token(QStringLiteral(R"(([^.\[\]]+)|\[(\d+)\])"));
    auto it = token.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty())
            v = v.toObject().value(m.captured(1));
        else
            v = v.toArray().at(m.captured(2).toInt());
        if (v.isUndefined())
            return v;
    }
    return v;
}

QString text(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return QString::fromUtf8(
        QJsonDocument(v.isObject() ? QJsonDocument(v.toObject()) : QJsonDocument(v.toArray()))
            .toJson(QJsonDocument::Compact));
}

const char *kTaskDefinition =
    R"({"family":"cli-web","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512","executionRoleArn":"arn:aws:iam::123456789012:role/LabRole","containerDefinitions":[{"name":"web","image":"public.ecr.aws/nginx/nginx:latest","essential":true,"portMappings":[{"containerPort":80,"hostPort":80}],"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/cli/web","awslogs-region":"us-east-1","awslogs-stream-prefix":"ecs","awslogs-create-group":"true"}}}]})";

} // namespace

class TestAwsCli : public QObject {
    Q_OBJECT

    QProcess sandbox;
    QProcessEnvironment env;
    QString endpoint;
    QTemporaryDir home;
    QMap<QString, QString> vars; ///< values captured from earlier rows (${name})

    struct Result {
        int exitCode = -1;
        QJsonValue json;
        QString err;
    };

    Result aws(QStringList args)
    {
        for (QString &a : args)
            for (auto it = vars.cbegin(); it != vars.cend(); ++it)
                a.replace(QStringLiteral("${%1}").arg(it.key()), it.value());
        QProcess p;
        p.setProcessEnvironment(env);
        args << QStringLiteral("--endpoint-url") << endpoint << QStringLiteral("--output")
             << QStringLiteral("json");
        p.start(QString::fromLatin1(kAwsCli), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        const QByteArray out = p.readAllStandardOutput();
        const QJsonDocument doc = QJsonDocument::fromJson(out);
        return Result{p.exitCode(), doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()),
                      QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(QString::fromLatin1(kAwsCli)))
            QSKIP("Debian's AWS CLI v2 (/usr/bin/aws, package awscli) is not installed");
        QProcess version;
        version.start(QString::fromLatin1(kAwsCli), {QStringLiteral("--version")});
        QVERIFY(version.waitForFinished(30000));
        const QString v = QString::fromUtf8(version.readAllStandardOutput() + version.readAllStandardError());
        QVERIFY2(v.startsWith(u"aws-cli/2."), qPrintable(QStringLiteral("expected AWS CLI v2, got: ") + v));

        sandbox.start(QStringLiteral(DEPLOYCTL_PATH),
                      {QStringLiteral("sandbox"), QStringLiteral("--scenario"),
                       QStringLiteral("taskoverflow"), QStringLiteral("--time-scale"),
                       QStringLiteral("2000")});
        QVERIFY(sandbox.waitForStarted(10000));
        QMap<QString, QString> lines;
        QDeadlineTimer deadline(30000);
        while (!lines.contains(QStringLiteral("AWS_DEFAULT_REGION")) && !deadline.hasExpired()) {
            if (!sandbox.canReadLine() &&
                !sandbox.waitForReadyRead(static_cast<int>(deadline.remainingTime())))
                break;
            while (sandbox.canReadLine()) {
                const QString line = QString::fromUtf8(sandbox.readLine()).trimmed();
                const qsizetype eq = line.indexOf(u'=');
                if (eq > 0)
                    lines.insert(line.left(eq), line.mid(eq + 1));
            }
        }
        QVERIFY2(lines.contains(QStringLiteral("AWS_ENDPOINT_URL")),
                 qPrintable(QString::fromUtf8(sandbox.readAllStandardError())));
        endpoint = lines.value(QStringLiteral("AWS_ENDPOINT_URL"));
        QVERIFY(QUrl(endpoint).host() == u"127.0.0.1");
        env = QProcessEnvironment::systemEnvironment();
        for (auto it = lines.cbegin(); it != lines.cend(); ++it)
            env.insert(it.key(), it.value());
        env.remove(QStringLiteral("AWS_ENDPOINT_URL")); // CLI 2.9 ignores it; we pass --endpoint-url
        env.remove(QStringLiteral("AWS_PROFILE"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("AWS_PAGER"), QString());
        env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), home.path() + QStringLiteral("/none"));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), home.path() + QStringLiteral("/none"));
        env.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
    }

    void cleanupTestCase()
    {
        if (sandbox.state() != QProcess::NotRunning) {
            sandbox.terminate(); // SIGTERM: the sandbox stops cleanly
            if (!sandbox.waitForFinished(10000))
                sandbox.kill();
            QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
            QCOMPARE(sandbox.exitCode(), 0);
        }
    }

    void operation_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("checks");   ///< on stdout JSON, or error code in stderr when failing
        QTest::addColumn<QStringList>("captures"); ///< "name=path": remember a value for later rows
        auto ok = [](const char *name, const QString &cmd, QStringList checks, QStringList captures = {}) {
            QTest::newRow(name) << cmd.split(u' ', Qt::SkipEmptyParts) << 0 << checks << captures;
        };
        auto okArgs = [](const char *name, QStringList args, QStringList checks, QStringList captures = {}) {
            QTest::newRow(name) << args << 0 << checks << captures;
        };
        auto err = [](const char *name, const QString &cmd, const QString &code) {
            QTest::newRow(name) << cmd.split(u' ', Qt::SkipEmptyParts) << 254 << QStringList{code}
                                << QStringList{};
        };

        // STS, IAM
        ok("sts get-caller-identity", "sts get-caller-identity", {"Account=123456789012", "Arn"});
        ok("iam get-role", "iam get-role --role-name LabRole", {"Role.RoleName=LabRole", "Role.Arn"},
           {"labRole=Role.Arn"});
        err("iam get-role missing", "iam get-role --role-name NoSuchRole", "NoSuchEntity");
        ok("iam list-roles", "iam list-roles", {"Roles#>0"});
        err("iam list-roles bad marker", "iam list-roles --max-items 1 --starting-token garbage!!", "");

        // EC2
        ok("ec2 describe-vpcs", "ec2 describe-vpcs --filters Name=is-default,Values=true",
           {"Vpcs#1", "Vpcs[0].IsDefault=true", "Vpcs[0].CidrBlock=172.31.0.0/16"}, {"vpc=Vpcs[0].VpcId"});
        err("ec2 describe-vpcs unknown", "ec2 describe-vpcs --vpc-ids vpc-00000000000000000",
            "InvalidVpcID.NotFound");
        ok("ec2 describe-subnets", "ec2 describe-subnets --filters Name=vpc-id,Values=${vpc}",
           {"Subnets#>0", "Subnets[0].MapPublicIpOnLaunch=true"}, {"subnet=Subnets[0].SubnetId"});
        err("ec2 describe-subnets unknown", "ec2 describe-subnets --subnet-ids subnet-00000000000000000",
            "InvalidSubnetID.NotFound");
        ok("ec2 describe-route-tables", "ec2 describe-route-tables --filters Name=vpc-id,Values=${vpc}",
           {"RouteTables#>0"});
        err("ec2 describe-route-tables unknown",
            "ec2 describe-route-tables --route-table-ids rtb-00000000000000000",
            "InvalidRouteTableID.NotFound");
        ok("ec2 create-security-group",
           "ec2 create-security-group --group-name cli-web --description cli-test --vpc-id ${vpc}",
           {"GroupId"}, {"sg=GroupId"});
        err("ec2 create-security-group duplicate",
            "ec2 create-security-group --group-name cli-web --description cli-test --vpc-id ${vpc}",
            "InvalidGroup.Duplicate");
        err("ec2 create-security-group sg- prefix",
            "ec2 create-security-group --group-name sg-bad --description x --vpc-id ${vpc}",
            "InvalidParameterValue");
        ok("ec2 authorize-security-group-ingress",
           "ec2 authorize-security-group-ingress --group-id ${sg} --protocol tcp --port 80 --cidr 0.0.0.0/0",
           {"Return=true"});
        err("ec2 authorize-security-group-ingress duplicate",
            "ec2 authorize-security-group-ingress --group-id ${sg} --protocol tcp --port 80 --cidr 0.0.0.0/0",
            "InvalidPermission.Duplicate");
        ok("ec2 describe-security-groups", "ec2 describe-security-groups --group-ids ${sg}",
           {"SecurityGroups[0].GroupName=cli-web", "SecurityGroups[0].IpPermissions[0].FromPort=80",
            "SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp=0.0.0.0/0"});
        err("ec2 describe-security-groups malformed", "ec2 describe-security-groups --group-ids nonsense",
            "InvalidGroupId.Malformed");
        ok("ec2 create-tags", "ec2 create-tags --resources ${sg} --tags Key=course,Value=csse6400", {});
        err("ec2 create-tags unknown",
            "ec2 create-tags --resources sg-00000000000000000 --tags Key=a,Value=b", "InvalidGroup.NotFound");
        ok("ec2 describe-network-interfaces", "ec2 describe-network-interfaces",
           {"NetworkInterfaces#>0", "NetworkInterfaces[0].Association.PublicIp"});
        err("ec2 describe-network-interfaces unknown",
            "ec2 describe-network-interfaces --network-interface-ids eni-00000000000000000",
            "InvalidNetworkInterfaceID.NotFound");
        ok("ec2 revoke-security-group-ingress",
           "ec2 revoke-security-group-ingress --group-id ${sg} --protocol tcp --port 80 --cidr 0.0.0.0/0",
           {"Return=true"});
        err("ec2 revoke-security-group-ingress missing",
            "ec2 revoke-security-group-ingress --group-id ${sg} --protocol tcp --port 81 --cidr 0.0.0.0/0",
            "InvalidPermission.NotFound");

        // RDS
        ok("rds describe-db-engine-versions", "rds describe-db-engine-versions --engine postgres",
           {"DBEngineVersions#>0", "DBEngineVersions[0].Engine=postgres"});
        err("rds describe-db-engine-versions bad engine", "rds describe-db-engine-versions --engine nosql",
            "");
        ok("rds describe-orderable-db-instance-options",
           "rds describe-orderable-db-instance-options --engine postgres", {"OrderableDBInstanceOptions#>0"});
        err("rds describe-orderable bad engine", "rds describe-orderable-db-instance-options --engine nosql",
            "");
        okArgs("rds create-db-instance",
               {"rds", "create-db-instance", "--db-instance-identifier", "cli-db", "--engine", "postgres",
                "--db-instance-class", "db.t3.micro", "--allocated-storage", "20", "--master-username",
                "administrator", "--master-user-password", "foobarbaz", "--db-name", "todo",
                "--publicly-accessible", "--vpc-security-group-ids", "${sg}"},
               {"DBInstance.DBInstanceIdentifier=cli-db", "DBInstance.DBInstanceStatus=creating"},
               {"dbArn=DBInstance.DBInstanceArn"});
        okArgs("rds create-db-instance duplicate",
               {"rds", "create-db-instance", "--db-instance-identifier", "cli-db", "--engine", "postgres",
                "--db-instance-class", "db.t3.micro", "--allocated-storage", "20", "--master-username",
                "administrator", "--master-user-password", "foobarbaz"},
               {}, {});
        err("rds create-db-instance bad identifier",
            "rds create-db-instance --db-instance-identifier bad--id --engine postgres --db-instance-class "
            "db.t3.micro "
            "--allocated-storage 20 --master-username administrator --master-user-password foobarbaz",
            "InvalidParameterValue");
        ok("rds describe-db-instances", "rds describe-db-instances --db-instance-identifier cli-db",
           {"DBInstances[0].Engine=postgres", "DBInstances[0].DBName=todo"});
        err("rds describe-db-instances missing", "rds describe-db-instances --db-instance-identifier nope",
            "DBInstanceNotFound");
        ok("rds list-tags-for-resource", "rds list-tags-for-resource --resource-name ${dbArn}", {"TagList"});
        err("rds list-tags-for-resource missing",
            "rds list-tags-for-resource --resource-name arn:aws:rds:us-east-1:123456789012:db:nope",
            "DBInstanceNotFound");

        // ECS
        ok("ecs create-cluster", "ecs create-cluster --cluster-name cli-cluster",
           {"cluster.clusterName=cli-cluster", "cluster.status=ACTIVE"}, {"clusterArn=cluster.clusterArn"});
        err("ecs create-cluster bad name", "ecs create-cluster --cluster-name bad/name", "");
        ok("ecs list-clusters", "ecs list-clusters", {"clusterArns#>0"});
        err("ecs list-clusters bad token", "ecs list-clusters --starting-token !!notatoken!!", "");
        ok("ecs describe-clusters", "ecs describe-clusters --clusters cli-cluster",
           {"clusters[0].status=ACTIVE"});
        err("ecs describe-clusters bad include",
            "ecs describe-clusters --clusters cli-cluster --include NOTHING", "");
        okArgs("ecs register-task-definition",
               {"ecs", "register-task-definition", "--cli-input-json", QString::fromUtf8(kTaskDefinition)},
               {"taskDefinition.family=cli-web", "taskDefinition.revision=1", "taskDefinition.status=ACTIVE"},
               {"tdArn=taskDefinition.taskDefinitionArn"});
        okArgs("ecs register-task-definition bad size",
               {"ecs", "register-task-definition", "--cli-input-json",
                QString::fromUtf8(kTaskDefinition)
                    .replace(QStringLiteral("\"cpu\":\"256\""), QStringLiteral("\"cpu\":\"300\""))},
               {}, {});
        ok("ecs describe-task-definition", "ecs describe-task-definition --task-definition cli-web:1",
           {"taskDefinition.containerDefinitions[0].name=web", "taskDefinition.cpu=256"});
        err("ecs describe-task-definition missing", "ecs describe-task-definition --task-definition nope:9",
            "ClientException");
        ok("ecs list-task-definitions", "ecs list-task-definitions --family-prefix cli-web",
           {"taskDefinitionArns#1"});
        err("ecs list-task-definitions bad status", "ecs list-task-definitions --status NOPE", "");
        okArgs("ecs create-service",
               {"ecs", "create-service", "--cluster", "cli-cluster", "--service-name", "cli-svc",
                "--task-definition", "cli-web:1", "--desired-count", "1", "--launch-type", "FARGATE",
                "--network-configuration",
                "awsvpcConfiguration={subnets=[${subnet}],securityGroups=[${sg}],assignPublicIp=ENABLED}"},
               {"service.serviceName=cli-svc", "service.desiredCount=1", "service.status=ACTIVE"}, {});
        err("ecs create-service no cluster",
            "ecs create-service --cluster nope --service-name x --task-definition cli-web:1 --desired-count "
            "1",
            "ClusterNotFoundException");
        ok("ecs list-services", "ecs list-services --cluster cli-cluster", {"serviceArns#1"});
        err("ecs list-services no cluster", "ecs list-services --cluster nope", "ClusterNotFoundException");
        ok("ecs describe-services", "ecs describe-services --cluster cli-cluster --services cli-svc",
           {"services[0].launchType=FARGATE", "services[0].deployments#>0"});
        err("ecs describe-services no cluster", "ecs describe-services --cluster nope --services cli-svc",
            "ClusterNotFoundException");
        ok("ecs update-service",
           "ecs update-service --cluster cli-cluster --service cli-svc --desired-count 2",
           {"service.desiredCount=2"});
        err("ecs update-service missing",
            "ecs update-service --cluster cli-cluster --service nope --desired-count 1",
            "ServiceNotFoundException");
        okArgs("ecs run-task",
               {"ecs", "run-task", "--cluster", "cli-cluster", "--task-definition", "cli-web:1",
                "--launch-type", "FARGATE", "--network-configuration",
                "awsvpcConfiguration={subnets=[${subnet}],securityGroups=[${sg}],assignPublicIp=ENABLED}"},
               {"tasks#1", "tasks[0].lastStatus=PROVISIONING"}, {"taskArn=tasks[0].taskArn"});
        err("ecs run-task no cluster", "ecs run-task --cluster nope --task-definition cli-web:1",
            "ClusterNotFoundException");
        ok("ecs list-tasks", "ecs list-tasks --cluster cli-cluster", {"taskArns#>0"});
        err("ecs list-tasks no cluster", "ecs list-tasks --cluster nope", "ClusterNotFoundException");
        ok("ecs describe-tasks", "ecs describe-tasks --cluster cli-cluster --tasks ${taskArn}",
           {"tasks[0].taskDefinitionArn", "tasks[0].attachments"});
        err("ecs describe-tasks no cluster", "ecs describe-tasks --cluster nope --tasks ${taskArn}",
            "ClusterNotFoundException");
        ok("ecs tag-resource",
           "ecs tag-resource --resource-arn ${clusterArn} --tags key=course,value=csse6400", {});
        err("ecs tag-resource aws prefix",
            "ecs tag-resource --resource-arn ${clusterArn} --tags key=aws:x,value=y", "");
        ok("ecs stop-task", "ecs stop-task --cluster cli-cluster --task ${taskArn} --reason done",
           {"task.desiredStatus=STOPPED"});
        err("ecs stop-task missing",
            "ecs stop-task --cluster cli-cluster --task 0123456789abcdef0123456789abcdef", "");
        err("ecs delete-cluster with services", "ecs delete-cluster --cluster cli-cluster",
            "ClusterContainsServicesException");
        ok("ecs delete-service", "ecs delete-service --cluster cli-cluster --service cli-svc --force",
           {"service.serviceName=cli-svc"});
        err("ecs delete-service missing",
            "ecs delete-service --cluster cli-cluster --service cli-svc-none --force",
            "ServiceNotFoundException");
        ok("ecs deregister-task-definition", "ecs deregister-task-definition --task-definition cli-web:1",
           {"taskDefinition.status=INACTIVE"});
        err("ecs deregister-task-definition missing",
            "ecs deregister-task-definition --task-definition nope:1", "");

        // ECR
        ok("ecr create-repository", "ecr create-repository --repository-name cli/web",
           {"repository.repositoryName=cli/web", "repository.repositoryUri"});
        err("ecr create-repository duplicate", "ecr create-repository --repository-name cli/web",
            "RepositoryAlreadyExistsException");
        err("ecr create-repository bad name", "ecr create-repository --repository-name Bad_Name", "");
        ok("ecr describe-repositories", "ecr describe-repositories --repository-names cli/web",
           {"repositories#1", "repositories[0].imageTagMutability=MUTABLE"});
        err("ecr describe-repositories missing", "ecr describe-repositories --repository-names nope",
            "RepositoryNotFoundException");
        ok("ecr describe-images", "ecr describe-images --repository-name cli/web", {"imageDetails#0"});
        err("ecr describe-images missing", "ecr describe-images --repository-name nope",
            "RepositoryNotFoundException");
        ok("ecr batch-delete-image",
           "ecr batch-delete-image --repository-name cli/web --image-ids imageTag=none", {"failures#1"});
        err("ecr batch-delete-image missing repo",
            "ecr batch-delete-image --repository-name nope --image-ids imageTag=x",
            "RepositoryNotFoundException");
        ok("ecr get-authorization-token", "ecr get-authorization-token",
           {"authorizationData[0].authorizationToken", "authorizationData[0].proxyEndpoint"});
        ok("ecr delete-repository", "ecr delete-repository --repository-name cli/web",
           {"repository.repositoryName=cli/web"});
        err("ecr delete-repository missing", "ecr delete-repository --repository-name cli/web",
            "RepositoryNotFoundException");

        // CloudWatch Logs
        ok("logs create-log-group", "logs create-log-group --log-group-name /cli/test", {});
        err("logs create-log-group duplicate", "logs create-log-group --log-group-name /cli/test",
            "ResourceAlreadyExistsException");
        ok("logs describe-log-groups", "logs describe-log-groups --log-group-name-prefix /taskoverflow",
           {"logGroups#>0", "logGroups[0].logGroupName=/taskoverflow/todo"});
        err("logs describe-log-groups bad limit", "logs describe-log-groups --limit 0", "");
        ok("logs describe-log-streams", "logs describe-log-streams --log-group-name /taskoverflow/todo",
           {"logStreams#>0"}, {"stream=logStreams[0].logStreamName"});
        err("logs describe-log-streams missing", "logs describe-log-streams --log-group-name /nope",
            "ResourceNotFoundException");
        ok("logs get-log-events",
           "logs get-log-events --log-group-name /taskoverflow/todo --log-stream-name ${stream} "
           "--start-from-head",
           {"events#>0", "nextForwardToken"});
        err("logs get-log-events missing",
            "logs get-log-events --log-group-name /taskoverflow/todo --log-stream-name nope",
            "ResourceNotFoundException");
        ok("logs filter-log-events", "logs filter-log-events --log-group-name /taskoverflow/todo",
           {"events#>0"});
        err("logs filter-log-events missing", "logs filter-log-events --log-group-name /nope",
            "ResourceNotFoundException");
        ok("logs delete-log-group", "logs delete-log-group --log-group-name /cli/test", {});
        err("logs delete-log-group missing", "logs delete-log-group --log-group-name /cli/test",
            "ResourceNotFoundException");

        // Cleanup that the account rules allow only now.
        ok("rds delete-db-instance",
           "rds delete-db-instance --db-instance-identifier cli-db --skip-final-snapshot",
           {"DBInstance.DBInstanceStatus=deleting"});
        err("rds delete-db-instance missing",
            "rds delete-db-instance --db-instance-identifier nope --skip-final-snapshot",
            "DBInstanceNotFound");
        err("ec2 delete-security-group default", "ec2 delete-security-group --group-name default", "");
        err("ec2 delete-security-group unknown", "ec2 delete-security-group --group-id sg-00000000000000000",
            "InvalidGroup.NotFound");
    }

    void operation()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QStringList, checks);
        QFETCH(QStringList, captures);
        const Result r = aws(args);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        // Rows named "… duplicate"/"… bad size" with exit 0 are errors the CLI
        // reports all the same: accept either "ok" or a service error, but never a crash.
        if (exitCode == 0 && checks.isEmpty() && (tag.endsWith(u"duplicate") || tag.endsWith(u"bad size"))) {
            QCOMPARE(r.exitCode, 254);
            QVERIFY2(
                r.err.contains(tag.endsWith(u"duplicate") ? u"DBInstanceAlreadyExists" : u"ClientException"),
                qPrintable(r.err));
            return;
        }
        if (exitCode != 0) {
            QVERIFY2(r.exitCode == 254 || r.exitCode == 252 || r.exitCode == 255, qPrintable(r.err));
            QVERIFY2(r.exitCode != 255 || !r.err.contains(u"Traceback"), qPrintable(r.err));
            for (const QString &code : checks)
                if (!code.isEmpty())
                    QVERIFY2(r.err.contains(code),
                             qPrintable(QStringLiteral("expected %1 in: %2").arg(code, r.err)));
            return;
        }
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const QString &check : checks) {
            const qsizetype hash = check.indexOf(u'#');
            const qsizetype eq = check.indexOf(u'=');
            if (hash > 0) {
                const QJsonValue v = at(r.json, check.left(hash));
                QVERIFY2(v.isArray(), qPrintable(check + QStringLiteral(": not a list in ") + text(r.json)));
                const QString want = check.mid(hash + 1);
                if (want == u">0")
                    QVERIFY2(!v.toArray().isEmpty(), qPrintable(check));
                else
                    QCOMPARE(v.toArray().size(), want.toInt());
            } else if (eq > 0) {
                QCOMPARE(text(at(r.json, check.left(eq))), check.mid(eq + 1));
            } else {
                QVERIFY2(!at(r.json, check).isUndefined(),
                         qPrintable(check + QStringLiteral(" missing in ") + text(r.json)));
            }
        }
        for (const QString &c : captures) {
            const qsizetype eq = c.indexOf(u'=');
            vars.insert(c.left(eq), text(at(r.json, c.mid(eq + 1))));
        }
    }
};

QTEST_GUILESS_MAIN(TestAwsCli)
#include "tst_awscli.moc"
