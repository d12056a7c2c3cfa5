// The simulated RDS: engine versions and orderable options as the wizard
// reads them, CreateDBInstance's rules, the instance lifecycle a student
// watches (creating → backing-up → available → deleting → gone), deletion
// rules, tags, and instances surviving a save/load.
#include "SimTestUtil.h"

#include <QRegularExpression>
#include <memory>

using namespace simtest;
using aws::AwsError;
using aws::sandbox::SandboxAccount;

namespace {

// A second VPC, for "security group in another VPC".
constexpr char kOtherVpc[] = "vpc-0f0e0d0c0b0a09080";
constexpr char kOtherGroup[] = "sg-0f0e0d0c0b0a09080";

QJsonObject baseRequest(const QString &id)
{
    return {{QStringLiteral("DBInstanceIdentifier"), id},
            {QStringLiteral("Engine"), QStringLiteral("postgres")},
            {QStringLiteral("DBInstanceClass"), QStringLiteral("db.t3.micro")},
            {QStringLiteral("AllocatedStorage"), 20},
            {QStringLiteral("MasterUsername"), QStringLiteral("administrator")},
            {QStringLiteral("MasterUserPassword"), QStringLiteral("foobarbaz")}};
}

QJsonObject with(QJsonObject o, const QJsonObject &extra)
{
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
        if (it.value().isNull())
            o.remove(it.key());
        else
            o.insert(it.key(), it.value());
    }
    return o;
}

QStringList strings(const QJsonArray &a, const QString &member)
{
    QStringList out;
    for (const QJsonValue &v : a)
        out << v.toObject().value(member).toString();
    return out;
}

} // namespace

class TestRds : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxAccount> account;
    QString defaultVpc;
    QString defaultGroup;
    QStringList defaultSubnets;

    /// The default VPC, its subnets and default group — from the base
    /// account when it has them, otherwise put in through the state file —
    /// plus a second VPC with a group of its own.
    void ensureNetwork()
    {
        QJsonObject state = account->saveState();
        QJsonObject tables = state.value(u"tables").toObject();
        QJsonObject vpcs = tables.value(u"vpcs").toObject();
        QJsonObject subnets = tables.value(u"subnets").toObject();
        QJsonObject groups = tables.value(u"securityGroups").toObject();
        for (const QJsonValue &v : vpcs)
            if (v.toObject().value(u"IsDefault").toBool())
                defaultVpc = v.toObject().value(u"VpcId").toString();
        if (defaultVpc.isEmpty()) {
            defaultVpc = QStringLiteral("vpc-0123456789abcdef0");
            vpcs.insert(defaultVpc,
                        QJsonObject{{QStringLiteral("VpcId"), defaultVpc},
                                    {QStringLiteral("IsDefault"), true},
                                    {QStringLiteral("CidrBlock"), QStringLiteral("172.31.0.0/16")},
                                    {QStringLiteral("State"), QStringLiteral("available")}});
            int n = 0;
            for (const char *zone : {"us-east-1a", "us-east-1b", "us-east-1c"}) {
                const QString id = QStringLiteral("subnet-0123456789abcde%1").arg(n);
                subnets.insert(
                    id,
                    QJsonObject{{QStringLiteral("SubnetId"), id},
                                {QStringLiteral("VpcId"), defaultVpc},
                                {QStringLiteral("AvailabilityZone"), QString::fromLatin1(zone)},
                                {QStringLiteral("CidrBlock"), QStringLiteral("172.31.%1.0/20").arg(16 * n)},
                                {QStringLiteral("DefaultForAz"), true},
                                {QStringLiteral("MapPublicIpOnLaunch"), true},
                                {QStringLiteral("State"), QStringLiteral("available")}});
                ++n;
            }
            const QString sg = QStringLiteral("sg-0123456789abcdef0");
            groups.insert(
                sg, QJsonObject{{QStringLiteral("GroupId"), sg},
                                {QStringLiteral("GroupName"), QStringLiteral("default")},
                                {QStringLiteral("Description"), QStringLiteral("default VPC security group")},
                                {QStringLiteral("VpcId"), defaultVpc},
                                {QStringLiteral("OwnerId"), QStringLiteral("123456789012")}});
        }
        vpcs.insert(QLatin1String(kOtherVpc),
                    QJsonObject{{QStringLiteral("VpcId"), QLatin1String(kOtherVpc)},
                                {QStringLiteral("IsDefault"), false},
                                {QStringLiteral("CidrBlock"), QStringLiteral("10.0.0.0/16")},
                                {QStringLiteral("State"), QStringLiteral("available")}});
        groups.insert(
            QLatin1String(kOtherGroup),
            QJsonObject{{QStringLiteral("GroupId"), QLatin1String(kOtherGroup)},
                        {QStringLiteral("GroupName"), QStringLiteral("default")},
                        {QStringLiteral("Description"), QStringLiteral("default VPC security group")},
                        {QStringLiteral("VpcId"), QLatin1String(kOtherVpc)},
                        {QStringLiteral("OwnerId"), QStringLiteral("123456789012")}});
        tables.insert(QStringLiteral("vpcs"), vpcs);
        tables.insert(QStringLiteral("subnets"), subnets);
        tables.insert(QStringLiteral("securityGroups"), groups);
        state.insert(QStringLiteral("tables"), tables);
        QString error;
        QVERIFY2(account->loadState(state, &error), qPrintable(error));

        for (const QJsonValue &v : groups)
            if (v.toObject().value(u"VpcId").toString() == defaultVpc &&
                v.toObject().value(u"GroupName").toString() == u"default")
                defaultGroup = v.toObject().value(u"GroupId").toString();
        defaultSubnets.clear();
        for (const QJsonValue &v : subnets)
            if (v.toObject().value(u"VpcId").toString() == defaultVpc)
                defaultSubnets << v.toObject().value(u"SubnetId").toString();
        defaultSubnets.sort();
    }

    QJsonObject create(const QJsonObject &request)
    {
        return ok(*account, QStringLiteral("rds"), QStringLiteral("CreateDBInstance"), request)
            .value(u"DBInstance")
            .toObject();
    }
    QString createError(const QJsonObject &request, AwsError *error = nullptr)
    {
        return errorCode(*account, QStringLiteral("rds"), QStringLiteral("CreateDBInstance"), request, error);
    }
    QJsonObject describe(const QString &id)
    {
        const QJsonArray list = ok(*account, QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                                   {{QStringLiteral("DBInstanceIdentifier"), id}})
                                    .value(u"DBInstances")
                                    .toArray();
        return list.first().toObject();
    }
    QString status(const QString &id) { return describe(id).value(u"DBInstanceStatus").toString(); }
    QJsonObject engineVersions(const QJsonObject &params)
    {
        return ok(*account, QStringLiteral("rds"), QStringLiteral("DescribeDBEngineVersions"), params);
    }
    QJsonObject orderable(const QJsonObject &params)
    {
        return ok(*account, QStringLiteral("rds"), QStringLiteral("DescribeOrderableDBInstanceOptions"),
                  params);
    }
    /// Runs the clock until `id` leaves its current status; the new status.
    QString nextStatus(const QString &id, double limitAwsSeconds = 3600)
    {
        const QString from = status(id);
        for (double t = 0; t < limitAwsSeconds; t += 15) {
            runFor(*account, 15);
            const auto r = account->call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                                         {{QStringLiteral("DBInstanceIdentifier"), id}});
            if (std::holds_alternative<AwsError>(r))
                return QStringLiteral("(gone)");
            const QString now = std::get<QJsonObject>(r)
                                    .value(u"DBInstances")
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(u"DBInstanceStatus")
                                    .toString();
            if (now != from)
                return now;
        }
        return from;
    }

private slots:
    void init()
    {
        account = std::make_unique<SandboxAccount>(SandboxAccount::Options{});
        ensureNetwork();
        QVERIFY(!defaultGroup.isEmpty());
        QVERIFY(defaultSubnets.size() >= 2);
    }

    // ---- engine versions ----

    void engineVersionsForPostgres()
    {
        const QJsonArray all = engineVersions({{QStringLiteral("Engine"), QStringLiteral("postgres")}})
                                   .value(u"DBEngineVersions")
                                   .toArray();
        QVERIFY(all.size() >= 10);
        const QStringList versions = strings(all, QStringLiteral("EngineVersion"));
        QVERIFY(versions.contains(QStringLiteral("14.17")));
        QVERIFY(versions.contains(QStringLiteral("17.4")));
        for (const QJsonValue &v : all) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(u"Engine").toString(), QStringLiteral("postgres"));
            QCOMPARE(o.value(u"DBEngineDescription").toString(), QStringLiteral("PostgreSQL"));
            QCOMPARE(o.value(u"DBParameterGroupFamily").toString(),
                     QStringLiteral("postgres") + o.value(u"EngineVersion").toString().section(u'.', 0, 0));
        }
        // 16.6 upgrades to 16.8 (minor) and to 17.x (major).
        const QJsonObject v166 = all.at(versions.indexOf(QStringLiteral("16.6"))).toObject();
        const QJsonArray targets = v166.value(u"ValidUpgradeTarget").toArray();
        const QStringList targetVersions = strings(targets, QStringLiteral("EngineVersion"));
        QVERIFY(targetVersions.contains(QStringLiteral("16.8")));
        QVERIFY(targetVersions.contains(QStringLiteral("17.4")));
        QVERIFY(!targets.at(targetVersions.indexOf(QStringLiteral("16.8")))
                     .toObject()
                     .value(u"IsMajorVersionUpgrade")
                     .toBool());
        QVERIFY(targets.at(targetVersions.indexOf(QStringLiteral("17.4")))
                    .toObject()
                    .value(u"IsMajorVersionUpgrade")
                    .toBool());
    }

    void engineVersionFilters()
    {
        const auto versionsOf = [&](const QJsonObject &p) {
            return strings(engineVersions(p).value(u"DBEngineVersions").toArray(),
                           QStringLiteral("EngineVersion"));
        };
        const QString postgres = QStringLiteral("postgres");
        QCOMPARE(versionsOf({{QStringLiteral("Engine"), postgres}, {QStringLiteral("DefaultOnly"), true}}),
                 QStringList{QStringLiteral("17.4")});
        QCOMPARE(versionsOf({{QStringLiteral("Engine"), postgres},
                             {QStringLiteral("EngineVersion"), QStringLiteral("14")},
                             {QStringLiteral("DefaultOnly"), true}}),
                 QStringList{QStringLiteral("14.17")});
        QCOMPARE(versionsOf({{QStringLiteral("Engine"), postgres},
                             {QStringLiteral("EngineVersion"), QStringLiteral("16")}}),
                 (QStringList{QStringLiteral("16.6"), QStringLiteral("16.8")}));
        QCOMPARE(versionsOf({{QStringLiteral("Engine"), postgres},
                             {QStringLiteral("EngineVersion"), QStringLiteral("16.8")}}),
                 QStringList{QStringLiteral("16.8")});
        // "1" is not a prefix of "16.8": versions match whole components.
        QVERIFY(versionsOf({{QStringLiteral("Engine"), postgres},
                            {QStringLiteral("EngineVersion"), QStringLiteral("1")}})
                    .isEmpty());
        QCOMPARE(versionsOf({{QStringLiteral("Engine"), postgres},
                             {QStringLiteral("DBParameterGroupFamily"), QStringLiteral("postgres15")}}),
                 (QStringList{QStringLiteral("15.10"), QStringLiteral("15.12")}));
        QCOMPARE(
            versionsOf(
                {{QStringLiteral("Filters"),
                  QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("engine-version")},
                                         {QStringLiteral("Values"), QJsonArray{QStringLiteral("13.20")}}}}}}),
            QStringList{QStringLiteral("13.20")});

        // No engine: every engine; default only: one each.
        const QJsonArray defaults =
            engineVersions({{QStringLiteral("DefaultOnly"), true}}).value(u"DBEngineVersions").toArray();
        QCOMPARE(
            strings(defaults, QStringLiteral("Engine")),
            (QStringList{QStringLiteral("postgres"), QStringLiteral("mysql"), QStringLiteral("mariadb")}));
        QCOMPARE(defaults.at(1).toObject().value(u"DBParameterGroupFamily").toString(),
                 QStringLiteral("mysql8.0"));

        // An engine AWS has but the sandbox does not run: nothing to list.
        QVERIFY(versionsOf({{QStringLiteral("Engine"), QStringLiteral("aurora-postgresql")}}).isEmpty());
    }

    void engineVersionErrors()
    {
        AwsError e;
        QCOMPARE(errorCode(*account, QStringLiteral("rds"), QStringLiteral("DescribeDBEngineVersions"),
                           {{QStringLiteral("Engine"), QStringLiteral("nosql")}}, &e),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(e.message, QStringLiteral("Unrecognized engine name: nosql"));
        QCOMPARE(errorCode(*account, QStringLiteral("rds"), QStringLiteral("DescribeDBEngineVersions"),
                           {{QStringLiteral("Filters"),
                             QJsonArray{
                                 QJsonObject{{QStringLiteral("Name"), QStringLiteral("colour")},
                                             {QStringLiteral("Values"), QJsonArray{QStringLiteral("x")}}}}}}),
                 QStringLiteral("InvalidParameterValue"));
        for (int bad : {0, 19, 101})
            QCOMPARE(errorCode(*account, QStringLiteral("rds"), QStringLiteral("DescribeDBEngineVersions"),
                               {{QStringLiteral("MaxRecords"), bad}}),
                     QStringLiteral("InvalidParameterValue"));
    }

    // ---- orderable options ----

    void orderableOptionsForOneClass()
    {
        const QJsonArray options =
            orderable({{QStringLiteral("Engine"), QStringLiteral("postgres")},
                       {QStringLiteral("EngineVersion"), QStringLiteral("16.8")},
                       {QStringLiteral("DBInstanceClass"), QStringLiteral("db.t3.micro")}})
                .value(u"OrderableDBInstanceOptions")
                .toArray();
        QCOMPARE(strings(options, QStringLiteral("StorageType")),
                 (QStringList{QStringLiteral("gp2"), QStringLiteral("gp3"), QStringLiteral("io1"),
                              QStringLiteral("standard")}));
        const QJsonObject gp2 = options.at(0).toObject();
        QCOMPARE(gp2.value(u"MinStorageSize").toInt(), 20);
        QCOMPARE(gp2.value(u"MaxStorageSize").toInt(), 65536);
        QCOMPARE(gp2.value(u"LicenseModel").toString(), QStringLiteral("postgresql-license"));
        QVERIFY(gp2.value(u"MultiAZCapable").toBool());
        QVERIFY(gp2.value(u"Vpc").toBool());
        QVERIFY(gp2.value(u"AvailabilityZones").toArray().size() >= 2);
        QCOMPARE(options.at(2).toObject().value(u"MinStorageSize").toInt(), 100);  // io1
        QCOMPARE(options.at(3).toObject().value(u"MaxStorageSize").toInt(), 3072); // magnetic

        const QStringList classes =
            strings(orderable({{QStringLiteral("Engine"), QStringLiteral("postgres")},
                               {QStringLiteral("EngineVersion"), QStringLiteral("17.4")},
                               {QStringLiteral("MaxRecords"), 1000}})
                        .value(u"OrderableDBInstanceOptions")
                        .toArray(),
                    QStringLiteral("DBInstanceClass"));
        for (const char *c : {"db.t3.micro", "db.t3.small", "db.t3.medium", "db.t4g.micro", "db.t4g.small",
                              "db.t4g.medium", "db.m5.large", "db.m6g.large"})
            QVERIFY2(classes.contains(QLatin1String(c)), c);
        QVERIFY(!classes.contains(QStringLiteral("db.t2.micro")));

        // Graviton 3 needs PostgreSQL 13 or later; unknown classes list nothing.
        QVERIFY(orderable({{QStringLiteral("Engine"), QStringLiteral("postgres")},
                           {QStringLiteral("EngineVersion"), QStringLiteral("12.22")},
                           {QStringLiteral("DBInstanceClass"), QStringLiteral("db.m7g.large")}})
                    .value(u"OrderableDBInstanceOptions")
                    .toArray()
                    .isEmpty());
        QVERIFY(orderable({{QStringLiteral("Engine"), QStringLiteral("postgres")},
                           {QStringLiteral("DBInstanceClass"), QStringLiteral("db.x9.huge")}})
                    .value(u"OrderableDBInstanceOptions")
                    .toArray()
                    .isEmpty());
    }

    void orderableOptionsPaginate()
    {
        const QJsonObject everything = orderable(
            {{QStringLiteral("Engine"), QStringLiteral("postgres")}, {QStringLiteral("MaxRecords"), 10000}});
        QVERIFY(!everything.contains(u"Marker"));
        const int total = int(everything.value(u"OrderableDBInstanceOptions").toArray().size());
        QVERIFY(total > 100);

        // Default page: 100.
        const QJsonObject first = orderable({{QStringLiteral("Engine"), QStringLiteral("postgres")}});
        QCOMPARE(first.value(u"OrderableDBInstanceOptions").toArray().size(), 100);
        QVERIFY(first.contains(u"Marker"));

        // Pages of 20, followed to the end, give every option once.
        int seen = 0;
        QString marker;
        int pages = 0;
        do {
            QJsonObject p{{QStringLiteral("Engine"), QStringLiteral("postgres")},
                          {QStringLiteral("MaxRecords"), 20}};
            if (!marker.isEmpty())
                p.insert(QStringLiteral("Marker"), marker);
            const QJsonObject page = orderable(p);
            const qsizetype n = page.value(u"OrderableDBInstanceOptions").toArray().size();
            QVERIFY(n <= 20 && n > 0);
            seen += int(n);
            marker = page.value(u"Marker").toString();
            ++pages;
        } while (!marker.isEmpty() && pages < 1000);
        QCOMPARE(seen, total);

        AwsError e;
        QCOMPARE(errorCode(*account, QStringLiteral("rds"),
                           QStringLiteral("DescribeOrderableDBInstanceOptions"),
                           {{QStringLiteral("Engine"), QStringLiteral("nosql")}}, &e),
                 QStringLiteral("InvalidParameterValue"));
        for (int bad : {19, 10001})
            QCOMPARE(errorCode(*account, QStringLiteral("rds"),
                               QStringLiteral("DescribeOrderableDBInstanceOptions"),
                               {{QStringLiteral("Engine"), QStringLiteral("postgres")},
                                {QStringLiteral("MaxRecords"), bad}}),
                     QStringLiteral("InvalidParameterValue"));
        QCOMPARE(errorCode(*account, QStringLiteral("rds"),
                           QStringLiteral("DescribeOrderableDBInstanceOptions"),
                           {{QStringLiteral("Engine"), QStringLiteral("postgres")},
                            {QStringLiteral("Marker"), QStringLiteral("not-a-marker!!")}}),
                 QStringLiteral("InvalidParameterValue"));
    }

    // ---- CreateDBInstance rules ----

    void identifierRule_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("one letter") << QStringLiteral("a") << true;
        QTest::newRow("hyphens and digits") << QStringLiteral("todo-db-1") << true;
        QTest::newRow("63 characters") << QStringLiteral("d") + QString(62, u'b') << true;
        QTest::newRow("upper case") << QStringLiteral("TodoDb") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("digit first") << QStringLiteral("1db") << false;
        QTest::newRow("hyphen first") << QStringLiteral("-db") << false;
        QTest::newRow("two hyphens") << QStringLiteral("bad--id") << false;
        QTest::newRow("trailing hyphen") << QStringLiteral("db-") << false;
        QTest::newRow("underscore") << QStringLiteral("db_1") << false;
        QTest::newRow("dot") << QStringLiteral("db.1") << false;
        QTest::newRow("64 characters") << QStringLiteral("d") + QString(63, u'b') << false;
    }
    void identifierRule()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        AwsError e;
        const QString code = createError(baseRequest(id), &e);
        if (valid) {
            QCOMPARE(code, QString());
            QCOMPARE(describe(id).value(u"DBInstanceIdentifier").toString(), id.toLower());
        } else {
            QCOMPARE(code, QStringLiteral("InvalidParameterValue"));
            QVERIFY(e.message.startsWith(u"The parameter DBInstanceIdentifier is not a valid identifier."));
            QCOMPARE(e.httpStatus, 400);
        }
    }

    void masterUserRule_data()
    {
        QTest::addColumn<QJsonValue>("user");
        QTest::addColumn<QString>("error");
        QTest::newRow("practical") << QJsonValue(QStringLiteral("administrator")) << QString();
        QTest::newRow("underscore") << QJsonValue(QStringLiteral("app_user")) << QString();
        QTest::newRow("16 characters") << QJsonValue(QStringLiteral("a234567890123456")) << QString();
        QTest::newRow("digit first") << QJsonValue(QStringLiteral("1admin"))
                                     << QStringLiteral("not a valid identifier");
        QTest::newRow("hyphen") << QJsonValue(QStringLiteral("app-user"))
                                << QStringLiteral("not a valid identifier");
        QTest::newRow("17 characters")
            << QJsonValue(QStringLiteral("a2345678901234567")) << QStringLiteral("not a valid identifier");
        QTest::newRow("postgres") << QJsonValue(QStringLiteral("postgres"))
                                  << QStringLiteral("reserved word");
        QTest::newRow("rdsadmin") << QJsonValue(QStringLiteral("rdsadmin"))
                                  << QStringLiteral("reserved word");
        QTest::newRow("admin") << QJsonValue(QStringLiteral("admin")) << QStringLiteral("reserved word");
        QTest::newRow("user") << QJsonValue(QStringLiteral("User")) << QStringLiteral("reserved word");
        QTest::newRow("missing") << QJsonValue(QJsonValue::Null) << QStringLiteral("must be provided");
    }
    void masterUserRule()
    {
        QFETCH(QJsonValue, user);
        QFETCH(QString, error);
        AwsError e;
        const QString code = createError(
            with(baseRequest(QStringLiteral("db")), {{QStringLiteral("MasterUsername"), user}}), &e);
        if (error.isEmpty()) {
            QCOMPARE(code, QString());
            QCOMPARE(describe(QStringLiteral("db")).value(u"MasterUsername"), user);
        } else {
            QCOMPARE(code, QStringLiteral("InvalidParameterValue"));
            QVERIFY2(e.message.contains(error), qPrintable(e.message));
        }
    }

    void passwordRule_data()
    {
        QTest::addColumn<QJsonValue>("password");
        QTest::addColumn<bool>("valid");
        QTest::newRow("practical") << QJsonValue(QStringLiteral("foobarbaz")) << true;
        QTest::newRow("8 characters") << QJsonValue(QStringLiteral("12345678")) << true;
        QTest::newRow("128 characters") << QJsonValue(QString(128, u'x')) << true;
        QTest::newRow("symbols and quote") << QJsonValue(QStringLiteral("p'a#ss!w%rd~")) << true;
        QTest::newRow("7 characters") << QJsonValue(QStringLiteral("1234567")) << false;
        QTest::newRow("129 characters") << QJsonValue(QString(129, u'x')) << false;
        QTest::newRow("space") << QJsonValue(QStringLiteral("foo barbaz")) << false;
        QTest::newRow("slash") << QJsonValue(QStringLiteral("foo/barbaz")) << false;
        QTest::newRow("double quote") << QJsonValue(QStringLiteral("foo\"barbaz")) << false;
        QTest::newRow("at sign") << QJsonValue(QStringLiteral("foo@barbaz")) << false;
        QTest::newRow("non-ASCII") << QJsonValue(QStringLiteral("fooBär123")) << false;
        QTest::newRow("missing") << QJsonValue(QJsonValue::Null) << false;
    }
    void passwordRule()
    {
        QFETCH(QJsonValue, password);
        QFETCH(bool, valid);
        AwsError e;
        const QString code = createError(
            with(baseRequest(QStringLiteral("db")), {{QStringLiteral("MasterUserPassword"), password}}), &e);
        QCOMPARE(code, valid ? QString() : QStringLiteral("InvalidParameterValue"));
        if (!valid)
            QVERIFY2(e.message.contains(u"MasterUserPassword"), qPrintable(e.message));
    }

    void dbNameRule_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("practical") << QStringLiteral("todo") << true;
        QTest::newRow("underscore") << QStringLiteral("app_db2") << true;
        QTest::newRow("63 characters") << QStringLiteral("d") + QString(62, u'b') << true;
        QTest::newRow("digit first") << QStringLiteral("1db") << false;
        QTest::newRow("hyphen") << QStringLiteral("my-db") << false;
        QTest::newRow("64 characters") << QStringLiteral("d") + QString(63, u'b') << false;
        QTest::newRow("reserved") << QStringLiteral("default") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void dbNameRule()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        const QString code =
            createError(with(baseRequest(QStringLiteral("db")), {{QStringLiteral("DBName"), name}}));
        QCOMPARE(code, valid ? QString() : QStringLiteral("InvalidParameterValue"));
        if (valid)
            QCOMPARE(describe(QStringLiteral("db")).value(u"DBName").toString(), name);
    }

    void storageRule_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("error");
        const auto p = [](QJsonValue size, const char *type = nullptr) {
            QJsonObject o{{QStringLiteral("AllocatedStorage"), size}};
            if (type)
                o.insert(QStringLiteral("StorageType"), QLatin1String(type));
            return o;
        };
        QTest::newRow("gp2 20") << p(20) << QString();
        QTest::newRow("gp2 65536") << p(65536, "gp2") << QString();
        QTest::newRow("gp3 20") << p(20, "gp3") << QString();
        QTest::newRow("standard 5") << p(5, "standard") << QString();
        QTest::newRow("io1 100") << with(p(100, "io1"), {{QStringLiteral("Iops"), 1000}}) << QString();
        QTest::newRow("autoscaling to 100")
            << with(p(20), {{QStringLiteral("MaxAllocatedStorage"), 100}}) << QString();
        QTest::newRow("gp2 19") << p(19) << QStringLiteral("InvalidParameterCombination");
        QTest::newRow("gp2 65537") << p(65537) << QStringLiteral("InvalidParameterCombination");
        QTest::newRow("io1 99") << with(p(99, "io1"), {{QStringLiteral("Iops"), 1000}})
                                << QStringLiteral("InvalidParameterCombination");
        QTest::newRow("standard 3073")
            << p(3073, "standard") << QStringLiteral("InvalidParameterCombination");
        QTest::newRow("unknown type") << p(20, "gp9") << QStringLiteral("StorageTypeNotSupported");
        QTest::newRow("missing") << p(QJsonValue::Null) << QStringLiteral("InvalidParameterValue");
        QTest::newRow("max equal") << with(p(20), {{QStringLiteral("MaxAllocatedStorage"), 20}})
                                   << QStringLiteral("InvalidParameterCombination");
        QTest::newRow("max below") << with(p(50), {{QStringLiteral("MaxAllocatedStorage"), 40}})
                                   << QStringLiteral("InvalidParameterCombination");
        QTest::newRow("max too big") << with(p(20), {{QStringLiteral("MaxAllocatedStorage"), 70000}})
                                     << QStringLiteral("InvalidParameterCombination");
    }
    void storageRule()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QString, error);
        AwsError e;
        QCOMPARE(createError(with(baseRequest(QStringLiteral("db")), params), &e), error);
        if (error == u"InvalidParameterCombination" && params.value(u"MaxAllocatedStorage").isUndefined())
            QCOMPARE(e.message,
                     QStringLiteral("Invalid storage size for engine name postgres and storage type %1: %2")
                         .arg(params.value(u"StorageType").toString(QStringLiteral("gp2")))
                         .arg(params.value(u"AllocatedStorage").toInt()));
        if (error.isEmpty()) {
            const QJsonObject db = describe(QStringLiteral("db"));
            QCOMPARE(db.value(u"AllocatedStorage"), params.value(u"AllocatedStorage"));
            QCOMPARE(db.value(u"StorageType").toString(),
                     params.value(u"StorageType").toString(QStringLiteral("gp2")));
        }
    }

    void engineClassAndVersion()
    {
        AwsError e;
        QCOMPARE(createError(with(baseRequest(QStringLiteral("db")),
                                  {{QStringLiteral("Engine"), QStringLiteral("nosql")}}),
                             &e),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(e.message, QStringLiteral("Invalid DB engine"));
        QCOMPARE(createError(with(baseRequest(QStringLiteral("db")),
                                  {{QStringLiteral("DBInstanceClass"), QStringLiteral("db.t2.micro")}}),
                             &e),
                 QStringLiteral("InvalidParameterCombination"));
        QVERIFY(e.message.startsWith(
            u"RDS does not support creating a DB instance with the following combination: "
            u"DBInstanceClass=db.t2.micro, Engine=postgres"));
        QCOMPARE(createError(with(baseRequest(QStringLiteral("db")),
                                  {{QStringLiteral("EngineVersion"), QStringLiteral("16.99")}}),
                             &e),
                 QStringLiteral("InvalidParameterCombination"));
        QCOMPARE(e.message, QStringLiteral("Cannot find version 16.99 for postgres"));

        // No version: the default; a major version: its default minor.
        QCOMPARE(create(baseRequest(QStringLiteral("latest"))).value(u"EngineVersion").toString(),
                 QStringLiteral("17.4"));
        const QJsonObject v14 =
            create(with(baseRequest(QStringLiteral("v14")),
                        {{QStringLiteral("EngineVersion"), QStringLiteral("14")},
                         {QStringLiteral("DBInstanceClass"), QStringLiteral("db.t4g.micro")}}));
        QCOMPARE(v14.value(u"EngineVersion").toString(), QStringLiteral("14.17"));
        QCOMPARE(v14.value(u"DBInstanceClass").toString(), QStringLiteral("db.t4g.micro"));
        QCOMPARE(v14.value(u"DBParameterGroups")
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"DBParameterGroupName")
                     .toString(),
                 QStringLiteral("default.postgres14"));

        // MySQL answers on its own port with its own family.
        create(with(baseRequest(QStringLiteral("my")),
                    {{QStringLiteral("Engine"), QStringLiteral("mysql")},
                     {QStringLiteral("MasterUsername"), QStringLiteral("admin")}}));
        runFor(*account, 15 * 60, 30);
        const QJsonObject my = describe(QStringLiteral("my"));
        QCOMPARE(my.value(u"Endpoint").toObject().value(u"Port").toInt(), 3306);
        QCOMPARE(my.value(u"EngineVersion").toString(), QStringLiteral("8.0.41"));
        QCOMPARE(my.value(u"LicenseModel").toString(), QStringLiteral("general-public-license"));
    }

    void otherRules()
    {
        AwsError e;
        const QJsonObject base = baseRequest(QStringLiteral("db"));
        QCOMPARE(createError(with(base, {{QStringLiteral("BackupRetentionPeriod"), 36}})),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(createError(with(base, {{QStringLiteral("BackupRetentionPeriod"), -1}})),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(createError(with(base, {{QStringLiteral("Port"), 80}})),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(createError(
                     with(base, {{QStringLiteral("PreferredBackupWindow"), QStringLiteral("03:00-03:10")}})),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(createError(with(base, {{QStringLiteral("PreferredBackupWindow"), QStringLiteral("3am")}})),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(
            createError(with(base, {{QStringLiteral("PreferredBackupWindow"), QStringLiteral("03:00-04:00")},
                                    {QStringLiteral("PreferredMaintenanceWindow"),
                                     QStringLiteral("mon:03:30-mon:04:30")}})),
            QStringLiteral("InvalidParameterValue"));
        QCOMPARE(
            createError(with(base, {{QStringLiteral("MultiAZ"), true},
                                    {QStringLiteral("AvailabilityZone"), QStringLiteral("us-east-1a")}})),
            QStringLiteral("InvalidParameterValue"));
        QCOMPARE(createError(with(base, {{QStringLiteral("DBSubnetGroupName"), QStringLiteral("nope")}}), &e),
                 QStringLiteral("DBSubnetGroupNotFoundFault"));
        QCOMPARE(e.httpStatus, 404);
        QCOMPARE(createError(
                     with(base, {{QStringLiteral("Tags"),
                                  QJsonArray{QJsonObject{{QStringLiteral("Key"), QStringLiteral("aws:owner")},
                                                         {QStringLiteral("Value"), QStringLiteral("x")}}}}})),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(createError(with(base, {{QStringLiteral("VpcSecurityGroupIds"),
                                          QJsonArray{QStringLiteral("sg-00000000000000000")}}}),
                             &e),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(e.message,
                 QStringLiteral("Invalid security group , groupId= sg-00000000000000000, groupName=."));
        QCOMPARE(createError(with(base, {{QStringLiteral("VpcSecurityGroupIds"),
                                          QJsonArray{QLatin1String(kOtherGroup)}}})),
                 QStringLiteral("InvalidParameterCombination"));
        // Nothing was created by any of these.
        QCOMPARE(errorCode(*account, QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("db")}}),
                 QStringLiteral("DBInstanceNotFound"));

        // Windows that fit are kept as given.
        const QJsonObject db = create(
            with(base, {{QStringLiteral("PreferredBackupWindow"), QStringLiteral("23:45-00:15")},
                        {QStringLiteral("PreferredMaintenanceWindow"), QStringLiteral("Sun:05:00-Sun:05:30")},
                        {QStringLiteral("AvailabilityZone"), QStringLiteral("us-east-1b")}}));
        QCOMPARE(db.value(u"PreferredBackupWindow").toString(), QStringLiteral("23:45-00:15"));
        QCOMPARE(db.value(u"PreferredMaintenanceWindow").toString(), QStringLiteral("sun:05:00-sun:05:30"));
        QCOMPARE(db.value(u"AvailabilityZone").toString(), QStringLiteral("us-east-1b"));
    }

    void duplicateIdentifier()
    {
        create(baseRequest(QStringLiteral("todo-db")));
        AwsError e;
        QCOMPARE(createError(baseRequest(QStringLiteral("Todo-DB")), &e),
                 QStringLiteral("DBInstanceAlreadyExists"));
        QCOMPARE(e.message, QStringLiteral("DB instance already exists"));
        QCOMPARE(e.httpStatus, 400);
    }

    // ---- what a new instance looks like ----

    void createdInstanceShape()
    {
        ok(*account, QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
           {{QStringLiteral("GroupName"), QStringLiteral("db-access")},
            {QStringLiteral("Description"), QStringLiteral("postgres from anywhere")}});
        const QJsonArray groups =
            ok(*account, QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"),
               {{QStringLiteral("GroupNames"), QJsonArray{QStringLiteral("db-access")}}})
                .value(u"SecurityGroups")
                .toArray();
        QCOMPARE(groups.size(), 1);
        const QString sg = groups.first().toObject().value(u"GroupId").toString();

        const QJsonObject db =
            create(with(baseRequest(QStringLiteral("Todo-DB")),
                        {{QStringLiteral("DBName"), QStringLiteral("todo")},
                         {QStringLiteral("PubliclyAccessible"), true},
                         {QStringLiteral("VpcSecurityGroupIds"), QJsonArray{sg}},
                         {QStringLiteral("Tags"),
                          QJsonArray{QJsonObject{{QStringLiteral("Key"), QStringLiteral("app")},
                                                 {QStringLiteral("Value"), QStringLiteral("todo")}}}}}));
        QCOMPARE(db.value(u"DBInstanceIdentifier").toString(), QStringLiteral("todo-db"));
        QCOMPARE(db.value(u"DBInstanceStatus").toString(), QStringLiteral("creating"));
        QCOMPARE(db.value(u"Engine").toString(), QStringLiteral("postgres"));
        QCOMPARE(db.value(u"DBName").toString(), QStringLiteral("todo"));
        QCOMPARE(db.value(u"MasterUsername").toString(), QStringLiteral("administrator"));
        QCOMPARE(db.value(u"DBInstanceArn").toString(),
                 QStringLiteral("arn:aws:rds:us-east-1:123456789012:db:todo-db"));
        QVERIFY(QRegularExpression(QStringLiteral("^db-[A-Z0-9]{26}$"))
                    .match(db.value(u"DbiResourceId").toString())
                    .hasMatch());
        QVERIFY(db.value(u"PubliclyAccessible").toBool());
        QVERIFY(!db.value(u"MultiAZ").toBool());
        QVERIFY(!db.value(u"DeletionProtection").toBool());
        QCOMPARE(db.value(u"BackupRetentionPeriod").toInt(), 1);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d-\\d\\d:\\d\\d$"))
                    .match(db.value(u"PreferredBackupWindow").toString())
                    .hasMatch());
        QCOMPARE(db.value(u"VpcSecurityGroups").toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("VpcSecurityGroupId"), sg},
                                         {QStringLiteral("Status"), QStringLiteral("active")}}}));
        const QJsonObject subnetGroup = db.value(u"DBSubnetGroup").toObject();
        QCOMPARE(subnetGroup.value(u"DBSubnetGroupName").toString(), QStringLiteral("default"));
        QCOMPARE(subnetGroup.value(u"VpcId").toString(), defaultVpc);
        QStringList subnets =
            strings(subnetGroup.value(u"Subnets").toArray(), QStringLiteral("SubnetIdentifier"));
        subnets.sort();
        QCOMPARE(subnets, defaultSubnets);
        QCOMPARE(db.value(u"TagList").toArray().size(), 1);
        // Nothing to connect to yet, and no internal fields leak.
        QVERIFY(!db.contains(u"Endpoint"));
        QVERIFY(!db.contains(u"InstanceCreateTime"));
        for (auto it = db.constBegin(); it != db.constEnd(); ++it)
            QVERIFY2(!it.key().startsWith(u'_'), qPrintable(it.key()));

        // Without groups: the default VPC's default group.
        const QJsonObject plain = create(baseRequest(QStringLiteral("plain")));
        QCOMPARE(plain.value(u"VpcSecurityGroups")
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"VpcSecurityGroupId")
                     .toString(),
                 defaultGroup);
    }

    // ---- lifecycle ----

    void lifecycleWithBackups()
    {
        create(with(baseRequest(QStringLiteral("todo-db")),
                    {{QStringLiteral("DBName"), QStringLiteral("todo")}}));
        runFor(*account, 7 * 60, 15);
        QCOMPARE(status(QStringLiteral("todo-db")), QStringLiteral("creating"));
        QVERIFY(!describe(QStringLiteral("todo-db")).contains(u"Endpoint"));

        QCOMPARE(nextStatus(QStringLiteral("todo-db")), QStringLiteral("backing-up"));
        const QJsonObject backingUp = describe(QStringLiteral("todo-db"));
        // Creation is over: the address exists from here on.
        const QJsonObject endpoint = backingUp.value(u"Endpoint").toObject();
        QVERIFY2(
            QRegularExpression(QStringLiteral("^todo-db\\.[a-z0-9]{12}\\.us-east-1\\.rds\\.amazonaws\\.com$"))
                .match(endpoint.value(u"Address").toString())
                .hasMatch(),
            qPrintable(endpoint.value(u"Address").toString()));
        QCOMPARE(endpoint.value(u"Port").toInt(), 5432);
        QCOMPARE(endpoint.value(u"HostedZoneId").toString(), QStringLiteral("Z2R2ITUGPM61AM"));
        QVERIFY(backingUp.value(u"InstanceCreateTime").toDouble() > 0);
        QVERIFY(backingUp.value(u"AvailabilityZone").toString().startsWith(u"us-east-1"));

        QCOMPARE(nextStatus(QStringLiteral("todo-db")), QStringLiteral("available"));
        const QJsonObject available = describe(QStringLiteral("todo-db"));
        QCOMPARE(available.value(u"Endpoint").toObject(), endpoint);
        QVERIFY(available.contains(u"LatestRestorableTime"));

        // A second instance of the account shares the endpoint's account label.
        create(baseRequest(QStringLiteral("second")));
        runFor(*account, 15 * 60, 60);
        const QString second =
            describe(QStringLiteral("second")).value(u"Endpoint").toObject().value(u"Address").toString();
        QCOMPARE(second.section(u'.', 1), endpoint.value(u"Address").toString().section(u'.', 1));
    }

    void lifecycleWithoutBackups()
    {
        create(with(baseRequest(QStringLiteral("nobackup")), {{QStringLiteral("BackupRetentionPeriod"), 0}}));
        QCOMPARE(nextStatus(QStringLiteral("nobackup")), QStringLiteral("available"));
        QVERIFY(describe(QStringLiteral("nobackup")).contains(u"Endpoint"));
        QVERIFY(!describe(QStringLiteral("nobackup")).contains(u"LatestRestorableTime"));
    }

    void clockJumpSettles()
    {
        create(baseRequest(QStringLiteral("jump")));
        // One tick after an hour: every due transition applies.
        account->clock().advance(3600 / account->clock().timeScale());
        account->tick();
        QCOMPARE(status(QStringLiteral("jump")), QStringLiteral("available"));
    }

    // ---- deleting ----

    void deleteRules()
    {
        const QString rds = QStringLiteral("rds");
        const QString op = QStringLiteral("DeleteDBInstance");
        create(with(baseRequest(QStringLiteral("guarded")), {{QStringLiteral("DeletionProtection"), true}}));
        AwsError e;
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("guarded")},
                            {QStringLiteral("SkipFinalSnapshot"), true}},
                           &e),
                 QStringLiteral("InvalidParameterCombination"));
        QCOMPARE(
            e.message,
            QStringLiteral(
                "Cannot delete protected DB Instance, please disable deletion protection and try again."));

        create(baseRequest(QStringLiteral("todo-db")));
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("todo-db")}}, &e),
                 QStringLiteral("InvalidParameterCombination"));
        QCOMPARE(
            e.message,
            QStringLiteral("FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified."));
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("todo-db")},
                            {QStringLiteral("SkipFinalSnapshot"), true},
                            {QStringLiteral("FinalDBSnapshotIdentifier"), QStringLiteral("last")}}),
                 QStringLiteral("InvalidParameterCombination"));
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("todo-db")},
                            {QStringLiteral("FinalDBSnapshotIdentifier"), QStringLiteral("bad--snap")}}),
                 QStringLiteral("InvalidParameterValue"));
        // A snapshot needs a finished instance.
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("todo-db")},
                            {QStringLiteral("FinalDBSnapshotIdentifier"), QStringLiteral("last")}},
                           &e),
                 QStringLiteral("InvalidDBInstanceState"));
        QCOMPARE(
            e.message,
            QStringLiteral("Instance todo-db is currently creating - a final snapshot cannot be taken."));

        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("nope")},
                            {QStringLiteral("SkipFinalSnapshot"), true}},
                           &e),
                 QStringLiteral("DBInstanceNotFound"));
        QCOMPARE(e.message, QStringLiteral("DBInstance nope not found."));
        QCOMPARE(e.httpStatus, 404);
        QCOMPARE(status(QStringLiteral("todo-db")), QStringLiteral("creating"));
    }

    void deleteLifecycle()
    {
        const QString rds = QStringLiteral("rds");
        const QString op = QStringLiteral("DeleteDBInstance");
        create(baseRequest(QStringLiteral("todo-db")));
        runFor(*account, 15 * 60, 60);
        QCOMPARE(status(QStringLiteral("todo-db")), QStringLiteral("available"));
        const QJsonObject deleting =
            ok(*account, rds, op,
               {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("TODO-DB")},
                {QStringLiteral("FinalDBSnapshotIdentifier"), QStringLiteral("todo-final")}})
                .value(u"DBInstance")
                .toObject();
        QCOMPARE(deleting.value(u"DBInstanceStatus").toString(), QStringLiteral("deleting"));
        AwsError e;
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("todo-db")},
                            {QStringLiteral("SkipFinalSnapshot"), true}},
                           &e),
                 QStringLiteral("InvalidDBInstanceState"));
        QCOMPARE(e.message, QStringLiteral("Instance todo-db is already being deleted."));
        // The identifier stays taken while deleting.
        QCOMPARE(createError(baseRequest(QStringLiteral("todo-db"))),
                 QStringLiteral("DBInstanceAlreadyExists"));

        runFor(*account, 2 * 60, 15);
        QCOMPARE(status(QStringLiteral("todo-db")), QStringLiteral("deleting"));
        QCOMPARE(nextStatus(QStringLiteral("todo-db")), QStringLiteral("(gone)"));
        QCOMPARE(errorCode(*account, rds, QStringLiteral("DescribeDBInstances"),
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("todo-db")}}),
                 QStringLiteral("DBInstanceNotFound"));
        // …and free again once gone.
        QCOMPARE(create(baseRequest(QStringLiteral("todo-db"))).value(u"DBInstanceStatus").toString(),
                 QStringLiteral("creating"));

        // A creating instance can be deleted when no snapshot is asked for.
        QCOMPARE(ok(*account, rds, op,
                    {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("todo-db")},
                     {QStringLiteral("SkipFinalSnapshot"), true}})
                     .value(u"DBInstance")
                     .toObject()
                     .value(u"DBInstanceStatus")
                     .toString(),
                 QStringLiteral("deleting"));
    }

    // ---- describing ----

    void describeInstances()
    {
        const QString rds = QStringLiteral("rds");
        const QString op = QStringLiteral("DescribeDBInstances");
        create(baseRequest(QStringLiteral("pg-db")));
        create(with(baseRequest(QStringLiteral("maria-db")),
                    {{QStringLiteral("Engine"), QStringLiteral("mariadb")}}));

        QCOMPARE(describe(QStringLiteral("PG-DB")).value(u"DBInstanceIdentifier").toString(),
                 QStringLiteral("pg-db"));
        QCOMPARE(describe(QStringLiteral("arn:aws:rds:us-east-1:123456789012:db:pg-db"))
                     .value(u"Engine")
                     .toString(),
                 QStringLiteral("postgres"));
        AwsError e;
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("nope")}}, &e),
                 QStringLiteral("DBInstanceNotFound"));
        QCOMPARE(e.message, QStringLiteral("DBInstance nope not found."));
        QCOMPARE(e.httpStatus, 404);

        const auto filtered = [&](const char *name, const QString &value) {
            return strings(ok(*account, rds, op,
                              {{QStringLiteral("Filters"),
                                QJsonArray{QJsonObject{{QStringLiteral("Name"), QLatin1String(name)},
                                                       {QStringLiteral("Values"), QJsonArray{value}}}}}})
                               .value(u"DBInstances")
                               .toArray(),
                           QStringLiteral("DBInstanceIdentifier"));
        };
        QCOMPARE(filtered("engine", QStringLiteral("mariadb")), QStringList{QStringLiteral("maria-db")});
        QCOMPARE(filtered("engine", QStringLiteral("mysql")), QStringList{});
        QCOMPARE(filtered("db-instance-id", QStringLiteral("pg-db")), QStringList{QStringLiteral("pg-db")});
        QCOMPARE(filtered("db-instance-id", QStringLiteral("arn:aws:rds:us-east-1:123456789012:db:maria-db")),
                 QStringList{QStringLiteral("maria-db")});
        QCOMPARE(
            errorCode(
                *account, rds, op,
                {{QStringLiteral("Filters"),
                  QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("engine")},
                                         {QStringLiteral("Values"), QJsonArray{QStringLiteral("nosql")}}}}}},
                &e),
            QStringLiteral("InvalidParameterValue"));
        QCOMPARE(e.message, QStringLiteral("Unrecognized engine name: nosql"));
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("Filters"),
                             QJsonArray{
                                 QJsonObject{{QStringLiteral("Name"), QStringLiteral("colour")},
                                             {QStringLiteral("Values"), QJsonArray{QStringLiteral("x")}}}}}}),
                 QStringLiteral("InvalidParameterValue"));
    }

    void describeInstancesPaginates()
    {
        const QString rds = QStringLiteral("rds");
        const QString op = QStringLiteral("DescribeDBInstances");
        for (int i = 0; i < 25; ++i)
            create(baseRequest(QStringLiteral("db-%1").arg(i, 2, 10, QLatin1Char('0'))));
        const QJsonObject first = ok(*account, rds, op, {{QStringLiteral("MaxRecords"), 20}});
        QCOMPARE(first.value(u"DBInstances").toArray().size(), 20);
        QVERIFY(first.contains(u"Marker"));
        const QJsonObject second =
            ok(*account, rds, op,
               {{QStringLiteral("MaxRecords"), 20}, {QStringLiteral("Marker"), first.value(u"Marker")}});
        const QJsonArray rest = second.value(u"DBInstances").toArray();
        QCOMPARE(rest.size(), 5);
        QCOMPARE(rest.last().toObject().value(u"DBInstanceIdentifier").toString(), QStringLiteral("db-24"));
        QVERIFY(!second.contains(u"Marker"));
        QCOMPARE(ok(*account, rds, op).value(u"DBInstances").toArray().size(), 25);
        for (int bad : {19, 101})
            QCOMPARE(errorCode(*account, rds, op, {{QStringLiteral("MaxRecords"), bad}}),
                     QStringLiteral("InvalidParameterValue"));
    }

    void listTags()
    {
        const QString rds = QStringLiteral("rds");
        const QString op = QStringLiteral("ListTagsForResource");
        const QJsonArray tags{QJsonObject{{QStringLiteral("Key"), QStringLiteral("course")},
                                          {QStringLiteral("Value"), QStringLiteral("cab432")}},
                              QJsonObject{{QStringLiteral("Key"), QStringLiteral("app")},
                                          {QStringLiteral("Value"), QStringLiteral("todo")}}};
        const QString arn =
            create(with(baseRequest(QStringLiteral("tagged")), {{QStringLiteral("Tags"), tags}}))
                .value(u"DBInstanceArn")
                .toString();
        QCOMPARE(ok(*account, rds, op, {{QStringLiteral("ResourceName"), arn}}).value(u"TagList").toArray(),
                 tags);
        const QString plainArn =
            create(baseRequest(QStringLiteral("plain"))).value(u"DBInstanceArn").toString();
        QCOMPARE(
            ok(*account, rds, op, {{QStringLiteral("ResourceName"), plainArn}}).value(u"TagList").toArray(),
            QJsonArray{});
        AwsError e;
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("ResourceName"),
                             QStringLiteral("arn:aws:rds:us-east-1:123456789012:db:nope")}},
                           &e),
                 QStringLiteral("DBInstanceNotFound"));
        QCOMPARE(e.httpStatus, 404);
        QCOMPARE(errorCode(*account, rds, op, {{QStringLiteral("ResourceName"), QStringLiteral("tagged")}}),
                 QStringLiteral("InvalidParameterValue"));
        QCOMPARE(errorCode(*account, rds, op,
                           {{QStringLiteral("ResourceName"),
                             QStringLiteral("arn:aws:rds:eu-west-1:123456789012:db:tagged")}}),
                 QStringLiteral("InvalidParameterValue"));
    }

    // ---- persistence ----

    void saveAndLoad()
    {
        create(
            with(baseRequest(QStringLiteral("kept")), {{QStringLiteral("DBName"), QStringLiteral("todo")}}));
        runFor(*account, 60, 15);
        const QJsonObject before = describe(QStringLiteral("kept"));
        const QJsonObject saved = account->saveState();

        SandboxAccount restored(SandboxAccount::Options{});
        QString error;
        QVERIFY2(restored.loadState(saved, &error), qPrintable(error));
        account.reset();
        const auto r = restored.call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                                     {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("kept")}});
        QVERIFY(std::holds_alternative<QJsonObject>(r));
        QCOMPARE(std::get<QJsonObject>(r).value(u"DBInstances").toArray().first().toObject(), before);

        // The lifecycle carries on in the restored account.
        runFor(restored, 20 * 60, 60);
        const auto after = restored.call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                                         {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("kept")}});
        const QJsonObject db =
            std::get<QJsonObject>(after).value(u"DBInstances").toArray().first().toObject();
        QCOMPARE(db.value(u"DBInstanceStatus").toString(), QStringLiteral("available"));
        QVERIFY(db.contains(u"Endpoint"));
    }
};

QTEST_GUILESS_MAIN(TestRds)
#include "tst_rds.moc"
