// deployctl apply taskoverflow and deployctl teardown end to end, as
// processes, against `deployctl sandbox --scenario empty` (also a process):
// the page at the printed http://IP:6400 answers, the password never shows,
// a second apply reuses everything, teardown leaves nothing.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

namespace {

constexpr char kPassword[] = "Cli-Canary-Passw0rd-42";

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

/// Starts `deployctl sandbox` with `args`; the variables it prints (AWS_ENDPOINT_URL, …).
QMap<QString, QString> startSandbox(QProcess &process, const QStringList &args)
{
    process.start(QStringLiteral(DEPLOYCTL_PATH), QStringList{QStringLiteral("sandbox")} + args);
    QMap<QString, QString> lines;
    if (!process.waitForStarted(10000))
        return lines;
    QDeadlineTimer deadline(30000);
    while (!lines.contains(QStringLiteral("AWS_DEFAULT_REGION")) && !deadline.hasExpired()) {
        if (!process.canReadLine() && !process.waitForReadyRead(int(deadline.remainingTime())))
            break;
        while (process.canReadLine()) {
            const QString line = QString::fromUtf8(process.readLine()).trimmed();
            const qsizetype eq = line.indexOf(u'=');
            if (eq > 0)
                lines.insert(line.left(eq), line.mid(eq + 1));
        }
    }
    return lines;
}

class TestPlanCli : public QObject {
    Q_OBJECT
    QProcess sandbox;
    QProcessEnvironment env;
    QTemporaryDir home;

    Run deployctl(const QStringList &args, const QByteArray &stdinData = {})
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DEPLOYCTL_PATH), args);
        if (!p.waitForStarted(10000))
            return {};
        p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished(5000);
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(home.isValid());
        sandbox.start(QStringLiteral(DEPLOYCTL_PATH),
                      {QStringLiteral("sandbox"), QStringLiteral("--scenario"), QStringLiteral("empty"),
                       QStringLiteral("--time-scale"), QStringLiteral("2000")});
        QVERIFY(sandbox.waitForStarted(10000));
        QMap<QString, QString> lines;
        QDeadlineTimer deadline(30000);
        while (!lines.contains(QStringLiteral("AWS_DEFAULT_REGION")) && !deadline.hasExpired()) {
            if (!sandbox.canReadLine() && !sandbox.waitForReadyRead(int(deadline.remainingTime())))
                break;
            while (sandbox.canReadLine()) {
                const QString line = QString::fromUtf8(sandbox.readLine()).trimmed();
                const qsizetype eq = line.indexOf(u'=');
                if (eq > 0)
                    lines.insert(line.left(eq), line.mid(eq + 1));
            }
        }
        QVERIFY2(lines.contains(QStringLiteral("AWS_ENDPOINT_URL")),
                 qPrintable(sandbox.readAllStandardError()));
        QCOMPARE(QUrl(lines.value(QStringLiteral("AWS_ENDPOINT_URL"))).host(), QStringLiteral("127.0.0.1"));
        env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("AWS_PROFILE"));
        env.remove(QStringLiteral("AWS_SESSION_TOKEN"));
        for (auto it = lines.cbegin(); it != lines.cend(); ++it)
            env.insert(it.key(), it.value());
        // No ~/.aws, saved accounts or keyring of the machine's.
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/.config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/.local/share"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    }

    void cleanupTestCase()
    {
        if (sandbox.state() != QProcess::NotRunning) {
            sandbox.kill(); // by the pid QProcess started
            sandbox.waitForFinished(10000);
        }
    }

    void usageErrors()
    {
        QCOMPARE(deployctl({QStringLiteral("apply")}).exitCode, 2);
        QCOMPARE(deployctl({QStringLiteral("apply"), QStringLiteral("wordpress")}).exitCode, 2);
        QCOMPARE(deployctl({QStringLiteral("teardown")}).exitCode, 2);
        const Run weak =
            deployctl({QStringLiteral("apply"), QStringLiteral("taskoverflow"),
                       QStringLiteral("--password-stdin"), QStringLiteral("--stack"), QStringLiteral("weak")},
                      "short\n");
        QCOMPARE(weak.exitCode, 252); // the form refuses it; nothing was sent
        QVERIFY2(weak.err.contains(u"Master password"), qPrintable(weak.err));
        QVERIFY(!weak.out.contains(u"short") && !weak.err.contains(u"short\n"));
    }

    void showPrintsThePlanAndChangesNothing()
    {
        const QStringList before = deployctl({QStringLiteral("call"), QStringLiteral("ec2"),
                                              QStringLiteral("DescribeSecurityGroups")})
                                       .out.split(u'\n');
        const Run tf =
            deployctl({QStringLiteral("apply"), QStringLiteral("taskoverflow"), QStringLiteral("--show"),
                       QStringLiteral("terraform"), QStringLiteral("--stack"), QStringLiteral("shown")});
        QCOMPARE(tf.exitCode, 0);
        QVERIFY(tf.out.contains(u"resource \"aws_ecs_service\" \"taskoverflow\""));
        QVERIFY(tf.out.contains(u"\"deploy-console:stack\"      = \"shown\""));
        QVERIFY(tf.out.contains(u"password                = var.database_password"));
        const Run revealed = deployctl({QStringLiteral("apply"), QStringLiteral("taskoverflow"),
                                        QStringLiteral("--show=terraform"), QStringLiteral("--reveal"),
                                        QStringLiteral("--password-stdin")},
                                       QByteArray(kPassword) + '\n');
        QCOMPARE(revealed.exitCode, 0);
        QVERIFY(revealed.out.contains(QStringLiteral("default     = \"%1\"").arg(QLatin1String(kPassword))));
        const Run cli = deployctl({QStringLiteral("apply"), QStringLiteral("taskoverflow"),
                                   QStringLiteral("--show"), QStringLiteral("cli")});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QVERIFY(cli.out.contains(u"aws ecs create-service"));
        QVERIFY(cli.out.contains(u"--master-user-password '********'") ||
                cli.out.contains(u"--master-user-password ********"));
        QCOMPARE(deployctl({QStringLiteral("apply"), QStringLiteral("taskoverflow"), QStringLiteral("--show"),
                            QStringLiteral("yaml")})
                     .exitCode,
                 2);
        // Nothing was created.
        QCOMPARE(deployctl({QStringLiteral("call"), QStringLiteral("ec2"),
                            QStringLiteral("DescribeSecurityGroups")})
                     .out.split(u'\n'),
                 before);
    }

    void preflightFailureChangesNothingUnlessForced()
    {
        // An account whose default VPC has no route to the internet: the tasks'
        // public IPs would be useless. Made by editing a saved sandbox state.
        QTemporaryDir dir;
        const QString state = dir.filePath(QStringLiteral("state.json"));
        const QStringList args{QStringLiteral("--scenario"),   QStringLiteral("empty"),
                               QStringLiteral("--time-scale"), QStringLiteral("2000"),
                               QStringLiteral("--state"),      state};
        QProcess first;
        const QMap<QString, QString> firstLines = startSandbox(first, args);
        QVERIFY(firstLines.contains(QStringLiteral("AWS_ENDPOINT_URL")));
        // A change makes the sandbox save its state (it prints its variables before it
        // handles SIGTERM, so stopping it straight away would not save).
        const QProcessEnvironment shared = env;
        for (auto it = firstLines.cbegin(); it != firstLines.cend(); ++it)
            env.insert(it.key(), it.value());
        const Run marker =
            deployctl({QStringLiteral("call"), QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                       QStringLiteral(R"({"GroupName":"marker","Description":"saved"})")});
        env = shared;
        QVERIFY2(marker.exitCode == 0, qPrintable(marker.err));
        QFile f(state);
        auto savedWithMarker = [&f] {
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const bool has = f.readAll().contains("\"marker\"");
            f.close();
            return has;
        };
        QTRY_VERIFY_WITH_TIMEOUT(savedWithMarker(), 10000);
        first.kill(); // the pid it started
        QVERIFY(first.waitForFinished(10000));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject saved = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonObject tables = saved.value(u"tables").toObject();
        QJsonObject routeTables = tables.value(u"routeTables").toObject();
        QVERIFY(!routeTables.isEmpty());
        for (auto it = routeTables.begin(); it != routeTables.end(); ++it) {
            QJsonObject t = it.value().toObject();
            QJsonArray kept;
            for (const QJsonValue &r : t.value(u"Routes").toArray())
                if (r[QStringLiteral("DestinationCidrBlock")].toString() != u"0.0.0.0/0")
                    kept.append(r);
            t.insert(QStringLiteral("Routes"), kept);
            it.value() = t;
        }
        tables.insert(QStringLiteral("routeTables"), routeTables);
        saved.insert(QStringLiteral("tables"), tables);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(saved).toJson());
        f.close();

        QProcess isolated;
        const QMap<QString, QString> lines = startSandbox(isolated, args);
        QVERIFY(lines.contains(QStringLiteral("AWS_ENDPOINT_URL")));
        for (auto it = lines.cbegin(); it != lines.cend(); ++it)
            env.insert(it.key(), it.value());
        const QStringList apply{QStringLiteral("apply"), QStringLiteral("taskoverflow"),
                                QStringLiteral("--password-stdin"), QStringLiteral("--poll-scale"),
                                QStringLiteral("2000")};
        const Run refused = deployctl(apply, QByteArray(kPassword) + '\n');
        const QString groups = deployctl({QStringLiteral("call"), QStringLiteral("ec2"),
                                          QStringLiteral("DescribeSecurityGroups")})
                                   .out;
        const Run forced =
            deployctl(apply + QStringList{QStringLiteral("--force")}, QByteArray(kPassword) + '\n');
        env = shared;
        isolated.kill(); // the pid this test started
        isolated.waitForFinished(10000);

        QVERIFY2(refused.exitCode == 3, qPrintable(refused.out + refused.err));
        QVERIFY2(refused.err.contains(u"no route to an internet gateway") &&
                     refused.err.contains(u"Fix: Choose the default VPC's subnets"),
                 qPrintable(refused.err));
        QVERIFY(refused.out.contains(u"Pre-flight: 5 of 6 checks passed"));
        QVERIFY(!refused.out.contains(u"[1/9]"));
        QVERIFY2(!groups.contains(u"taskoverflow"), qPrintable(groups)); // nothing was created
        // --force goes ahead after saying the same.
        QVERIFY2(forced.err.contains(u"no route to an internet gateway"), qPrintable(forced.err));
        QVERIFY2(forced.out.contains(u"[1/9]"), qPrintable(forced.out + forced.err));
    }

    void applyTaskOverflowThenTeardown()
    {
        const QStringList apply{
            QStringLiteral("apply"),   QStringLiteral("taskoverflow"), QStringLiteral("--password-stdin"),
            QStringLiteral("--stack"), QStringLiteral("e2e"),          QStringLiteral("--poll-scale"),
            QStringLiteral("2000")};
        QElapsedTimer clock;
        clock.start();
        const Run first = deployctl(apply, QByteArray(kPassword) + '\n');
        QVERIFY2(first.exitCode == 0, qPrintable((first.out + first.err).right(900)));
        qInfo("deployctl apply taskoverflow on the sandbox: %lld ms", clock.elapsed());
        QVERIFY(!first.out.contains(QLatin1String(kPassword)) &&
                !first.err.contains(QLatin1String(kPassword)));
        QVERIFY(first.out.contains(u"[5/9] waiting     AWS is creating the database"));
        QVERIFY2(first.out.contains(u"Pre-flight: 6 of 6 checks passed"), qPrintable(first.out.left(900)));
        const QStringList outLines = first.out.trimmed().split(u'\n');
        static const QRegularExpression url(
            QStringLiteral(R"(^TaskOverflow is running at (http://127\.[0-9.]+:6400)$)"));
        const auto m = url.match(outLines.last());
        QVERIFY2(m.hasMatch(), qPrintable(outLines.last()));

        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> page(nam.get(QNetworkRequest(QUrl(m.captured(1)))));
        QSignalSpy done(page.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(page->error(), QNetworkReply::NoError);

        const Run again = deployctl(apply, QByteArray(kPassword) + '\n');
        QVERIFY2(again.exitCode == 0, qPrintable((again.out + again.err).right(900)));
        QVERIFY2(again.out.count(u"] reused ") == 7, qPrintable(again.out));
        QVERIFY(again.out.contains(u"Created by this run: nothing."));

        const Run teardown =
            deployctl({QStringLiteral("teardown"), QStringLiteral("--stack"), QStringLiteral("e2e"),
                       QStringLiteral("--yes"), QStringLiteral("--poll-scale"), QStringLiteral("2000")});
        QVERIFY2(teardown.exitCode == 0, qPrintable((teardown.out + teardown.err).right(900)));
        QVERIFY(teardown.out.contains(u"Found 7 resource(s)"));
        QVERIFY(teardown.out.trimmed().endsWith(u"Nothing is left of stack e2e."));

        const Run empty = deployctl({QStringLiteral("teardown"), QStringLiteral("--stack"),
                                     QStringLiteral("e2e"), QStringLiteral("--yes")});
        QCOMPARE(empty.exitCode, 0);
        QVERIFY(empty.out.contains(u"Found 0 resource(s)"));
    }
};

QTEST_GUILESS_MAIN(TestPlanCli)
#include "tst_plan_cli.moc"
