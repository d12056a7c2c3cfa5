#include "FormChoices.h"

#include "AwsClient.h"

#include <QJsonArray>

namespace {

QVariantMap choice(const QString &value, const QString &label)
{
    return {{QStringLiteral("value"), value}, {QStringLiteral("label"), label}};
}

QString lastPart(const QString &arn)
{
    return arn.section(u'/', -1);
}

} // namespace

FormChoices::FormChoices(QObject *parent)
    : QObject(parent)
{}

void FormChoices::setClient(aws::AwsClient *client)
{
    m_client = client;
    m_lists.clear();
    m_endpoints.clear();
    m_defaults = {};
    ++m_generation;
    m_pending = 0;
    emit changed();
}

void FormChoices::call(const QString &service, const QString &operation, const QJsonObject &params,
                       std::function<void(const QJsonObject &)> then)
{
    if (!m_client)
        return;
    ++m_pending;
    const quint64 generation = m_generation;
    m_client->paginate(service, operation, params, this,
                       [this, generation, operation, then = std::move(then)](const aws::Outcome &o) {
                           if (generation != m_generation)
                               return;
                           --m_pending;
                           if (o.ok())
                               then(o.output);
                           else
                               // A missing list only costs a choice: the field stays typeable.
                               m_error = tr("Could not read %1: %2").arg(operation, o.error->message);
                           emit changed();
                       });
}

void FormChoices::set(const QString &kind, const QVariantList &list)
{
    m_lists.insert(kind, list);
}

void FormChoices::refresh()
{
    if (!m_client)
        return;
    m_error.clear();
    ++m_pending;
    const quint64 generation = m_generation;
    plan::loadAccountDefaults(m_client, this, [this, generation](const plan::AccountDefaults &d) {
        if (generation != m_generation)
            return;
        --m_pending;
        m_defaults = d;
        if (!d.error.isEmpty())
            m_error = d.error;
        emit changed();
    });
    call(QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"), {}, [this](const QJsonObject &out) {
        QVariantList list;
        for (const QJsonValue &v : out.value(QStringLiteral("Subnets")).toArray()) {
            const QJsonObject s = v.toObject();
            if (s.value(QStringLiteral("DefaultForAz")).toBool())
                list.append(choice(s.value(QStringLiteral("SubnetId")).toString(),
                                   QStringLiteral("%1 (%2, default VPC)")
                                       .arg(s.value(QStringLiteral("SubnetId")).toString(),
                                            s.value(QStringLiteral("AvailabilityZone")).toString())));
        }
        set(QStringLiteral("subnets"), list);
    });
    call(QStringLiteral("ec2"), QStringLiteral("DescribeVpcs"), {}, [this](const QJsonObject &out) {
        // "" is the console's preselection: the default VPC.
        QVariantList list{choice(QString(), tr("The default VPC"))};
        for (const QJsonValue &v : out.value(QStringLiteral("Vpcs")).toArray()) {
            const QJsonObject vpc = v.toObject();
            if (!vpc.value(QStringLiteral("IsDefault")).toBool())
                list.append(
                    choice(vpc.value(QStringLiteral("VpcId")).toString(),
                           QStringLiteral("%1 (%2)").arg(vpc.value(QStringLiteral("VpcId")).toString(),
                                                         vpc.value(QStringLiteral("CidrBlock")).toString())));
        }
        set(QStringLiteral("vpcs"), list);
    });
    call(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"), {}, [this](const QJsonObject &out) {
        QVariantList list;
        for (const QJsonValue &v : out.value(QStringLiteral("SecurityGroups")).toArray()) {
            const QJsonObject g = v.toObject();
            list.append(choice(g.value(QStringLiteral("GroupId")).toString(),
                               QStringLiteral("%1 (%2)").arg(g.value(QStringLiteral("GroupName")).toString(),
                                                             g.value(QStringLiteral("GroupId")).toString())));
        }
        set(QStringLiteral("securityGroups"), list);
    });
    call(QStringLiteral("rds"), QStringLiteral("DescribeDBEngineVersions"),
         {{QStringLiteral("Engine"), QStringLiteral("postgres")}}, [this](const QJsonObject &out) {
             QVariantList list;
             const QJsonArray versions = out.value(QStringLiteral("DBEngineVersions")).toArray();
             // Newest first, as the console lists them.
             for (auto it = versions.end(); it != versions.begin();) {
                 const QJsonObject e = (--it)->toObject();
                 const QString v = e.value(QStringLiteral("EngineVersion")).toString();
                 list.append(choice(v, QStringLiteral("PostgreSQL %1").arg(v)));
             }
             set(QStringLiteral("engineVersions"), list);
         });
    call(QStringLiteral("iam"), QStringLiteral("ListRoles"), {}, [this](const QJsonObject &out) {
        QVariantList list;
        for (const QJsonValue &v : out.value(QStringLiteral("Roles")).toArray()) {
            const QJsonObject r = v.toObject();
            list.append(choice(r.value(QStringLiteral("Arn")).toString(),
                               r.value(QStringLiteral("RoleName")).toString()));
        }
        set(QStringLiteral("roles"), list);
    });
    call(QStringLiteral("ecs"), QStringLiteral("ListClusters"), {}, [this](const QJsonObject &out) {
        QVariantList list;
        for (const QJsonValue &v : out.value(QStringLiteral("clusterArns")).toArray())
            list.append(choice(lastPart(v.toString()), lastPart(v.toString())));
        set(QStringLiteral("clusters"), list);
    });
    call(QStringLiteral("ecs"), QStringLiteral("ListTaskDefinitions"),
         {{QStringLiteral("status"), QStringLiteral("ACTIVE")},
          {QStringLiteral("sort"), QStringLiteral("DESC")}},
         [this](const QJsonObject &out) {
             QVariantList list;
             for (const QJsonValue &v : out.value(QStringLiteral("taskDefinitionArns")).toArray())
                 list.append(choice(lastPart(v.toString()), lastPart(v.toString())));
             set(QStringLiteral("taskDefinitions"), list);
         });
    call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"), {}, [this](const QJsonObject &out) {
        QVariantList list;
        m_endpoints.clear();
        for (const QJsonValue &v : out.value(QStringLiteral("DBInstances")).toArray()) {
            const QJsonObject db = v.toObject();
            const QString id = db.value(QStringLiteral("DBInstanceIdentifier")).toString();
            const QString host =
                db.value(QStringLiteral("Endpoint")).toObject().value(QStringLiteral("Address")).toString();
            m_endpoints.insert(id, host);
            list.append(choice(id, QStringLiteral("%1 (%2)").arg(
                                       id, db.value(QStringLiteral("DBInstanceStatus")).toString())));
        }
        set(QStringLiteral("databases"), list);
    });
    call(QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"), {}, [this](const QJsonObject &out) {
        QVariantList list;
        set(QStringLiteral("images"), list);
        for (const QJsonValue &v : out.value(QStringLiteral("repositories")).toArray()) {
            const QJsonObject repo = v.toObject();
            const QString uri = repo.value(QStringLiteral("repositoryUri")).toString();
            call(
                QStringLiteral("ecr"), QStringLiteral("DescribeImages"),
                {{QStringLiteral("repositoryName"), repo.value(QStringLiteral("repositoryName")).toString()}},
                [this, uri](const QJsonObject &images) {
                    QVariantList list = m_lists.value(QStringLiteral("images"));
                    for (const QJsonValue &i : images.value(QStringLiteral("imageDetails")).toArray())
                        for (const QJsonValue &tag :
                             i.toObject().value(QStringLiteral("imageTags")).toArray())
                            list.append(choice(uri + u':' + tag.toString(), uri + u':' + tag.toString()));
                    set(QStringLiteral("images"), list);
                });
        }
    });
}

void FormChoices::loadInstanceClasses(const QString &engineVersion)
{
    if (!m_client || engineVersion.isEmpty())
        return;
    call(QStringLiteral("rds"), QStringLiteral("DescribeOrderableDBInstanceOptions"),
         {{QStringLiteral("Engine"), QStringLiteral("postgres")},
          {QStringLiteral("EngineVersion"), engineVersion}},
         [this](const QJsonObject &out) {
             QVariantList list;
             QStringList seen;
             for (const QJsonValue &v : out.value(QStringLiteral("OrderableDBInstanceOptions")).toArray()) {
                 const QString cls = v.toObject().value(QStringLiteral("DBInstanceClass")).toString();
                 if (!seen.contains(cls)) {
                     seen.append(cls);
                     list.append(choice(cls, cls));
                 }
             }
             set(QStringLiteral("instanceClasses"), list);
         });
}

QString FormChoices::databaseEndpoint(const QString &identifier) const
{
    return m_endpoints.value(identifier);
}
