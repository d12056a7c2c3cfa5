// A student's Learner Lab session, in the real window under Xvfb: paste the
// block, connect (no keyring here: "this session only"), the lab ends
// mid-use (the sandbox expires the credentials), the banner appears, a
// fresh block is pasted and everything carries on. Screenshots of each
// state land in <build>/screenshots/ to be looked at.
#include "AppWindow.h"
#include "server/SandboxServer.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

using aws::sandbox::SandboxServer;

namespace {

QString labBlock(const aws::Credentials &c)
{
    // As the Learner Lab shows it: the header, three lines, CRLF and a stray space.
    return QStringLiteral(
               "[default]\r\naws_access_key_id=%1\r\naws_secret_access_key= %2\r\naws_session_token=%3\r\n")
        .arg(c.accessKeyId, c.secretAccessKey, c.sessionToken);
}

} // namespace

class TestAccountsGui : public QObject {
    Q_OBJECT

    QTemporaryDir home;
    std::unique_ptr<SandboxServer> lab;
    AppWindow app;

    QObject *find(const char *name) const { return app.find(name); }
    QQuickItem *item(const char *name) const { return app.item(name); }

    void click(const char *name)
    {
        QQuickItem *button = item(name);
        QVERIFY2(button, name);
        app.click(button);
    }

    void paste(const QString &text)
    {
        QQuickItem *area = item("pasteArea");
        QVERIFY(area);
        area->setProperty("text", text);
    }

    void shot(const QString &name) const { app.shot(name); }

private slots:
    void initTestCase()
    {
        qputenv("HOME", home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
        qputenv("AWS_CONFIG_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        // No session bus: the keyring is not there, as on a bare lab machine.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        for (const char *v :
             {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"})
            qunsetenv(v);

        // The "real" account: a sandbox reached only through AWS_ENDPOINT_URL,
        // like any AWS endpoint.
        aws::sandbox::SandboxOptions options;
        options.scenario = QStringLiteral("taskoverflow");
        options.serveTaskPages = false;
        lab = std::make_unique<SandboxServer>(options);
        QVERIFY2(lab->start(), qPrintable(lab->errorString()));
        lab->renewCredentials(); // lab-shaped: ASIA key and a session token
        qputenv("AWS_ENDPOINT_URL", lab->endpoint().toString().toUtf8());

        app.open(home.path() + QStringLiteral("/accounts.ini"));
    }

    void cleanupTestCase()
    {
        app.close();
        lab.reset();
        qunsetenv("AWS_ENDPOINT_URL");
    }

    void pasteTheLabBlockAndConnect()
    {
        QMetaObject::invokeMethod(find("pasteDialog"), "open");
        QTRY_VERIFY_WITH_TIMEOUT(item("pasteArea") && item("pasteArea")->isVisible(), 5000);
        paste(QStringLiteral("aws_access_key_id=ASIAONLYHALF"));
        QTRY_VERIFY(item("pasteError")->isVisible());
        QVERIFY(!item("connectButton")->isEnabled());
        shot(QStringLiteral("accounts-paste-malformed"));

        paste(labBlock(lab->credentials()));
        QTRY_VERIFY(item("understood")->isVisible());
        const QString understood = item("understood")->property("text").toString();
        QVERIFY2(understood.contains(lab->credentials().accessKeyId), qPrintable(understood));
        QVERIFY2(!understood.contains(lab->credentials().secretAccessKey), "the secret is never shown");
        shot(QStringLiteral("accounts-paste-dialog"));

        click("connectButton");
        // No keyring on this machine: the dialog says so and offers this run only.
        QTRY_VERIFY_WITH_TIMEOUT(item("keyringProblem")->isVisible(), 15000);
        shot(QStringLiteral("accounts-no-keyring"));
        click("sessionOnlyButton");
        QTRY_COMPARE_WITH_TIMEOUT(app.session->accountId(), QStringLiteral("123456789012"), 15000);
        QVERIFY(app.session->isLearnerLab());
        QVERIFY(app.session->timeLeftText().contains(u"estimate"));
        QTRY_VERIFY_WITH_TIMEOUT(app.live->models()->graph()->nodes()->rowCount() >= 9, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!item("pasteArea") || !item("pasteArea")->isVisible(), 5000);
        shot(QStringLiteral("accounts-connected"));
    }

    void theLabEndsAndAFreshBlockResumes()
    {
        aws::AwsClient *client = app.session->client();
        const int nodes = app.live->models()->graph()->nodes()->rowCount();
        auto faults = lab->faults();
        faults.credentialsExpireAt = QDateTime::currentDateTimeUtc().addSecs(-1);
        lab->setFaults(faults);
        app.live->engine()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(app.session->credentialsRejected(), 15000);
        QVERIFY(item("expiryBanner")->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(app.live->engine()->credentialsRejected(), 15000); // polling paused
        // Nothing the student was looking at goes away.
        QCOMPARE(app.live->models()->graph()->nodes()->rowCount(), nodes);
        shot(QStringLiteral("accounts-expired-banner"));

        // The lab is restarted: new credentials.
        const aws::Credentials fresh = lab->renewCredentials();
        click("pasteFreshButton");
        QTRY_VERIFY_WITH_TIMEOUT(item("pasteArea") && item("pasteArea")->isVisible(), 5000);
        paste(labBlock(fresh));
        QTRY_VERIFY(item("connectButton")->isEnabled());
        shot(QStringLiteral("accounts-paste-fresh"));
        QSignalSpy restored(app.session.get(), &Session::credentialsRestored);
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(restored.count() > 0 || item("keyringProblem")->isVisible(), 15000);
        if (restored.isEmpty())
            click("sessionOnlyButton");
        QTRY_VERIFY_WITH_TIMEOUT(restored.count() > 0, 15000);
        QVERIFY(!app.session->credentialsRejected());
        QCOMPARE(app.session->client(), client); // the same client: nothing reconnected
        QTRY_VERIFY_WITH_TIMEOUT(!item("expiryBanner")->isVisible(), 5000);
        // Polling is back: a refresh with the fresh credentials succeeds.
        QSignalSpy snapshots(app.live->engine(), &InventoryEngine::snapshotChanged);
        app.live->engine()->refresh();
        QVERIFY(snapshots.wait(15000));
        QVERIFY2(app.live->engine()->lastError().isEmpty(), qPrintable(app.live->engine()->lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(!item("pasteArea") || !item("pasteArea")->isVisible(), 5000);
        shot(QStringLiteral("accounts-resumed"));
    }
};

QTEST_MAIN(TestAccountsGui)
#include "tst_accounts_gui.moc"
