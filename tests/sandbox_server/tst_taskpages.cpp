// A running task's "public IP" is a 127.x.y.z address where the sandbox
// serves a page on each container port; the page goes when the task stops.

#include "SandboxServer.h"
#include "SandboxTestClient.h"

#include <QJsonArray>
#include <QTest>

using namespace aws;
using namespace aws::sandbox;

class TestTaskPages : public QObject {
    Q_OBJECT
private slots:
    void pageFollowsTheTask();

private:
    TestReply ecs(SandboxTestClient &client, const QByteArray &op, const QJsonObject &params);
    std::unique_ptr<SandboxServer> m_server;
};

TestReply TestTaskPages::ecs(SandboxTestClient &client, const QByteArray &op, const QJsonObject &params)
{
    HttpRequest req = client.json("AmazonEC2ContainerServiceV20141113." + op, params);
    SandboxTestClient::sign(req, m_server->credentials(), QStringLiteral("ecs"));
    return client.send(req);
}

void TestTaskPages::pageFollowsTheTask()
{
    SandboxOptions options;
    options.timeScale = 600; // minutes of simulated lifecycle in a fraction of a second
    options.tickIntervalMs = 50;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    SandboxTestClient client(m_server->endpoint());

    TestReply r = ecs(client, "CreateCluster", {{QStringLiteral("clusterName"), QStringLiteral("pages")}});
    if (r.status != 200)
        QSKIP(qPrintable(QStringLiteral("the sandbox account does not run ECS yet (CreateCluster: %1 %2)")
                             .arg(r.status)
                             .arg(QString::fromUtf8(r.body))));
    const QJsonObject container{
        {QStringLiteral("name"), QStringLiteral("web")},
        {QStringLiteral("image"), QStringLiteral("public.ecr.aws/docker/library/nginx:latest")},
        {QStringLiteral("essential"), true},
        {QStringLiteral("portMappings"), QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 8080}}}}};
    r = ecs(client, "RegisterTaskDefinition",
            {{QStringLiteral("family"), QStringLiteral("pages")},
             {QStringLiteral("networkMode"), QStringLiteral("awsvpc")},
             {QStringLiteral("requiresCompatibilities"), QJsonArray{QStringLiteral("FARGATE")}},
             {QStringLiteral("cpu"), QStringLiteral("256")},
             {QStringLiteral("memory"), QStringLiteral("512")},
             {QStringLiteral("containerDefinitions"), QJsonArray{container}}});
    QCOMPARE(r.status, 200);

    // The default VPC's subnets, from EC2.
    HttpRequest subnetsReq = client.form("Action=DescribeSubnets&Version=2016-11-15");
    SandboxTestClient::sign(subnetsReq, m_server->credentials(), QStringLiteral("ec2"));
    const TestReply subnets = client.send(subnetsReq);
    QCOMPARE(subnets.status, 200);
    const qsizetype at = subnets.body.indexOf("<subnetId>");
    QVERIFY(at > 0);
    const QString subnet =
        QString::fromLatin1(subnets.body.mid(at + 10, subnets.body.indexOf("</subnetId>", at) - at - 10));

    r = ecs(client, "RunTask",
            {{QStringLiteral("cluster"), QStringLiteral("pages")},
             {QStringLiteral("taskDefinition"), QStringLiteral("pages")},
             {QStringLiteral("launchType"), QStringLiteral("FARGATE")},
             {QStringLiteral("networkConfiguration"),
              QJsonObject{{QStringLiteral("awsvpcConfiguration"),
                           QJsonObject{{QStringLiteral("subnets"), QJsonArray{subnet}},
                                       {QStringLiteral("assignPublicIp"), QStringLiteral("ENABLED")}}}}}});
    QCOMPARE(r.status, 200);
    const QString taskArn = r.json()[QStringLiteral("tasks")][0][QStringLiteral("taskArn")].toString();
    QVERIFY(!taskArn.isEmpty());

    QTRY_VERIFY_WITH_TIMEOUT(!m_server->taskPageAddresses().isEmpty(), 20000);
    const QString address = m_server->taskPageAddresses().constFirst();
    QVERIFY2(address.startsWith(QStringLiteral("127.")), qPrintable(address));
    QVERIFY(address.endsWith(QStringLiteral(":8080")));
    const TestReply page = client.raw("GET", QUrl(QStringLiteral("http://%1/").arg(address)), {});
    QCOMPARE(page.status, 200);
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("TaskOverflow — sandbox task ") +
                                                  taskArn.section(u'/', -1)));

    r = ecs(client, "StopTask",
            {{QStringLiteral("cluster"), QStringLiteral("pages")}, {QStringLiteral("task"), taskArn}});
    QCOMPARE(r.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->taskPageAddresses().isEmpty(), 20000);
}

QTEST_GUILESS_MAIN(TestTaskPages)
#include "tst_taskpages.moc"
