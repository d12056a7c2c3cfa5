#include "TerraformRenderer.h"

#include "PlanReferences.h"
#include "PlanRenderer.h"
#include "StackTags.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <memory>

namespace plan {
namespace {

// ---- HCL text ---------------------------------------------------------------

/// A block (`resource "t" "n" { … }`, `ingress { … }`) whose attributes are
/// aligned the way `terraform fmt` aligns them.
struct Block {
    struct Item {
        enum Kind { Attribute, Nested, Blank, Comment } kind;
        QString key;   ///< attribute name
        QString value; ///< HCL text; continuation lines indented relative to the attribute
        std::shared_ptr<Block> block;
    };
    QString header;
    QList<Item> items;

    void attr(const QString &key, const QString &value) { items.append({Item::Attribute, key, value, {}}); }
    void blank()
    {
        if (!items.isEmpty() && items.last().kind != Item::Blank)
            items.append({Item::Blank, {}, {}, {}});
    }
    void comment(const QString &text) { items.append({Item::Comment, {}, text, {}}); }
    Block &nested(const QString &header)
    {
        auto b = std::make_shared<Block>();
        b->header = header;
        items.append({Item::Nested, {}, {}, b});
        return *b;
    }
    bool has(const QString &key) const
    {
        for (const Item &i : items)
            if (i.kind == Item::Attribute && i.key == key)
                return true;
        return false;
    }
};

QString indented(const QString &text, const QString &pad)
{
    QString out = text;
    out.replace(QLatin1Char('\n'), QLatin1Char('\n') + pad);
    return out;
}

QString render(const Block &b, int depth = 0)
{
    const QString pad(depth * 2, QLatin1Char(' '));
    const QString inner((depth + 1) * 2, QLatin1Char(' '));
    QString out = pad + b.header + QStringLiteral(" {\n");
    // Consecutive one-line attributes share one column for their '='.
    for (qsizetype i = 0; i < b.items.size();) {
        const auto &item = b.items.at(i);
        if (item.kind == Block::Item::Attribute) {
            qsizetype end = i;
            qsizetype width = 0;
            while (end < b.items.size() && b.items.at(end).kind == Block::Item::Attribute &&
                   (end == i || !b.items.at(end).value.contains(u'\n'))) {
                width = qMax(width, b.items.at(end).key.size());
                if (b.items.at(end++).value.contains(u'\n'))
                    break; // a multi-line value ends its run, as in terraform fmt
            }
            for (; i < end; ++i) {
                const auto &a = b.items.at(i);
                out += inner + a.key.leftJustified(width) + QStringLiteral(" = ") + indented(a.value, inner) +
                       QLatin1Char('\n');
            }
            continue;
        }
        if (item.kind == Block::Item::Nested)
            out += render(*item.block, depth + 1);
        else if (item.kind == Block::Item::Blank)
            out += QLatin1Char('\n');
        else
            out += inner + QStringLiteral("# ") + item.value + QLatin1Char('\n');
        ++i;
    }
    while (out.endsWith(QStringLiteral("\n\n")))
        out.chop(1);
    return out + pad + QStringLiteral("}\n");
}

QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

/// Literal text inside an HCL quoted template: escapes, and `${`/`%{` doubled
/// so nothing in the value is read as an interpolation.
QString escapeLiteral(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        const QChar next = i + 1 < s.size() ? s.at(i + 1) : QChar();
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (c == u'"')
            out += QStringLiteral("\\\"");
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if ((c == u'$' || c == u'%') && next == u'{')
            out += QString(2, c);
        else if (c.unicode() < 0x20)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

bool isIdentifier(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(key).hasMatch();
}

QString objectKey(const QString &key)
{
    return isIdentifier(key) ? key : quoted(escapeLiteral(key));
}

QString number(const QJsonValue &v)
{
    const double d = v.toDouble();
    if (d == double(qint64(d)))
        return QString::number(qint64(d));
    return QString::number(d, 'g', 17);
}

QString snake(const QString &camel)
{
    return cliName(camel).replace(QLatin1Char('-'), QLatin1Char('_'));
}

// ---- what the plan creates ------------------------------------------------

struct Resource {
    QString type;  ///< aws_security_group, …
    QString label; ///< taskoverflow_database, …
    QString kind;  ///< CreatedResource::kind
    QString name;  ///< the AWS name (group name, family, …)
};

/// The Terraform attribute a `${step.Path}` output path corresponds to.
QString attributeFor(QString path)
{
    static const QRegularExpression wrapper(
        QStringLiteral(R"(^(DBInstance|DBInstances\[0\]|cluster|taskDefinition|service|repository)\.)"));
    path.remove(wrapper);
    static const QHash<QString, QString> known{
        {QStringLiteral("GroupId"), QStringLiteral("id")},
        {QStringLiteral("SecurityGroupArn"), QStringLiteral("arn")},
        {QStringLiteral("Endpoint.Address"), QStringLiteral("address")},
        {QStringLiteral("Endpoint.Port"), QStringLiteral("port")},
        {QStringLiteral("Endpoint.HostedZoneId"), QStringLiteral("hosted_zone_id")},
        {QStringLiteral("DBInstanceArn"), QStringLiteral("arn")},
        {QStringLiteral("DBName"), QStringLiteral("db_name")},
        {QStringLiteral("MasterUsername"), QStringLiteral("username")},
        {QStringLiteral("DBInstanceIdentifier"), QStringLiteral("identifier")},
        {QStringLiteral("clusterArn"), QStringLiteral("arn")},
        {QStringLiteral("clusterName"), QStringLiteral("name")},
        {QStringLiteral("taskDefinitionArn"), QStringLiteral("arn")},
        {QStringLiteral("serviceArn"), QStringLiteral("id")},
        {QStringLiteral("serviceName"), QStringLiteral("name")},
        {QStringLiteral("repositoryUri"), QStringLiteral("repository_url")},
        {QStringLiteral("repositoryArn"), QStringLiteral("arn")},
        {QStringLiteral("repositoryName"), QStringLiteral("name")},
        {QStringLiteral("registryId"), QStringLiteral("registry_id")},
        {QStringLiteral("logGroupName"), QStringLiteral("name")},
    };
    if (const auto it = known.find(path); it != known.end())
        return *it;
    return snake(path.section(QLatin1Char('.'), -1));
}

class TerraformWriter {
public:
    TerraformWriter(const Plan &plan, const TerraformOptions &options)
        : m_plan(plan)
        , m_options(options)
    {}
    QString write();

private:
    // Values
    QString value(const QJsonValue &v, int depth = 0) const;
    QString stringValue(const QString &s) const;
    QString tuple(const QJsonArray &a, int depth) const;
    QString object(const QJsonObject &o, const QStringList &order, int depth) const;
    QString tagMap(const QJsonValue &tags) const;
    QString refExpression(const QString &stepId, const QString &path) const;
    QString resourceRef(const QString &kind, const QString &name, const QString &attribute) const;

    // Resources
    void collect();
    QString uniqueLabel(const QString &type, const QString &base);
    void writeSecurityGroup(Block &b, const PlanStep &s);
    void writeIngress(Block &b, const QJsonObject &perm) const;
    void writeStandaloneIngress(const PlanStep &s);
    void writeDatabase(Block &b, const PlanStep &s);
    void writeLogGroup(Block &b, const PlanStep &s);
    void writeCluster(Block &b, const PlanStep &s);
    void writeTaskDefinition(Block &b, const PlanStep &s);
    void writeService(Block &b, const PlanStep &s);
    void writeRepository(Block &b, const PlanStep &s);
    void notShown(Block &b, const QJsonObject &params, const QStringList &handled) const;
    QJsonObject visibleParams(const PlanStep &s) const;
    QString roleExpression(const QString &arn);
    bool usesDefaultSubnets(const QJsonArray &subnets) const;

    const Plan &m_plan;
    TerraformOptions m_options;
    QHash<QString, Resource> m_byStep; ///< step id → resource
    QHash<QString, QSet<QString>> m_labels;
    QHash<QString, QList<QJsonObject>> m_ingress; ///< step id of a created group → its rules
    QList<QPair<QString, QString>> m_secrets;     ///< literal secret → variable expression
    QList<Block> m_variables;
    QList<Block> m_data;
    QHash<QString, QString> m_roles; ///< role ARN → data source expression
    bool m_needVpc = false;
    bool m_needSubnets = false;
    QString m_body;
};

QString TerraformWriter::uniqueLabel(const QString &type, const QString &base)
{
    QString label = terraformLabel(base);
    QSet<QString> &taken = m_labels[type];
    for (int n = 2; taken.contains(label); ++n)
        label = terraformLabel(base) + QStringLiteral("_%1").arg(n);
    taken.insert(label);
    return label;
}

QString TerraformWriter::resourceRef(const QString &kind, const QString &name, const QString &attribute) const
{
    for (const Resource &r : m_byStep)
        if (r.kind == kind && r.name == name)
            return QStringLiteral("%1.%2.%3").arg(r.type, r.label, attribute);
    return {};
}

QString TerraformWriter::refExpression(const QString &stepId, const QString &path) const
{
    const auto it = m_byStep.find(stepId);
    if (it == m_byStep.end())
        return {};
    return QStringLiteral("%1.%2.%3").arg(it->type, it->label, attributeFor(path));
}

QString TerraformWriter::stringValue(const QString &s) const
{
    static const QRegularExpression ref(QStringLiteral(R"(\$\{([A-Za-z0-9_-]+)\.([^}]+)\})"));
    // Whole-value matches first: one reference, a secret, a role ARN.
    if (const auto m = ref.match(s); m.hasMatch() && m.capturedStart() == 0 && m.capturedLength() == s.size())
        if (const QString e = refExpression(m.captured(1), m.captured(2)); !e.isEmpty())
            return e;
    for (const auto &[secret, expr] : m_secrets)
        if (s == secret)
            return expr;
    if (const auto it = m_roles.find(s); it != m_roles.end())
        return *it;

    auto literal = [this](const QString &text) {
        // Secrets inside a longer string (the connection URI) become interpolations.
        QString out;
        qsizetype pos = 0;
        while (pos < text.size()) {
            qsizetype best = -1;
            const QPair<QString, QString> *hit = nullptr;
            for (const auto &secret : m_secrets) {
                const qsizetype at = text.indexOf(secret.first, pos);
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                    hit = &secret;
                }
            }
            if (!hit) {
                out += escapeLiteral(text.mid(pos));
                break;
            }
            out += escapeLiteral(text.mid(pos, best - pos)) + QStringLiteral("${") + hit->second +
                   QLatin1Char('}');
            pos = best + hit->first.size();
        }
        return out;
    };
    QString out;
    qsizetype pos = 0;
    for (auto it = ref.globalMatch(s); it.hasNext();) {
        const auto m = it.next();
        out += literal(s.mid(pos, m.capturedStart() - pos));
        const QString e = refExpression(m.captured(1), m.captured(2));
        out += e.isEmpty() ? escapeLiteral(m.captured(0)) : QStringLiteral("${") + e + QLatin1Char('}');
        pos = m.capturedEnd();
    }
    out += literal(s.mid(pos));
    return quoted(out);
}

QString TerraformWriter::tuple(const QJsonArray &a, int depth) const
{
    if (a.isEmpty())
        return QStringLiteral("[]");
    QStringList parts;
    bool simple = true;
    for (const QJsonValue &v : a) {
        parts << value(v, depth + 1);
        simple = simple && !v.isObject() && !v.isArray();
    }
    const QString oneLine = QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    if (simple && oneLine.size() <= 80 && !oneLine.contains(u'\n'))
        return oneLine;
    QString out = QStringLiteral("[\n");
    for (qsizetype i = 0; i < parts.size(); ++i)
        out += QStringLiteral("  ") + indented(parts.at(i), QStringLiteral("  ")) +
               (i + 1 < parts.size() ? QStringLiteral(",\n") : QStringLiteral("\n"));
    return out + QLatin1Char(']');
}

QString TerraformWriter::object(const QJsonObject &o, const QStringList &order, int depth) const
{
    if (o.isEmpty())
        return QStringLiteral("{}");
    QStringList keys;
    for (const QString &k : order)
        if (o.contains(k))
            keys << k;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!keys.contains(it.key()))
            keys << it.key();
    QStringList values;
    for (const QString &k : keys)
        values << value(o.value(k), depth + 1);
    // Like terraform fmt: runs of one-line values share a column; nested objects and lists break a run.
    QString out = QStringLiteral("{\n");
    for (qsizetype i = 0; i < keys.size();) {
        qsizetype end = i, width = 0;
        while (end < keys.size() && !values.at(end).contains(u'\n'))
            width = qMax(width, objectKey(keys.at(end++)).size());
        if (end == i) { // one multi-line value
            out += QStringLiteral("  ") + objectKey(keys.at(i)) + QStringLiteral(" = ") +
                   indented(values.at(i), QStringLiteral("  ")) + QLatin1Char('\n');
            ++i;
            continue;
        }
        for (; i < end; ++i)
            out += QStringLiteral("  ") + objectKey(keys.at(i)).leftJustified(width) + QStringLiteral(" = ") +
                   values.at(i) + QLatin1Char('\n');
    }
    return out + QLatin1Char('}');
}

QString TerraformWriter::value(const QJsonValue &v, int depth) const
{
    switch (v.type()) {
    case QJsonValue::String:
        return stringValue(v.toString());
    case QJsonValue::Double:
        return number(v);
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return tuple(v.toArray(), depth);
    case QJsonValue::Object: {
        // A container definition reads best name and image first.
        static const QStringList containerOrder{
            QStringLiteral("name"),        QStringLiteral("image"),   QStringLiteral("essential"),
            QStringLiteral("cpu"),         QStringLiteral("memory"),  QStringLiteral("portMappings"),
            QStringLiteral("environment"), QStringLiteral("secrets"), QStringLiteral("logConfiguration"),
            QStringLiteral("healthCheck")};
        return object(v.toObject(), containerOrder, depth);
    }
    default:
        return QStringLiteral("null");
    }
}

/// Tags in any of AWS's layouts as an HCL map, without the deploy-console
/// tags (the provider's default_tags add those to every resource).
QString TerraformWriter::tagMap(const QJsonValue &tags) const
{
    QJsonObject map;
    auto add = [&map](const QString &k, const QJsonValue &v) {
        if (k != QLatin1String(kStackTagKey) && k != QLatin1String(kCreatedByTagKey))
            map.insert(k, v.toString());
    };
    if (tags.isObject()) {
        const QJsonObject o = tags.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            add(it.key(), it.value());
    }
    for (const QJsonValue &t : tags.toArray()) {
        const QJsonObject o = t.toObject();
        add(o.contains(u"Key") ? o.value(u"Key").toString() : o.value(u"key").toString(),
            o.contains(u"Value") ? o.value(u"Value") : o.value(u"value"));
    }
    return map.isEmpty() ? QString() : object(map, {QStringLiteral("Name")}, 0);
}

QString TerraformWriter::roleExpression(const QString &arn)
{
    if (arn.isEmpty() || arn.contains(QStringLiteral("${")))
        return stringValue(arn);
    if (const auto it = m_roles.find(arn); it != m_roles.end())
        return *it;
    const QString name = arn.section(QLatin1Char('/'), -1);
    if (!arn.startsWith(QStringLiteral("arn:")) || !arn.contains(QStringLiteral(":role/")) || name.isEmpty())
        return stringValue(arn);
    const QString label =
        uniqueLabel(QStringLiteral("role"), name == u"LabRole" ? QStringLiteral("lab") : name);
    Block d;
    d.header = QStringLiteral("data \"aws_iam_role\" \"%1\"").arg(label);
    d.attr(QStringLiteral("name"), quoted(escapeLiteral(name)));
    m_data.append(d);
    const QString expr = QStringLiteral("data.aws_iam_role.%1.arn").arg(label);
    m_roles.insert(arn, expr);
    return expr;
}

bool TerraformWriter::usesDefaultSubnets(const QJsonArray &subnets) const
{
    if (m_options.defaultSubnets.isEmpty())
        return true;
    QSet<QString> chosen;
    for (const QJsonValue &v : subnets)
        chosen.insert(v.toString());
    return chosen == QSet<QString>(m_options.defaultSubnets.begin(), m_options.defaultSubnets.end());
}

/// The step's parameters with secrets that are not a known password masked
/// (a password is a variable, so it stays: stringValue turns it into one).
QJsonObject TerraformWriter::visibleParams(const PlanStep &s) const
{
    if (m_options.revealSecrets)
        return s.params;
    QJsonObject p = s.params;
    for (const QString &path : s.sensitivePaths) {
        const QString v = valueAtPath(p, path).toString();
        bool variable = false;
        for (const auto &secret : m_secrets)
            variable = variable || (!secret.first.isEmpty() && v.contains(secret.first));
        if (!variable)
            p = maskedParams(p, {path});
    }
    return p;
}

void TerraformWriter::notShown(Block &b, const QJsonObject &params, const QStringList &handled) const
{
    QStringList rest;
    for (auto it = params.begin(); it != params.end(); ++it)
        if (!handled.contains(it.key()))
            rest << it.key();
    if (!rest.isEmpty())
        b.comment(QStringLiteral("Not expressed here: %1").arg(rest.join(QStringLiteral(", "))));
}

void TerraformWriter::collect()
{
    for (const PlanStep &s : m_plan.steps) {
        const QString op = s.service + QLatin1Char(' ') + s.operation;
        const QJsonObject &p = s.params;
        Resource r;
        if (op == u"ec2 CreateSecurityGroup")
            r = {QStringLiteral("aws_security_group"),
                 {},
                 QStringLiteral("security-group"),
                 p.value(u"GroupName").toString()};
        else if (op == u"rds CreateDBInstance")
            r = {QStringLiteral("aws_db_instance"),
                 {},
                 QStringLiteral("db-instance"),
                 p.value(u"DBInstanceIdentifier").toString()};
        else if (op == u"logs CreateLogGroup")
            r = {QStringLiteral("aws_cloudwatch_log_group"),
                 {},
                 QStringLiteral("log-group"),
                 p.value(u"logGroupName").toString()};
        else if (op == u"ecs CreateCluster")
            r = {QStringLiteral("aws_ecs_cluster"),
                 {},
                 QStringLiteral("ecs-cluster"),
                 p.value(u"clusterName").toString()};
        else if (op == u"ecs RegisterTaskDefinition")
            r = {QStringLiteral("aws_ecs_task_definition"),
                 {},
                 QStringLiteral("task-definition"),
                 p.value(u"family").toString()};
        else if (op == u"ecs CreateService")
            r = {QStringLiteral("aws_ecs_service"),
                 {},
                 QStringLiteral("ecs-service"),
                 p.value(u"serviceName").toString()};
        else if (op == u"ecr CreateRepository")
            r = {QStringLiteral("aws_ecr_repository"),
                 {},
                 QStringLiteral("ecr-repository"),
                 p.value(u"repositoryName").toString()};
        else
            continue;
        QString base = r.name;
        // The practical calls its database resource "taskoverflow_database".
        if (r.kind == u"db-instance" && !terraformLabel(base).contains(QStringLiteral("database")))
            base += QStringLiteral("_database");
        r.label = uniqueLabel(r.type, base);
        m_byStep.insert(s.id, r);

        if (r.kind == u"db-instance") {
            const QString password = p.value(u"MasterUserPassword").toString();
            if (!password.isEmpty() && !password.contains(QStringLiteral("${"))) {
                const QString var = m_secrets.isEmpty() ? QStringLiteral("database_password")
                                                        : r.label + QStringLiteral("_password");
                m_secrets.append({password, QStringLiteral("var.") + var});
                Block v;
                v.header = QStringLiteral("variable \"%1\"").arg(var);
                v.attr(
                    QStringLiteral("description"),
                    quoted(escapeLiteral(QStringLiteral("Master password of the %1 database").arg(r.name))));
                v.attr(QStringLiteral("type"), QStringLiteral("string"));
                v.attr(QStringLiteral("sensitive"), QStringLiteral("true"));
                if (m_options.revealSecrets)
                    v.attr(QStringLiteral("default"), quoted(escapeLiteral(password)));
                else
                    v.comment(
                        QStringLiteral("Set it with TF_VAR_%1 or -var (Terraform asks otherwise).").arg(var));
                m_variables.append(v);
            }
        }
    }
    // Longest secret first, so one that contains another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });

    static const QRegularExpression groupRef(QStringLiteral(R"(^\$\{([A-Za-z0-9_-]+)\.GroupId\}$)"));
    for (const PlanStep &s : m_plan.steps) {
        if (s.service != u"ec2" || s.operation != u"AuthorizeSecurityGroupIngress")
            continue;
        const auto m = groupRef.match(s.params.value(u"GroupId").toString());
        if (m.hasMatch() && m_byStep.contains(m.captured(1)))
            for (const QJsonValue &perm : s.params.value(u"IpPermissions").toArray())
                m_ingress[m.captured(1)].append(perm.toObject());
    }
}

void TerraformWriter::writeIngress(Block &b, const QJsonObject &perm) const
{
    const QString protocol = perm.value(u"IpProtocol").toString();
    const bool all = protocol == u"-1" || protocol == u"all";
    // One block per source, each with its own description, as the console lists rules.
    auto block = [&](const QString &member, const QString &value, const QString &description) {
        Block &in = b.nested(QStringLiteral("ingress"));
        if (!description.isEmpty())
            in.attr(QStringLiteral("description"), stringValue(description));
        in.attr(QStringLiteral("from_port"), all ? QStringLiteral("0") : number(perm.value(u"FromPort")));
        in.attr(QStringLiteral("to_port"), all ? QStringLiteral("0") : number(perm.value(u"ToPort")));
        in.attr(QStringLiteral("protocol"), quoted(all ? QStringLiteral("-1") : escapeLiteral(protocol)));
        in.attr(member, QLatin1Char('[') + value + QLatin1Char(']'));
        b.blank();
    };
    for (const QJsonValue &r : perm.value(u"IpRanges").toArray())
        block(QStringLiteral("cidr_blocks"), stringValue(r[QStringLiteral("CidrIp")].toString()),
              r[QStringLiteral("Description")].toString());
    for (const QJsonValue &r : perm.value(u"Ipv6Ranges").toArray())
        block(QStringLiteral("ipv6_cidr_blocks"), stringValue(r[QStringLiteral("CidrIpv6")].toString()),
              r[QStringLiteral("Description")].toString());
    for (const QJsonValue &r : perm.value(u"UserIdGroupPairs").toArray())
        block(QStringLiteral("security_groups"), stringValue(r[QStringLiteral("GroupId")].toString()),
              r[QStringLiteral("Description")].toString());
    for (const QJsonValue &r : perm.value(u"PrefixListIds").toArray())
        block(QStringLiteral("prefix_list_ids"), stringValue(r[QStringLiteral("PrefixListId")].toString()),
              r[QStringLiteral("Description")].toString());
}

void TerraformWriter::writeSecurityGroup(Block &b, const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    b.attr(QStringLiteral("name"), stringValue(p.value(u"GroupName").toString()));
    b.attr(QStringLiteral("description"), stringValue(p.value(u"Description").toString()));
    if (const QString vpc = p.value(u"VpcId").toString(); !vpc.isEmpty()) {
        if (vpc == m_options.defaultVpcId) {
            m_needVpc = true;
            b.attr(QStringLiteral("vpc_id"), QStringLiteral("data.aws_vpc.default.id"));
        } else {
            b.attr(QStringLiteral("vpc_id"), stringValue(vpc));
        }
    }
    b.blank();
    for (const QJsonObject &perm : m_ingress.value(s.id))
        writeIngress(b, perm);
    // Terraform removes the default outbound rule AWS gives a new group; the
    // wizard keeps it (all traffic out), so it is written out.
    Block &out = b.nested(QStringLiteral("egress"));
    out.attr(QStringLiteral("from_port"), QStringLiteral("0"));
    out.attr(QStringLiteral("to_port"), QStringLiteral("0"));
    out.attr(QStringLiteral("protocol"), quoted(QStringLiteral("-1")));
    out.attr(QStringLiteral("cidr_blocks"), QStringLiteral("[\"0.0.0.0/0\"]"));
    QJsonArray tags;
    for (const QJsonValue &spec : p.value(u"TagSpecifications").toArray())
        for (const QJsonValue &t : spec[QStringLiteral("Tags")].toArray())
            tags.append(t);
    if (const QString t = tagMap(tags); !t.isEmpty()) {
        b.blank();
        b.attr(QStringLiteral("tags"), t);
    }
    notShown(b, p,
             {QStringLiteral("GroupName"), QStringLiteral("Description"), QStringLiteral("VpcId"),
              QStringLiteral("TagSpecifications"), QStringLiteral("DryRun")});
}

/// Rules added to a group the plan does not create: one
/// aws_vpc_security_group_ingress_rule per source.
void TerraformWriter::writeStandaloneIngress(const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    const QString group = p.value(u"GroupId").toString(p.value(u"GroupName").toString());
    for (const QJsonValue &pv : p.value(u"IpPermissions").toArray()) {
        const QJsonObject perm = pv.toObject();
        const QString protocol = perm.value(u"IpProtocol").toString();
        auto rule = [&](const QString &member, const QString &value, const QString &description) {
            const QString port =
                protocol == u"-1" ? QStringLiteral("all") : QString::number(perm.value(u"FromPort").toInt());
            Block b;
            b.header = QStringLiteral("resource \"aws_vpc_security_group_ingress_rule\" \"%1\"")
                           .arg(uniqueLabel(QStringLiteral("aws_vpc_security_group_ingress_rule"),
                                            group + QLatin1Char('_') + port));
            b.attr(QStringLiteral("security_group_id"), stringValue(group));
            if (!description.isEmpty())
                b.attr(QStringLiteral("description"), stringValue(description));
            b.attr(QStringLiteral("ip_protocol"), quoted(escapeLiteral(protocol)));
            if (protocol != u"-1") {
                b.attr(QStringLiteral("from_port"), number(perm.value(u"FromPort")));
                b.attr(QStringLiteral("to_port"), number(perm.value(u"ToPort")));
            }
            b.attr(member, stringValue(value));
            m_body += QLatin1Char('\n') + render(b);
        };
        for (const QJsonValue &r : perm.value(u"IpRanges").toArray())
            rule(QStringLiteral("cidr_ipv4"), r[QStringLiteral("CidrIp")].toString(),
                 r[QStringLiteral("Description")].toString());
        for (const QJsonValue &r : perm.value(u"Ipv6Ranges").toArray())
            rule(QStringLiteral("cidr_ipv6"), r[QStringLiteral("CidrIpv6")].toString(),
                 r[QStringLiteral("Description")].toString());
        for (const QJsonValue &r : perm.value(u"UserIdGroupPairs").toArray())
            rule(QStringLiteral("referenced_security_group_id"), r[QStringLiteral("GroupId")].toString(),
                 r[QStringLiteral("Description")].toString());
        for (const QJsonValue &r : perm.value(u"PrefixListIds").toArray())
            rule(QStringLiteral("prefix_list_id"), r[QStringLiteral("PrefixListId")].toString(),
                 r[QStringLiteral("Description")].toString());
    }
}

void TerraformWriter::writeDatabase(Block &b, const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    // The practical's order first, then the rest of what the wizard sets.
    static const QList<QPair<QString, QString>> members{
        {QStringLiteral("DBInstanceIdentifier"), QStringLiteral("identifier")},
        {QStringLiteral("AllocatedStorage"), QStringLiteral("allocated_storage")},
        {QStringLiteral("MaxAllocatedStorage"), QStringLiteral("max_allocated_storage")},
        {QStringLiteral("StorageType"), QStringLiteral("storage_type")},
        {QStringLiteral("Iops"), QStringLiteral("iops")},
        {QStringLiteral("Engine"), QStringLiteral("engine")},
        {QStringLiteral("EngineVersion"), QStringLiteral("engine_version")},
        {QStringLiteral("DBInstanceClass"), QStringLiteral("instance_class")},
        {QStringLiteral("DBName"), QStringLiteral("db_name")},
        {QStringLiteral("MasterUsername"), QStringLiteral("username")},
        {QStringLiteral("MasterUserPassword"), QStringLiteral("password")},
        {QStringLiteral("DBParameterGroupName"), QStringLiteral("parameter_group_name")},
        {QStringLiteral("Port"), QStringLiteral("port")},
        {QStringLiteral("VpcSecurityGroupIds"), QStringLiteral("vpc_security_group_ids")},
        {QStringLiteral("DBSubnetGroupName"), QStringLiteral("db_subnet_group_name")},
        {QStringLiteral("PubliclyAccessible"), QStringLiteral("publicly_accessible")},
        {QStringLiteral("AvailabilityZone"), QStringLiteral("availability_zone")},
        {QStringLiteral("MultiAZ"), QStringLiteral("multi_az")},
        {QStringLiteral("StorageEncrypted"), QStringLiteral("storage_encrypted")},
        {QStringLiteral("BackupRetentionPeriod"), QStringLiteral("backup_retention_period")},
        {QStringLiteral("DeletionProtection"), QStringLiteral("deletion_protection")},
        {QStringLiteral("AutoMinorVersionUpgrade"), QStringLiteral("auto_minor_version_upgrade")},
    };
    QStringList handled{QStringLiteral("Tags")};
    for (const auto &[member, attribute] : members) {
        if (member == u"DBParameterGroupName" && !p.contains(member) &&
            p.value(u"Engine").toString() == u"postgres") {
            // What AWS picks when none is named; the practical writes it out.
            const QString version = p.value(u"EngineVersion").toString();
            const QString major = version.section(u'.', 0, version.startsWith(u"9.") ? 1 : 0);
            if (!major.isEmpty())
                b.attr(attribute, quoted(QStringLiteral("default.postgres") + escapeLiteral(major)));
        }
        if (!p.contains(member))
            continue;
        handled << member;
        b.attr(attribute, value(p.value(member)));
        if (member == u"MasterUserPassword")
            // Class work deletes without a final snapshot, as Deploy Console's teardown does.
            b.attr(QStringLiteral("skip_final_snapshot"), QStringLiteral("true"));
    }
    if (!b.has(QStringLiteral("skip_final_snapshot")))
        b.attr(QStringLiteral("skip_final_snapshot"), QStringLiteral("true"));
    if (const QString t = tagMap(p.value(u"Tags")); !t.isEmpty()) {
        b.blank();
        b.attr(QStringLiteral("tags"), t);
    }
    notShown(b, p, handled);
}

void TerraformWriter::writeLogGroup(Block &b, const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    b.attr(QStringLiteral("name"), stringValue(p.value(u"logGroupName").toString()));
    if (p.contains(u"retentionInDays"))
        b.attr(QStringLiteral("retention_in_days"), number(p.value(u"retentionInDays")));
    if (p.contains(u"kmsKeyId"))
        b.attr(QStringLiteral("kms_key_id"), stringValue(p.value(u"kmsKeyId").toString()));
    if (const QString t = tagMap(p.value(u"tags")); !t.isEmpty())
        b.attr(QStringLiteral("tags"), t);
    notShown(b, p,
             {QStringLiteral("logGroupName"), QStringLiteral("retentionInDays"), QStringLiteral("kmsKeyId"),
              QStringLiteral("tags")});
}

void TerraformWriter::writeCluster(Block &b, const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    b.attr(QStringLiteral("name"), stringValue(p.value(u"clusterName").toString()));
    for (const QJsonValue &setting : p.value(u"settings").toArray()) {
        Block &sb = b.nested(QStringLiteral("setting"));
        sb.attr(QStringLiteral("name"), stringValue(setting[QStringLiteral("name")].toString()));
        sb.attr(QStringLiteral("value"), stringValue(setting[QStringLiteral("value")].toString()));
    }
    if (const QString t = tagMap(p.value(u"tags")); !t.isEmpty())
        b.attr(QStringLiteral("tags"), t);
    notShown(b, p, {QStringLiteral("clusterName"), QStringLiteral("settings"), QStringLiteral("tags")});
}

void TerraformWriter::writeTaskDefinition(Block &b, const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    auto numeric = [this](const QJsonValue &v) {
        bool ok = false;
        v.toString().toLongLong(&ok);
        return ok ? v.toString() : value(v);
    };
    b.attr(QStringLiteral("family"), stringValue(p.value(u"family").toString()));
    if (p.contains(u"networkMode"))
        b.attr(QStringLiteral("network_mode"), value(p.value(u"networkMode")));
    if (p.contains(u"requiresCompatibilities"))
        b.attr(QStringLiteral("requires_compatibilities"), value(p.value(u"requiresCompatibilities")));
    if (p.contains(u"cpu"))
        b.attr(QStringLiteral("cpu"), numeric(p.value(u"cpu")));
    if (p.contains(u"memory"))
        b.attr(QStringLiteral("memory"), numeric(p.value(u"memory")));
    if (p.contains(u"executionRoleArn"))
        b.attr(QStringLiteral("execution_role_arn"), roleExpression(p.value(u"executionRoleArn").toString()));
    if (p.contains(u"taskRoleArn"))
        b.attr(QStringLiteral("task_role_arn"), roleExpression(p.value(u"taskRoleArn").toString()));

    // The awslogs group the plan creates is referenced, so Terraform creates it first.
    QJsonArray containers = p.value(u"containerDefinitions").toArray();
    QHash<QString, QString> logGroupRefs;
    for (qsizetype i = 0; i < containers.size(); ++i) {
        QJsonObject c = containers.at(i).toObject();
        QJsonObject logs = c.value(u"logConfiguration").toObject();
        QJsonObject options = logs.value(u"options").toObject();
        const QString group = options.value(u"awslogs-group").toString();
        const QString ref = resourceRef(QStringLiteral("log-group"), group, QStringLiteral("name"));
        if (!ref.isEmpty()) {
            // A placeholder stringValue leaves alone, swapped for the bare reference below.
            const QString placeholder = QStringLiteral("@@loggroup%1@@").arg(i);
            logGroupRefs.insert(quoted(placeholder), ref);
            options.insert(QStringLiteral("awslogs-group"), placeholder);
            logs.insert(QStringLiteral("options"), options);
            c.insert(QStringLiteral("logConfiguration"), logs);
            containers[i] = c;
        }
    }
    b.blank();
    QString defs = value(containers);
    for (auto it = logGroupRefs.begin(); it != logGroupRefs.end(); ++it)
        defs.replace(it.key(), it.value());
    b.attr(QStringLiteral("container_definitions"), QStringLiteral("jsonencode(") + defs + QLatin1Char(')'));

    if (p.contains(u"ephemeralStorage")) {
        Block &e = b.nested(QStringLiteral("ephemeral_storage"));
        e.attr(QStringLiteral("size_in_gib"),
               number(p.value(u"ephemeralStorage")[QStringLiteral("sizeInGiB")]));
    }
    if (p.contains(u"runtimePlatform")) {
        const QJsonObject rp = p.value(u"runtimePlatform").toObject();
        Block &r = b.nested(QStringLiteral("runtime_platform"));
        if (rp.contains(u"operatingSystemFamily"))
            r.attr(QStringLiteral("operating_system_family"), value(rp.value(u"operatingSystemFamily")));
        if (rp.contains(u"cpuArchitecture"))
            r.attr(QStringLiteral("cpu_architecture"), value(rp.value(u"cpuArchitecture")));
    }
    if (const QString t = tagMap(p.value(u"tags")); !t.isEmpty())
        b.attr(QStringLiteral("tags"), t);
    notShown(b, p,
             {QStringLiteral("family"), QStringLiteral("networkMode"),
              QStringLiteral("requiresCompatibilities"), QStringLiteral("cpu"), QStringLiteral("memory"),
              QStringLiteral("executionRoleArn"), QStringLiteral("taskRoleArn"),
              QStringLiteral("containerDefinitions"), QStringLiteral("ephemeralStorage"),
              QStringLiteral("runtimePlatform"), QStringLiteral("tags")});
}

void TerraformWriter::writeService(Block &b, const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    b.attr(QStringLiteral("name"), stringValue(p.value(u"serviceName").toString()));
    // A cluster or family the plan itself creates is referenced, not named.
    const QString cluster = p.value(u"cluster").toString();
    QString clusterRef = resourceRef(QStringLiteral("ecs-cluster"), cluster, QStringLiteral("id"));
    if (clusterRef.isEmpty())
        clusterRef =
            resourceRef(QStringLiteral("ecs-cluster"), cluster.section(u'/', -1), QStringLiteral("id"));
    if (p.contains(u"cluster"))
        b.attr(QStringLiteral("cluster"), clusterRef.isEmpty() ? stringValue(cluster) : clusterRef);
    const QString taskDef = p.value(u"taskDefinition").toString();
    const QString familyRef =
        resourceRef(QStringLiteral("task-definition"), taskDef.section(u'/', -1), QStringLiteral("arn"));
    b.attr(QStringLiteral("task_definition"), familyRef.isEmpty() ? stringValue(taskDef) : familyRef);
    if (p.contains(u"desiredCount"))
        b.attr(QStringLiteral("desired_count"), number(p.value(u"desiredCount")));
    if (p.contains(u"launchType"))
        b.attr(QStringLiteral("launch_type"), value(p.value(u"launchType")));
    if (p.contains(u"platformVersion"))
        b.attr(QStringLiteral("platform_version"), value(p.value(u"platformVersion")));
    const QJsonObject deployment = p.value(u"deploymentConfiguration").toObject();
    if (deployment.contains(u"minimumHealthyPercent"))
        b.attr(QStringLiteral("deployment_minimum_healthy_percent"),
               number(deployment.value(u"minimumHealthyPercent")));
    if (deployment.contains(u"maximumPercent"))
        b.attr(QStringLiteral("deployment_maximum_percent"), number(deployment.value(u"maximumPercent")));
    if (p.contains(u"enableExecuteCommand"))
        b.attr(QStringLiteral("enable_execute_command"), value(p.value(u"enableExecuteCommand")));
    if (p.contains(u"propagateTags"))
        b.attr(QStringLiteral("propagate_tags"), value(p.value(u"propagateTags")));
    if (s.waitFor) // the plan follows the deployment until the tasks run
        b.attr(QStringLiteral("wait_for_steady_state"), QStringLiteral("true"));

    const QJsonObject vpc =
        p.value(u"networkConfiguration")[QStringLiteral("awsvpcConfiguration")].toObject();
    if (!vpc.isEmpty()) {
        b.blank();
        Block &n = b.nested(QStringLiteral("network_configuration"));
        const QJsonArray subnets = vpc.value(u"subnets").toArray();
        if (usesDefaultSubnets(subnets)) {
            m_needSubnets = m_needVpc = true;
            n.attr(QStringLiteral("subnets"), QStringLiteral("data.aws_subnets.private.ids"));
        } else {
            n.attr(QStringLiteral("subnets"), value(subnets));
        }
        if (vpc.contains(u"securityGroups"))
            n.attr(QStringLiteral("security_groups"), value(vpc.value(u"securityGroups")));
        n.attr(QStringLiteral("assign_public_ip"), vpc.value(u"assignPublicIp").toString() == u"ENABLED"
                                                       ? QStringLiteral("true")
                                                       : QStringLiteral("false"));
    }
    if (const QString t = tagMap(p.value(u"tags")); !t.isEmpty()) {
        b.blank();
        b.attr(QStringLiteral("tags"), t);
    }
    notShown(b, p,
             {QStringLiteral("serviceName"), QStringLiteral("cluster"), QStringLiteral("taskDefinition"),
              QStringLiteral("desiredCount"), QStringLiteral("launchType"), QStringLiteral("platformVersion"),
              QStringLiteral("deploymentConfiguration"), QStringLiteral("enableExecuteCommand"),
              QStringLiteral("propagateTags"), QStringLiteral("networkConfiguration"), QStringLiteral("tags"),
              QStringLiteral("clientToken")});
}

void TerraformWriter::writeRepository(Block &b, const PlanStep &s)
{
    const QJsonObject p = visibleParams(s);
    b.attr(QStringLiteral("name"), stringValue(p.value(u"repositoryName").toString()));
    if (p.contains(u"imageTagMutability"))
        b.attr(QStringLiteral("image_tag_mutability"), value(p.value(u"imageTagMutability")));
    // Teardown deletes a repository with its images; so does terraform destroy with this.
    b.attr(QStringLiteral("force_delete"), QStringLiteral("true"));
    if (p.contains(u"imageScanningConfiguration")) {
        Block &scan = b.nested(QStringLiteral("image_scanning_configuration"));
        scan.attr(QStringLiteral("scan_on_push"),
                  value(p.value(u"imageScanningConfiguration")[QStringLiteral("scanOnPush")]));
    }
    if (p.contains(u"encryptionConfiguration")) {
        const QJsonObject e = p.value(u"encryptionConfiguration").toObject();
        Block &enc = b.nested(QStringLiteral("encryption_configuration"));
        enc.attr(QStringLiteral("encryption_type"), value(e.value(u"encryptionType")));
        if (e.contains(u"kmsKey"))
            enc.attr(QStringLiteral("kms_key"), value(e.value(u"kmsKey")));
    }
    if (const QString t = tagMap(p.value(u"tags")); !t.isEmpty())
        b.attr(QStringLiteral("tags"), t);
    notShown(b, p,
             {QStringLiteral("repositoryName"), QStringLiteral("imageTagMutability"),
              QStringLiteral("imageScanningConfiguration"), QStringLiteral("encryptionConfiguration"),
              QStringLiteral("tags"), QStringLiteral("registryId")});
}

QString TerraformWriter::write()
{
    collect();
    QStringList notes;
    for (const PlanStep &s : m_plan.steps) {
        const auto it = m_byStep.find(s.id);
        if (it == m_byStep.end()) {
            if (s.service == u"ec2" && s.operation == u"AuthorizeSecurityGroupIngress") {
                static const QRegularExpression groupRef(
                    QStringLiteral(R"(^\$\{([A-Za-z0-9_-]+)\.GroupId\}$)"));
                const auto m = groupRef.match(s.params.value(u"GroupId").toString());
                if (!m.hasMatch() || !m_byStep.contains(m.captured(1)))
                    writeStandaloneIngress(s);
                continue; // else inside its group's ingress blocks
            }
            notes << QStringLiteral("# \"%1\" (%2 %3) has no Terraform resource here.")
                         .arg(s.title, s.service, s.operation);
            continue;
        }
        Block b;
        b.header = QStringLiteral("resource \"%1\" \"%2\"").arg(it->type, it->label);
        if (it->kind == u"security-group")
            writeSecurityGroup(b, s);
        else if (it->kind == u"db-instance")
            writeDatabase(b, s);
        else if (it->kind == u"log-group")
            writeLogGroup(b, s);
        else if (it->kind == u"ecs-cluster")
            writeCluster(b, s);
        else if (it->kind == u"task-definition")
            writeTaskDefinition(b, s);
        else if (it->kind == u"ecs-service")
            writeService(b, s);
        else if (it->kind == u"ecr-repository")
            writeRepository(b, s);
        m_body += QLatin1Char('\n') + render(b);
    }

    QString region = m_options.region;
    for (const PlanStep &s : m_plan.steps)
        for (const QJsonValue &c : s.params.value(u"containerDefinitions").toArray())
            if (region.isEmpty())
                region = c[QStringLiteral("logConfiguration")][QStringLiteral("options")]
                          [QStringLiteral("awslogs-region")]
                              .toString();
    if (region.isEmpty())
        region = QStringLiteral("us-east-1");

    QString out = QStringLiteral("# %1 — written by Deploy Console as the equivalent Terraform.\n")
                      .arg(m_plan.title.isEmpty() ? QStringLiteral("Plan") : m_plan.title);
    out += QStringLiteral("terraform {\n"
                          "  required_providers {\n"
                          "    aws = {\n"
                          "      source  = \"hashicorp/aws\"\n"
                          "      version = \"~> 5.0\"\n"
                          "    }\n"
                          "  }\n"
                          "}\n\n");
    Block provider;
    provider.header = QStringLiteral("provider \"aws\"");
    provider.attr(QStringLiteral("region"), quoted(escapeLiteral(region)));
    provider.attr(QStringLiteral("shared_credentials_files"), QStringLiteral("[\"./credentials\"]"));
    if (!m_plan.stackName.isEmpty()) {
        // The same tags the app puts on what it creates: `deployctl teardown --stack` finds these too.
        provider.blank();
        Block &defaults = provider.nested(QStringLiteral("default_tags"));
        defaults.attr(
            QStringLiteral("tags"),
            object(QJsonObject{{QLatin1String(kStackTagKey), m_plan.stackName},
                               {QLatin1String(kCreatedByTagKey), QLatin1String(kCreatedByTagValue)}},
                   {QLatin1String(kStackTagKey)}, 0));
    }
    out += render(provider);
    for (const Block &v : std::as_const(m_variables))
        out += QLatin1Char('\n') + render(v);
    for (const Block &d : std::as_const(m_data))
        out += QLatin1Char('\n') + render(d);
    if (m_needVpc)
        out += QStringLiteral("\ndata \"aws_vpc\" \"default\" {\n  default = true\n}\n");
    if (m_needSubnets)
        out += QStringLiteral("\ndata \"aws_subnets\" \"private\" {\n"
                              "  filter {\n"
                              "    name   = \"vpc-id\"\n"
                              "    values = [data.aws_vpc.default.id]\n"
                              "  }\n"
                              "}\n");
    out += m_body;
    if (!notes.isEmpty())
        out += QLatin1Char('\n') + notes.join(u'\n') + QLatin1Char('\n');
    return out;
}

} // namespace

QString terraformLabel(const QString &name)
{
    QString out;
    for (const QChar c : name.toLower())
        out += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'_' ? c : QLatin1Char('_');
    static const QRegularExpression runs(QStringLiteral("_+"));
    out.replace(runs, QStringLiteral("_"));
    while (out.startsWith(u'_') && out.size() > 1)
        out.remove(0, 1);
    while (out.endsWith(u'_') && out.size() > 1)
        out.chop(1);
    if (out.isEmpty() || out == u"_")
        return QStringLiteral("this");
    if (out.at(0).isDigit())
        out.prepend(QStringLiteral("r_"));
    return out;
}

QString renderTerraform(const Plan &plan, const TerraformOptions &options)
{
    return TerraformWriter(plan, options).write();
}

} // namespace plan
