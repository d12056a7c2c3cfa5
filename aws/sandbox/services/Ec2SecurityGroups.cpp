#include "Ec2SecurityGroups.h"

#include "Ec2Filters.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace aws::sandbox::ec2 {

namespace {

struct Rule {
    QString id; ///< sgr-…
    bool egress = false;
    QString protocol; ///< "tcp", "udp", "icmp", "-1" or a number
    int from = -1;
    int to = -1;
    QString kind; ///< "cidr", "cidr6", "group", "prefix"
    QString value;
    QString description;

    bool sameAs(const Rule &o) const
    {
        return egress == o.egress && protocol == o.protocol && from == o.from && to == o.to &&
               kind == o.kind && value == o.value;
    }
    QJsonObject toJson() const
    {
        return {{QStringLiteral("id"), id},
                {QStringLiteral("egress"), egress},
                {QStringLiteral("protocol"), protocol},
                {QStringLiteral("from"), from},
                {QStringLiteral("to"), to},
                {QStringLiteral("kind"), kind},
                {QStringLiteral("value"), value},
                {QStringLiteral("description"), description}};
    }
    static Rule fromJson(const QJsonObject &o)
    {
        return Rule{o.value(u"id").toString(),       o.value(u"egress").toBool(),
                    o.value(u"protocol").toString(), o.value(u"from").toInt(-1),
                    o.value(u"to").toInt(-1),        o.value(u"kind").toString(),
                    o.value(u"value").toString(),    o.value(u"description").toString()};
    }
    /// EC2's wording of a rule in Duplicate/NotFound messages.
    QString describe() const
    {
        const QString proto = protocol == u"-1" ? QStringLiteral("ALL") : protocol.toUpper();
        QString s = QStringLiteral("peer: %1, %2").arg(value, proto);
        if (protocol != u"-1")
            s += QStringLiteral(", from port: %1, to port: %2").arg(from).arg(to);
        return s + QStringLiteral(", ALLOW");
    }
};

QList<Rule> rulesOf(const QJsonObject &group)
{
    QList<Rule> out;
    for (const QJsonValue &v : group.value(u"_rules").toArray())
        out << Rule::fromJson(v.toObject());
    return out;
}

/// Writes the rules back and regroups them into IpPermissions / IpPermissionsEgress.
void setRules(QJsonObject &group, const QList<Rule> &rules, const SimState &state)
{
    QJsonArray flat;
    QJsonArray perms[2];
    QList<QString> keys[2];
    for (const Rule &r : rules) {
        flat.append(r.toJson());
        const int side = r.egress ? 1 : 0;
        const QString key = QStringLiteral("%1/%2/%3").arg(r.protocol).arg(r.from).arg(r.to);
        qsizetype index = keys[side].indexOf(key);
        if (index < 0) {
            QJsonObject p{{QStringLiteral("IpProtocol"), r.protocol},
                          {QStringLiteral("IpRanges"), QJsonArray{}},
                          {QStringLiteral("Ipv6Ranges"), QJsonArray{}},
                          {QStringLiteral("PrefixListIds"), QJsonArray{}},
                          {QStringLiteral("UserIdGroupPairs"), QJsonArray{}}};
            if (r.protocol != u"-1") {
                p.insert(QStringLiteral("FromPort"), r.from);
                p.insert(QStringLiteral("ToPort"), r.to);
            }
            perms[side].append(p);
            keys[side].append(key);
            index = perms[side].size() - 1;
        }
        QJsonObject p = perms[side].at(index).toObject();
        QJsonObject source;
        QString list;
        if (r.kind == u"cidr") {
            list = QStringLiteral("IpRanges");
            source.insert(QStringLiteral("CidrIp"), r.value);
        } else if (r.kind == u"cidr6") {
            list = QStringLiteral("Ipv6Ranges");
            source.insert(QStringLiteral("CidrIpv6"), r.value);
        } else if (r.kind == u"prefix") {
            list = QStringLiteral("PrefixListIds");
            source.insert(QStringLiteral("PrefixListId"), r.value);
        } else {
            list = QStringLiteral("UserIdGroupPairs");
            source.insert(QStringLiteral("GroupId"), r.value);
            source.insert(QStringLiteral("UserId"), group.value(u"OwnerId"));
            if (const auto other = state.securityGroups.value(r.value); !other.isEmpty())
                source.insert(QStringLiteral("GroupName"), other.value(u"GroupName"));
        }
        if (!r.description.isEmpty())
            source.insert(QStringLiteral("Description"), r.description);
        QJsonArray sources = p.value(list).toArray();
        sources.append(source);
        p.insert(list, sources);
        perms[side][index] = p;
    }
    group.insert(QStringLiteral("_rules"), flat);
    group.insert(QStringLiteral("IpPermissions"), perms[0]);
    group.insert(QStringLiteral("IpPermissionsEgress"), perms[1]);
}

AwsError invalid(const QString &message)
{
    return clientError(QStringLiteral("InvalidParameterValue"), message);
}

std::optional<AwsError> normaliseProtocol(QString &protocol)
{
    const QString p = protocol.toLower();
    if (p == u"tcp" || p == u"6")
        protocol = QStringLiteral("tcp");
    else if (p == u"udp" || p == u"17")
        protocol = QStringLiteral("udp");
    else if (p == u"icmp" || p == u"1")
        protocol = QStringLiteral("icmp");
    else if (p == u"-1" || p == u"all")
        protocol = QStringLiteral("-1");
    else if (p == u"icmpv6" || p == u"58")
        protocol = QStringLiteral("58");
    else {
        bool ok = false;
        const int n = p.toInt(&ok);
        if (!ok || n < 0 || n > 255)
            return invalid(
                QStringLiteral("Invalid value '%1' for IP protocol. Unknown protocol.").arg(protocol));
    }
    return std::nullopt;
}

bool isIpv4Cidr(const QString &cidr)
{
    static const QRegularExpression re(
        QStringLiteral("\\A(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})\\z"));
    const auto m = re.match(cidr);
    if (!m.hasMatch())
        return false;
    for (int i = 1; i <= 4; ++i)
        if (m.captured(i).toInt() > 255)
            return false;
    return m.captured(5).toInt() <= 32;
}

bool isIpv6Cidr(const QString &cidr)
{
    const auto [address, length] = QHostAddress::parseSubnet(cidr);
    return cidr.contains(u':') && address.protocol() == QAbstractSocket::IPv6Protocol && length >= 0 &&
           length <= 128;
}

/// The group a request names (GroupId, or GroupName in the default VPC).
std::variant<QString, AwsError> targetGroup(const SimState &state, const QJsonObject &params)
{
    const QString id = params.value(u"GroupId").toString();
    if (!id.isEmpty()) {
        if (!isWellFormedId(id, QStringLiteral("sg")))
            return clientError(QStringLiteral("InvalidGroupId.Malformed"),
                               QStringLiteral("Invalid id: \"%1\" (expecting \"sg-...\")").arg(id));
        if (!state.securityGroups.contains(id))
            return clientError(QStringLiteral("InvalidGroup.NotFound"),
                               QStringLiteral("The security group '%1' does not exist").arg(id));
        return id;
    }
    const QString name = params.value(u"GroupName").toString();
    if (name.isEmpty())
        return clientError(QStringLiteral("MissingParameter"),
                           QStringLiteral("The request must contain the parameter groupName or groupId"));
    const QString vpc = defaultVpcId(state);
    for (auto it = state.securityGroups.cbegin(); it != state.securityGroups.cend(); ++it)
        if (it->value(u"GroupName").toString() == name && it->value(u"VpcId").toString() == vpc)
            return it.key();
    return clientError(
        QStringLiteral("InvalidGroup.NotFound"),
        QStringLiteral("The security group '%1' does not exist in default VPC '%2'").arg(name, vpc));
}

/// The flat rules a request's IpPermissions (or its top-level shorthand) stand for.
std::variant<QList<Rule>, AwsError> requestedRules(const SimState &state, const QJsonObject &params,
                                                   bool egress, const QString &groupId)
{
    QJsonArray permissions = params.value(u"IpPermissions").toArray();
    if (params.contains(u"IpProtocol") || params.contains(u"CidrIp") ||
        params.contains(u"SourceSecurityGroupName")) {
        QJsonObject p{
            {QStringLiteral("IpProtocol"), params.value(u"IpProtocol").toString(QStringLiteral("-1"))}};
        if (params.contains(u"FromPort"))
            p.insert(QStringLiteral("FromPort"), params.value(u"FromPort"));
        if (params.contains(u"ToPort"))
            p.insert(QStringLiteral("ToPort"), params.value(u"ToPort"));
        if (params.contains(u"CidrIp"))
            p.insert(QStringLiteral("IpRanges"),
                     QJsonArray{QJsonObject{{QStringLiteral("CidrIp"), params.value(u"CidrIp")}}});
        if (params.contains(u"SourceSecurityGroupName")) {
            const auto source =
                targetGroup(state, {{QStringLiteral("GroupName"), params.value(u"SourceSecurityGroupName")}});
            if (const auto *e = std::get_if<AwsError>(&source))
                return *e;
            p.insert(QStringLiteral("UserIdGroupPairs"),
                     QJsonArray{QJsonObject{{QStringLiteral("GroupId"), std::get<QString>(source)}}});
        }
        permissions.append(p);
    }
    if (permissions.isEmpty())
        return clientError(
            QStringLiteral("MissingParameter"),
            QStringLiteral("No permissions given: name a protocol and a source (IpPermissions)."));
    QList<Rule> rules;
    for (const QJsonValue &pv : permissions) {
        const QJsonObject p = pv.toObject();
        Rule base;
        base.egress = egress;
        base.protocol = p.value(u"IpProtocol").toString();
        if (auto e = normaliseProtocol(base.protocol))
            return *e;
        if (base.protocol == u"tcp" || base.protocol == u"udp") {
            if (!p.contains(u"FromPort") || !p.contains(u"ToPort"))
                return invalid(QStringLiteral(
                    "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange"));
            base.from = p.value(u"FromPort").toInt();
            base.to = p.value(u"ToPort").toInt();
            if (base.from < 0 || base.to > 65535 || base.from > base.to)
                return invalid(
                    QStringLiteral("Invalid value 'Invalid TCP/UDP port range %1 to %2' for portRange")
                        .arg(base.from)
                        .arg(base.to));
        } else if (base.protocol == u"icmp" || base.protocol == u"58") {
            base.from = p.value(u"FromPort").toInt(-1);
            base.to = p.value(u"ToPort").toInt(-1);
            if (base.from < -1 || base.from > 255 || base.to < -1 || base.to > 255)
                return invalid(QStringLiteral("Invalid value for ICMP type or code: %1, %2")
                                   .arg(base.from)
                                   .arg(base.to));
        } else if (base.protocol != u"-1") {
            base.from = p.value(u"FromPort").toInt(-1);
            base.to = p.value(u"ToPort").toInt(-1);
        }
        const auto add = [&](const QString &kind, const QString &value, const QJsonObject &source) {
            Rule r = base;
            r.kind = kind;
            r.value = value;
            r.description = source.value(u"Description").toString();
            rules << r;
        };
        for (const QJsonValue &v : p.value(u"IpRanges").toArray()) {
            const QString cidr = v.toObject().value(u"CidrIp").toString();
            if (!isIpv4Cidr(cidr))
                return invalid(QStringLiteral("CIDR block %1 is malformed").arg(cidr));
            add(QStringLiteral("cidr"), cidr, v.toObject());
        }
        for (const QJsonValue &v : p.value(u"Ipv6Ranges").toArray()) {
            const QString cidr = v.toObject().value(u"CidrIpv6").toString();
            if (!isIpv6Cidr(cidr))
                return invalid(QStringLiteral("CIDR block %1 is malformed").arg(cidr));
            add(QStringLiteral("cidr6"), cidr, v.toObject());
        }
        for (const QJsonValue &v : p.value(u"PrefixListIds").toArray())
            add(QStringLiteral("prefix"), v.toObject().value(u"PrefixListId").toString(), v.toObject());
        for (const QJsonValue &v : p.value(u"UserIdGroupPairs").toArray()) {
            QString source = v.toObject().value(u"GroupId").toString();
            if (source.isEmpty()) {
                const auto named =
                    targetGroup(state, {{QStringLiteral("GroupName"), v.toObject().value(u"GroupName")}});
                if (const auto *e = std::get_if<AwsError>(&named))
                    return *e;
                source = std::get<QString>(named);
            } else if (!state.securityGroups.contains(source)) {
                return clientError(QStringLiteral("InvalidGroup.NotFound"),
                                   QStringLiteral("The security group '%1' does not exist").arg(source));
            }
            if (state.securityGroups.value(source).value(u"VpcId") !=
                state.securityGroups.value(groupId).value(u"VpcId"))
                return invalid(
                    QStringLiteral("You have specified two resources that belong to different networks."));
            add(QStringLiteral("group"), source, v.toObject());
        }
        if (p.value(u"IpRanges").toArray().isEmpty() && p.value(u"Ipv6Ranges").toArray().isEmpty() &&
            p.value(u"PrefixListIds").toArray().isEmpty() && p.value(u"UserIdGroupPairs").toArray().isEmpty())
            return clientError(
                QStringLiteral("MissingParameter"),
                QStringLiteral("A source is required: a CIDR range, a prefix list or a security group."));
    }
    return rules;
}

QJsonObject ruleOutput(const Rule &r, const QString &groupId, const QString &owner)
{
    QJsonObject o{{QStringLiteral("SecurityGroupRuleId"), r.id},
                  {QStringLiteral("GroupId"), groupId},
                  {QStringLiteral("GroupOwnerId"), owner},
                  {QStringLiteral("IsEgress"), r.egress},
                  {QStringLiteral("IpProtocol"), r.protocol},
                  {QStringLiteral("FromPort"), r.from},
                  {QStringLiteral("ToPort"), r.to}};
    if (r.kind == u"cidr")
        o.insert(QStringLiteral("CidrIpv4"), r.value);
    else if (r.kind == u"cidr6")
        o.insert(QStringLiteral("CidrIpv6"), r.value);
    else if (r.kind == u"prefix")
        o.insert(QStringLiteral("PrefixListId"), r.value);
    else
        o.insert(QStringLiteral("ReferencedGroupInfo"),
                 QJsonObject{{QStringLiteral("GroupId"), r.value}, {QStringLiteral("UserId"), owner}});
    if (!r.description.isEmpty())
        o.insert(QStringLiteral("Description"), r.description);
    return o;
}

CallResult authorize(SimContext &ctx, const QJsonObject &params, bool egress)
{
    const auto target = targetGroup(ctx.state, params);
    if (const auto *e = std::get_if<AwsError>(&target))
        return *e;
    const QString groupId = std::get<QString>(target);
    const auto requested = requestedRules(ctx.state, params, egress, groupId);
    if (const auto *e = std::get_if<AwsError>(&requested))
        return *e;
    QJsonObject group = ctx.state.securityGroups.value(groupId);
    QList<Rule> rules = rulesOf(group);
    QJsonArray added;
    QList<Rule> fresh = std::get<QList<Rule>>(requested);
    for (Rule &r : fresh) {
        for (const Rule &existing : std::as_const(rules))
            if (existing.sameAs(r))
                return clientError(
                    QStringLiteral("InvalidPermission.Duplicate"),
                    QStringLiteral("the specified rule \"%1\" already exists").arg(r.describe()));
        r.id = QStringLiteral("sgr-") + ctx.hexId(17);
    }
    for (const Rule &r : std::as_const(fresh)) {
        rules << r;
        added.append(ruleOutput(r, groupId, ctx.accountId()));
    }
    setRules(group, rules, ctx.state);
    ctx.state.securityGroups.insert(groupId, group);
    return QJsonObject{{QStringLiteral("Return"), true}, {QStringLiteral("SecurityGroupRules"), added}};
}

CallResult revoke(SimContext &ctx, const QJsonObject &params, bool egress)
{
    const auto target = targetGroup(ctx.state, params);
    if (const auto *e = std::get_if<AwsError>(&target))
        return *e;
    const QString groupId = std::get<QString>(target);
    QJsonObject group = ctx.state.securityGroups.value(groupId);
    QList<Rule> rules = rulesOf(group);
    const QJsonArray ruleIds = params.value(u"SecurityGroupRuleIds").toArray();
    if (!ruleIds.isEmpty()) {
        for (const QJsonValue &v : ruleIds) {
            const auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule &r) {
                return r.id == v.toString() && r.egress == egress;
            });
            if (it == rules.end())
                return clientError(
                    QStringLiteral("InvalidSecurityGroupRuleId.NotFound"),
                    QStringLiteral("The security group rule ID '%1' does not exist").arg(v.toString()));
            rules.erase(it);
        }
    } else {
        const auto requested = requestedRules(ctx.state, params, egress, groupId);
        if (const auto *e = std::get_if<AwsError>(&requested))
            return *e;
        for (const Rule &want : std::get<QList<Rule>>(requested)) {
            const auto it =
                std::find_if(rules.begin(), rules.end(), [&](const Rule &r) { return r.sameAs(want); });
            if (it == rules.end())
                return clientError(
                    QStringLiteral("InvalidPermission.NotFound"),
                    QStringLiteral("The specified rule does not exist in this security group."));
            rules.erase(it);
        }
    }
    setRules(group, rules, ctx.state);
    ctx.state.securityGroups.insert(groupId, group);
    return QJsonObject{{QStringLiteral("Return"), true}};
}

std::optional<AwsError> checkGroupName(const QString &name, const QString &field)
{
    static const QRegularExpression allowed(QStringLiteral("\\A[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]*\\z"));
    if (name.isEmpty() || name.size() > 255)
        return invalid(QStringLiteral("Invalid value '%1' for %2. Length must be 1 to 255 characters.")
                           .arg(name, field));
    if (!allowed.match(name).hasMatch())
        return invalid(
            QStringLiteral("Invalid value '%1' for %2. Valid characters are a-z, A-Z, 0-9, spaces, and "
                           "._-:/()#,@[]+=&;{}!$*")
                .arg(name, field));
    return std::nullopt;
}

CallResult createGroup(SimContext &ctx, const QJsonObject &params)
{
    const QString name = params.value(u"GroupName").toString();
    const QString description = params.value(u"Description").toString();
    if (auto e = checkGroupName(name, QStringLiteral("groupName")))
        return *e;
    if (auto e = checkGroupName(description, QStringLiteral("GroupDescription")))
        return *e;
    if (name.toLower().startsWith(u"sg-"))
        return invalid(QStringLiteral("Group names may not be in the format sg-*."));
    QString vpc = params.value(u"VpcId").toString();
    if (vpc.isEmpty())
        vpc = defaultVpcId(ctx.state);
    if (vpc.isEmpty())
        return clientError(QStringLiteral("VPCIdNotSpecified"),
                           QStringLiteral("No default VPC for this user"));
    if (!ctx.state.vpcs.contains(vpc))
        return clientError(QStringLiteral("InvalidVpcID.NotFound"),
                           QStringLiteral("The vpc ID '%1' does not exist").arg(vpc));
    for (const QJsonObject &g : std::as_const(ctx.state.securityGroups))
        if (g.value(u"VpcId").toString() == vpc && g.value(u"GroupName").toString() == name)
            return clientError(
                QStringLiteral("InvalidGroup.Duplicate"),
                QStringLiteral("The security group '%1' already exists for VPC '%2'").arg(name, vpc));
    QJsonArray tags;
    for (const QJsonValue &spec : params.value(u"TagSpecifications").toArray())
        tags = mergeTags(tags, spec.toObject().value(u"Tags").toArray(), QStringLiteral("Key"),
                         QStringLiteral("Value"));
    if (auto e = checkTagKeys(tags, QStringLiteral("Key"), QStringLiteral("InvalidParameterValue")))
        return *e;
    QJsonObject group = newSecurityGroup(ctx, name, description, vpc);
    if (!tags.isEmpty())
        group.insert(QStringLiteral("Tags"), tags);
    ctx.state.securityGroups.insert(group.value(u"GroupId").toString(), group);
    QJsonObject out{{QStringLiteral("GroupId"), group.value(u"GroupId")}};
    if (!tags.isEmpty())
        out.insert(QStringLiteral("Tags"), tags);
    return out;
}

CallResult deleteGroup(SimContext &ctx, const QJsonObject &params)
{
    const auto target = targetGroup(ctx.state, params);
    if (const auto *e = std::get_if<AwsError>(&target))
        return *e;
    const QString id = std::get<QString>(target);
    const QJsonObject group = ctx.state.securityGroups.value(id);
    if (group.value(u"GroupName").toString() == u"default")
        return clientError(
            QStringLiteral("CannotDelete"),
            QStringLiteral("the specified group: \"%1\" name: \"default\" cannot be deleted by a user")
                .arg(id));
    const AwsError dependent = clientError(QStringLiteral("DependencyViolation"),
                                           QStringLiteral("resource %1 has a dependent object").arg(id));
    for (const QJsonObject &eni : std::as_const(ctx.state.networkInterfaces))
        for (const QJsonValue &g : eni.value(u"Groups").toArray())
            if (g.toObject().value(u"GroupId").toString() == id)
                return dependent;
    for (const QJsonObject &db : std::as_const(ctx.state.dbInstances))
        for (const QJsonValue &g : db.value(u"VpcSecurityGroups").toArray())
            if (g.toObject().value(u"VpcSecurityGroupId").toString() == id)
                return dependent;
    for (auto it = ctx.state.securityGroups.cbegin(); it != ctx.state.securityGroups.cend(); ++it) {
        if (it.key() == id)
            continue;
        for (const Rule &r : rulesOf(it.value()))
            if (r.kind == u"group" && r.value == id)
                return dependent;
    }
    ctx.state.securityGroups.remove(id);
    return QJsonObject{};
}

FilterFields securityGroupFilters()
{
    const auto ruleField = [](bool egress, const char *what) {
        const QString w = QString::fromLatin1(what);
        return [egress, w](const QJsonObject &g) {
            QStringList out;
            for (const Rule &r : rulesOf(g)) {
                if (r.egress != egress)
                    continue;
                if (w == u"from-port")
                    out << QString::number(r.from);
                else if (w == u"to-port")
                    out << QString::number(r.to);
                else if (w == u"protocol")
                    out << r.protocol;
                else if (w == u"cidr" && r.kind == u"cidr")
                    out << r.value;
                else if (w == u"ipv6-cidr" && r.kind == u"cidr6")
                    out << r.value;
                else if (w == u"group-id" && r.kind == u"group")
                    out << r.value;
            }
            return out;
        };
    };
    FilterFields f{{QStringLiteral("description"), member(QStringLiteral("Description"))},
                   {QStringLiteral("group-id"), member(QStringLiteral("GroupId"))},
                   {QStringLiteral("group-name"), member(QStringLiteral("GroupName"))},
                   {QStringLiteral("owner-id"), member(QStringLiteral("OwnerId"))},
                   {QStringLiteral("vpc-id"), member(QStringLiteral("VpcId"))}};
    for (const char *w : {"from-port", "to-port", "protocol", "cidr", "ipv6-cidr", "group-id"}) {
        f.insert(QStringLiteral("ip-permission.") + QLatin1String(w), ruleField(false, w));
        f.insert(QStringLiteral("egress.ip-permission.") + QLatin1String(w), ruleField(true, w));
    }
    return f;
}

CallResult describeGroups(SimContext &ctx, const QJsonObject &params)
{
    QJsonObject p = params;
    // GroupNames only reach the default VPC, as in EC2.
    const QJsonArray names = params.value(u"GroupNames").toArray();
    if (!names.isEmpty()) {
        QJsonArray ids = p.value(u"GroupIds").toArray();
        for (const QJsonValue &n : names) {
            const auto id = targetGroup(ctx.state, {{QStringLiteral("GroupName"), n}});
            if (const auto *e = std::get_if<AwsError>(&id))
                return *e;
            ids.append(std::get<QString>(id));
        }
        p.insert(QStringLiteral("GroupIds"), ids);
    }
    CallResult result =
        describe(DescribeSpec{&ctx.state.securityGroups, QStringLiteral("GroupIds"), QStringLiteral("sg"),
                              QStringLiteral("InvalidGroupId"), QStringLiteral("security group"),
                              QStringLiteral("SecurityGroups"), securityGroupFilters()},
                 p);
    // EC2 calls a missing group InvalidGroup.NotFound (but a malformed id InvalidGroupId.Malformed).
    if (auto *e = std::get_if<AwsError>(&result); e && e->code == u"InvalidGroupId.NotFound")
        e->code = QStringLiteral("InvalidGroup.NotFound");
    return result;
}

} // namespace

QString defaultVpcId(const SimState &state)
{
    for (auto it = state.vpcs.cbegin(); it != state.vpcs.cend(); ++it)
        if (it->value(u"IsDefault").toBool())
            return it.key();
    return {};
}

QJsonObject newSecurityGroup(SimContext &ctx, const QString &name, const QString &description,
                             const QString &vpcId)
{
    const QString id = QStringLiteral("sg-") + ctx.hexId(17);
    QJsonObject group{{QStringLiteral("GroupId"), id},
                      {QStringLiteral("GroupName"), name},
                      {QStringLiteral("Description"), description},
                      {QStringLiteral("OwnerId"), ctx.accountId()},
                      {QStringLiteral("VpcId"), vpcId}};
    // A new group lets everything out and nothing in, as in EC2.
    Rule egress;
    egress.id = QStringLiteral("sgr-") + ctx.hexId(17);
    egress.egress = true;
    egress.protocol = QStringLiteral("-1");
    egress.kind = QStringLiteral("cidr");
    egress.value = QStringLiteral("0.0.0.0/0");
    setRules(group, {egress}, ctx.state);
    return group;
}

void allowSelf(QJsonObject &group, SimContext &ctx)
{
    QList<Rule> rules = rulesOf(group);
    Rule self;
    self.id = QStringLiteral("sgr-") + ctx.hexId(17);
    self.protocol = QStringLiteral("-1");
    self.kind = QStringLiteral("group");
    self.value = group.value(u"GroupId").toString();
    rules.prepend(self);
    setRules(group, rules, ctx.state);
}

void addSecurityGroupOperations(ServiceTable &table)
{
    table.operations.insert(QStringLiteral("CreateSecurityGroup"), createGroup);
    table.operations.insert(QStringLiteral("DeleteSecurityGroup"), deleteGroup);
    table.operations.insert(QStringLiteral("DescribeSecurityGroups"), describeGroups);
    table.operations.insert(QStringLiteral("AuthorizeSecurityGroupIngress"),
                            [](SimContext &ctx, const QJsonObject &p) { return authorize(ctx, p, false); });
    table.operations.insert(QStringLiteral("RevokeSecurityGroupIngress"),
                            [](SimContext &ctx, const QJsonObject &p) { return revoke(ctx, p, false); });
}

} // namespace aws::sandbox::ec2
