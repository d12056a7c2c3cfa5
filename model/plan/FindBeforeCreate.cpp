#include "FindBeforeCreate.h"

#include <QJsonArray>

namespace plan {
namespace {

QString text(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return {};
}

bool scalarMatches(const QString &key, const QString &want, const QString &have)
{
    if (want == have || want.compare(have, Qt::CaseInsensitive) == 0)
        return true;
    // "taskoverflow" names the ARN "…:task-definition/taskoverflow:3"; a name names its ARN.
    if (have.startsWith(u"arn:") && !want.startsWith(u"arn:"))
        return have.endsWith(u'/' + want) || have.contains(u'/' + want + u':');
    if (key == u"EngineVersion") // "17" is the newest 17.x
        return have.startsWith(want + u'.');
    return false;
}

void compare(const QString &path, const QString &key, const QJsonValue &want, const QJsonValue &have,
             const QStringList &ignore, QStringList *out);

void compareObjects(const QString &path, const QJsonObject &want, const QJsonObject &have,
                    const QStringList &ignore, QStringList *out)
{
    for (auto it = want.begin(); it != want.end(); ++it) {
        if (ignore.contains(it.key()) || !have.contains(it.key()))
            continue; // not shown by Describe: cannot differ as far as we can tell
        compare(path.isEmpty() ? it.key() : path + u'.' + it.key(), it.key(), it.value(),
                have.value(it.key()), ignore, out);
    }
}

void compare(const QString &path, const QString &key, const QJsonValue &want, const QJsonValue &have,
             const QStringList &ignore, QStringList *out)
{
    if (want.isObject()) {
        if (!have.isObject())
            out->append(QStringLiteral("%1: differs").arg(path));
        else
            compareObjects(path, want.toObject(), have.toObject(), ignore, out);
        return;
    }
    if (want.isArray()) {
        const QJsonArray w = want.toArray();
        const QJsonArray h = have.toArray();
        if (w.size() != h.size()) {
            out->append(QStringLiteral("%1: wants %2 entries, has %3").arg(path).arg(w.size()).arg(h.size()));
            return;
        }
        // Order does not matter to AWS (subnets, environment): each wanted entry matches some entry.
        for (const QJsonValue &wv : w) {
            bool found = false;
            for (const QJsonValue &hv : h) {
                QStringList diffs;
                compare(path, key, wv, hv, ignore, &diffs);
                if (diffs.isEmpty()) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                out->append(wv.isObject() ? QStringLiteral("%1: an entry differs").arg(path)
                                          : QStringLiteral("%1: has no %2").arg(path, text(wv)));
                return;
            }
        }
        return;
    }
    if (!scalarMatches(key, text(want), text(have)))
        out->append(QStringLiteral("%1: wants %2, has %3").arg(path, text(want), text(have)));
}

} // namespace

PlanStep withDefaultFind(PlanStep step)
{
    if (!step.createsResource || !step.findOperation.isEmpty())
        return step;
    const QJsonObject &p = step.params;
    const QString op = step.service + u' ' + step.operation;
    if (op == u"ec2 CreateSecurityGroup") {
        QJsonArray filters{QJsonObject{{QStringLiteral("Name"), QStringLiteral("group-name")},
                                       {QStringLiteral("Values"), QJsonArray{p.value(u"GroupName")}}}};
        if (p.contains(u"VpcId"))
            filters.append(QJsonObject{{QStringLiteral("Name"), QStringLiteral("vpc-id")},
                                       {QStringLiteral("Values"), QJsonArray{p.value(u"VpcId")}}});
        step.findService = QStringLiteral("ec2");
        step.findOperation = QStringLiteral("DescribeSecurityGroups");
        step.findParams = {{QStringLiteral("Filters"), filters}};
        step.findPath = QStringLiteral("SecurityGroups[0]");
    } else if (op == u"rds CreateDBInstance") {
        step.findService = QStringLiteral("rds");
        step.findOperation = QStringLiteral("DescribeDBInstances");
        step.findParams = {{QStringLiteral("DBInstanceIdentifier"), p.value(u"DBInstanceIdentifier")}};
        step.findPath = QStringLiteral("DBInstances[0]");
    } else if (op == u"ecs CreateCluster") {
        step.findService = QStringLiteral("ecs");
        step.findOperation = QStringLiteral("DescribeClusters");
        step.findParams = {{QStringLiteral("clusters"), QJsonArray{p.value(u"clusterName")}}};
        step.findPath = QStringLiteral("clusters[0]");
    } else if (op == u"ecs RegisterTaskDefinition") {
        step.findService = QStringLiteral("ecs");
        step.findOperation = QStringLiteral("DescribeTaskDefinition");
        step.findParams = {{QStringLiteral("taskDefinition"), p.value(u"family")}};
        step.findPath = QStringLiteral("taskDefinition");
    } else if (op == u"ecs CreateService") {
        step.findService = QStringLiteral("ecs");
        step.findOperation = QStringLiteral("DescribeServices");
        step.findParams = {{QStringLiteral("cluster"), p.value(u"cluster")},
                           {QStringLiteral("services"), QJsonArray{p.value(u"serviceName")}}};
        step.findPath = QStringLiteral("services[0]");
    } else if (op == u"ecr CreateRepository") {
        step.findService = QStringLiteral("ecr");
        step.findOperation = QStringLiteral("DescribeRepositories");
        step.findParams = {{QStringLiteral("repositoryNames"), QJsonArray{p.value(u"repositoryName")}}};
        step.findPath = QStringLiteral("repositories[0]");
    } else if (op == u"logs CreateLogGroup") {
        step.findService = QStringLiteral("logs");
        step.findOperation = QStringLiteral("DescribeLogGroups");
        step.findParams = {{QStringLiteral("logGroupNamePrefix"), p.value(u"logGroupName")}};
        step.findPath = QStringLiteral("logGroups[0]");
    }
    return step;
}

bool isNotFoundError(const QString &code)
{
    // DescribeTaskDefinition answers ClientException for an unknown family.
    return code.contains(QStringLiteral("NotFound")) || code == u"ClientException";
}

QString foundResourceCondition(const QJsonObject &found)
{
    const QString status = found.value(u"status").toString(found.value(u"DBInstanceStatus").toString());
    if (status == u"INACTIVE" || status == u"DELETE_IN_PROGRESS")
        return QStringLiteral("gone");
    if (status == u"DRAINING" || status == u"deleting" || status == u"DEPROVISIONING")
        return QStringLiteral("deleting");
    return {};
}

QStringList settingsDifferences(const QJsonObject &wanted, const QJsonObject &found,
                                const QStringList &ignore)
{
    QStringList skip = ignore;
    skip << QStringLiteral("Tags") << QStringLiteral("tags") << QStringLiteral("TagSpecifications")
         << QStringLiteral("clientToken") << QStringLiteral("ClientToken")
         << QStringLiteral("MasterUserPassword") << QStringLiteral("include");
    QStringList out;
    compareObjects({}, wanted, found, skip, &out);
    return out;
}

QJsonObject outputForFound(const CreatedResource &resource, const QJsonObject &found)
{
    const qsizetype dot = resource.idPath.indexOf(u'.');
    if (dot <= 0)
        return found;
    return {{resource.idPath.left(dot), found}};
}

} // namespace plan
