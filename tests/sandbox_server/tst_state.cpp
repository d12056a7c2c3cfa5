// --state FILE: the account is saved after a change (debounced) and on stop,
// and a new sandbox started with the same file has it back.

#include "SandboxServer.h"
#include "SandboxTestClient.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace aws::sandbox;

class TestState : public QObject {
    Q_OBJECT
private slots:
    void savesAndLoads();
};

static TestReply ecr(SandboxServer &server, const QByteArray &op, const QJsonObject &params)
{
    SandboxTestClient client(server.endpoint());
    HttpRequest req = client.json("AmazonEC2ContainerRegistry_V20150921." + op, params);
    SandboxTestClient::sign(req, server.credentials(), QStringLiteral("ecr"));
    return client.send(req);
}

void TestState::savesAndLoads()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SandboxOptions options;
    options.stateFile = dir.filePath(QStringLiteral("account.json"));
    options.saveDebounceMs = 50;
    {
        SandboxServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(!QFile::exists(options.stateFile));
        QCOMPARE(ecr(server, "CreateRepository", {{QStringLiteral("repositoryName"), QStringLiteral("kept")}})
                     .status,
                 200);
        // Saved after the change, without stopping.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(options.stateFile).size() > 0, 10000);
        server.stop();
    }
    SandboxServer again(options);
    QVERIFY2(again.start(), qPrintable(again.errorString()));
    const TestReply r = ecr(again, "DescribeRepositories", {});
    QCOMPARE(r.status, 200);
    QStringList names;
    for (const auto &repo : r.json().value(QStringLiteral("repositories")).toArray())
        names << repo.toObject().value(QStringLiteral("repositoryName")).toString();
    QVERIFY2(names.contains(QStringLiteral("kept")), r.body.constData());

    // A broken state file is refused with a clear error, not silently replaced.
    QFile broken(dir.filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{not json");
    broken.close();
    options.stateFile = broken.fileName();
    SandboxServer refused(options);
    QVERIFY(!refused.start());
    QVERIFY(refused.errorString().contains(QStringLiteral("broken.json")));
}

QTEST_GUILESS_MAIN(TestState)
#include "tst_state.moc"
