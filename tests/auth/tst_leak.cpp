// The leak test: save, use, switch and remove accounts with a recognisable
// fake secret and session token against a real gnome-keyring, then look for
// them in every file of the throw-away HOME / XDG / temp tree and in all log
// output. Plaintext may appear nowhere — the keyring file holds them only
// encrypted. keyring_suite.sh greps the same tree and the output once more.

#include "AccountStore.h"
#include "Accounts.h"
#include "CredentialChain.h"
#include "CredentialsBlockParser.h"
#include "InMemorySecretStore.h"
#include "KeyringStore.h"
#include "PasteCredentialsForm.h"
#include "ProfileStore.h"
#include "SecretRedactor.h"
#include "Session.h"
#include "server/SandboxServer.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <optional>

using namespace aws::auth;
using aws::sandbox::SandboxServer;
using aws::sandbox::server::SandboxOptions;

namespace {
// Recognisable, not real-looking: the suite greps for "leakCANARY".
const QString kKeyId = QStringLiteral("ASIAEXAMPLELEAKTEST01");
const QString kSecret = QStringLiteral("SECRETleakCANARYabcdefghijklmnop01234567");
const QString kToken = QStringLiteral("FwoGZXIvYXdzEXAMPLEleakCANARYsessionTOKEN0123456789+/==");
const QString kWorkSecret = QStringLiteral("SECRETleakCANARYworkABCDEFGHIJKLMN012345");

QStringList g_log;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_log << message;
    if (g_previous)
        g_previous(type, context, message);
}

QList<QByteArray> needles()
{
    QList<QByteArray> list;
    for (const QString &s : {kSecret, kToken, kWorkSecret}) {
        list << s.toUtf8();
        list << QByteArray(reinterpret_cast<const char *>(s.utf16()), s.size() * 2); // UTF-16
        list << s.toUtf8().toBase64();
    }
    list << QByteArrayLiteral("leakCANARY");
    return list;
}
} // namespace

class LeakTest : public QObject {
    Q_OBJECT

    QString m_root = qEnvironmentVariable("DC_SCAN_ROOT");

    // Every regular file under the throw-away tree and the temp folder.
    QStringList filesWithPlaintext(int *keyringFiles)
    {
        QStringList hits;
        *keyringFiles = 0;
        QStringList tops{m_root};
        if (!QDir::tempPath().startsWith(m_root + u'/'))
            tops << QDir::tempPath();
        for (const QString &top : std::as_const(tops)) {
            QDirIterator it(top, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (!it.fileInfo().isFile())
                    continue;
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray data = f.read(64 * 1024 * 1024);
                if (path.contains(QStringLiteral("/keyrings/")) &&
                    path.endsWith(QStringLiteral(".keyring")) && !data.isEmpty())
                    ++*keyringFiles;
                for (const QByteArray &n : needles()) {
                    if (data.contains(n)) {
                        hits << path;
                        break;
                    }
                }
            }
        }
        return hits;
    }

    template <typename F> static SecretStoreResult wait(F start)
    {
        std::optional<SecretStoreResult> got;
        QObject ctx;
        start(&ctx, [&](const SecretStoreResult &r) { got = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 20000); }();
        return got.value_or(SecretStoreResult::failure(KeyringProblem::Other, QStringLiteral("no answer")));
    }

    static std::pair<SecretStoreResult, aws::Credentials> load(AccountStore &store, const QString &name)
    {
        std::optional<std::pair<SecretStoreResult, aws::Credentials>> got;
        QObject ctx;
        store.load(name, &ctx,
                   [&](const SecretStoreResult &r, const SavedAccount &, const aws::Credentials &c) {
                       got = std::make_pair(r, c);
                   });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 20000); }();
        return got.value_or(
            std::make_pair(SecretStoreResult::failure(KeyringProblem::Other), aws::Credentials{}));
    }

    void assertNoPlaintext(const char *when, bool expectKeyringFile)
    {
        int keyringFiles = 0;
        const QStringList hits = filesWithPlaintext(&keyringFiles);
        QVERIFY2(hits.isEmpty(),
                 qPrintable(QStringLiteral("%1: plaintext secret in %2").arg(when, hits.join(", "))));
        if (expectKeyringFile)
            QVERIFY2(keyringFiles >= 1, "the keyring file should exist (and hold the secrets, encrypted)");
        for (const QString &line : std::as_const(g_log)) {
            for (const QByteArray &n : needles())
                QVERIFY2(!line.toUtf8().contains(n),
                         qPrintable(QStringLiteral("%1: a log line leaks").arg(when)));
        }
    }

private slots:
    void initTestCase()
    {
        if (m_root.isEmpty())
            QSKIP("run by keyring_suite.sh (needs a throw-away HOME and a keyring)");
        QVERIFY(QDir::tempPath().startsWith(m_root));
        // Captures what reaches the end of the chain, i.e. after redaction.
        g_previous = qInstallMessageHandler(capture);
        SecretRedactor::install();
    }

    // The scan must be able to fail: a planted copy (base64, as a careless
    // "obfuscation" would write it) is found, then removed again.
    void scanFindsAPlantedSecret()
    {
        const QString planted = QDir::tempPath() + QStringLiteral("/planted.txt");
        {
            QFile f(planted);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("cache: " + kSecret.toUtf8().toBase64());
        }
        int keyringFiles = 0;
        QCOMPARE(filesWithPlaintext(&keyringFiles), QStringList{planted});
        QVERIFY(QFile::remove(planted));
        QVERIFY(filesWithPlaintext(&keyringFiles).isEmpty());
    }

    void saveUseSwitchRemove()
    {
        // 1. Paste, as the dialog does.
        const QString block =
            QStringLiteral("[default]\r\naws_access_key_id=%1\r\naws_secret_access_key=%2\r\n"
                           "aws_session_token=%3\r\n")
                .arg(kKeyId, kSecret, kToken);
        const PasteResult pasted = CredentialsBlockParser::parse(block);
        QVERIFY2(pasted.ok, qPrintable(pasted.error.message));
        qInfo() << "pasted:" << pasted.value.summary().text();

        // 2. Save two accounts in the real keyring.
        KeyringStore keyring;
        AccountStore accounts(&keyring);
        SavedAccount lab{QStringLiteral("lab"), QStringLiteral("us-east-1"), {}, {}, true, {}};
        SecretStoreResult r =
            wait([&](QObject *c, auto done) { accounts.save(lab, pasted.value.credentials, c, done); });
        QVERIFY2(r.ok(), qPrintable(r.message + " / " + r.detail));
        SavedAccount work{QStringLiteral("work"), QStringLiteral("eu-west-1"), {}, {}, false, {}};
        const aws::Credentials workCreds{QStringLiteral("AKIAIOSFODNN7EXAMPLE"), kWorkSecret, {}, {}};
        r = wait([&](QObject *c, auto done) { accounts.save(work, workCreds, c, done); });
        QVERIFY2(r.ok(), qPrintable(r.detail));
        QCOMPARE(accounts.accounts().size(), 2);

        // 3. Use and switch: load each, resolve through the chain as deployctl --account would.
        auto [labResult, labCreds] = load(accounts, QStringLiteral("lab"));
        QVERIFY(labResult.ok());
        QCOMPARE(labCreds.secretAccessKey, kSecret); // really stored, so the scan below means something
        QCOMPARE(labCreds.sessionToken, kToken);
        auto [workResult, loadedWork] = load(accounts, QStringLiteral("work"));
        QVERIFY(workResult.ok());
        QCOMPARE(loadedWork.secretAccessKey, kWorkSecret);

        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), qEnvironmentVariable("HOME"));
        const ProfileStore profiles(env);
        CredentialChain chain(env, &profiles, &accounts);
        std::optional<ChainResult> resolved;
        QObject ctx;
        chain.resolve(ChainRequest{{}, QStringLiteral("lab"), {}, false}, &ctx,
                      [&](const ChainResult &c) { resolved = c; });
        QTRY_VERIFY_WITH_TIMEOUT(resolved.has_value(), 20000);
        QVERIFY(resolved->ok);
        QCOMPARE(resolved->sourceDescription, QStringLiteral("saved account lab"));

        // A careless log line, as a bug elsewhere might write one: the redactor must catch it.
        qWarning() << "DEBUG credentials" << resolved->credentials.secretAccessKey
                   << resolved->credentials.sessionToken << loadedWork.secretAccessKey;
        QVERIFY(g_log.last().contains(QStringLiteral("****")));

        assertNoPlaintext("after save and use", true);
        if (QTest::currentTestFailed())
            return;

        // 4. Remove both: keyring entries go too.
        QVERIFY(wait([&](QObject *c, auto done) { accounts.remove(QStringLiteral("lab"), c, done); }).ok());
        QVERIFY(wait([&](QObject *c, auto done) { accounts.remove(QStringLiteral("work"), c, done); }).ok());
        QVERIFY(accounts.accounts().isEmpty());
        std::optional<KeyringProblem> gone;
        keyring.read(QStringLiteral("lab"), &ctx,
                     [&](const SecretStoreResult &rr, const StoredSecret &) { gone = rr.problem; });
        QTRY_VERIFY_WITH_TIMEOUT(gone.has_value(), 20000);
        QCOMPARE(*gone, KeyringProblem::NotFound);

        assertNoPlaintext("after remove", true);
    }

    void sessionOnlyAccount()
    {
        InMemorySecretStore memory;
        AccountStore accounts(&memory);
        SavedAccount lab{QStringLiteral("session"), QStringLiteral("us-east-1"), {}, {}, true, {}};
        QVERIFY(wait([&](QObject *c, auto done) {
                    accounts.save(lab, aws::Credentials{kKeyId, kSecret, kToken, {}}, c, done);
                }).ok());
        QCOMPARE(load(accounts, QStringLiteral("session")).second.sessionToken, kToken);
        qDebug() << "session-only token" << kToken;
        QVERIFY(
            wait([&](QObject *c, auto done) { accounts.remove(QStringLiteral("session"), c, done); }).ok());
        assertNoPlaintext("after a session-only account", false);
    }

    // The same canary through the app's own layers and through deployctl: the
    // paste dialog's form saves and connects (to a sandbox that accepts the
    // canary credentials, reached through AWS_ENDPOINT_URL), the account is
    // switched away and back and removed; deployctl imports, uses, lists and
    // removes it. All their output joins the scanned log.
    void appAndDeployctl()
    {
        SandboxOptions options;
        options.scenario = QStringLiteral("empty");
        options.serveTaskPages = false;
        options.credentials = aws::Credentials{kKeyId, kSecret, kToken, {}};
        SandboxServer lab(options);
        QVERIFY2(lab.start(), qPrintable(lab.errorString()));
        qputenv("AWS_ENDPOINT_URL", lab.endpoint().toString().toUtf8());
        const QString block = QStringLiteral("[default]\naws_access_key_id=%1\naws_secret_access_key=%2\n"
                                             "aws_session_token=%3\n")
                                  .arg(kKeyId, kSecret, kToken);
        {
            Session session(nullptr);
            Accounts accounts(&session,
                              qEnvironmentVariable("XDG_CONFIG_HOME") + QStringLiteral("/dc-accounts.ini"));
            Accounts::setInstance(&accounts);
            PasteCredentialsForm form;
            form.setText(block);
            form.setAccountName(QStringLiteral("app-lab"));
            QVERIFY2(form.valid(), qPrintable(form.errorText()));
            QSignalSpy accepted(&form, &PasteCredentialsForm::accepted);
            form.submit(false); // into the real keyring
            QVERIFY2(accepted.wait(20000), qPrintable(form.submitError() + form.keyringProblem()));
            QTRY_COMPARE_WITH_TIMEOUT(session.accountId(), QStringLiteral("123456789012"), 20000);
            accounts.connectTo(QStringLiteral("sandbox"), {});
            QTRY_VERIFY_WITH_TIMEOUT(session.isSandbox() && !session.accountId().isEmpty(), 20000);
            accounts.connectTo(QStringLiteral("saved"),
                               QStringLiteral("app-lab")); // read back from the keyring
            QTRY_VERIFY_WITH_TIMEOUT(!session.isSandbox() && session.accountId() == u"123456789012", 20000);
            accounts.remove(QStringLiteral("app-lab"));
            QTRY_VERIFY_WITH_TIMEOUT(!accounts.busy(), 20000);
            Accounts::setInstance(nullptr);
        }

        const auto deployctl = [&](const QStringList &args, const QByteArray &input = {}) {
            QProcess p;
            p.start(QStringLiteral(DEPLOYCTL_PATH), args);
            p.write(input);
            p.closeWriteChannel();
            if (!p.waitForFinished(60000))
                p.kill();
            g_log << QString::fromUtf8(p.readAllStandardOutput())
                  << QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        QCOMPARE(deployctl({QStringLiteral("credentials"), QStringLiteral("import"), QStringLiteral("--name"),
                            QStringLiteral("cli-lab")},
                           block.toUtf8()),
                 0);
        QCOMPARE(deployctl({QStringLiteral("--account"), QStringLiteral("cli-lab"), QStringLiteral("--debug"),
                            QStringLiteral("identity")}),
                 0);
        QVERIFY(g_log.join(u'\n').contains(u"123456789012"));
        QCOMPARE(deployctl({QStringLiteral("credentials"), QStringLiteral("list")}), 0);
        QCOMPARE(
            deployctl({QStringLiteral("credentials"), QStringLiteral("remove"), QStringLiteral("cli-lab")}),
            0);
        qunsetenv("AWS_ENDPOINT_URL");
        assertNoPlaintext("after the app and deployctl", true);
    }

    void cleanupTestCase()
    {
        SecretRedactor::uninstall();
        if (g_previous)
            qInstallMessageHandler(g_previous);
    }
};

QTEST_GUILESS_MAIN(LeakTest)
#include "tst_leak.moc"
