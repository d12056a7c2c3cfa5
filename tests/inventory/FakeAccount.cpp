#include "FakeAccount.h"

#include <QPointer>
#include <QTimer>

namespace {
const QString kAcct = QStringLiteral("123456789012");
const QString kRegion = QStringLiteral("us-east-1");
QString ecsArn(const QString &kind, const QString &rest)
{
    return QStringLiteral("arn:aws:ecs:%1:%2:%3/%4").arg(kRegion, kAcct, kind, rest);
}
QJsonArray pick(const QJsonArray &all, const QString &member, const QJsonArray &wanted)
{
    QJsonArray out;
    for (const QJsonValue &w : wanted)
        for (const QJsonValue &v : all)
            if (v.toObject().value(member) == w)
                out.append(v);
    return out;
}
} // namespace

void FakeAccount::addTask(const QString &cluster, const QString &service, const QString &id,
                          const QString &status, const QString &ip)
{
    const QString eni = QStringLiteral("eni-%1").arg(id);
    QJsonObject t{
        {QStringLiteral("taskArn"), ecsArn(QStringLiteral("task"), cluster + QLatin1Char('/') + id)},
        {QStringLiteral("clusterArn"), ecsArn(QStringLiteral("cluster"), cluster)},
        {QStringLiteral("group"), QStringLiteral("service:") + service},
        {QStringLiteral("taskDefinitionArn"),
         ecsArn(QStringLiteral("task-definition"), service + QStringLiteral(":1"))},
        {QStringLiteral("lastStatus"), status},
        {QStringLiteral("desiredStatus"),
         status == QLatin1String("STOPPED") ? status : QStringLiteral("RUNNING")},
        {QStringLiteral("healthStatus"), QStringLiteral("UNKNOWN")},
        {QStringLiteral("createdAt"), 1.7e9},
        {QStringLiteral("startedAt"), 1.7e9 + 30}};
    if (status != QLatin1String("PROVISIONING")) {
        QJsonArray details{
            QJsonObject{{QStringLiteral("name"), QStringLiteral("networkInterfaceId")},
                        {QStringLiteral("value"), eni}},
            QJsonObject{{QStringLiteral("name"), QStringLiteral("privateIPv4Address")},
                        {QStringLiteral("value"), QStringLiteral("172.31.0.%1").arg(qHash(id) % 250)}}};
        t.insert(QStringLiteral("attachments"),
                 QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("ElasticNetworkInterface")},
                                        {QStringLiteral("details"), details}}});
        QJsonObject n{{QStringLiteral("NetworkInterfaceId"), eni}};
        if (!ip.isEmpty())
            n.insert(QStringLiteral("Association"), QJsonObject{{QStringLiteral("PublicIp"), ip}});
        enis.append(n);
    }
    tasks.append(t);
}

void FakeAccount::setTaskField(const QString &id, const QString &member, const QJsonValue &value)
{
    for (int i = 0; i < tasks.size(); ++i) {
        QJsonObject t = tasks[i].toObject();
        if (t.value(QStringLiteral("taskArn")).toString().endsWith(QLatin1Char('/') + id)) {
            t.insert(member, value);
            tasks[i] = t;
        }
    }
}

void FakeAccount::removeTask(const QString &id)
{
    for (int i = int(tasks.size()) - 1; i >= 0; --i)
        if (tasks[i].toObject().value(QStringLiteral("taskArn")).toString().endsWith(QLatin1Char('/') + id))
            tasks.removeAt(i);
}

void FakeAccount::loadScenario(const QString &name, int nClusters, int nServices, int nTasks)
{
    const QString dbHost = QStringLiteral("taskoverflow-db.abc123.us-east-1.rds.amazonaws.com");
    vpcs = {QJsonObject{{"VpcId", "vpc-1"}, {"CidrBlock", "172.31.0.0/16"}, {"IsDefault", true}}};
    subnets = {QJsonObject{{"SubnetId", "subnet-a"},
                           {"VpcId", "vpc-1"},
                           {"CidrBlock", "172.31.0.0/20"},
                           {"AvailabilityZone", "us-east-1a"}}};
    auto sg = [](const QString &id, const QString &n, int port) {
        return QJsonObject{
            {"GroupId", id},
            {"GroupName", n},
            {"VpcId", "vpc-1"},
            {"IpPermissions",
             QJsonArray{QJsonObject{{"IpProtocol", "tcp"},
                                    {"FromPort", port},
                                    {"ToPort", port},
                                    {"IpRanges", QJsonArray{QJsonObject{{"CidrIp", "0.0.0.0/0"}}}}}}}};
    };
    securityGroups = {sg("sg-app", "taskoverflow-app", 6400), sg("sg-db", "taskoverflow-db", 5432)};
    databases = {
        QJsonObject{{"DBInstanceIdentifier", "taskoverflow-db"},
                    {"DBInstanceArn", "arn:aws:rds:us-east-1:123456789012:db:taskoverflow-db"},
                    {"DBInstanceStatus", "available"},
                    {"Engine", "postgres"},
                    {"Endpoint", QJsonObject{{"Address", dbHost}, {"Port", 5432}}},
                    {"VpcSecurityGroups", QJsonArray{QJsonObject{{"VpcSecurityGroupId", "sg-db"}}}}}};
    const QString repoUri = QStringLiteral("123456789012.dkr.ecr.us-east-1.amazonaws.com/taskoverflow");
    repositories = {
        QJsonObject{{"repositoryName", "taskoverflow"},
                    {"repositoryArn", "arn:aws:ecr:us-east-1:123456789012:repository/taskoverflow"},
                    {"repositoryUri", repoUri}}};
    images.clear();
    images.insert("taskoverflow", {QJsonObject{{"imageDigest", "sha256:aaaa"},
                                               {"imageTags", QJsonArray{"latest"}},
                                               {"imagePushedAt", 1.7e9}}});
    logGroups = {QJsonObject{{"logGroupName", "/ecs/taskoverflow"},
                             {"arn", "arn:aws:logs:::log-group:/ecs/taskoverflow"}},
                 QJsonObject{{"logGroupName", "/aws/lambda/unrelated"}, {"arn", "x"}}};
    clusters = {};
    services = {};
    tasks = {};
    taskDefinitions = {};
    enis = {};
    auto addService = [&](const QString &cluster, const QString &svc, int desired) {
        services.append(QJsonObject{
            {"serviceArn", ecsArn("service", cluster + "/" + svc)},
            {"serviceName", svc},
            {"clusterArn", ecsArn("cluster", cluster)},
            {"status", "ACTIVE"},
            {"taskDefinition", ecsArn("task-definition", svc + ":1")},
            {"launchType", "FARGATE"},
            {"desiredCount", desired},
            {"runningCount", desired},
            {"pendingCount", 0},
            {"networkConfiguration",
             QJsonObject{{"awsvpcConfiguration", QJsonObject{{"assignPublicIp", "ENABLED"},
                                                             {"securityGroups", QJsonArray{"sg-app"}},
                                                             {"subnets", QJsonArray{"subnet-a"}}}}}},
            {"deployments", QJsonArray{QJsonObject{{"id", "ecs-svc/1"},
                                                   {"status", "PRIMARY"},
                                                   {"rolloutState", "COMPLETED"},
                                                   {"desiredCount", desired},
                                                   {"runningCount", desired}}}},
            {"events",
             QJsonArray{QJsonObject{{"createdAt", 1.7e9},
                                    {"message", "(service " + svc + ") has reached a steady state."}}}}});
        taskDefinitions.append(QJsonObject{
            {"taskDefinitionArn", ecsArn("task-definition", svc + ":1")},
            {"family", svc},
            {"revision", 1},
            {"containerDefinitions",
             QJsonArray{QJsonObject{
                 {"name", "web"},
                 {"image", repoUri + ":latest"},
                 {"portMappings", QJsonArray{QJsonObject{{"containerPort", 6400}}}},
                 {"environment",
                  QJsonArray{QJsonObject{{"name", "SQLALCHEMY_DATABASE_URI"},
                                         {"value", "postgresql://u:p@" + dbHost + ":5432/todo"}}}},
                 {"logConfiguration",
                  QJsonObject{{"logDriver", "awslogs"},
                              {"options", QJsonObject{{"awslogs-group", "/ecs/taskoverflow"},
                                                      {"awslogs-stream-prefix", "ecs"},
                                                      {"awslogs-region", "us-east-1"}}}}}}}}});
    };
    auto addCluster = [&](const QString &c) {
        clusters.append(
            QJsonObject{{"clusterArn", ecsArn("cluster", c)}, {"clusterName", c}, {"status", "ACTIVE"}});
    };
    if (name == QLatin1String("taskoverflow")) {
        addCluster("taskoverflow");
        addService("taskoverflow", "taskoverflow", 1);
        addTask("taskoverflow", "taskoverflow", "0a1b2c3d", "RUNNING", "127.0.0.2");
        addTask("taskoverflow", "taskoverflow", "9f8e7d6c", "STOPPED", {});
        setTaskField("9f8e7d6c", "stoppedReason",
                     "CannotPullContainerError: pull image manifest has been retried 5 time(s)");
        setTaskField("9f8e7d6c", "stopCode", "TaskFailedToStart");
        setTaskField("9f8e7d6c", "stoppedAt", 1.7e9 + 60);
        logLines.insert("/ecs/taskoverflow|ecs/web/0a1b2c3d",
                        {"[2026-11-23 14:00:01] INFO Starting gunicorn 21.2.0",
                         "[2026-11-23 14:00:01] INFO Listening at: http://0.0.0.0:6400",
                         "[2026-11-23 14:00:02] INFO Connected to postgresql://taskoverflow-db:5432/todo",
                         "[2026-11-23 14:00:05] INFO GET /api/v1/health 200",
                         "[2026-11-23 14:00:09] INFO GET /api/v1/todos 200"});
    } else if (name == QLatin1String("large")) {
        for (int c = 0; c < nClusters; ++c) {
            const QString cn = QStringLiteral("cluster-%1").arg(c);
            addCluster(cn);
            for (int s = 0; s < nServices; ++s) {
                const QString sn = QStringLiteral("svc-%1-%2").arg(c).arg(s);
                addService(cn, sn, nTasks);
                for (int t = 0; t < nTasks; ++t)
                    addTask(cn, sn, QStringLiteral("t%1x%2x%3").arg(c).arg(s).arg(t), "RUNNING",
                            QStringLiteral("127.%1.%2.%3").arg(c + 1).arg(s + 1).arg(t + 1));
            }
        }
    }
}

inventory::ApiCaller FakeAccount::caller()
{
    return {[this](const QString &service, const QString &op, const QJsonObject &params, bool paginate,
                   QObject *ctx, inventory::ApiCaller::Done done) {
        int pages = 1;
        aws::Outcome o;
        if (expired) {
            o.error = aws::AwsError{};
            o.error->code = QStringLiteral("ExpiredTokenException");
            o.error->message = QStringLiteral("The security token included in the request is expired");
            o.error->httpStatus = 400;
        } else if (throttleNext > 0) {
            --throttleNext;
            o.error = aws::AwsError{};
            o.error->code = QStringLiteral("ThrottlingException");
            o.error->message = QStringLiteral("Rate exceeded");
            o.error->httpStatus = 400;
            o.error->retry = aws::RetryClass::Throttling;
        } else {
            o.output = answer(service, op, params, paginate, &pages);
        }
        if (!paginate)
            pages = 1;
        calls[service + "." + op] += pages;
        order << service + "." + op;
        requests += pages;
        for (int i = 0; i < pages; ++i)
            if (onRequest)
                onRequest();
        if (hold.contains(service + "." + op)) {
            m_held.append([ctx = QPointer<QObject>(ctx), done, o] {
                if (ctx)
                    done(o);
            });
            return;
        }
        QTimer::singleShot(0, ctx, [done, o] { done(o); });
    }};
}

void FakeAccount::release()
{
    hold.clear();
    deliverHeld();
}

void FakeAccount::deliverHeld()
{
    const QList<std::function<void()>> held = std::exchange(m_held, {});
    for (const auto &deliver : held)
        deliver();
}

QJsonObject FakeAccount::answer(const QString &service, const QString &op, const QJsonObject &p,
                                bool paginate, int *pages) const
{
    auto listed = [pages](int n) { *pages = std::max(1, (n + 99) / 100); };
    const QString cluster = p.value("cluster").toString();
    if (op == "DescribeVpcs")
        return {{"Vpcs", vpcs}};
    if (op == "DescribeSubnets")
        return {{"Subnets", subnets}};
    if (op == "DescribeSecurityGroups")
        return {{"SecurityGroups", securityGroups}};
    if (op == "DescribeDBInstances")
        return {{"DBInstances", databases}};
    if (op == "DescribeRepositories")
        return {{"repositories", repositories}};
    if (op == "DescribeLogGroups")
        return {{"logGroups", logGroups}};
    if (op == "DescribeImages")
        return {{"imageDetails", images.value(p.value("repositoryName").toString())}};
    if (op == "ListClusters") {
        QJsonArray arns;
        for (const QJsonValue &c : clusters)
            arns.append(c.toObject().value("clusterArn"));
        listed(int(arns.size()));
        return {{"clusterArns", arns}};
    }
    if (op == "DescribeClusters") {
        QJsonArray out = pick(clusters, "clusterArn", p.value("clusters").toArray());
        for (int i = 0; i < out.size(); ++i) {
            QJsonObject c = out[i].toObject();
            int running = 0;
            for (const QJsonValue &t : tasks)
                running += t.toObject().value("clusterArn") == c.value("clusterArn") &&
                           t.toObject().value("lastStatus") == "RUNNING";
            c.insert("runningTasksCount", running);
            int active = 0;
            for (const QJsonValue &sv : services)
                active += sv.toObject().value("clusterArn") == c.value("clusterArn");
            c.insert("activeServicesCount", active);
            out[i] = c;
        }
        return {{"clusters", out}};
    }
    if (op == "ListServices") {
        QJsonArray arns;
        for (const QJsonValue &s : services)
            if (s.toObject().value("clusterArn").toString() == cluster)
                arns.append(s.toObject().value("serviceArn"));
        listed(int(arns.size()));
        return {{"serviceArns", arns}};
    }
    if (op == "ListTasks") {
        QJsonArray arns;
        for (const QJsonValue &t : tasks)
            if (t.toObject().value("clusterArn").toString() == cluster &&
                t.toObject().value("desiredStatus") == p.value("desiredStatus"))
                arns.append(t.toObject().value("taskArn"));
        if (paginate) {
            listed(int(arns.size()));
            return {{"taskArns", arns}};
        }
        const int from = p.value("nextToken").toString().section('/', 1).toInt();
        QJsonArray items;
        for (qsizetype i = from; i < arns.size() && i < from + 100; ++i)
            items.append(arns.at(i));
        QJsonObject page{{"taskArns", items}};
        if (from + 100 < arns.size())
            page.insert("nextToken", QStringLiteral("t/%1").arg(from + 100));
        return page;
    }
    if (op == "DescribeServices")
        return {{"services", pick(services, "serviceArn", p.value("services").toArray())}};
    if (op == "DescribeTasks")
        return {{"tasks", pick(tasks, "taskArn", p.value("tasks").toArray())}};
    if (op == "DescribeTaskDefinition") {
        const QJsonArray d =
            pick(taskDefinitions, "taskDefinitionArn", QJsonArray{p.value("taskDefinition")});
        return {{"taskDefinition", d.isEmpty() ? QJsonValue() : d.first()}};
    }
    if (op == "GetLogEvents") {
        const QStringList lines =
            logLines.value(p.value("logGroupName").toString() + "|" + p.value("logStreamName").toString());
        const int from = p.value("nextToken").toString().section('/', 1).toInt();
        QJsonArray events;
        for (int i = from; i < lines.size() && i < from + 3; ++i)
            events.append(QJsonObject{{"timestamp", 1.7e12 + i * 1000.0}, {"message", lines[i] + "\n"}});
        return {{"events", events}, {"nextForwardToken", QStringLiteral("f/%1").arg(from + events.size())}};
    }
    if (op == "DescribeNetworkInterfaces")
        return {{"NetworkInterfaces",
                 pick(enis, "NetworkInterfaceId", p.value("NetworkInterfaceIds").toArray())}};
    Q_UNUSED(service);
    return {};
}
