// The named scenarios, built with the same API calls a user would make, so
// that a scenario is always a state the services themselves can reach.
#include "Scenarios.h"

#include <QJsonDocument>

namespace aws::sandbox {

namespace {

/// Runs calls in order and remembers the first failure.
class Builder {
public:
    explicit Builder(SandboxAccount &account)
        : m_account(account)
    {}

    QJsonObject call(const QString &service, const QString &op, const QJsonObject &params)
    {
        if (!m_error.isEmpty())
            return {};
        const CallResult r = m_account.call(service, op, params);
        if (const auto *e = std::get_if<AwsError>(&r)) {
            m_error = QStringLiteral("%1 %2: %3 %4").arg(service, op, e->code, e->message);
            return {};
        }
        return std::get<QJsonObject>(r);
    }

    QString securityGroup(const QString &name, const QString &description, const QList<int> &ports)
    {
        const QString id =
            call(QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                 {{QStringLiteral("GroupName"), name}, {QStringLiteral("Description"), description}})
                .value(u"GroupId")
                .toString();
        for (int port : ports)
            call(QStringLiteral("ec2"), QStringLiteral("AuthorizeSecurityGroupIngress"),
                 {{QStringLiteral("GroupId"), id},
                  {QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
                  {QStringLiteral("FromPort"), port},
                  {QStringLiteral("ToPort"), port},
                  {QStringLiteral("CidrIp"), QStringLiteral("0.0.0.0/0")}});
        return id;
    }

    QJsonArray defaultSubnets()
    {
        QJsonArray ids;
        const QJsonObject out =
            call(QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"),
                 {{QStringLiteral("Filters"),
                   QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("default-for-az")},
                                          {QStringLiteral("Values"), QJsonArray{QStringLiteral("true")}}}}}});
        for (const QJsonValue &s : out.value(u"Subnets").toArray())
            ids.append(s.toObject().value(u"SubnetId"));
        return ids;
    }

    void database(const QString &id, const QString &sg)
    {
        call(QStringLiteral("rds"), QStringLiteral("CreateDBInstance"),
             {{QStringLiteral("DBInstanceIdentifier"), id},
              {QStringLiteral("Engine"), QStringLiteral("postgres")},
              {QStringLiteral("DBInstanceClass"), QStringLiteral("db.t3.micro")},
              {QStringLiteral("AllocatedStorage"), 20},
              {QStringLiteral("MaxAllocatedStorage"), 1000},
              {QStringLiteral("MasterUsername"), QStringLiteral("administrator")},
              // The practical's own (deliberately bad) password: a simulated
              // database, and the value every student has in their main.tf.
              {QStringLiteral("MasterUserPassword"), QStringLiteral("foobarbaz")},
              {QStringLiteral("DBName"), QStringLiteral("todo")},
              {QStringLiteral("PubliclyAccessible"), true},
              {QStringLiteral("VpcSecurityGroupIds"), QJsonArray{sg}},
              {QStringLiteral("Tags"), QJsonArray{QJsonObject{{QStringLiteral("Key"), QStringLiteral("Name")},
                                                              {QStringLiteral("Value"), id}}}}});
    }

    /// Lets the simulated clock run until the lifecycles have settled.
    void settle(double awsSeconds)
    {
        SimClock &clock = m_account.clock();
        const double wallStep = 60.0 / clock.timeScale(); // one AWS minute per tick
        for (double t = 0; t < awsSeconds && m_error.isEmpty(); t += 60.0) {
            clock.advance(wallStep);
            m_account.tick();
        }
    }

    const QString &error() const { return m_error; }

private:
    SandboxAccount &m_account;
    QString m_error;
};

QJsonObject taskDefinition(const QString &family, const QString &image, const QString &labRole,
                           const QString &databaseUri, const QString &region, int port,
                           const QString &logGroup)
{
    return {
        {QStringLiteral("family"), family},
        {QStringLiteral("networkMode"), QStringLiteral("awsvpc")},
        {QStringLiteral("requiresCompatibilities"), QJsonArray{QStringLiteral("FARGATE")}},
        {QStringLiteral("cpu"), QStringLiteral("1024")},
        {QStringLiteral("memory"), QStringLiteral("2048")},
        {QStringLiteral("executionRoleArn"), labRole},
        {QStringLiteral("taskRoleArn"), labRole},
        {QStringLiteral("containerDefinitions"),
         QJsonArray{QJsonObject{
             {QStringLiteral("name"), family},
             {QStringLiteral("image"), image},
             {QStringLiteral("cpu"), 1024},
             {QStringLiteral("memory"), 2048},
             {QStringLiteral("essential"), true},
             {QStringLiteral("portMappings"), QJsonArray{QJsonObject{{QStringLiteral("containerPort"), port},
                                                                     {QStringLiteral("hostPort"), port}}}},
             {QStringLiteral("environment"),
              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("SQLALCHEMY_DATABASE_URI")},
                                     {QStringLiteral("value"), databaseUri}}}},
             {QStringLiteral("logConfiguration"),
              QJsonObject{
                  {QStringLiteral("logDriver"), QStringLiteral("awslogs")},
                  {QStringLiteral("options"),
                   QJsonObject{{QStringLiteral("awslogs-group"), logGroup},
                               {QStringLiteral("awslogs-region"), region},
                               {QStringLiteral("awslogs-stream-prefix"), QStringLiteral("ecs")},
                               {QStringLiteral("awslogs-create-group"), QStringLiteral("true")}}}}}}}}};
}

QString databaseEndpoint(Builder &b, const QString &id)
{
    return b
        .call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
              {{QStringLiteral("DBInstanceIdentifier"), id}})
        .value(u"DBInstances")
        .toArray()
        .at(0)
        .toObject()
        .value(u"Endpoint")
        .toObject()
        .value(u"Address")
        .toString();
}

void service(Builder &b, const QString &cluster, const QString &name, const QString &family, int count,
             const QJsonArray &subnets, const QString &sg)
{
    b.call(QStringLiteral("ecs"), QStringLiteral("CreateService"),
           {{QStringLiteral("cluster"), cluster},
            {QStringLiteral("serviceName"), name},
            {QStringLiteral("taskDefinition"), family},
            {QStringLiteral("desiredCount"), count},
            {QStringLiteral("launchType"), QStringLiteral("FARGATE")},
            {QStringLiteral("networkConfiguration"),
             QJsonObject{{QStringLiteral("awsvpcConfiguration"),
                          QJsonObject{{QStringLiteral("subnets"), subnets},
                                      {QStringLiteral("securityGroups"), QJsonArray{sg}},
                                      {QStringLiteral("assignPublicIp"), QStringLiteral("ENABLED")}}}}}});
}

/// The course practical, deployed as its Terraform leaves it.
void buildTaskOverflow(Builder &b, const SandboxAccount::Options &o)
{
    const QString dbSg = b.securityGroup(QStringLiteral("taskoverflow_database"),
                                         QStringLiteral("Allow inbound Postgresql traffic"), {5432});
    const QString appSg = b.securityGroup(QStringLiteral("taskoverflow"),
                                          QStringLiteral("TaskOverflow Security Group"), {6400, 22});
    b.database(QStringLiteral("taskoverflow"), dbSg);
    b.call(QStringLiteral("ecr"), QStringLiteral("CreateRepository"),
           {{QStringLiteral("repositoryName"), QStringLiteral("taskoverflow")}});
    b.settle(15 * 60); // the database becomes available first: the task needs its address
    const QString uri = QStringLiteral("postgresql://administrator:foobarbaz@%1:5432/todo")
                            .arg(databaseEndpoint(b, QStringLiteral("taskoverflow")));
    b.call(QStringLiteral("ecs"), QStringLiteral("CreateCluster"),
           {{QStringLiteral("clusterName"), QStringLiteral("taskoverflow")}});
    const QString labRole = QStringLiteral("arn:aws:iam::%1:role/LabRole").arg(o.accountId);
    b.call(QStringLiteral("ecs"), QStringLiteral("RegisterTaskDefinition"),
           taskDefinition(QStringLiteral("taskoverflow"),
                          QStringLiteral("ghcr.io/csse6400/taskoverflow:latest"), labRole, uri, o.region,
                          6400, QStringLiteral("/taskoverflow/todo")));
    service(b, QStringLiteral("taskoverflow"), QStringLiteral("taskoverflow"), QStringLiteral("taskoverflow"),
            1, b.defaultSubnets(), appSg);
    b.settle(10 * 60);
}

/// A busy account for benchmarks: 50 services, 2,000 tasks, 20 databases, 30 repositories.
void buildLarge(Builder &b, const SandboxAccount::Options &o)
{
    const QString labRole = QStringLiteral("arn:aws:iam::%1:role/LabRole").arg(o.accountId);
    const QString dbSg =
        b.securityGroup(QStringLiteral("databases"), QStringLiteral("PostgreSQL from anywhere"), {5432});
    for (int i = 0; i < 20; ++i)
        b.database(QStringLiteral("db-%1").arg(i, 2, 10, QLatin1Char('0')), dbSg);
    for (int i = 0; i < 30; ++i)
        b.call(QStringLiteral("ecr"), QStringLiteral("CreateRepository"),
               {{QStringLiteral("repositoryName"),
                 QStringLiteral("team-%1/app").arg(i, 2, 10, QLatin1Char('0'))}});
    const QJsonArray subnets = b.defaultSubnets();
    const QString appSg = b.securityGroup(QStringLiteral("apps"), QStringLiteral("Web apps"), {80, 8080});
    for (int c = 0; c < 5; ++c) {
        const QString cluster = QStringLiteral("cluster-%1").arg(c);
        b.call(QStringLiteral("ecs"), QStringLiteral("CreateCluster"),
               {{QStringLiteral("clusterName"), cluster}});
        for (int s = 0; s < 10; ++s) {
            const QString name = QStringLiteral("svc-%1-%2").arg(c).arg(s);
            b.call(QStringLiteral("ecs"), QStringLiteral("RegisterTaskDefinition"),
                   taskDefinition(name, QStringLiteral("public.ecr.aws/nginx/nginx:latest"), labRole,
                                  QStringLiteral("postgresql://app@db-%1:5432/app").arg(s), o.region, 8080,
                                  QStringLiteral("/large/") + cluster));
            service(b, cluster, name, name, 40, subnets, appSg);
        }
    }
    b.settle(15 * 60);
}

} // namespace

bool buildScenario(SandboxAccount &account, const QString &name, QString *error)
{
    Builder b(account);
    // Build in the past and let the clock catch up with now, so the
    // scenario's timestamps read as "deployed a while ago", never the future.
    SimClock &clock = account.clock();
    const double start = clock.offset();
    const double backdate = 60.0 * 60.0; // an hour of AWS time, in wall seconds below
    clock.setOffset(start - backdate);
    if (name == u"taskoverflow")
        buildTaskOverflow(b, account.options());
    else if (name == u"large")
        buildLarge(b, account.options());
    clock.setOffset(start);
    account.tick();
    if (!b.error().isEmpty()) {
        if (error)
            *error = b.error();
        return false;
    }
    return true;
}

} // namespace aws::sandbox
