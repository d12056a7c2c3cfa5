// Which credentials win (the SDKs' order), saved accounts' metadata, and the
// session-only fallback. The environment is injected; secrets live in fake
// stores here (the real keyring is tst_keyring's business).

#include "AccountStore.h"
#include "CredentialChain.h"
#include "InMemorySecretStore.h"
#include "ProfileStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace aws::auth;

namespace {
const QString kData = QStringLiteral(DC_AUTH_TEST_DATA);
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
const QString kLabKey = QStringLiteral("ASIAEXAMPLELAB000001");
const QString kLabSecret = QStringLiteral("LABsecretEXAMPLEabcdefghijklmnop01234567");
const QString kLabToken = QStringLiteral("FwoGZXIvYXdzEXAMPLElabTOKEN");

// A keyring stand-in: persistent as far as AccountStore can tell, and able to fail on demand.
class FakeKeyring : public InMemorySecretStore {
public:
    using InMemorySecretStore::InMemorySecretStore;
    std::optional<KeyringProblem> failWith;
    bool isPersistent() const override { return true; }
    void write(const QString &account, const StoredSecret &secret, QObject *context, Done done) override
    {
        if (failWith) {
            const auto r = SecretStoreResult::failure(*failWith);
            deliver(context, [done, r] { done(r); });
            return;
        }
        InMemorySecretStore::write(account, secret, context, done);
    }
    void remove(const QString &account, QObject *context, Done done) override
    {
        if (failWith) {
            const auto r = SecretStoreResult::failure(*failWith);
            deliver(context, [done, r] { done(r); });
            return;
        }
        InMemorySecretStore::remove(account, context, done);
    }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class CredentialChainTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_creds;
    QString m_config;
    const QDateTime m_now{QDate(2026, 11, 23), QTime(10, 0), Qt::UTC};

    QProcessEnvironment baseEnv() const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_creds);
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_config);
        return env;
    }

    ChainResult resolve(const QProcessEnvironment &env, const ChainRequest &request, AccountStore *accounts)
    {
        const ProfileStore profiles(env);
        CredentialChain chain(env, &profiles, accounts);
        chain.setClock({[this] { return m_now; }});
        std::optional<ChainResult> got;
        QObject ctx;
        chain.resolve(request, &ctx, [&](const ChainResult &r) { got = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000); }();
        return got.value_or(ChainResult{});
    }

    static SecretStoreResult save(AccountStore &store, const SavedAccount &a, const aws::Credentials &c)
    {
        std::optional<SecretStoreResult> got;
        QObject ctx;
        store.save(a, c, &ctx, [&](const SecretStoreResult &r) { got = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5000); }();
        return got.value_or(SecretStoreResult::failure(KeyringProblem::Other, QStringLiteral("no answer")));
    }
    static SecretStoreResult remove(AccountStore &store, const QString &name)
    {
        std::optional<SecretStoreResult> got;
        QObject ctx;
        store.remove(name, &ctx, [&](const SecretStoreResult &r) { got = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5000); }();
        return got.value_or(SecretStoreResult::failure(KeyringProblem::Other, QStringLiteral("no answer")));
    }

    static aws::Credentials labCredentials() { return {kLabKey, kLabSecret, kLabToken, {}}; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Saved accounts' default settings location follows XDG_CONFIG_HOME.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.path() + "/xdg-config"));
        m_creds = m_home.path() + "/credentials";
        m_config = m_home.path() + "/config";
        QVERIFY(QFile::copy(kData + "/credentials.ini", m_creds));
        QFile config(m_config);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(readAll(kData + "/config.ini"));
        // A profile whose keys come from credential_process.
        config.write(QStringLiteral(
                         "\n[profile proc]\ncredential_process = sh \"%1/cp_ok.sh\" ok\nregion = us-west-2\n")
                         .arg(kData)
                         .toUtf8());
    }

    void precedence_data()
    {
        QTest::addColumn<QStringList>("env"); // NAME=value pairs added to the base environment
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("defaultAccount");
        QTest::addColumn<bool>("sandbox");
        QTest::addColumn<int>("source");
        QTest::addColumn<QString>("description"); // or a part of the error when source is None
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("keyId");

        const QStringList envKeys{"AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE000001",
                                  "AWS_SECRET_ACCESS_KEY=" + kSecret};
        const int None = int(CredentialSource::None), Env = int(CredentialSource::Environment),
                  Prof = int(CredentialSource::Profile), Saved = int(CredentialSource::SavedAccount);

        QTest::newRow("environment") << envKeys << ""
                                     << ""
                                     << "" << false << Env << "environment"
                                     << "us-east-1"
                                     << "AKIAENVEXAMPLE000001";
        QTest::newRow("environment region wins")
            << envKeys + QStringList{"AWS_DEFAULT_REGION=eu-west-3"} << ""
            << ""
            << "" << false << Env << "environment"
            << "eu-west-3"
            << "AKIAENVEXAMPLE000001";
        QTest::newRow("AWS_REGION over AWS_DEFAULT_REGION")
            << envKeys + QStringList{"AWS_DEFAULT_REGION=eu-west-3", "AWS_REGION=eu-south-1"} << ""
            << ""
            << "" << false << Env << "environment"
            << "eu-south-1"
            << "AKIAENVEXAMPLE000001";
        QTest::newRow("env keys beat AWS_PROFILE (as in the CLI); region from that profile")
            << envKeys + QStringList{"AWS_PROFILE=work"} << ""
            << ""
            << "" << false << Env << "environment"
            << "ap-southeast-2"
            << "AKIAENVEXAMPLE000001";
        QTest::newRow("--profile beats env keys") << envKeys << "work"
                                                  << ""
                                                  << "" << false << Prof << "profile work (~/credentials)"
                                                  << "ap-southeast-2"
                                                  << "ASIAEXAMPLEWORK00001";
        QTest::newRow("AWS_PROFILE") << QStringList{"AWS_PROFILE=work"} << ""
                                     << ""
                                     << "" << false << Prof << "profile work (~/credentials)"
                                     << "ap-southeast-2"
                                     << "ASIAEXAMPLEWORK00001";
        QTest::newRow("AWS_PROFILE missing") << QStringList{"AWS_PROFILE=nope"} << ""
                                             << ""
                                             << "" << true << None << "AWS_PROFILE names “nope”"
                                             << ""
                                             << "";
        QTest::newRow("--profile missing")
            << QStringList{} << "nope"
            << ""
            << "" << true << None << "no profile “nope” in ~/credentials or ~/config"
            << ""
            << "";
        QTest::newRow("default profile") << QStringList{} << ""
                                         << ""
                                         << "lab" << true << Prof << "profile default (~/credentials)"
                                         << "us-east-1"
                                         << "AKIAIOSFODNN7EXAMPLE";
        QTest::newRow("keys from config file") << QStringList{} << "configkeys"
                                               << ""
                                               << "" << false << Prof << "profile configkeys (~/config)"
                                               << "ca-central-1"
                                               << "AKIAIOSFODNN7EXAMPLE";
        QTest::newRow("credential_process") << QStringList{} << "proc"
                                            << ""
                                            << "" << false << Prof << "profile proc (credential_process)"
                                            << "us-west-2"
                                            << "ASIAEXAMPLEPROCESS01";
        QTest::newRow("role_arn not supported") << QStringList{} << "assume"
                                                << ""
                                                << "" << false << None << "assumes a role"
                                                << ""
                                                << "";
        QTest::newRow("--account beats env keys") << envKeys << ""
                                                  << "lab"
                                                  << "" << false << Saved << "saved account lab"
                                                  << "us-east-1" << kLabKey;
        QTest::newRow("--account missing") << QStringList{} << ""
                                           << "nobody"
                                           << "" << false << None << "no saved account named “nobody”"
                                           << ""
                                           << "";
        QTest::newRow("both --profile and --account") << QStringList{} << "work"
                                                      << "lab"
                                                      << "" << false << None << "not both"
                                                      << ""
                                                      << "";
        QTest::newRow("half the env keys") << QStringList{"AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE000001"} << ""
                                           << ""
                                           << "" << true << None << "Only one of"
                                           << ""
                                           << "";
    }
    void precedence()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, profile);
        QFETCH(QString, account);
        QFETCH(QString, defaultAccount);
        QFETCH(bool, sandbox);
        QFETCH(int, source);
        QFETCH(QString, description);
        QFETCH(QString, region);
        QFETCH(QString, keyId);

        QProcessEnvironment e = baseEnv();
        // Point HOME at the folder holding the files so that they show as "~/…".
        for (const QString &pair : env)
            e.insert(pair.section('=', 0, 0), pair.section('=', 1));

        InMemorySecretStore memory;
        AccountStore accounts(&memory);
        SavedAccount lab;
        lab.name = QStringLiteral("lab");
        lab.region = QStringLiteral("us-east-1");
        lab.learnerLab = true;
        QVERIFY(save(accounts, lab, labCredentials()).ok());

        const ChainResult r = resolve(e, ChainRequest{profile, account, defaultAccount, sandbox}, &accounts);
        if (source ==
            int(CredentialSource::None)) { // expected to fail (source then names what failed, if any)
            QVERIFY(!r.ok);
            QVERIFY2(r.error.contains(description), qPrintable(r.error));
            return;
        }
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(int(r.source), source);
        QCOMPARE(r.sourceDescription, description);
        QCOMPARE(r.region, region);
        QCOMPARE(r.credentials.accessKeyId, keyId);
        QVERIFY(r.credentials.isValid());
    }

    void fallsThroughToSavedAccountThenSandbox()
    {
        QTemporaryDir empty; // no ~/.aws at all
        QProcessEnvironment e;
        e.insert(QStringLiteral("HOME"), empty.path());
        InMemorySecretStore memory;
        AccountStore accounts(&memory);
        SavedAccount lab{QStringLiteral("lab"), QStringLiteral("us-west-2"), {}, {}, true, {}};
        QVERIFY(save(accounts, lab, labCredentials()).ok());

        ChainResult r = resolve(e, ChainRequest{{}, {}, QStringLiteral("lab"), true}, &accounts);
        QCOMPARE(r.source, CredentialSource::SavedAccount);
        QCOMPARE(r.sourceDescription, QStringLiteral("saved account lab"));
        QCOMPARE(r.credentials.sessionToken, kLabToken);
        QVERIFY(r.learnerLab);
        QCOMPARE(r.region, QStringLiteral("us-west-2"));

        r = resolve(e, ChainRequest{{}, {}, QStringLiteral("gone"), true}, &accounts);
        QCOMPARE(r.source, CredentialSource::Sandbox);
        QCOMPARE(r.sourceDescription, QStringLiteral("sandbox"));
        QVERIFY(r.ok);

        r = resolve(e, ChainRequest{}, &accounts);
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("No AWS credentials were found")));

        // AWS_SESSION_TOKEN (and the legacy AWS_SECURITY_TOKEN) come along.
        e.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), kLabKey);
        e.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), kLabSecret);
        e.insert(QStringLiteral("AWS_SECURITY_TOKEN"), kLabToken);
        r = resolve(e, ChainRequest{}, nullptr);
        QCOMPARE(r.credentials.sessionToken, kLabToken);
    }

    void savedAccountsMetadataOnlyInSettings()
    {
        QTemporaryDir dir;
        const QString settingsFile = dir.path() + "/deploy-console.conf";
        FakeKeyring keyring;
        AccountStore store(&keyring, nullptr, settingsFile);
        store.setClock({[this] { return m_now; }});
        QSignalSpy changed(&store, &AccountStore::accountsChanged);
        QVERIFY(store.isPersistent());

        SavedAccount lab{QStringLiteral("lab 1"), QStringLiteral("us-east-1"), {}, {}, true, {}};
        QVERIFY(save(store, lab, labCredentials()).ok());
        QCOMPARE(changed.count(), 1);
        const auto listed = store.accounts();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed[0].name, QStringLiteral("lab 1"));
        QCOMPARE(listed[0].accessKeyId, kLabKey);
        QCOMPARE(listed[0].savedAt, m_now);
        QCOMPARE(listed[0].labSessionStart, m_now);
        QVERIFY(listed[0].learnerLab);

        const QByteArray onDisk = readAll(settingsFile);
        QVERIFY(onDisk.contains(kLabKey.toUtf8()));
        QVERIFY(!onDisk.contains(kLabSecret.toUtf8()));
        QVERIFY(!onDisk.contains(kLabToken.toUtf8()));

        // A second store (another process, e.g. deployctl) sees it.
        AccountStore other(&keyring, nullptr, settingsFile);
        QCOMPARE(other.accounts().size(), 1);

        std::optional<aws::Credentials> loaded;
        QObject ctx;
        store.load(QStringLiteral("lab 1"), &ctx,
                   [&](const SecretStoreResult &r, const SavedAccount &, const aws::Credentials &c) {
                       QVERIFY(r.ok());
                       loaded = c;
                   });
        QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), 5000);
        QCOMPARE(loaded->secretAccessKey, kLabSecret);

        // The keyring refuses: nothing half-saved, and removal keeps the account to retry.
        keyring.failWith = KeyringProblem::KeyringLocked;
        SavedAccount work{QStringLiteral("work"), {}, {}, {}, false, {}};
        QCOMPARE(save(store, work, labCredentials()).problem, KeyringProblem::KeyringLocked);
        QVERIFY(!store.account(QStringLiteral("work")));
        QCOMPARE(remove(store, QStringLiteral("lab 1")).problem, KeyringProblem::KeyringLocked);
        QVERIFY(store.account(QStringLiteral("lab 1")));

        keyring.failWith.reset();
        QVERIFY(remove(store, QStringLiteral("lab 1")).ok());
        QVERIFY(store.accounts().isEmpty());
        QCOMPARE(changed.count(), 2);
    }

    void invalidNamesRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << "lab" << true;
        QTest::newRow("spaces inside") << "AWS Academy lab" << true;
        QTest::newRow("email-like") << "me+lab@example.org" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("leading space") << " lab" << false;
        QTest::newRow("too long") << QString(65, 'a') << false;
    }
    void invalidNamesRefused()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QString why;
        QCOMPARE(AccountStore::isValidName(name, &why), valid);
        QCOMPARE(why.isEmpty(), valid);
        if (!valid) {
            InMemorySecretStore memory;
            AccountStore store(&memory);
            SavedAccount a;
            a.name = name;
            QVERIFY(!save(store, a, labCredentials()).ok());
            QVERIFY(store.accounts().isEmpty());
        }
    }

    void sessionOnlyAccountsLeaveNoFile()
    {
        InMemorySecretStore memory;
        AccountStore store(&memory);
        QVERIFY(!store.isPersistent());
        SavedAccount lab{QStringLiteral("lab"), QStringLiteral("us-east-1"), {}, {}, true, {}};
        QVERIFY(save(store, lab, labCredentials()).ok());
        QCOMPARE(store.accounts().size(), 1);
        // Neither metadata nor secret went to the default settings location.
        const QString xdg = qEnvironmentVariable("XDG_CONFIG_HOME");
        QVERIFY(!QFileInfo::exists(xdg + "/DeployConsole/deploy-console.conf"));
        QVERIFY(remove(store, QStringLiteral("lab")).ok());
        QVERIFY(store.accounts().isEmpty());
    }

    void defaultSettingsLocationFollowsXdg()
    {
        FakeKeyring keyring;
        AccountStore store(&keyring);
        SavedAccount a{QStringLiteral("xdg"), {}, {}, {}, false, {}};
        QVERIFY(save(store, a, {QStringLiteral("AKIAIOSFODNN7EXAMPLE"), kSecret, {}, {}}).ok());
        const QString path = qEnvironmentVariable("XDG_CONFIG_HOME") + "/DeployConsole/deploy-console.conf";
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        QVERIFY(!readAll(path).contains(kSecret.toUtf8()));
        QVERIFY(remove(store, QStringLiteral("xdg")).ok());
    }

    void callbacksDroppedWithTheirContext()
    {
        InMemorySecretStore memory;
        bool called = false;
        auto *ctx = new QObject;
        memory.write(QStringLiteral("a"), {kSecret, {}}, ctx,
                     [&](const SecretStoreResult &) { called = true; });
        delete ctx;
        std::optional<SecretStoreResult> later;
        QObject ctx2;
        memory.remove(QStringLiteral("a"), &ctx2, [&](const SecretStoreResult &r) { later = r; });
        QVERIFY(!later.has_value()); // never inside the call
        QTRY_VERIFY_WITH_TIMEOUT(later.has_value(), 5000);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(CredentialChainTest)
#include "tst_credential_chain.moc"
