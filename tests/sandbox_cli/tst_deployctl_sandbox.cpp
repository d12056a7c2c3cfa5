// deployctl against `deployctl sandbox` as separate processes — what a
// teacher does in a classroom without an account: who am I, raw calls,
// status, the task's IP (and its page answering there), its logs, and a
// stopped task replaced by the service.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QtTest>

namespace {
const QString kCluster = QStringLiteral(R"({"cluster":"taskoverflow"})");
}

class TestDeployctlSandbox : public QObject {
    Q_OBJECT

    QProcess sandbox;
    QProcessEnvironment env;
    QTemporaryDir home;

    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run deployctl(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DEPLOYCTL_PATH), args);
        if (!p.waitForFinished(60000))
            p.kill();
        p.waitForFinished();
        return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                   QString::fromUtf8(p.readAllStandardError())};
    }

    QJsonObject callJson(const QStringList &args)
    {
        const Run r = deployctl(QStringList{QStringLiteral("call")} + args);
        if (r.exitCode != 0)
            qWarning().noquote() << r.err;
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private slots:
    void initTestCase()
    {
        sandbox.start(QStringLiteral(DEPLOYCTL_PATH),
                      {QStringLiteral("sandbox"), QStringLiteral("--scenario"),
                       QStringLiteral("taskoverflow"), QStringLiteral("--time-scale"),
                       QStringLiteral("1000")});
        QVERIFY(sandbox.waitForStarted(10000));
        env = QProcessEnvironment::systemEnvironment();
        QDeadlineTimer deadline(60000);
        bool haveRegion = false;
        while (!haveRegion && !deadline.hasExpired()) {
            if (!sandbox.canReadLine() && !sandbox.waitForReadyRead(int(deadline.remainingTime())))
                break;
            while (sandbox.canReadLine()) {
                const QString line = QString::fromUtf8(sandbox.readLine()).trimmed();
                const qsizetype eq = line.indexOf(u'=');
                if (eq > 0 && line.startsWith(u"AWS_"))
                    env.insert(line.left(eq), line.mid(eq + 1));
                haveRegion = haveRegion || line.startsWith(u"AWS_DEFAULT_REGION=");
            }
        }
        QVERIFY2(env.contains(QStringLiteral("AWS_ENDPOINT_URL")),
                 qPrintable(QString::fromUtf8(sandbox.readAllStandardError())));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), home.path() + QStringLiteral("/none"));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), home.path() + QStringLiteral("/none"));
        env.remove(QStringLiteral("AWS_PROFILE"));
    }

    void cleanupTestCase()
    {
        if (sandbox.state() == QProcess::NotRunning)
            return;
        sandbox.terminate();
        if (!sandbox.waitForFinished(10000))
            sandbox.kill();
        QCOMPARE(sandbox.exitCode(), 0);
    }

    void identityIsTheSandboxLearnerLab()
    {
        const Run r =
            deployctl({QStringLiteral("identity"), QStringLiteral("--output"), QStringLiteral("text")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"123456789012"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"voclabs"), qPrintable(r.out));
    }

    void callReachesEveryService()
    {
        QVERIFY(callJson({QStringLiteral("ecs"), QStringLiteral("ListClusters")})
                    .value(u"clusterArns")
                    .toArray()
                    .first()
                    .toString()
                    .endsWith(u":cluster/taskoverflow"));
        const QJsonObject db = callJson({QStringLiteral("rds"), QStringLiteral("DescribeDBInstances")});
        QCOMPARE(db["DBInstances"][0]["DBInstanceStatus"].toString(), QStringLiteral("available"));
        QVERIFY(
            db["DBInstances"][0]["Endpoint"]["Address"].toString().endsWith(u".us-east-1.rds.amazonaws.com"));
        const Run bad =
            deployctl({QStringLiteral("call"), QStringLiteral("ecs"), QStringLiteral("DescribeServices"),
                       QStringLiteral(R"({"cluster":"nope","services":["x"]})")});
        QCOMPARE(bad.exitCode, 254);
        QVERIFY2(bad.err.contains(u"ClusterNotFoundException"), qPrintable(bad.err));
    }

    void statusShowsTheRunningService()
    {
        const Run r =
            deployctl({QStringLiteral("status"), QStringLiteral("--output"), QStringLiteral("text")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"taskoverflow"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"RUNNING"), qPrintable(r.out));
    }

    void ipOpensTheTaskPage()
    {
        const Run r =
            deployctl({QStringLiteral("ip"), QStringLiteral("--cluster"), QStringLiteral("taskoverflow"),
                       QStringLiteral("--service"), QStringLiteral("taskoverflow")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString ip = r.out.trimmed().split(u'\n').first().trimmed();
        QVERIFY2(ip.startsWith(u"127."), qPrintable(ip)); // loopback: nothing leaves the machine
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(
            nam.get(QNetworkRequest(QUrl(QStringLiteral("http://%1:6400/").arg(ip)))));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const QString page = QString::fromUtf8(reply->readAll());
        QVERIFY2(page.contains(u"sandbox task"), qPrintable(page.left(300)));
    }

    void logsOfTheTask()
    {
        const QJsonObject tasks = callJson({QStringLiteral("ecs"), QStringLiteral("ListTasks"), kCluster});
        const QString taskId = tasks["taskArns"][0].toString().section(u'/', -1);
        QVERIFY(!taskId.isEmpty());
        const Run r = deployctl({QStringLiteral("logs"), QStringLiteral("--cluster"),
                                 QStringLiteral("taskoverflow"), QStringLiteral("--task"), taskId});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.count(u'\n') >= 2, qPrintable(r.out));
    }

    void aStoppedTaskIsReplaced()
    {
        const QJsonObject before = callJson({QStringLiteral("ecs"), QStringLiteral("ListTasks"), kCluster});
        const QString old = before["taskArns"][0].toString();
        const QJsonObject stopped = callJson(
            {QStringLiteral("ecs"), QStringLiteral("StopTask"),
             QStringLiteral(R"({"cluster":"taskoverflow","task":"%1","reason":"class is over"})").arg(old)});
        QCOMPARE(stopped["task"]["desiredStatus"].toString(), QStringLiteral("STOPPED"));
        // At time scale 1000 the service starts a replacement within moments.
        QString replacement;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonObject now =
                    callJson({QStringLiteral("ecs"), QStringLiteral("ListTasks"), kCluster});
                for (const QJsonValue &v : now["taskArns"].toArray())
                    if (v.toString() != old)
                        replacement = v.toString();
                return !replacement.isEmpty();
            }(),
            30000);
        const QJsonObject described =
            callJson({QStringLiteral("ecs"), QStringLiteral("DescribeTasks"),
                      QStringLiteral(R"({"cluster":"taskoverflow","tasks":["%1"]})").arg(old)});
        QCOMPARE(described["tasks"][0]["stoppedReason"].toString(), QStringLiteral("class is over"));
    }
};

QTEST_GUILESS_MAIN(TestDeployctlSandbox)
#include "tst_deployctl_sandbox.moc"
