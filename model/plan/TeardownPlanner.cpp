#include "TeardownPlanner.h"

#include "AwsClient.h"
#include "StackTags.h"

#include <QJsonArray>
#include <QTimer>

namespace plan {
namespace {

constexpr int kScanAttempts = 5;
constexpr int kScanBackOffMs = 100;

QJsonArray tagsInclude()
{
    return QJsonArray{QStringLiteral("TAGS")};
}

PlanStep step(const QString &id, const QString &title, const QString &service, const QString &operation,
              const QJsonObject &params)
{
    PlanStep s;
    s.id = id;
    s.title = title;
    s.service = service;
    s.operation = operation;
    s.params = params;
    return s;
}

WaitCondition waitFor(const QString &service, const QString &operation, const QJsonObject &params,
                      const QString &path, const QStringList &success, const QString &text)
{
    WaitCondition w;
    w.service = service;
    w.operation = operation;
    w.params = params;
    w.path = path;
    w.success = success;
    w.progressText = text;
    return w;
}

QString lastSegment(const QString &arn)
{
    return arn.section(u'/', -1);
}

} // namespace

TeardownPlanner::TeardownPlanner(aws::AwsClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

bool TeardownPlanner::ours(const QJsonObject &resource) const
{
    if (m_stack.isEmpty())
        return tagValue(resource, QString::fromLatin1(kCreatedByTagKey)) == QLatin1String(kCreatedByTagValue);
    return tagValue(resource, QString::fromLatin1(kStackTagKey)) == m_stack;
}

void TeardownPlanner::call(const QString &service, const QString &operation, const QJsonObject &params,
                           std::function<void(const QJsonObject &)> then, bool paginate,
                           const QStringList &tolerated, int attempt)
{
    if (attempt == 0)
        ++m_pending; // a repeat keeps the first attempt's place, so scanned() waits for it
    auto done = [=, this](const aws::Outcome &o) {
        if (!o.ok()) {
            const bool busy = o.error->retry == aws::RetryClass::Throttling ||
                              o.error->retry == aws::RetryClass::Transient ||
                              o.error->kind == aws::ErrorKind::Network;
            if (busy && attempt < kScanAttempts) {
                // The client's retries ran out on a busy AWS: a read is safe to ask again a little later.
                QTimer::singleShot(kScanBackOffMs << attempt, this, [=, this] {
                    call(service, operation, params, then, paginate, tolerated, attempt + 1);
                });
                return;
            }
            if (m_error.isEmpty() && !tolerated.contains(o.error->code))
                m_error = QStringLiteral("%1: %2").arg(operation, o.error->toString());
        } else {
            then(o.output);
        }
        this->done();
    };
    if (paginate)
        m_client->paginate(service, operation, params, this, done);
    else
        m_client->call(service, operation, params, this, done);
}

void TeardownPlanner::done()
{
    if (--m_pending > 0)
        return;
    if (!m_error.isEmpty())
        emit scanFailed(m_error);
    else
        emit scanned();
}

void TeardownPlanner::scan()
{
    if (m_pending > 0)
        return;
    m_found.clear();
    m_ecrImages.clear();
    m_error.clear();
    ++m_pending; // held until every scan has been started
    scanClusters();
    scanTaskDefinitions();
    scanDatabases();
    scanSecurityGroups();
    scanRepositories();
    done();
}

void TeardownPlanner::scanClusters()
{
    call(
        QStringLiteral("ecs"), QStringLiteral("ListClusters"), {},
        [this](const QJsonObject &list) {
            const QJsonArray arns = list.value(u"clusterArns").toArray();
            for (qsizetype i = 0; i < arns.size(); i += 100) {
                call(QStringLiteral("ecs"), QStringLiteral("DescribeClusters"),
                     {{QStringLiteral("clusters"),
                       QJsonArray::fromVariantList(arns.toVariantList().mid(i, 100))},
                      {QStringLiteral("include"), tagsInclude()}},
                     [this](const QJsonObject &described) {
                         for (const QJsonValue &v : described.value(u"clusters").toArray()) {
                             const QJsonObject c = v.toObject();
                             if (c.value(u"status").toString() == u"INACTIVE")
                                 continue;
                             if (ours(c))
                                 m_found.append({QStringLiteral("ecs-cluster"),
                                                 c.value(u"clusterName").toString(),
                                                 c.value(u"clusterArn").toString(), c});
                             // Our services may live in any cluster.
                             const QString clusterArn = c.value(u"clusterArn").toString();
                             call(
                                 QStringLiteral("ecs"), QStringLiteral("ListServices"),
                                 {{QStringLiteral("cluster"), clusterArn}},
                                 [this, clusterArn](const QJsonObject &services) {
                                     const QJsonArray arns = services.value(u"serviceArns").toArray();
                                     for (qsizetype i = 0; i < arns.size(); i += 10)
                                         call(QStringLiteral("ecs"), QStringLiteral("DescribeServices"),
                                              {{QStringLiteral("cluster"), clusterArn},
                                               {QStringLiteral("services"),
                                                QJsonArray::fromVariantList(arns.toVariantList().mid(i, 10))},
                                               {QStringLiteral("include"), tagsInclude()}},
                                              [this](const QJsonObject &described) {
                                                  for (const QJsonValue &v :
                                                       described.value(u"services").toArray()) {
                                                      const QJsonObject s = v.toObject();
                                                      if (ours(s) &&
                                                          s.value(u"status").toString() != u"INACTIVE")
                                                          m_found.append({QStringLiteral("ecs-service"),
                                                                          s.value(u"serviceName").toString(),
                                                                          s.value(u"serviceArn").toString(),
                                                                          s});
                                                  }
                                              });
                                 },
                                 true);
                         }
                     });
            }
        },
        true);
}

void TeardownPlanner::scanTaskDefinitions()
{
    call(
        QStringLiteral("ecs"), QStringLiteral("ListTaskDefinitions"),
        {{QStringLiteral("status"), QStringLiteral("ACTIVE")}},
        [this](const QJsonObject &list) {
            QStringList logGroups;
            for (const QJsonValue &arn : list.value(u"taskDefinitionArns").toArray())
                call(QStringLiteral("ecs"), QStringLiteral("DescribeTaskDefinition"),
                     {{QStringLiteral("taskDefinition"), arn}, {QStringLiteral("include"), tagsInclude()}},
                     [this](const QJsonObject &described) {
                         // DescribeTaskDefinition returns the tags beside the definition.
                         QJsonObject td = described.value(u"taskDefinition").toObject();
                         td.insert(QStringLiteral("tags"), described.value(u"tags"));
                         if (!ours(td))
                             return;
                         const QString arn = td.value(u"taskDefinitionArn").toString();
                         m_found.append({QStringLiteral("task-definition"), lastSegment(arn), arn, td});
                         QStringList groups;
                         for (const QJsonValue &c : td.value(u"containerDefinitions").toArray()) {
                             const QJsonObject options =
                                 c[QStringLiteral("logConfiguration")][QStringLiteral("options")].toObject();
                             const QString group = options.value(u"awslogs-group").toString();
                             if (!group.isEmpty() && !m_logGroupNames.contains(group))
                                 m_logGroupNames << group;
                             const QString image = c[QStringLiteral("image")].toString();
                             if (image.contains(u".dkr.ecr.") && !m_ecrImages.contains(image))
                                 m_ecrImages << image;
                         }
                         scanLogGroups(m_logGroupNames);
                     });
            if (list.value(u"taskDefinitionArns").toArray().isEmpty())
                scanLogGroups(m_logGroupNames); // verifying after teardown: the names from the first scan
        },
        true);
    // A teardown that stopped after deregistering leaves the stack's log groups named only by
    // its inactive revisions: read those for log group names too.
    call(
        QStringLiteral("ecs"), QStringLiteral("ListTaskDefinitions"),
        {{QStringLiteral("status"), QStringLiteral("INACTIVE")}},
        [this](const QJsonObject &list) {
            for (const QJsonValue &arn : list.value(u"taskDefinitionArns").toArray())
                call(QStringLiteral("ecs"), QStringLiteral("DescribeTaskDefinition"),
                     {{QStringLiteral("taskDefinition"), arn}, {QStringLiteral("include"), tagsInclude()}},
                     [this](const QJsonObject &described) {
                         QJsonObject td = described.value(u"taskDefinition").toObject();
                         td.insert(QStringLiteral("tags"), described.value(u"tags"));
                         if (!ours(td))
                             return;
                         QStringList fresh;
                         for (const QJsonValue &c : td.value(u"containerDefinitions").toArray()) {
                             const QString group =
                                 c[QStringLiteral("logConfiguration")][QStringLiteral("options")]
                                  [QStringLiteral("awslogs-group")]
                                      .toString();
                             if (!group.isEmpty() && !m_logGroupNames.contains(group)) {
                                 m_logGroupNames << group;
                                 fresh << group;
                             }
                         }
                         scanLogGroups(fresh);
                     });
        },
        true);
}

void TeardownPlanner::scanLogGroups(const QStringList &names)
{
    for (const QString &name : names)
        call(QStringLiteral("logs"), QStringLiteral("DescribeLogGroups"),
             {{QStringLiteral("logGroupNamePrefix"), name}}, [this, name](const QJsonObject &out) {
                 for (const QJsonValue &g : out.value(u"logGroups").toArray()) {
                     bool seen = false;
                     for (const Found &f : std::as_const(m_found))
                         seen |= f.kind == u"log-group" && f.name == name;
                     if (g[QStringLiteral("logGroupName")].toString() == name && !seen)
                         m_found.append({QStringLiteral("log-group"), name, name, g.toObject()});
                 }
             });
}

void TeardownPlanner::scanDatabases()
{
    call(
        QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"), {},
        [this](const QJsonObject &out) {
            for (const QJsonValue &v : out.value(u"DBInstances").toArray()) {
                const QJsonObject db = v.toObject();
                if (ours(db) && db.value(u"DBInstanceStatus").toString() != u"deleting")
                    m_found.append({QStringLiteral("db-instance"),
                                    db.value(u"DBInstanceIdentifier").toString(),
                                    db.value(u"DBInstanceIdentifier").toString(), db});
            }
        },
        true);
}

void TeardownPlanner::scanSecurityGroups()
{
    const QJsonObject filter =
        m_stack.isEmpty()
            ? QJsonObject{{QStringLiteral("Name"),
                           QStringLiteral("tag:%1").arg(QLatin1String(kCreatedByTagKey))},
                          {QStringLiteral("Values"), QJsonArray{QLatin1String(kCreatedByTagValue)}}}
            : QJsonObject{{QStringLiteral("Name"), QStringLiteral("tag:%1").arg(QLatin1String(kStackTagKey))},
                          {QStringLiteral("Values"), QJsonArray{m_stack}}};
    call(
        QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"),
        {{QStringLiteral("Filters"), QJsonArray{filter}}},
        [this](const QJsonObject &out) {
            for (const QJsonValue &v : out.value(u"SecurityGroups").toArray())
                m_found.append({QStringLiteral("security-group"), v[QStringLiteral("GroupName")].toString(),
                                v[QStringLiteral("GroupId")].toString(), v.toObject()});
        },
        true);
}

void TeardownPlanner::scanRepositories()
{
    // ECR returns no tags with DescribeRepositories: each repository's are read by ARN.
    call(
        QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"), {},
        [this](const QJsonObject &out) {
            for (const QJsonValue &v : out.value(u"repositories").toArray()) {
                const QJsonObject repo = v.toObject();
                call(QStringLiteral("ecr"), QStringLiteral("ListTagsForResource"),
                     {{QStringLiteral("resourceArn"), repo.value(u"repositoryArn")}},
                     [this, repo](const QJsonObject &tags) {
                         QJsonObject tagged = repo;
                         tagged.insert(QStringLiteral("tags"), tags.value(u"tags"));
                         if (ours(tagged))
                             m_found.append({QStringLiteral("ecr-repository"),
                                             repo.value(u"repositoryName").toString(),
                                             repo.value(u"repositoryName").toString(), tagged});
                     },
                     false, {QStringLiteral("RepositoryNotFoundException")});
            }
        },
        true);
}

QStringList TeardownPlanner::databases() const
{
    QStringList out;
    for (const Found &f : m_found)
        if (f.kind == u"db-instance")
            out << f.name;
    return out;
}

QStringList TeardownPlanner::kept() const
{
    QStringList out;
    QStringList keptGroups;
    for (const Found &f : m_found) {
        if (f.kind != u"db-instance")
            continue;
        if (!m_confirmed.contains(f.name))
            out << QStringLiteral("database %1: not confirmed — name it to delete it (no final snapshot)")
                       .arg(f.name);
        else if (f.details.value(u"DeletionProtection").toBool())
            out << QStringLiteral("database %1: deletion protection is on — turn it off first").arg(f.name);
        else
            continue;
        for (const QJsonValue &g : f.details.value(u"VpcSecurityGroups").toArray())
            keptGroups << g[QStringLiteral("VpcSecurityGroupId")].toString();
    }
    for (const Found &f : m_found)
        if (f.kind == u"security-group" && keptGroups.contains(f.id))
            out << QStringLiteral("security group %1 (%2): the database that is kept uses it")
                       .arg(f.name, f.id);
    QStringList ourRepositories;
    for (const Found &f : m_found)
        if (f.kind == u"ecr-repository")
            ourRepositories << f.name;
    QStringList keptRepositories;
    for (const QString &image : m_ecrImages) {
        // <account>.dkr.ecr.<region>.amazonaws.com/<name>[:tag|@digest]
        QString repository = image.section(u'/', 1);
        repository = repository.section(u'@', 0, 0);
        if (const qsizetype colon = repository.lastIndexOf(u':'); colon > repository.lastIndexOf(u'/'))
            repository.truncate(colon);
        if (ourRepositories.contains(repository) || keptRepositories.contains(repository))
            continue;
        keptRepositories << repository;
        out << QStringLiteral("ECR repository %1: not deleted — the stack's task definitions use it, but it "
                              "does not carry the stack's tag (Deploy Console did not create it)")
                   .arg(repository);
    }
    return out;
}

Plan TeardownPlanner::buildPlan() const
{
    Plan p;
    p.stackName = m_stack;
    p.title = m_stack.isEmpty() ? QStringLiteral("Clean up everything Deploy Console created")
                                : QStringLiteral("Clean up stack %1").arg(m_stack);
    const QStringList keptLines = kept();
    auto isKept = [&keptLines](const QString &what) {
        for (const QString &k : keptLines)
            if (k.startsWith(what))
                return true;
        return false;
    };
    int n = 0;
    auto id = [&n](const QString &base) { return QStringLiteral("%1%2").arg(base).arg(++n); };

    QList<Found> services, taskDefs, clusters, dbs, groups, logGroups, repositories;
    for (const Found &f : m_found) {
        if (f.kind == u"ecs-service")
            services << f;
        else if (f.kind == u"task-definition")
            taskDefs << f;
        else if (f.kind == u"ecs-cluster")
            clusters << f;
        else if (f.kind == u"db-instance" && !isKept(QStringLiteral("database %1:").arg(f.name)))
            dbs << f;
        else if (f.kind == u"security-group" && !isKept(QStringLiteral("security group %1 (").arg(f.name)))
            groups << f;
        else if (f.kind == u"log-group")
            logGroups << f;
        else if (f.kind == u"ecr-repository")
            repositories << f;
    }

    for (const Found &s : services) {
        const QString cluster = s.details.value(u"clusterArn").toString();
        const QJsonObject ref{{QStringLiteral("cluster"), cluster}, {QStringLiteral("service"), s.name}};
        PlanStep scale =
            step(id(QStringLiteral("scale")), QStringLiteral("Scale service %1 to 0 tasks").arg(s.name),
                 QStringLiteral("ecs"), QStringLiteral("UpdateService"), ref);
        scale.params.insert(QStringLiteral("desiredCount"), 0);
        scale.acceptedErrors = {QStringLiteral("ServiceNotFoundException"),
                                QStringLiteral("ServiceNotActiveException")};
        p.steps << scale;
        PlanStep del =
            step(id(QStringLiteral("deleteService")), QStringLiteral("Delete service %1").arg(s.name),
                 QStringLiteral("ecs"), QStringLiteral("DeleteService"), ref);
        del.params.insert(QStringLiteral("force"), true);
        del.acceptedErrors = scale.acceptedErrors;
        p.steps << del;
        PlanStep tasks =
            step(id(QStringLiteral("tasksStopped")),
                 QStringLiteral("Wait for the tasks of %1 to stop").arg(s.name), QStringLiteral("ecs"),
                 QStringLiteral("ListTasks"),
                 {{QStringLiteral("cluster"), cluster}, {QStringLiteral("serviceName"), s.name}});
        tasks.waitFor = waitFor(QStringLiteral("ecs"), QStringLiteral("ListTasks"), tasks.params,
                                QStringLiteral("taskArns"), {QStringLiteral("0")},
                                QStringLiteral("ECS is stopping the tasks (about a minute)"));
        tasks.waitFor->successErrors = {QStringLiteral("ClusterNotFoundException"),
                                        QStringLiteral("ServiceNotFoundException")};
        tasks.waitFor->intervalSeconds = 5;
        tasks.waitFor->timeoutSeconds = 600;
        tasks.acceptedErrors = tasks.waitFor->successErrors;
        p.steps << tasks;
    }
    for (const Found &t : taskDefs) {
        PlanStep s =
            step(id(QStringLiteral("deregister")),
                 QStringLiteral("Deregister task definition %1").arg(t.name), QStringLiteral("ecs"),
                 QStringLiteral("DeregisterTaskDefinition"), {{QStringLiteral("taskDefinition"), t.id}});
        s.acceptedErrors = {QStringLiteral("ClientException")}; // already inactive
        p.steps << s;
    }
    for (const Found &c : clusters) {
        PlanStep s =
            step(id(QStringLiteral("deleteCluster")), QStringLiteral("Delete cluster %1").arg(c.name),
                 QStringLiteral("ecs"), QStringLiteral("DeleteCluster"), {{QStringLiteral("cluster"), c.id}});
        s.acceptedErrors = {QStringLiteral("ClusterNotFoundException")};
        s.retryErrors = {QStringLiteral("ClusterContainsServicesException"),
                         QStringLiteral("ClusterContainsTasksException"),
                         QStringLiteral("UpdateInProgressException")};
        p.steps << s;
    }
    for (const Found &d : dbs) {
        PlanStep s = step(id(QStringLiteral("deleteDb")),
                          QStringLiteral("Delete database %1 (no final snapshot)").arg(d.name),
                          QStringLiteral("rds"), QStringLiteral("DeleteDBInstance"),
                          {{QStringLiteral("DBInstanceIdentifier"), d.name},
                           {QStringLiteral("SkipFinalSnapshot"), true},
                           {QStringLiteral("DeleteAutomatedBackups"), true}});
        s.acceptedErrors = {QStringLiteral("DBInstanceNotFound")};
        s.retryErrors = {QStringLiteral("InvalidDBInstanceState")}; // still creating or modifying
        s.retryTimeoutSeconds = 1800;
        s.waitFor = waitFor(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                            {{QStringLiteral("DBInstanceIdentifier"), d.name}},
                            QStringLiteral("DBInstances[0].DBInstanceStatus"), {},
                            QStringLiteral("AWS is deleting the database (5–10 minutes)"));
        s.waitFor->successErrors = {QStringLiteral("DBInstanceNotFound")};
        s.waitFor->intervalSeconds = 15;
        p.steps << s;
    }
    if (!groups.isEmpty()) {
        QJsonArray ids;
        for (const Found &g : groups)
            ids << g.id;
        const QJsonObject inGroups{
            {QStringLiteral("Filters"),
             QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("group-id")},
                                    {QStringLiteral("Values"), ids}}}}};
        PlanStep enis = step(id(QStringLiteral("enisReleased")),
                             QStringLiteral("Wait for the network interfaces to be released"),
                             QStringLiteral("ec2"), QStringLiteral("DescribeNetworkInterfaces"), inGroups);
        enis.waitFor =
            waitFor(QStringLiteral("ec2"), QStringLiteral("DescribeNetworkInterfaces"), inGroups,
                    QStringLiteral("NetworkInterfaces"), {QStringLiteral("0")},
                    QStringLiteral("AWS is releasing the network interfaces of the tasks and the database"));
        enis.waitFor->intervalSeconds = 10;
        enis.waitFor->timeoutSeconds = 1200;
        p.steps << enis;
        for (const Found &g : groups) {
            PlanStep s = step(id(QStringLiteral("deleteSg")),
                              QStringLiteral("Delete security group %1").arg(g.name), QStringLiteral("ec2"),
                              QStringLiteral("DeleteSecurityGroup"), {{QStringLiteral("GroupId"), g.id}});
            s.acceptedErrors = {QStringLiteral("InvalidGroup.NotFound")};
            s.retryErrors = {QStringLiteral("DependencyViolation")};
            p.steps << s;
        }
    }
    for (const Found &l : logGroups) {
        PlanStep s = step(id(QStringLiteral("deleteLogGroup")),
                          QStringLiteral("Delete log group %1").arg(l.name), QStringLiteral("logs"),
                          QStringLiteral("DeleteLogGroup"), {{QStringLiteral("logGroupName"), l.name}});
        s.acceptedErrors = {QStringLiteral("ResourceNotFoundException")};
        p.steps << s;
    }
    for (const Found &r : repositories) {
        // force: the images pushed to it go with it, as the console's "delete" does.
        PlanStep s = step(id(QStringLiteral("deleteRepository")),
                          QStringLiteral("Delete ECR repository %1 and its images").arg(r.name),
                          QStringLiteral("ecr"), QStringLiteral("DeleteRepository"),
                          {{QStringLiteral("repositoryName"), r.name}, {QStringLiteral("force"), true}});
        s.acceptedErrors = {QStringLiteral("RepositoryNotFoundException")};
        p.steps << s;
    }
    return p;
}

QString TeardownPlanner::finalReport(const QString &runFailure) const
{
    const QString what = m_stack.isEmpty() ? QStringLiteral("what Deploy Console created")
                                           : QStringLiteral("stack %1").arg(m_stack);
    if (m_found.isEmpty() && runFailure.isEmpty())
        return QStringLiteral("Nothing is left of %1.").arg(what);
    QStringList lines{QStringLiteral("Left of %1:").arg(what)};
    const QStringList keptLines = kept();
    for (const Found &f : m_found) {
        QString why = runFailure.isEmpty() ? QStringLiteral("still there after the teardown") : runFailure;
        const QString prefix = f.kind == u"db-instance" ? QStringLiteral("database %1:").arg(f.name)
                               : f.kind == u"security-group"
                                   ? QStringLiteral("security group %1 (").arg(f.name)
                                   : QString();
        for (const QString &k : keptLines)
            if (!prefix.isEmpty() && k.startsWith(prefix))
                why = k.section(QStringLiteral(": "), 1);
        lines << QStringLiteral("  %1 %2 — %3").arg(f.kind, f.name, why);
    }
    if (m_found.isEmpty())
        lines << QStringLiteral("  (nothing found, but the teardown stopped: %1)").arg(runFailure);
    return lines.join(u'\n');
}

} // namespace plan
