#include "Scenarios.h"

#include "Ec2SecurityGroups.h"

#include <QJsonDocument>
#include <QUrl>

namespace aws::sandbox {

namespace {

/// Availability zones the base account has a default subnet in.
QStringList zoneLetters(const QString &region)
{
    if (region == u"us-east-1")
        return {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                QStringLiteral("d"), QStringLiteral("e"), QStringLiteral("f")};
    if (region == u"us-west-2")
        return {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    return {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
}

QString regionShort(const QString &region)
{
    // us-east-1 → use1, as in AWS's zone ids.
    const QStringList parts = region.split(u'-');
    if (parts.size() != 3)
        return region;
    return parts[0] + parts[1].left(1) + parts[2];
}

QJsonObject role(SimContext &ctx, const QString &name, const QString &path, const QString &service,
                 const QString &description)
{
    const QJsonObject trust{
        {QStringLiteral("Version"), QStringLiteral("2012-10-17")},
        {QStringLiteral("Statement"),
         QJsonArray{
             QJsonObject{{QStringLiteral("Effect"), QStringLiteral("Allow")},
                         {QStringLiteral("Principal"), QJsonObject{{QStringLiteral("Service"), service}}},
                         {QStringLiteral("Action"), QStringLiteral("sts:AssumeRole")}}}}};
    const QString id = QStringLiteral("AROA") + ctx.hexId(17).toUpper();
    return {
        {QStringLiteral("Path"), path},
        {QStringLiteral("RoleName"), name},
        {QStringLiteral("RoleId"), id},
        {QStringLiteral("Arn"), ctx.arn(QStringLiteral("iam"), QStringLiteral("role") + path + name, false)},
        {QStringLiteral("CreateDate"), ctx.now() - 86400 * 30},
        // IAM returns the trust policy URL-encoded.
        {QStringLiteral("AssumeRolePolicyDocument"),
         QString::fromLatin1(QUrl::toPercentEncoding(
             QString::fromUtf8(QJsonDocument(trust).toJson(QJsonDocument::Compact))))},
        {QStringLiteral("Description"), description},
        {QStringLiteral("MaxSessionDuration"), 3600}};
}

} // namespace

void seedBaseAccount(SimContext &ctx)
{
    SimState &s = ctx.state;
    const QString vpcId = QStringLiteral("vpc-") + ctx.hexId(17);
    s.vpcs.insert(
        vpcId,
        QJsonObject{{QStringLiteral("VpcId"), vpcId},
                    {QStringLiteral("CidrBlock"), QStringLiteral("172.31.0.0/16")},
                    {QStringLiteral("DhcpOptionsId"), QStringLiteral("dopt-") + ctx.hexId(17)},
                    {QStringLiteral("State"), QStringLiteral("available")},
                    {QStringLiteral("OwnerId"), ctx.accountId()},
                    {QStringLiteral("InstanceTenancy"), QStringLiteral("default")},
                    {QStringLiteral("IsDefault"), true},
                    {QStringLiteral("CidrBlockAssociationSet"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("AssociationId"), QStringLiteral("vpc-cidr-assoc-") + ctx.hexId(17)},
                         {QStringLiteral("CidrBlock"), QStringLiteral("172.31.0.0/16")},
                         {QStringLiteral("CidrBlockState"),
                          QJsonObject{{QStringLiteral("State"), QStringLiteral("associated")}}}}}}});
    const QStringList letters = zoneLetters(ctx.region());
    for (qsizetype i = 0; i < letters.size(); ++i) {
        const QString id = QStringLiteral("subnet-") + ctx.hexId(17);
        s.subnets.insert(
            id, QJsonObject{{QStringLiteral("SubnetId"), id},
                            {QStringLiteral("VpcId"), vpcId},
                            {QStringLiteral("AvailabilityZone"), ctx.region() + letters[i]},
                            {QStringLiteral("AvailabilityZoneId"),
                             QStringLiteral("%1-az%2").arg(regionShort(ctx.region())).arg(i + 1)},
                            {QStringLiteral("CidrBlock"), QStringLiteral("172.31.%1.0/20").arg(i * 16)},
                            {QStringLiteral("AvailableIpAddressCount"), 4091},
                            {QStringLiteral("DefaultForAz"), true},
                            {QStringLiteral("MapPublicIpOnLaunch"), true},
                            {QStringLiteral("State"), QStringLiteral("available")},
                            {QStringLiteral("OwnerId"), ctx.accountId()},
                            {QStringLiteral("AssignIpv6AddressOnCreation"), false},
                            {QStringLiteral("SubnetArn"),
                             ctx.arn(QStringLiteral("ec2"), QStringLiteral("subnet/") + id)}});
    }
    const QString igw = QStringLiteral("igw-") + ctx.hexId(17);
    const QString rtb = QStringLiteral("rtb-") + ctx.hexId(17);
    s.routeTables.insert(
        rtb,
        QJsonObject{
            {QStringLiteral("RouteTableId"), rtb},
            {QStringLiteral("VpcId"), vpcId},
            {QStringLiteral("OwnerId"), ctx.accountId()},
            {QStringLiteral("PropagatingVgws"), QJsonArray{}},
            {QStringLiteral("Associations"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("Main"), true},
                 {QStringLiteral("RouteTableAssociationId"), QStringLiteral("rtbassoc-") + ctx.hexId(17)},
                 {QStringLiteral("RouteTableId"), rtb},
                 {QStringLiteral("AssociationState"),
                  QJsonObject{{QStringLiteral("State"), QStringLiteral("associated")}}}}}},
            {QStringLiteral("Routes"),
             QJsonArray{QJsonObject{{QStringLiteral("DestinationCidrBlock"), QStringLiteral("172.31.0.0/16")},
                                    {QStringLiteral("GatewayId"), QStringLiteral("local")},
                                    {QStringLiteral("Origin"), QStringLiteral("CreateRouteTable")},
                                    {QStringLiteral("State"), QStringLiteral("active")}},
                        QJsonObject{{QStringLiteral("DestinationCidrBlock"), QStringLiteral("0.0.0.0/0")},
                                    {QStringLiteral("GatewayId"), igw},
                                    {QStringLiteral("Origin"), QStringLiteral("CreateRoute")},
                                    {QStringLiteral("State"), QStringLiteral("active")}}}}});
    QJsonObject group = ec2::newSecurityGroup(ctx, QStringLiteral("default"),
                                              QStringLiteral("default VPC security group"), vpcId);
    ec2::allowSelf(group, ctx);
    s.securityGroups.insert(group.value(u"GroupId").toString(), group);

    // What a Learner Lab account has: LabRole for everything, voclabs for the
    // student's own session, and the service-linked roles ECS and RDS create.
    for (const QJsonObject &r :
         {role(ctx, QStringLiteral("LabRole"), QStringLiteral("/"), QStringLiteral("ecs-tasks.amazonaws.com"),
               QStringLiteral(
                   "The role for Learner Lab resources: ECS tasks, EC2 instances, Lambda functions.")),
          role(ctx, QStringLiteral("voclabs"), QStringLiteral("/"), QStringLiteral("ec2.amazonaws.com"),
               QStringLiteral("The Learner Lab student's session role.")),
          role(ctx, QStringLiteral("AWSServiceRoleForECS"),
               QStringLiteral("/aws-service-role/ecs.amazonaws.com/"), QStringLiteral("ecs.amazonaws.com"),
               QStringLiteral("Role to enable Amazon ECS to manage your cluster.")),
          role(ctx, QStringLiteral("AWSServiceRoleForRDS"),
               QStringLiteral("/aws-service-role/rds.amazonaws.com/"), QStringLiteral("rds.amazonaws.com"),
               QStringLiteral("Allows Amazon RDS to manage AWS resources on your behalf"))})
        s.roles.insert(r.value(u"RoleName").toString(), r);
}

QStringList scenarioList()
{
    return {QStringLiteral("empty"), QStringLiteral("taskoverflow"), QStringLiteral("large")};
}

} // namespace aws::sandbox
