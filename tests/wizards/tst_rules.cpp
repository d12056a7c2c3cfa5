// Every rule of CONSOLE-RULES.md, with values on both sides of each boundary:
// the console must refuse what AWS refuses and accept what AWS accepts.

#include "ConsoleRules.h"

#include <QtTest>
#include <functional>

using namespace wizards;

class TestRules : public QObject {
    Q_OBJECT
private slots:
    void rule_data();
    void rule();
    void fargatePairs();
};

namespace {
using Check = std::function<QString(const QString &)>;

int num(const QString &s)
{
    return s.toInt();
}
int part(const QString &s, int i)
{
    return s.section(u',', i, i).toInt();
}

const QHash<QString, Check> &checks()
{
    static const QHash<QString, Check> c = {
        {"dbIdentifier", [](const QString &v) { return rules::dbInstanceIdentifier(v); }},
        {"username", [](const QString &v) { return rules::masterUsername(v); }},
        {"password", [](const QString &v) { return rules::masterPassword(v); }},
        {"dbName", [](const QString &v) { return rules::dbName(v); }},
        {"gp2", [](const QString &v) { return rules::allocatedStorage("gp2", num(v)); }},
        {"gp3", [](const QString &v) { return rules::allocatedStorage("gp3", num(v)); }},
        {"io1", [](const QString &v) { return rules::allocatedStorage("io1", num(v)); }},
        {"standard", [](const QString &v) { return rules::allocatedStorage("standard", num(v)); }},
        {"autoscale", [](const QString &v) { return rules::maxAllocatedStorage(part(v, 0), part(v, 1)); }},
        {"sgName", [](const QString &v) { return rules::securityGroupName(v); }},
        {"sgDescription", [](const QString &v) { return rules::securityGroupDescription(v); }},
        {"ports", [](const QString &v) { return rules::portRange(part(v, 0), part(v, 1)); }},
        {"cidr", [](const QString &v) { return rules::cidr(v); }},
        {"ruleDescription", [](const QString &v) { return rules::ruleDescription(v); }},
        {"ecsName", [](const QString &v) { return rules::ecsName(v, "Name"); }},
        {"containerPort", [](const QString &v) { return rules::containerPort(num(v)); }},
        {"envName", [](const QString &v) { return rules::envName(v); }},
        {"fargate", [](const QString &v) { return rules::fargateSize(part(v, 0), part(v, 1)); }},
        {"clientToken", [](const QString &v) { return rules::clientToken(v); }},
        {"tagKey", [](const QString &v) { return rules::tagKey(v); }},
        {"tagValue", [](const QString &v) { return rules::tagValue(v); }},
        {"interval", [](const QString &v) { return rules::healthInterval(num(v)); }},
        {"timeout", [](const QString &v) { return rules::healthTimeout(num(v)); }},
        {"startPeriod", [](const QString &v) { return rules::healthStartPeriod(num(v)); }},
        {"retries", [](const QString &v) { return rules::healthRetries(num(v)); }},
        {"ephemeral", [](const QString &v) { return rules::ephemeralStorage(num(v)); }},
        {"ecrRepo", [](const QString &v) { return rules::ecrRepositoryName(v); }},
        {"tag", [](const QString &v) { return rules::imageTag(v); }},
    };
    return c;
}
} // namespace

void TestRules::rule_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    struct Row {
        const char *rule;
        QString value;
        bool ok;
    };
    const QString a63 = "a" + QString(62, u'b');
    const QList<Row> rows = {
        // RDS identifier
        {"dbIdentifier", "a", true},
        {"dbIdentifier", a63, true},
        {"dbIdentifier", a63 + "c", false},
        {"dbIdentifier", "", false},
        {"dbIdentifier", "taskoverflow-db", true},
        {"dbIdentifier", "db-", false},
        {"dbIdentifier", "db--x", false},
        {"dbIdentifier", "1db", false},
        {"dbIdentifier", "db_x", false},
        {"dbIdentifier", "TaskOverflow", true},
        // username
        {"username", "administrator", true},
        {"username", "a", true},
        {"username", QString(16, u'u'), true},
        {"username", QString(17, u'u'), false},
        {"username", "postgres", false},
        {"username", "rdsadmin", false},
        {"username", "Postgres", false},
        {"username", "_admin", false},
        {"username", "9lives", false},
        {"username", "user_1", true},
        {"username", "", false},
        // password
        {"password", "foobarbaz", true},
        {"password", "1234567", false},
        {"password", "12345678", true},
        {"password", QString(128, u'x'), true},
        {"password", QString(129, u'x'), false},
        {"password", "abc/defgh", false},
        {"password", "abc'defgh", false},
        {"password", "abc\"defgh", false},
        {"password", "abc@defgh", false},
        {"password", "abc defgh", false},
        {"password", "abc#$%^&*()", true},
        {"password", QString::fromUtf8("pässwörd1"), false},
        // initial database name
        {"dbName", "todo", true},
        {"dbName", "", true},
        {"dbName", "1todo", false},
        {"dbName", "to-do", false},
        {"dbName", "a" + QString(62, u'b'), true},
        {"dbName", "a" + QString(63, u'b'), false},
        // storage
        {"gp2", "19", false},
        {"gp2", "20", true},
        {"gp2", "65536", true},
        {"gp2", "65537", false},
        {"gp3", "20", true},
        {"gp3", "19", false},
        {"io1", "99", false},
        {"io1", "100", true},
        {"standard", "4", false},
        {"standard", "5", true},
        {"standard", "3072", true},
        {"standard", "3073", false},
        // autoscaling: > allocated, ≥ +10 %, ≤ 65536; 0 = off
        {"autoscale", "20,0", true},
        {"autoscale", "20,21", false},
        {"autoscale", "20,22", true},
        {"autoscale", "100,109", false},
        {"autoscale", "100,110", true},
        {"autoscale", "20,20", false},
        {"autoscale", "20,65536", true},
        {"autoscale", "20,65537", false},
        {"autoscale", "100,50", false},
        // security group name / description
        {"sgName", "taskoverflow_database", true},
        {"sgName", "sg-db", false},
        {"sgName", "SG-db", false},
        {"sgName", "my sg", true},
        {"sgName", "", false},
        {"sgName", QString(255, u'n'), true},
        {"sgName", QString(256, u'n'), false},
        {"sgName", "a._-:/()#,@[]+=&;{}!$*", true},
        {"sgName", "bad%name", false},
        {"sgName", "bad~name", false},
        {"sgDescription", "Allow inbound Postgresql traffic", true},
        {"sgDescription", "", false},
        {"sgDescription", QString(256, u'd'), false},
        {"sgDescription", QString(255, u'd'), true},
        // ports
        {"ports", "0,0", true},
        {"ports", "1,1", true},
        {"ports", "65535,65535", true},
        {"ports", "65536,65536", false},
        {"ports", "-1,5", false},
        {"ports", "80,79", false},
        {"ports", "1000,2000", true},
        // CIDR
        {"cidr", "0.0.0.0/0", true},
        {"cidr", "10.0.0.0/8", true},
        {"cidr", "192.168.1.1/32", true},
        {"cidr", "192.168.1.1/33", false},
        {"cidr", "256.0.0.0/8", false},
        {"cidr", "10.0.0.0", false},
        {"cidr", "::/0", true},
        {"cidr", "2001:db8::/32", true},
        {"cidr", "2001:db8::/129", false},
        {"cidr", "10.0/8", false},
        {"cidr", "10.0.0.0/-1", false},
        {"cidr", "abc/8", false},
        {"ruleDescription", "", true},
        {"ruleDescription", QString(255, u'r'), true},
        {"ruleDescription", QString(256, u'r'), false},
        // ECS names (cluster, family, container, service)
        {"ecsName", "taskoverflow", true},
        {"ecsName", "a", true},
        {"ecsName", QString(255, u'e'), true},
        {"ecsName", QString(256, u'e'), false},
        {"ecsName", "", false},
        {"ecsName", "task.overflow", false},
        {"ecsName", "task overflow", false},
        {"ecsName", "task-over_flow-", true},
        {"containerPort", "0", false},
        {"containerPort", "1", true},
        {"containerPort", "6400", true},
        {"containerPort", "65535", true},
        {"containerPort", "65536", false},
        {"envName", "SQLALCHEMY_DATABASE_URI", true},
        {"envName", "", false},
        {"envName", "  ", false},
        {"clientToken", QString(32, u'c'), true},
        {"clientToken", QString(33, u'c'), false},
        // tags
        {"tagKey", "Name", true},
        {"tagKey", "aws:x", false},
        {"tagKey", "AWS:x", false},
        {"tagKey", "", false},
        {"tagKey", QString(128, u'k'), true},
        {"tagKey", QString(129, u'k'), false},
        {"tagValue", "", true},
        {"tagValue", QString(256, u'v'), true},
        {"tagValue", QString(257, u'v'), false},
        // health check
        {"interval", "4", false},
        {"interval", "5", true},
        {"interval", "30", true},
        {"interval", "31", false},
        {"timeout", "1", false},
        {"timeout", "2", true},
        {"timeout", "60", true},
        {"timeout", "61", false},
        {"startPeriod", "-1", false},
        {"startPeriod", "0", true},
        {"startPeriod", "300", true},
        {"startPeriod", "301", false},
        {"retries", "0", false},
        {"retries", "1", true},
        {"retries", "10", true},
        {"retries", "11", false},
        {"ephemeral", "20", false},
        {"ephemeral", "21", true},
        {"ephemeral", "200", true},
        {"ephemeral", "201", false},
        // Fargate: a sample of invalid pairs (all valid pairs in fargatePairs)
        {"fargate", "256,256", false},
        {"fargate", "256,3072", false},
        {"fargate", "512,512", false},
        {"fargate", "512,5120", false},
        {"fargate", "1024,1024", false},
        {"fargate", "1024,2560", false},
        {"fargate", "4096,31744", false},
        {"fargate", "8192,18432", false},
        {"fargate", "16384,36864", false},
        {"fargate", "300,1024", false},
        // ECR
        {"ecrRepo", "taskoverflow", true},
        {"ecrRepo", "a", false},
        {"ecrRepo", "ab", true},
        {"ecrRepo", "team/app-1", true},
        {"ecrRepo", "Team/app", false},
        {"ecrRepo", "app-", false},
        {"ecrRepo", "app--x", false},
        {"ecrRepo", "app//x", false},
        {"ecrRepo", "/app", false},
        {"ecrRepo", QString(256, u'r'), true},
        {"ecrRepo", QString(257, u'r'), false},
        {"tag", "latest", true},
        {"tag", "v1.0_rc-2", true},
        {"tag", ".hidden", false},
        {"tag", "-x", false},
        {"tag", "", false},
        {"tag", QString(128, u't'), true},
        {"tag", QString(129, u't'), false},
        {"tag", "a:b", false},
    };
    int i = 0;
    for (const Row &r : rows)
        QTest::addRow("%d %s %s", i++, r.rule, qPrintable(r.value.left(24)))
            << QString::fromLatin1(r.rule) << r.value << r.ok;
}

void TestRules::rule()
{
    QFETCH(QString, rule);
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    QVERIFY2(checks().contains(rule), qPrintable(rule));
    const QString error = checks().value(rule)(value);
    QVERIFY2(error.isEmpty() == accepted, qPrintable(error.isEmpty() ? QStringLiteral("accepted") : error));
}

// Every valid Fargate Linux cpu/memory pair from the table is accepted.
void TestRules::fargatePairs()
{
    struct Row {
        int cpu, lo, hi, step;
    };
    const Row rows[] = {{512, 1024, 4096, 1024},   {1024, 2048, 8192, 1024},   {2048, 4096, 16384, 1024},
                        {4096, 8192, 30720, 1024}, {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192}};
    int count = 0;
    for (int m : {512, 1024, 2048}) {
        QVERIFY(rules::fargateSize(256, m).isEmpty());
        ++count;
    }
    for (const Row &r : rows)
        for (int m = r.lo; m <= r.hi; m += r.step, ++count)
            QVERIFY2(rules::fargateSize(r.cpu, m).isEmpty(),
                     qPrintable(QStringLiteral("%1/%2").arg(r.cpu).arg(m)));
    QVERIFY(count > 50);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
