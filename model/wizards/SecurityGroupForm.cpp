#include "SecurityGroupForm.h"

#include "ConsoleRules.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace wizards;

SecurityGroupForm::SecurityGroupForm(QObject *parent)
    : WizardForm(parent)
{
    addField(QStringLiteral("name"), QStringLiteral("Security group name"), QString(),
             rules::ruleText(QStringLiteral("sg.name")));
    addField(QStringLiteral("description"), QStringLiteral("Description"), QString(),
             rules::ruleText(QStringLiteral("sg.description")));
    addField(QStringLiteral("vpcId"), QStringLiteral("VPC"), QString(),
             rules::ruleText(QStringLiteral("sg.vpc")));
    addField(QStringLiteral("inbound"), QStringLiteral("Inbound rules"), QVariant(),
             rules::ruleText(QStringLiteral("sg.rules")));
    revalidateAll();
}

bool SecurityGroupForm::isGroupSource(const QString &source)
{
    // sg- and 8 or 17 hex digits, as EC2 writes group ids (a ${ref} to a group a plan makes counts too).
    static const QRegularExpression id(QStringLiteral("^(sg-([0-9a-f]{8}|[0-9a-f]{17})|\\$\\{[^}]+\\})$"));
    return id.match(source.trimmed()).hasMatch();
}

void SecurityGroupForm::addQuickRule(const QString &kind)
{
    QVariantMap r{{QStringLiteral("protocol"), QStringLiteral("tcp")},
                  {QStringLiteral("cidr"), QStringLiteral("0.0.0.0/0")},
                  {QStringLiteral("description"), QString()}};
    const int port = kind == u"postgres" ? 5432 : kind == u"http" ? 80 : -1;
    r.insert(QStringLiteral("fromPort"), port);
    r.insert(QStringLiteral("toPort"), port);
    m_rules.append(r);
    revalidateAll();
}

void SecurityGroupForm::setRule(int row, const QString &member, const QVariant &value)
{
    if (row < 0 || row >= m_rules.size())
        return;
    QVariantMap r = m_rules[row].toMap();
    r.insert(member, value);
    m_rules[row] = r;
    revalidateAll();
}

void SecurityGroupForm::removeRule(int row)
{
    if (row >= 0 && row < m_rules.size())
        m_rules.removeAt(row);
    revalidateAll();
}

QString SecurityGroupForm::ruleError(int row) const
{
    if (row < 0 || row >= m_rules.size())
        return {};
    const QVariantMap r = m_rules[row].toMap();
    const QString proto = r.value(QStringLiteral("protocol")).toString();
    if (proto == u"tcp" || proto == u"udp") {
        if (QString e = rules::portRange(r.value(QStringLiteral("fromPort")).toInt(),
                                         r.value(QStringLiteral("toPort")).toInt());
            !e.isEmpty())
            return e;
    } else if (proto != u"icmp" && proto != u"all") {
        return QStringLiteral("Protocol is tcp, udp, icmp or all");
    }
    // The source is an address range or, as in the console, another security group.
    const QString source = r.value(QStringLiteral("cidr")).toString().trimmed();
    if (isGroupSource(source))
        return rules::ruleDescription(r.value(QStringLiteral("description")).toString());
    if (QString e = rules::cidr(source); !e.isEmpty())
        return e + QStringLiteral(", or a security group id (sg-…)");
    return rules::ruleDescription(r.value(QStringLiteral("description")).toString());
}

QString SecurityGroupForm::validate(const QString &key) const
{
    if (key == u"name")
        return rules::securityGroupName(value(key).toString());
    if (key == u"description")
        return rules::securityGroupDescription(value(key).toString());
    if (key == u"inbound") {
        for (int i = 0; i < m_rules.size(); ++i)
            if (QString e = ruleError(i); !e.isEmpty())
                return QStringLiteral("Rule %1: %2").arg(i + 1).arg(e);
    }
    return {}; // empty VPC = the default VPC
}

void SecurityGroupForm::fillPractical()
{
    m_rules.clear();
    addQuickRule(QStringLiteral("postgres"));
    setValue(QStringLiteral("name"), QStringLiteral("taskoverflow_database"));
    setValue(QStringLiteral("description"), QStringLiteral("Allow inbound Postgresql traffic"));
}

plan::Plan SecurityGroupForm::buildPlan() const
{
    const QString name = value(QStringLiteral("name")).toString();
    plan::Plan p;
    p.title = QStringLiteral("Security group %1").arg(name);
    p.stackName = name;

    plan::PlanStep create;
    create.id = QStringLiteral("createSg");
    create.title = QStringLiteral("Create security group %1").arg(name);
    create.service = QStringLiteral("ec2");
    create.operation = QStringLiteral("CreateSecurityGroup");
    create.params = {
        {QStringLiteral("GroupName"), name},
        {QStringLiteral("Description"), value(QStringLiteral("description")).toString()},
        {QStringLiteral("TagSpecifications"),
         QJsonArray{QJsonObject{
             {QStringLiteral("ResourceType"), QStringLiteral("security-group")},
             {QStringLiteral("Tags"), QJsonArray{QJsonObject{{QStringLiteral("Key"), QStringLiteral("Name")},
                                                             {QStringLiteral("Value"), name}}}}}}}};
    if (const QString vpc = value(QStringLiteral("vpcId")).toString(); !vpc.isEmpty())
        create.params.insert(QStringLiteral("VpcId"), vpc);
    create.createsResource = true;
    create.resource = {QStringLiteral("security-group"), name, QStringLiteral("GroupId")};
    create.undoService = QStringLiteral("ec2");
    create.undoOperation = QStringLiteral("DeleteSecurityGroup");
    create.undoParams = {{QStringLiteral("GroupId"), QStringLiteral("${createSg.GroupId}")}};
    p.steps.append(create);

    if (m_rules.isEmpty())
        return p;
    QJsonArray perms;
    for (const QVariant &v : m_rules) {
        const QVariantMap r = v.toMap();
        const QString proto = r.value(QStringLiteral("protocol")).toString();
        const QString cidr = r.value(QStringLiteral("cidr")).toString();
        const QString desc = r.value(QStringLiteral("description")).toString();
        const bool group = isGroupSource(cidr);
        QJsonObject range{{group                 ? QStringLiteral("GroupId")
                           : cidr.contains(u':') ? QStringLiteral("CidrIpv6")
                                                 : QStringLiteral("CidrIp"),
                           cidr.trimmed()}};
        if (!desc.isEmpty())
            range.insert(QStringLiteral("Description"), desc);
        QJsonObject perm{{QStringLiteral("IpProtocol"), proto == u"all" ? QStringLiteral("-1") : proto}};
        if (proto == u"tcp" || proto == u"udp") {
            perm.insert(QStringLiteral("FromPort"), r.value(QStringLiteral("fromPort")).toInt());
            perm.insert(QStringLiteral("ToPort"), r.value(QStringLiteral("toPort")).toInt());
        } else if (proto == u"icmp") { // all ICMP types and codes
            perm.insert(QStringLiteral("FromPort"), -1);
            perm.insert(QStringLiteral("ToPort"), -1);
        }
        perm.insert(group                 ? QStringLiteral("UserIdGroupPairs")
                    : cidr.contains(u':') ? QStringLiteral("Ipv6Ranges")
                                          : QStringLiteral("IpRanges"),
                    QJsonArray{range});
        perms.append(perm);
    }
    plan::PlanStep ingress;
    ingress.id = QStringLiteral("ingress");
    ingress.title = QStringLiteral("Allow inbound traffic to %1").arg(name);
    ingress.service = QStringLiteral("ec2");
    ingress.operation = QStringLiteral("AuthorizeSecurityGroupIngress");
    ingress.params = {{QStringLiteral("GroupId"), QStringLiteral("${createSg.GroupId}")},
                      {QStringLiteral("IpPermissions"), perms}};
    ingress.acceptedErrors = {QStringLiteral("InvalidPermission.Duplicate")};
    p.steps.append(ingress);
    return p;
}
