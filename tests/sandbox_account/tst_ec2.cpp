// The simulated EC2, STS and IAM: the base account, security groups with
// EC2's rules and errors, filters, tags, and the dependency checks.
#include "SimTestUtil.h"

using namespace aws::sandbox;
using simtest::errorCode;
using simtest::ok;

namespace {

QJsonArray filter(const QString &name, const QStringList &values)
{
    return QJsonArray{QJsonObject{{QStringLiteral("Name"), name},
                                  {QStringLiteral("Values"), QJsonArray::fromStringList(values)}}};
}

QJsonObject tcp(const QString &group, int port, const QString &cidr = QStringLiteral("0.0.0.0/0"))
{
    return {{QStringLiteral("GroupId"), group},
            {QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
            {QStringLiteral("FromPort"), port},
            {QStringLiteral("ToPort"), port},
            {QStringLiteral("CidrIp"), cidr}};
}

} // namespace

class TestEc2 : public QObject {
    Q_OBJECT

    SandboxAccount::Options options;

    QString createGroup(SandboxAccount &a, const QString &name)
    {
        return ok(a, "ec2", "CreateSecurityGroup",
                  {{"GroupName", name}, {"Description", QStringLiteral("test group")}})
            .value("GroupId")
            .toString();
    }

private slots:
    void baseAccountLooksLikeANewAwsAccount()
    {
        SandboxAccount a(options);
        const QJsonArray vpcs = ok(a, "ec2", "DescribeVpcs", {{"Filters", filter("is-default", {"true"})}})
                                    .value("Vpcs")
                                    .toArray();
        QCOMPARE(vpcs.size(), 1);
        QCOMPARE(vpcs[0]["CidrBlock"].toString(), QStringLiteral("172.31.0.0/16"));
        const QString vpc = vpcs[0]["VpcId"].toString();
        QVERIFY(QRegularExpression("^vpc-[0-9a-f]{17}$").match(vpc).hasMatch());
        const QJsonArray subnets = ok(a, "ec2", "DescribeSubnets", {{"Filters", filter("vpc-id", {vpc})}})
                                       .value("Subnets")
                                       .toArray();
        QCOMPARE(subnets.size(), 6); // us-east-1a … f
        QSet<QString> zones;
        for (const QJsonValue &s : subnets) {
            QVERIFY(s["MapPublicIpOnLaunch"].toBool());
            zones.insert(s["AvailabilityZone"].toString());
        }
        QCOMPARE(zones.size(), 6);
        QVERIFY(zones.contains("us-east-1a"));
        const QJsonArray groups =
            ok(a, "ec2", "DescribeSecurityGroups", {{"GroupNames", QJsonArray{"default"}}})
                .value("SecurityGroups")
                .toArray();
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups[0]["IpPermissions"][0]["UserIdGroupPairs"][0]["GroupId"], groups[0]["GroupId"]);
        const QJsonArray tables =
            ok(a, "ec2", "DescribeRouteTables", {{"Filters", filter("association.main", {"true"})}})
                .value("RouteTables")
                .toArray();
        QCOMPARE(tables.size(), 1);
        QCOMPARE(tables[0]["Routes"][1]["DestinationCidrBlock"].toString(), QStringLiteral("0.0.0.0/0"));
        QVERIFY(tables[0]["Routes"][1]["GatewayId"].toString().startsWith("igw-"));
    }

    void identityIsALearnerLabSession()
    {
        SandboxAccount a(options);
        const QJsonObject me = ok(a, "sts", "GetCallerIdentity");
        QCOMPARE(me["Account"].toString(), QStringLiteral("123456789012"));
        QVERIFY(me["Arn"].toString().startsWith("arn:aws:sts::123456789012:assumed-role/voclabs/"));
        const QJsonObject role = ok(a, "iam", "GetRole", {{"RoleName", "LabRole"}}).value("Role").toObject();
        QCOMPARE(role["Arn"].toString(), QStringLiteral("arn:aws:iam::123456789012:role/LabRole"));
        QVERIFY(QUrl::fromPercentEncoding(role["AssumeRolePolicyDocument"].toString().toLatin1())
                    .contains("ecs-tasks"));
        aws::AwsError e;
        QCOMPARE(errorCode(a, "iam", "GetRole", {{"RoleName", "NoSuchRole"}}, &e),
                 QStringLiteral("NoSuchEntity"));
        QCOMPARE(e.httpStatus, 404);
        const QJsonObject page = ok(a, "iam", "ListRoles", {{"MaxItems", 1}});
        QCOMPARE(page["Roles"].toArray().size(), 1);
        QVERIFY(page["IsTruncated"].toBool());
        const QJsonObject rest = ok(a, "iam", "ListRoles", {{"Marker", page["Marker"]}});
        QCOMPARE(rest["Roles"].toArray().size(), 3);
        QVERIFY(!rest["IsTruncated"].toBool());
        QCOMPARE(errorCode(a, "iam", "ListRoles", {{"Marker", "garbage"}}),
                 QStringLiteral("ValidationError"));
        QCOMPARE(ok(a, "iam", "ListRoles", {{"PathPrefix", "/aws-service-role/"}})["Roles"].toArray().size(),
                 2);
    }

    void securityGroupNamesFollowEc2Rules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("code");
        QTest::newRow("practical") << "taskoverflow_database"
                                   << "";
        QTest::newRow("spaces and symbols") << "web (prod) #1"
                                            << "";
        QTest::newRow("sg- prefix") << "sg-web"
                                    << "InvalidParameterValue";
        QTest::newRow("SG- prefix") << "SG-web"
                                    << "InvalidParameterValue";
        QTest::newRow("non-ascii") << "wéb"
                                   << "InvalidParameterValue";
        QTest::newRow("too long") << QString(256, u'a') << "InvalidParameterValue";
        QTest::newRow("default exists") << "default"
                                        << "InvalidGroup.Duplicate";
    }
    void securityGroupNamesFollowEc2Rules()
    {
        QFETCH(QString, name);
        QFETCH(QString, code);
        SandboxAccount a(options);
        QCOMPARE(errorCode(a, "ec2", "CreateSecurityGroup", {{"GroupName", name}, {"Description", "d"}}),
                 code);
    }

    void rulesAreAddedGroupedAndRevoked()
    {
        SandboxAccount a(options);
        const QString sg = createGroup(a, "web");
        QCOMPARE(errorCode(a, "ec2", "CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "again"}}),
                 QStringLiteral("InvalidGroup.Duplicate"));
        const QJsonObject added = ok(a, "ec2", "AuthorizeSecurityGroupIngress", tcp(sg, 6400));
        QVERIFY(added["Return"].toBool());
        QVERIFY(added["SecurityGroupRules"][0]["SecurityGroupRuleId"].toString().startsWith("sgr-"));
        ok(a, "ec2", "AuthorizeSecurityGroupIngress", tcp(sg, 6400, "10.0.0.0/8"));
        aws::AwsError e;
        QCOMPARE(errorCode(a, "ec2", "AuthorizeSecurityGroupIngress", tcp(sg, 6400), &e),
                 QStringLiteral("InvalidPermission.Duplicate"));
        QVERIFY2(e.message.contains("0.0.0.0/0, TCP, from port: 6400"), qPrintable(e.message));
        QCOMPARE(errorCode(a, "ec2", "AuthorizeSecurityGroupIngress", tcp(sg, 70000)),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(errorCode(a, "ec2", "AuthorizeSecurityGroupIngress", tcp(sg, 80, "1.2.3/8")),
                 QStringLiteral("InvalidParameterValue"));
        QJsonObject noPorts = tcp(sg, 80);
        noPorts.remove("FromPort");
        noPorts.remove("ToPort");
        QCOMPARE(errorCode(a, "ec2", "AuthorizeSecurityGroupIngress", noPorts),
                 QStringLiteral("InvalidParameterValue"));
        QJsonObject bogus = tcp(sg, 80);
        bogus["IpProtocol"] = "http";
        QCOMPARE(errorCode(a, "ec2", "AuthorizeSecurityGroupIngress", bogus),
                 QStringLiteral("InvalidParameterValue"));

        const QJsonObject group =
            ok(a, "ec2", "DescribeSecurityGroups", {{"GroupIds", QJsonArray{sg}}})["SecurityGroups"][0]
                .toObject();
        QCOMPARE(group["IpPermissions"].toArray().size(), 1); // one port, two sources
        QCOMPARE(group["IpPermissions"][0]["IpRanges"].toArray().size(), 2);
        QCOMPARE(group["IpPermissionsEgress"][0]["IpProtocol"].toString(), QStringLiteral("-1"));
        QVERIFY(!group.contains("_rules"));

        ok(a, "ec2", "RevokeSecurityGroupIngress", tcp(sg, 6400, "10.0.0.0/8"));
        QCOMPARE(errorCode(a, "ec2", "RevokeSecurityGroupIngress", tcp(sg, 6400, "10.0.0.0/8")),
                 QStringLiteral("InvalidPermission.NotFound"));
        const QJsonObject after =
            ok(a, "ec2", "DescribeSecurityGroups", {{"GroupIds", QJsonArray{sg}}})["SecurityGroups"][0]
                .toObject();
        QCOMPARE(after["IpPermissions"][0]["IpRanges"].toArray().size(), 1);

        QCOMPARE(errorCode(a, "ec2", "AuthorizeSecurityGroupIngress", tcp("sg-00000000000000000", 80)),
                 QStringLiteral("InvalidGroup.NotFound"));
        QCOMPARE(errorCode(a, "ec2", "DescribeSecurityGroups", {{"GroupIds", QJsonArray{"nonsense"}}}),
                 QStringLiteral("InvalidGroupId.Malformed"));
        QCOMPARE(
            errorCode(a, "ec2", "DescribeSecurityGroups", {{"GroupIds", QJsonArray{"sg-00000000000000000"}}}),
            QStringLiteral("InvalidGroup.NotFound"));
    }

    void filtersSelectAndUnknownFiltersAreRefused()
    {
        SandboxAccount a(options);
        const QString web = createGroup(a, "web-1");
        createGroup(a, "db-1");
        ok(a, "ec2", "AuthorizeSecurityGroupIngress", tcp(web, 6400));
        QCOMPARE(ok(a, "ec2", "DescribeSecurityGroups",
                    {{"Filters", filter("group-name", {"web-*"})}})["SecurityGroups"]
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(
            ok(a, "ec2", "DescribeSecurityGroups",
               {{"Filters", filter("ip-permission.from-port", {"6400"})}})["SecurityGroups"][0]["GroupId"]
                .toString(),
            web);
        QCOMPARE(ok(a, "ec2", "DescribeSecurityGroups",
                    {{"Filters", filter("group-name", {"web-1", "db-1"})}})["SecurityGroups"]
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(errorCode(a, "ec2", "DescribeSecurityGroups", {{"Filters", filter("colour", {"red"})}}),
                 QStringLiteral("InvalidParameterValue"));
        const QJsonObject page = ok(a, "ec2", "DescribeSecurityGroups", {{"MaxResults", 5}});
        QCOMPARE(page["SecurityGroups"].toArray().size(), 3);
        QVERIFY(!page.contains("NextToken"));
        QCOMPARE(errorCode(a, "ec2", "DescribeSubnets", {{"MaxResults", 5}, {"NextToken", "bogus"}}),
                 QStringLiteral("InvalidPaginationToken"));
        const QJsonObject first = ok(a, "ec2", "DescribeSubnets", {{"MaxResults", 5}});
        QCOMPARE(first["Subnets"].toArray().size(), 5);
        QCOMPARE(
            ok(a, "ec2", "DescribeSubnets", {{"MaxResults", 5}, {"NextToken", first["NextToken"]}})["Subnets"]
                .toArray()
                .size(),
            1);
    }

    void tagsAreAllOrNothing()
    {
        SandboxAccount a(options);
        const QString sg = createGroup(a, "tagged");
        const QJsonArray tags{QJsonObject{{"Key", "course"}, {"Value", "csse6400"}}};
        ok(a, "ec2", "CreateTags", {{"Resources", QJsonArray{sg}}, {"Tags", tags}});
        QCOMPARE(errorCode(a, "ec2", "CreateTags",
                           {{"Resources", QJsonArray{sg, "sg-00000000000000000"}},
                            {"Tags", QJsonArray{QJsonObject{{"Key", "b"}, {"Value", "2"}}}}}),
                 QStringLiteral("InvalidGroup.NotFound"));
        QCOMPARE(errorCode(a, "ec2", "CreateTags",
                           {{"Resources", QJsonArray{sg}},
                            {"Tags", QJsonArray{QJsonObject{{"Key", "aws:x"}, {"Value", "1"}}}}}),
                 QStringLiteral("InvalidParameterValue"));
        const QJsonObject g = ok(a, "ec2", "DescribeSecurityGroups",
                                 {{"Filters", filter("tag:course", {"csse6400"})}})["SecurityGroups"][0]
                                  .toObject();
        QCOMPARE(g["GroupId"].toString(), sg);
        QCOMPARE(g["Tags"].toArray().size(), 1); // the failed call added nothing
    }

    void deletingAGroupChecksWhatUsesIt()
    {
        SandboxAccount a(options);
        const QString db = createGroup(a, "db");
        const QString app = createGroup(a, "app");
        QJsonObject fromApp{
            {"GroupId", db},
            {"IpPermissions",
             QJsonArray{QJsonObject{{"IpProtocol", "tcp"},
                                    {"FromPort", 5432},
                                    {"ToPort", 5432},
                                    {"UserIdGroupPairs", QJsonArray{QJsonObject{{"GroupId", app}}}}}}}};
        ok(a, "ec2", "AuthorizeSecurityGroupIngress", fromApp);
        QCOMPARE(errorCode(a, "ec2", "DeleteSecurityGroup", {{"GroupId", app}}),
                 QStringLiteral("DependencyViolation"));
        ok(a, "ec2", "RevokeSecurityGroupIngress", fromApp);
        ok(a, "ec2", "DeleteSecurityGroup", {{"GroupId", app}});
        QCOMPARE(errorCode(a, "ec2", "DeleteSecurityGroup", {{"GroupId", app}}),
                 QStringLiteral("InvalidGroup.NotFound"));
        QCOMPARE(errorCode(a, "ec2", "DeleteSecurityGroup", {{"GroupName", "default"}}),
                 QStringLiteral("CannotDelete"));

        // An ENI in the group (as a task's) keeps it.
        QJsonObject state = a.saveState();
        QJsonObject tables = state["tables"].toObject();
        QJsonObject enis = tables["networkInterfaces"].toObject();
        enis.insert("eni-0123456789abcdef0",
                    QJsonObject{{"NetworkInterfaceId", "eni-0123456789abcdef0"},
                                {"Groups", QJsonArray{QJsonObject{{"GroupId", db}, {"GroupName", "db"}}}}});
        tables["networkInterfaces"] = enis;
        state["tables"] = tables;
        QString error;
        QVERIFY2(a.loadState(state, &error), qPrintable(error));
        QCOMPARE(errorCode(a, "ec2", "DeleteSecurityGroup", {{"GroupId", db}}),
                 QStringLiteral("DependencyViolation"));
        QCOMPARE(ok(a, "ec2", "DescribeNetworkInterfaces",
                    {{"Filters", filter("group-id", {db})}})["NetworkInterfaces"]
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(errorCode(a, "ec2", "DescribeNetworkInterfaces",
                           {{"NetworkInterfaceIds", QJsonArray{"eni-00000000000000000"}}}),
                 QStringLiteral("InvalidNetworkInterfaceID.NotFound"));
    }

    void requestsThatBreakTheModelAreRefused()
    {
        SandboxAccount a(options);
        QCOMPARE(errorCode(a, "ec2", "CreateSecurityGroup", {{"GroupName", "x"}}),
                 QStringLiteral("MissingParameter"));
        QCOMPARE(errorCode(a, "ec2", "RunInstances", {}), QStringLiteral("InvalidAction"));
    }

    void stateSurvivesSaveAndLoad()
    {
        SandboxAccount a(options);
        const QString sg = createGroup(a, "kept");
        ok(a, "ec2", "AuthorizeSecurityGroupIngress", tcp(sg, 22));
        const QJsonObject saved = a.saveState();
        SandboxAccount b(options);
        QString error;
        QVERIFY2(b.loadState(saved, &error), qPrintable(error));
        QCOMPARE(ok(b, "ec2", "DescribeSecurityGroups",
                    {{"GroupIds", QJsonArray{sg}}})["SecurityGroups"][0]["IpPermissions"][0]["FromPort"]
                     .toInt(),
                 22);
        // New ids continue the sequence instead of colliding with loaded ones.
        QVERIFY(createGroup(b, "next") != sg);
        QJsonObject wrongRegion = saved;
        wrongRegion["region"] = "eu-west-1";
        QVERIFY(!b.loadState(wrongRegion, &error));
        QVERIFY2(error.contains("eu-west-1"), qPrintable(error));
        QVERIFY(!b.loadState(QJsonObject{{"format", "something else"}}, &error));
        QVERIFY2(error.contains("not a sandbox state file"), qPrintable(error));
        // A failed load leaves the account as it was.
        QCOMPARE(ok(b, "ec2", "DescribeSecurityGroups", {{"GroupIds", QJsonArray{sg}}})["SecurityGroups"]
                     .toArray()
                     .size(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestEc2)
#include "tst_ec2.moc"
