// ~/.aws/credentials and ~/.aws/config as botocore reads them, the merged
// profiles, and credential_process.

#include "CredentialProcess.h"
#include "CredentialsBlockParser.h"
#include "IniFile.h"
#include "ProfileStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace aws::auth;

namespace {
const QString kData = QStringLiteral(DC_AUTH_TEST_DATA);
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

QProcessEnvironment envWith(const QString &home, const QString &creds = {}, const QString &config = {})
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    if (!creds.isEmpty())
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), creds);
    if (!config.isEmpty())
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), config);
    return env;
}

QByteArray readFixture(const char *name)
{
    QFile f(kData + u'/' + QLatin1String(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}
} // namespace

class IniFilesTest : public QObject {
    Q_OBJECT
private slots:
    void iniDialect()
    {
        const IniFile ini = IniFile::parse(u"\uFEFF# comment\n; other comment\n[a]\nKey = Value \r\n"
                                           u"colon: x = y\nmulti = first\n   second\n\n  third\n"
                                           u"nested =\n  one = 1\n  Two=2\nempty =\n[B]\nk=v\n");
        QVERIFY(ini.ok());
        QCOMPARE(ini.sections().size(), 2);
        const IniSection *a = ini.section(QStringLiteral("a"));
        QVERIFY(a);
        QCOMPARE(a->text(QStringLiteral("KEY")), QStringLiteral("Value"));   // keys are case-insensitive
        QCOMPARE(a->text(QStringLiteral("colon")), QStringLiteral("x = y")); // first delimiter wins
        QCOMPARE(a->text(QStringLiteral("multi")), QStringLiteral("first\nsecond\nthird"));
        QVERIFY(a->value(QStringLiteral("multi"))->nested.isEmpty()); // value on the key line: not nested
        const auto nested = a->value(QStringLiteral("nested"))->nested;
        QCOMPARE(nested.value(QStringLiteral("one")), QStringLiteral("1"));
        QCOMPARE(nested.value(QStringLiteral("two")), QStringLiteral("2"));
        QVERIFY(a->value(QStringLiteral("empty")).has_value());
        QVERIFY(!ini.section(QStringLiteral("b"))); // section names are case-sensitive
        QVERIFY(ini.section(QStringLiteral("B")));
        QCOMPARE(a->value(QStringLiteral("nested"))->line, 10);
    }

    void iniErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("value before any section") << "k = v\n[a]\n" << 1;
        QTest::newRow("duplicate section") << "[a]\nk=v\n[a]\n" << 3;
        QTest::newRow("duplicate key") << "[a]\nk=v\nK = w\n" << 3;
        QTest::newRow("no delimiter") << "[a]\njust words\n" << 2;
        QTest::newRow("unclosed header") << "[a\nk=v\n" << 1;
    }
    void iniErrors()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        const IniFile ini = IniFile::parse(text);
        QVERIFY(!ini.ok());
        QCOMPARE(ini.errors().constFirst().line, line);
    }

    void profilesFromBothFiles()
    {
        QTemporaryDir home;
        const ProfileStore store(envWith(home.path(), kData + QStringLiteral("/credentials.ini"),
                                         kData + QStringLiteral("/config.ini")));
        QVERIFY2(store.problems().isEmpty(), qPrintable(store.problems().join('\n')));
        QCOMPARE(store.profileNames(), (QStringList{"default", "Case", "assume", "configkeys",
                                                    "profile notwork", "spaced", "sso", "work"}));

        const auto def = store.profile(QStringLiteral("default"));
        QVERIFY(def && def->hasStaticKeys());
        QCOMPARE(def->region, QStringLiteral("us-east-1"));
        QCOMPARE(def->staticCredentials.secretAccessKey, kSecret);
        QVERIFY(def->keysFile.endsWith(QStringLiteral("credentials.ini")));

        const auto work = store.profile(QStringLiteral("work"));
        QVERIFY(work);
        QCOMPARE(work->staticCredentials.accessKeyId, QStringLiteral("ASIAEXAMPLEWORK00001"));
        QCOMPARE(work->staticCredentials.secretAccessKey, kSecret); // trailing spaces stripped
        QCOMPARE(work->staticCredentials.sessionToken,
                 QStringLiteral("FwoGZXIvYXdzEXAMPLE\ncontinuedTOKENpart"));
        QCOMPARE(work->region, QStringLiteral("ap-southeast-2")); // credentials file over config file

        QCOMPARE(store.profile(QStringLiteral("spaced"))->region, QStringLiteral("us-west-2"));
        const auto confKeys = store.profile(QStringLiteral("configkeys"));
        QVERIFY(confKeys->hasStaticKeys());
        QVERIFY(confKeys->keysFile.endsWith(QStringLiteral("config.ini")));
        QCOMPARE(confKeys->region, QStringLiteral("ca-central-1"));

        // In the credentials file, "[profile x]" is a profile literally named so (as in botocore).
        QVERIFY(!store.profile(QStringLiteral("notwork")));
        QVERIFY(store.profile(QStringLiteral("profile notwork")));
        QVERIFY(store.profile(QStringLiteral("Case")));
        QVERIFY(!store.profile(QStringLiteral("case")));
        // Sections of config that are not profiles.
        QVERIFY(!store.profile(QStringLiteral("notaprofile")));
        QVERIFY(!store.profile(QStringLiteral("sso-session my-sso")));

        QVERIFY(store.profile(QStringLiteral("assume"))->unsupported.contains(QStringLiteral("role_arn")));
        QVERIFY(store.profile(QStringLiteral("sso"))->unsupported.contains(QStringLiteral("SSO")));
    }

    void defaultPathsUnderHome()
    {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
        writeFile(home.path() + "/.aws/credentials",
                  "[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\n"
                  "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        const ProfileStore store(envWith(home.path()));
        QCOMPARE(store.credentialsPath(), home.path() + "/.aws/credentials");
        QCOMPARE(store.configPath(), home.path() + "/.aws/config");
        QCOMPARE(store.profile(QStringLiteral("default"))->keysFile, QStringLiteral("~/.aws/credentials"));
        QCOMPARE(store.displayPath(store.configPath()), QStringLiteral("~/.aws/config"));
        QVERIFY(store.problems().isEmpty()); // a missing config file is normal
    }

    void brokenFileIsReportedNotUsed()
    {
        QTemporaryDir home;
        const QString creds = home.path() + "/creds";
        writeFile(creds, "[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\n[default]\n");
        const QByteArray before = [&] {
            QFile f(creds);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        const ProfileStore store(envWith(home.path(), creds));
        QCOMPARE(store.problems().size(), 1);
        QVERIFY(store.problems().constFirst().contains(QStringLiteral("line 3")));
        QVERIFY(!store.profile(QStringLiteral("default")));
        // Read only: the file is exactly as it was.
        QFile f(creds);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    // A cheap stand-in for aws-c-auth's fuzzing: mutated real files must never
    // crash the parsers, and every error must point at a line that exists.
    void mutatedInputsNeverCrash()
    {
        QRandomGenerator rng(20261123); // fixed: a failure reproduces
        const QByteArray seeds[] = {readFixture("credentials.ini"), readFixture("config.ini")};
        const char alphabet[] = "[]=:#; \t\r\n\"'abcAKIA0/+";
        for (int round = 0; round < 3000; ++round) {
            QByteArray text = seeds[round % 2];
            const int edits = 1 + int(rng.bounded(12));
            for (int e = 0; e < edits && !text.isEmpty(); ++e) {
                const int at = int(rng.bounded(text.size()));
                switch (rng.bounded(3)) {
                case 0:
                    text[at] = alphabet[rng.bounded(int(sizeof alphabet) - 1)];
                    break;
                case 1:
                    text.remove(at, int(rng.bounded(8)));
                    break;
                default:
                    text.insert(at, alphabet[rng.bounded(int(sizeof alphabet) - 1)]);
                }
            }
            const QString str = QString::fromUtf8(text);
            const int lines = int(str.count(u'\n')) + 1;
            const IniFile ini = IniFile::parse(str);
            for (const IniError &e : ini.errors())
                QVERIFY(e.line >= 1 && e.line <= lines);
            const PasteResult paste = CredentialsBlockParser::parse(str);
            QVERIFY(paste.ok ||
                    (paste.error.line >= 0 && paste.error.line <= lines && !paste.error.message.isEmpty()));
        }
    }

    void credentialProcessOutput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("reason");
        QTest::newRow("full")
            << QByteArray(R"({"Version":1,"AccessKeyId":"ASIAEXAMPLEPROCESS01","SecretAccessKey":"x",)"
                          R"("SessionToken":"t","Expiration":"2026-11-23T12:00:00Z"})")
            << true << "";
        QTest::newRow("fractional seconds, offset")
            << QByteArray(
                   R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"x","Expiration":"2026-11-23T13:00:00.123+01:00"})")
            << true << "";
        QTest::newRow("no expiration")
            << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"x"})") << true << "";
        QTest::newRow("version 2") << QByteArray(R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"x"})")
                                   << false << "only 1";
        QTest::newRow("no version") << QByteArray(R"({"AccessKeyId":"A","SecretAccessKey":"x"})") << false
                                    << "Version";
        QTest::newRow("no secret") << QByteArray(R"({"Version":1,"AccessKeyId":"A"})") << false
                                   << "SecretAccessKey";
        QTest::newRow("expired")
            << QByteArray(
                   R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"x","Expiration":"2026-11-23T09:00:00Z"})")
            << false << "expired";
        QTest::newRow("bad time")
            << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"x","Expiration":"soon"})")
            << false << "ISO 8601";
        QTest::newRow("not json") << QByteArray("hello") << false << "not a JSON object";
    }
    void credentialProcessOutput()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QString, reason);
        const QDateTime now(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);
        const ProcessCredentials r = CredentialProcess::parseOutput(json, now);
        QCOMPARE(r.ok, ok);
        if (ok) {
            QCOMPARE(r.credentials.secretAccessKey, QStringLiteral("x"));
        } else {
            QVERIFY2(r.error.contains(reason), qPrintable(r.error));
        }
    }

    void credentialProcessRuns_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("reason");
        QTest::newRow("ok") << "ok" << true << "";
        QTest::newRow("environment passed") << "env" << true << "";
        QTest::newRow("exit code and stderr") << "fail" << false << "exited with code 3: token has expired";
        QTest::newRow("garbage") << "garbage" << false << "not a JSON object";
        QTest::newRow("hangs") << "hang" << false << "did not finish within 1 s";
    }
    void credentialProcessRuns()
    {
        QFETCH(QString, argument);
        QFETCH(bool, ok);
        QFETCH(QString, reason);
        QTemporaryDir home;
        QProcessEnvironment env = envWith(home.path());
        env.insert(QStringLiteral("DC_TEST_KEY"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
        // Quoting as in a config file: the command is split like a shell would, but no shell runs.
        const QString command = QStringLiteral("sh \"%1/cp_ok.sh\" %2").arg(kData, argument);
        std::optional<ProcessCredentials> got;
        QObject ctx;
        CredentialProcess::run(command, env, 1000, &ctx, [&](const ProcessCredentials &r) { got = r; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
        QCOMPARE(got->ok, ok);
        if (ok) {
            QCOMPARE(got->credentials.secretAccessKey, kSecret);
            if (argument == u"env")
                QCOMPARE(got->credentials.accessKeyId, QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
            else
                QCOMPARE(got->credentials.expiration, QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC));
        } else {
            QVERIFY2(got->error.contains(reason), qPrintable(got->error));
            QVERIFY(got->error.contains(QStringLiteral("credential_process")));
        }
    }

    void credentialProcessMissingProgram()
    {
        std::optional<ProcessCredentials> got;
        QObject ctx;
        CredentialProcess::run(QStringLiteral("/nonexistent/aws-vault exec x"), QProcessEnvironment(), 5000,
                               &ctx, [&](const ProcessCredentials &r) { got = r; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
        QVERIFY(!got->ok);
        QVERIFY2(got->error.contains(QStringLiteral("could not be started")), qPrintable(got->error));
    }
};

QTEST_GUILESS_MAIN(IniFilesTest)
#include "tst_ini_files.moc"
