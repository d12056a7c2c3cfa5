#include "Ec2Filters.h"
#include "Ec2SecurityGroups.h"
#include "ServiceTable.h"

namespace aws::sandbox {

namespace {

using namespace ec2;

FilterFields vpcFilters()
{
    return {{QStringLiteral("cidr"), member(QStringLiteral("CidrBlock"))},
            {QStringLiteral("cidr-block-association.cidr-block"),
             listMember(QStringLiteral("CidrBlockAssociationSet"), QStringLiteral("CidrBlock"))},
            {QStringLiteral("dhcp-options-id"), member(QStringLiteral("DhcpOptionsId"))},
            {QStringLiteral("is-default"), member(QStringLiteral("IsDefault"))},
            {QStringLiteral("owner-id"), member(QStringLiteral("OwnerId"))},
            {QStringLiteral("state"), member(QStringLiteral("State"))},
            {QStringLiteral("vpc-id"), member(QStringLiteral("VpcId"))}};
}

FilterFields subnetFilters()
{
    return {{QStringLiteral("availability-zone"), member(QStringLiteral("AvailabilityZone"))},
            {QStringLiteral("availabilityZone"), member(QStringLiteral("AvailabilityZone"))},
            {QStringLiteral("availability-zone-id"), member(QStringLiteral("AvailabilityZoneId"))},
            {QStringLiteral("available-ip-address-count"), member(QStringLiteral("AvailableIpAddressCount"))},
            {QStringLiteral("cidr-block"), member(QStringLiteral("CidrBlock"))},
            {QStringLiteral("default-for-az"), member(QStringLiteral("DefaultForAz"))},
            {QStringLiteral("defaultForAz"), member(QStringLiteral("DefaultForAz"))},
            {QStringLiteral("map-public-ip-on-launch"), member(QStringLiteral("MapPublicIpOnLaunch"))},
            {QStringLiteral("owner-id"), member(QStringLiteral("OwnerId"))},
            {QStringLiteral("state"), member(QStringLiteral("State"))},
            {QStringLiteral("subnet-arn"), member(QStringLiteral("SubnetArn"))},
            {QStringLiteral("subnet-id"), member(QStringLiteral("SubnetId"))},
            {QStringLiteral("vpc-id"), member(QStringLiteral("VpcId"))}};
}

FilterFields routeTableFilters()
{
    return {{QStringLiteral("association.main"),
             listMember(QStringLiteral("Associations"), QStringLiteral("Main"))},
            {QStringLiteral("association.subnet-id"),
             listMember(QStringLiteral("Associations"), QStringLiteral("SubnetId"))},
            {QStringLiteral("association.route-table-association-id"),
             listMember(QStringLiteral("Associations"), QStringLiteral("RouteTableAssociationId"))},
            {QStringLiteral("owner-id"), member(QStringLiteral("OwnerId"))},
            {QStringLiteral("route-table-id"), member(QStringLiteral("RouteTableId"))},
            {QStringLiteral("route.destination-cidr-block"),
             listMember(QStringLiteral("Routes"), QStringLiteral("DestinationCidrBlock"))},
            {QStringLiteral("route.gateway-id"),
             listMember(QStringLiteral("Routes"), QStringLiteral("GatewayId"))},
            {QStringLiteral("route.state"), listMember(QStringLiteral("Routes"), QStringLiteral("State"))},
            {QStringLiteral("vpc-id"), member(QStringLiteral("VpcId"))}};
}

FilterFields networkInterfaceFilters()
{
    const auto nested = [](const char *object, const char *name) -> FilterField {
        const QString o = QString::fromLatin1(object), n = QString::fromLatin1(name);
        return [o, n](const QJsonObject &r) {
            const QJsonValue v = r.value(o).toObject().value(n);
            return v.isUndefined()
                       ? QStringList{}
                       : QStringList{v.isBool()
                                         ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                         : v.toString()};
        };
    };
    return {{QStringLiteral("addresses.private-ip-address"),
             listMember(QStringLiteral("PrivateIpAddresses"), QStringLiteral("PrivateIpAddress"))},
            {QStringLiteral("association.public-ip"), nested("Association", "PublicIp")},
            {QStringLiteral("association.public-dns-name"), nested("Association", "PublicDnsName")},
            {QStringLiteral("association.ip-owner-id"), nested("Association", "IpOwnerId")},
            {QStringLiteral("attachment.status"), nested("Attachment", "Status")},
            {QStringLiteral("attachment.attachment-id"), nested("Attachment", "AttachmentId")},
            {QStringLiteral("availability-zone"), member(QStringLiteral("AvailabilityZone"))},
            {QStringLiteral("description"), member(QStringLiteral("Description"))},
            {QStringLiteral("group-id"), listMember(QStringLiteral("Groups"), QStringLiteral("GroupId"))},
            {QStringLiteral("group-name"), listMember(QStringLiteral("Groups"), QStringLiteral("GroupName"))},
            {QStringLiteral("interface-type"), member(QStringLiteral("InterfaceType"))},
            {QStringLiteral("mac-address"), member(QStringLiteral("MacAddress"))},
            {QStringLiteral("network-interface-id"), member(QStringLiteral("NetworkInterfaceId"))},
            {QStringLiteral("owner-id"), member(QStringLiteral("OwnerId"))},
            {QStringLiteral("private-ip-address"), member(QStringLiteral("PrivateIpAddress"))},
            {QStringLiteral("requester-id"), member(QStringLiteral("RequesterId"))},
            {QStringLiteral("requester-managed"), member(QStringLiteral("RequesterManaged"))},
            {QStringLiteral("status"), member(QStringLiteral("Status"))},
            {QStringLiteral("subnet-id"), member(QStringLiteral("SubnetId"))},
            {QStringLiteral("vpc-id"), member(QStringLiteral("VpcId"))}};
}

/// The table and error names of a resource id, by its prefix.
struct TagTarget {
    Records *table = nullptr;
    QString notFoundCode;
    QString noun;
    QString tagsMember = QStringLiteral("Tags");
};

std::optional<TagTarget> tagTarget(SimState &state, const QString &id)
{
    const QString prefix = id.section(u'-', 0, 0);
    if (prefix == u"sg")
        return TagTarget{&state.securityGroups, QStringLiteral("InvalidGroup.NotFound"),
                         QStringLiteral("security group")};
    if (prefix == u"vpc")
        return TagTarget{&state.vpcs, QStringLiteral("InvalidVpcID.NotFound"), QStringLiteral("vpc ID")};
    if (prefix == u"subnet")
        return TagTarget{&state.subnets, QStringLiteral("InvalidSubnetID.NotFound"),
                         QStringLiteral("subnet ID")};
    if (prefix == u"rtb")
        return TagTarget{&state.routeTables, QStringLiteral("InvalidRouteTableID.NotFound"),
                         QStringLiteral("routeTable ID")};
    if (prefix == u"eni")
        return TagTarget{&state.networkInterfaces, QStringLiteral("InvalidNetworkInterfaceID.NotFound"),
                         QStringLiteral("networkInterface ID"), QStringLiteral("TagSet")};
    return std::nullopt;
}

CallResult createTags(SimContext &ctx, const QJsonObject &params)
{
    const QJsonArray tags = params.value(u"Tags").toArray();
    for (const QJsonValue &t : tags) {
        const QString key = t.toObject().value(u"Key").toString();
        if (key.isEmpty() || key.size() > 127)
            return clientError(QStringLiteral("InvalidParameterValue"),
                               QStringLiteral("Tag key must be between 1 and 127 characters long"));
        if (t.toObject().value(u"Value").toString().size() > 255)
            return clientError(QStringLiteral("InvalidParameterValue"),
                               QStringLiteral("Tag value exceeds the maximum length of 255 characters"));
    }
    if (auto e = checkTagKeys(tags, QStringLiteral("Key"), QStringLiteral("InvalidParameterValue")))
        return *e;
    // All resources are checked before any is tagged: EC2 tags all or none.
    QList<std::pair<TagTarget, QString>> targets;
    for (const QJsonValue &v : params.value(u"Resources").toArray()) {
        const QString id = v.toString();
        const auto target = tagTarget(ctx.state, id);
        if (!target)
            return clientError(QStringLiteral("InvalidID"),
                               QStringLiteral("The ID '%1' is not valid").arg(id));
        if (!target->table->contains(id))
            return clientError(target->notFoundCode,
                               QStringLiteral("The %1 '%2' does not exist").arg(target->noun, id));
        targets.append({*target, id});
    }
    for (const auto &[target, id] : targets) {
        QJsonObject record = target.table->value(id);
        const QJsonArray merged = mergeTags(record.value(target.tagsMember).toArray(), tags,
                                            QStringLiteral("Key"), QStringLiteral("Value"));
        if (merged.size() > 50)
            return clientError(
                QStringLiteral("TagLimitExceeded"),
                QStringLiteral("The maximum number of tags for resource '%1' has been reached.").arg(id));
        record.insert(target.tagsMember, merged);
        target.table->insert(id, record);
    }
    return QJsonObject{};
}

} // namespace

ServiceTable ec2Service()
{
    ServiceTable t{QStringLiteral("ec2"), {}, {}};
    t.operations.insert(QStringLiteral("DescribeVpcs"), [](SimContext &ctx, const QJsonObject &p) {
        return describe({&ctx.state.vpcs, QStringLiteral("VpcIds"), QStringLiteral("vpc"),
                         QStringLiteral("InvalidVpcID"), QStringLiteral("vpc ID"), QStringLiteral("Vpcs"),
                         vpcFilters()},
                        p);
    });
    t.operations.insert(QStringLiteral("DescribeSubnets"), [](SimContext &ctx, const QJsonObject &p) {
        return describe({&ctx.state.subnets, QStringLiteral("SubnetIds"), QStringLiteral("subnet"),
                         QStringLiteral("InvalidSubnetID"), QStringLiteral("subnet ID"),
                         QStringLiteral("Subnets"), subnetFilters()},
                        p);
    });
    t.operations.insert(QStringLiteral("DescribeRouteTables"), [](SimContext &ctx, const QJsonObject &p) {
        return describe({&ctx.state.routeTables, QStringLiteral("RouteTableIds"), QStringLiteral("rtb"),
                         QStringLiteral("InvalidRouteTableID"), QStringLiteral("route table ID"),
                         QStringLiteral("RouteTables"), routeTableFilters()},
                        p);
    });
    t.operations.insert(
        QStringLiteral("DescribeNetworkInterfaces"), [](SimContext &ctx, const QJsonObject &p) {
            return describe({&ctx.state.networkInterfaces, QStringLiteral("NetworkInterfaceIds"),
                             QStringLiteral("eni"), QStringLiteral("InvalidNetworkInterfaceID"),
                             QStringLiteral("network interface ID"), QStringLiteral("NetworkInterfaces"),
                             networkInterfaceFilters()},
                            p);
        });
    t.operations.insert(QStringLiteral("CreateTags"), createTags);
    addSecurityGroupOperations(t);
    return t;
}

} // namespace aws::sandbox
