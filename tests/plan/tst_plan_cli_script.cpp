// The plan's "AWS CLI" view is a script that works: the practical's commands,
// as the review page shows them (password revealed, as a student would copy
// them), run by Debian's AWS CLI v2 one after the other against the sandbox,
// leave the same account the plan runner leaves. Outputs later commands need
// travel in shell variables; waits are the CLI's own waiters.
#include "PlanRenderer.h"
#include "PracticalPlan.h"
#include "SandboxFixture.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestPlanCliScript : public QObject {
    Q_OBJECT
    SandboxFixture sandbox;

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(sandbox.start(&error), qPrintable(error));
    }
    void cleanupTestCase() { sandbox.stop(); }

    void theCliViewRunsAsAScript()
    {
        plan::PracticalInputs in;
        in.password = QStringLiteral("cli-view-pass-1");
        in.labRoleArn = QStringLiteral("arn:aws:iam::123456789012:role/LabRole");
        const QJsonArray subnets = sandbox.call(QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"))
                                       .output.value(u"Subnets")
                                       .toArray();
        for (const QJsonValue &s : subnets)
            in.subnets << s[QStringLiteral("SubnetId")].toString();
        QString invalid;
        const plan::Plan p = plan::buildPracticalPlan(in, &invalid);
        QVERIFY2(invalid.isEmpty(), qPrintable(invalid));

        const QString masked = plan::renderCli(p);
        QVERIFY2(!masked.contains(u"cli-view-pass-1"), "the shown commands mask the password");
        QVERIFY2(!masked.contains(u"${"), qPrintable(masked)); // no plan references left for the shell
        QVERIFY(masked.contains(u"CREATEDBSG_GROUPID=$(aws ec2 create-security-group"));
        QVERIFY(masked.contains(u"aws rds wait db-instance-available --db-instance-identifier taskoverflow"));

        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("practical.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        // The sandbox's address for every command, as a student's shell would have AWS_ENDPOINT_URL.
        script.write(
            "set -euo pipefail\n"
            "aws() { command aws --endpoint-url \"$AWS_ENDPOINT_URL\" --region us-east-1 \"$@\"; }\n");
        script.write(plan::renderCli(p, true).toUtf8());
        script.close();

        QProcess bash;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), dir.path()); // no developer's ~/.aws
        env.insert(QStringLiteral("AWS_PAGER"), QString());
        for (const QString &line : sandbox.server().environmentLines())
            env.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
        bash.setProcessEnvironment(env);
        bash.setProcessChannelMode(QProcess::MergedChannels);
        QSignalSpy done(&bash, &QProcess::finished);
        bash.start(QStringLiteral("/bin/bash"), {script.fileName()});
        // The CLI's waiters poll every 15–30 s: bounded, not slept.
        QVERIFY(done.wait(240000));
        const QString output = QString::fromUtf8(bash.readAll());
        QVERIFY2(bash.exitCode() == 0, qPrintable(output.right(3000)));

        // What the script made is what the plan makes: the service runs the task definition,
        // whose connection URI names the database the script created.
        const QJsonObject svc =
            sandbox
                .call(QStringLiteral("ecs"), QStringLiteral("DescribeServices"),
                      {{QStringLiteral("cluster"), QStringLiteral("taskoverflow")},
                       {QStringLiteral("services"), QJsonArray{QStringLiteral("taskoverflow")}}})
                .output.value(u"services")[0]
                .toObject();
        QCOMPARE(svc.value(u"status").toString(), QStringLiteral("ACTIVE"));
        const QString groups = QJsonDocument(svc.value(u"networkConfiguration").toObject()).toJson();
        QVERIFY2(groups.contains(u"sg-"), qPrintable(groups));
        const QJsonObject td = sandbox
                                   .call(QStringLiteral("ecs"), QStringLiteral("DescribeTaskDefinition"),
                                         {{QStringLiteral("taskDefinition"), QStringLiteral("taskoverflow")}})
                                   .output.value(u"taskDefinition")
                                   .toObject();
        const QString uri =
            td.value(u"containerDefinitions")[0][QStringLiteral("environment")][0][QStringLiteral("value")]
                .toString();
        const QString host =
            sandbox
                .call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                      {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("taskoverflow")}})
                .output.value(u"DBInstances")[0][QStringLiteral("Endpoint")][QStringLiteral("Address")]
                .toString();
        QVERIFY(!host.isEmpty());
        QCOMPARE(uri, QStringLiteral("postgresql://administrator:cli-view-pass-1@%1:5432/todo").arg(host));
    }
};

QTEST_GUILESS_MAIN(TestPlanCliScript)
#include "tst_plan_cli_script.moc"
