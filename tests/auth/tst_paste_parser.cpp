// "Paste to connect": a table of blocks students paste, good and bad, plus the
// Learner Lab helpers and the log redactor the pasted secrets are registered with.

#include "CredentialsBlockParser.h"
#include "LearnerLab.h"
#include "SecretRedactor.h"

#include <QTest>

using namespace aws::auth;

namespace {
// Documentation-style fake values: never real keys.
const QString kKey = QStringLiteral("ASIAEXAMPLE123456789");
const QString kLongKey = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
const QString kToken = QStringLiteral("FwoGZXIvYXdzEXAMPLE//////////wEaDEXAMPLEtoken+value==");

QString lab(const QString &eol = QStringLiteral("\n"))
{
    return QStringLiteral("[default]") + eol + "aws_access_key_id=" + kKey + eol +
           "aws_secret_access_key=" + kSecret + eol + "aws_session_token=" + kToken + eol;
}
} // namespace

class PasteParserTest : public QObject {
    Q_OBJECT
private slots:
    void good_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("hasToken");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<bool>("learnerLab");

        QTest::newRow("learner lab block") << lab() << kKey << true << ""
                                           << "default" << true;
        QTest::newRow("CRLF") << lab("\r\n") << kKey << true << ""
                              << "default" << true;
        QTest::newRow("no trailing newline") << lab().trimmed() << kKey << true << ""
                                             << "default" << true;
        QTest::newRow("without header") << lab().section('\n', 1) << kKey << true << ""
                                        << "" << true;
        QTest::newRow("any order, stray spaces")
            << "  [default]  \n\n aws_session_token =  " + kToken + "\naws_secret_access_key= " + kSecret +
                   "   \n\taws_access_key_id =" + kKey + "\n\n\n"
            << kKey << true << ""
            << "default" << true;
        QTest::newRow("copied from a web page (nbsp, zero-width space)")
            << QStringLiteral("[default]\naws_access_key_id\u00A0=\u00A0") + kKey +
                   "\u200B\naws_secret_access_key=" + kSecret + "\naws_session_token=" + kToken
            << kKey << true << ""
            << "default" << true;
        QTest::newRow("credentials section with a name and region")
            << "[work]\naws_access_key_id = " + kLongKey + "\naws_secret_access_key = " + kSecret +
                   "\nregion = eu-central-1\n"
            << kLongKey << false << "eu-central-1"
            << "work" << false;
        QTest::newRow("config-style header") << "[profile lab]\naws_access_key_id=" + kLongKey +
                                                    "\naws_secret_access_key=" + kSecret + "\noutput=json\n"
                                             << kLongKey << false << ""
                                             << "lab" << false;
        QTest::newRow("upper-case ini keys, colon")
            << "AWS_ACCESS_KEY_ID: " + kLongKey + "\nAWS_SECRET_ACCESS_KEY: " + kSecret << kLongKey << false
            << ""
            << "" << false;
        QTest::newRow("comments") << "# from the Learner Lab\n" + lab() + "; end\n"
                                  << kKey << true << ""
                                  << "default" << true;
        QTest::newRow("export lines with quotes")
            << "export AWS_ACCESS_KEY_ID=\"" + kKey + "\"\nexport AWS_SECRET_ACCESS_KEY='" + kSecret +
                   "'\nexport AWS_SESSION_TOKEN=" + kToken + "\nexport AWS_DEFAULT_REGION=us-east-1\n"
            << kKey << true << "us-east-1"
            << "" << true;
        QTest::newRow("export with AWS_SECURITY_TOKEN and AWS_REGION")
            << "export AWS_ACCESS_KEY_ID=" + kKey + "\nexport AWS_SECRET_ACCESS_KEY=" + kSecret +
                   "\nexport AWS_SECURITY_TOKEN=" + kToken + "\nexport AWS_REGION=us-west-2"
            << kKey << true << "us-west-2"
            << "" << true;
        QTest::newRow("same token twice (session and security)")
            << "export AWS_ACCESS_KEY_ID=" + kKey + "\nexport AWS_SECRET_ACCESS_KEY=" + kSecret +
                   "\nexport AWS_SESSION_TOKEN=" + kToken + "\nexport AWS_SECURITY_TOKEN=" + kToken
            << kKey << true << ""
            << "" << true;
        QTest::newRow("windows cmd set")
            << "set AWS_ACCESS_KEY_ID=" + kLongKey + "\r\nset AWS_SECRET_ACCESS_KEY=" + kSecret + "\r\n"
            << kLongKey << false << ""
            << "" << false;
        QTest::newRow("powershell") << "$Env:AWS_ACCESS_KEY_ID=\"" + kLongKey +
                                           "\"\n$Env:AWS_SECRET_ACCESS_KEY=\"" + kSecret + "\""
                                    << kLongKey << false << ""
                                    << "" << false;
        QTest::newRow("same key twice, same value") << lab() + "aws_access_key_id=" + kKey + "\n"
                                                    << kKey << true << ""
                                                    << "default" << true;
    }
    void good()
    {
        QFETCH(QString, text);
        QFETCH(QString, key);
        QFETCH(bool, hasToken);
        QFETCH(QString, region);
        QFETCH(QString, profile);
        QFETCH(bool, learnerLab);
        const PasteResult r = CredentialsBlockParser::parse(text);
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.value.credentials.accessKeyId, key);
        QCOMPARE(r.value.credentials.secretAccessKey, kSecret);
        QCOMPARE(!r.value.credentials.sessionToken.isEmpty(), hasToken);
        if (hasToken)
            QCOMPARE(r.value.credentials.sessionToken, kToken);
        QCOMPARE(r.value.region, region);
        QCOMPARE(r.value.profileName, profile);
        QCOMPARE(r.value.looksLikeLearnerLab, learnerLab);

        const PasteSummary s = r.value.summary();
        QCOMPARE(s.accessKeyId, key);
        QCOMPARE(s.hasSessionToken, hasToken);
        QVERIFY(!s.text().contains(kSecret));
        QVERIFY(!s.text().contains(kToken));
        QVERIFY(s.text().contains(key));
    }

    void bad_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("reason"); // a part of the message the student sees

        QTest::newRow("empty") << "" << 0 << "Nothing was pasted";
        QTest::newRow("only blanks and comments") << "\n  \n# nothing\n" << 0 << "Nothing was pasted";
        QTest::newRow("missing secret") << "[default]\naws_access_key_id=" + kLongKey + "\n"
                                        << 0 << "secret access key is missing";
        QTest::newRow("missing key id")
            << "aws_secret_access_key=" + kSecret << 0 << "access key id is missing";
        QTest::newRow("ASIA key without its token")
            << "[default]\naws_access_key_id=" + kKey + "\naws_secret_access_key=" + kSecret << 2
            << "session token";
        QTest::newRow("two different key ids") << lab() + "aws_access_key_id=" + kLongKey + "\n"
                                               << 5 << "given twice with different values (lines 2 and 5)";
        QTest::newRow("unknown key") << lab() + "aws_secret_key=abc\n" << 5 << "“aws_secret_key”";
        QTest::newRow("lower-case key id")
            << "aws_access_key_id=asiaexample123456789\naws_secret_access_key=" + kSecret << 1
            << "16 to 128 capital letters";
        QTest::newRow("short key id")
            << "aws_access_key_id=ASIAEXAMPLE\naws_secret_access_key=" + kSecret << 1 << "16 to 128";
        QTest::newRow("truncated secret")
            << "aws_access_key_id=" + kLongKey + "\naws_secret_access_key=" + kSecret.left(30) << 2
            << "exactly 40 characters";
        QTest::newRow("secret with a space")
            << "aws_access_key_id=" + kLongKey + "\naws_secret_access_key=" + kSecret.left(20) + " " +
                   kSecret.mid(21)
            << 2 << "exactly 40 characters";
        QTest::newRow("broken token") << "aws_access_key_id=" + kKey + "\naws_secret_access_key=" + kSecret +
                                             "\naws_session_token=abc def ghi jkl mno pqr"
                                      << 3 << "session token on line 3";
        QTest::newRow("two sections")
            << lab() + "[work]\naws_access_key_id=" + kLongKey << 5 << "Paste one block";
        QTest::newRow("header after keys") << lab().section('\n', 1) + "[default]\n"
                                           << 4 << "Paste one block";
        QTest::newRow("token split over lines")
            << "aws_access_key_id=" + kKey + "\naws_secret_access_key=" + kSecret +
                   "\naws_session_token=" + kToken.left(20) + "\n" + kToken.mid(20)
            << 4 << "split over several lines";
        QTest::newRow("no equals sign") << "aws_access_key_id " + kLongKey << 1 << "not of the form";
        QTest::newRow("unclosed quote") << "export AWS_ACCESS_KEY_ID=\"" + kLongKey << 1 << "not closed";
        QTest::newRow("empty value") << "aws_access_key_id=\naws_secret_access_key=" + kSecret << 1
                                     << "no value";
        QTest::newRow("bad region") << lab() + "region=Virginia\n" << 5 << "not an AWS region";
        QTest::newRow("unfinished header") << "[default\n" + lab().section('\n', 1) << 1 << "does not end";
    }
    void bad()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, reason);
        const PasteResult r = CredentialsBlockParser::parse(text);
        QVERIFY(!r.ok);
        QCOMPARE(r.error.line, line);
        QVERIFY2(r.error.message.contains(reason), qPrintable(r.error.message));
        if (line > 0)
            QVERIFY2(r.error.message.contains(QString::number(line)), qPrintable(r.error.message));
        // A refusal never repeats the secret or the token back.
        QVERIFY(!r.error.message.contains(kSecret));
        QVERIFY(!r.error.message.contains(kToken));
    }

    void learnerLabArn_data()
    {
        QTest::addColumn<QString>("arn");
        QTest::addColumn<bool>("expected");
        QTest::newRow("lab") << "arn:aws:sts::123456789012:assumed-role/voclabs/user1234567=Student_Name"
                             << true;
        QTest::newRow("other role") << "arn:aws:sts::123456789012:assumed-role/Admin/someone" << false;
        QTest::newRow("iam user") << "arn:aws:iam::123456789012:user/voclabs" << false;
        QTest::newRow("short account") << "arn:aws:sts::1234:assumed-role/voclabs/user" << false;
        QTest::newRow("empty") << "" << false;
    }
    void learnerLabArn()
    {
        QFETCH(QString, arn);
        QFETCH(bool, expected);
        QCOMPARE(learnerlab::isLearnerLabArn(arn), expected);
    }

    void learnerLabRegionsAndTime()
    {
        QCOMPARE(learnerlab::allowedRegions(), (QStringList{"us-east-1", "us-west-2"}));
        QVERIFY(learnerlab::isAllowedRegion(u"us-west-2"));
        QVERIFY(!learnerlab::isAllowedRegion(u"eu-west-1"));
        QCOMPARE(learnerlab::defaultRegion(), QStringLiteral("us-east-1"));

        const QDateTime pasted(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);
        QCOMPARE(learnerlab::estimatedSessionEnd(pasted), pasted.addSecs(4 * 3600));
        QCOMPARE(learnerlab::estimatedSecondsLeft(pasted, pasted.addSecs(40 * 60)), 200 * 60);
        QCOMPARE(learnerlab::timeLeftText(pasted, pasted.addSecs(40 * 60)),
                 "about 3 h 20 min left (estimate)");
        QCOMPARE(learnerlab::timeLeftText(pasted, pasted.addSecs(3 * 3600 + 50 * 60)),
                 "about 10 min left (estimate)");
        QCOMPARE(learnerlab::timeLeftText(pasted, pasted.addSecs(5 * 3600)), "probably ended (estimate)");
        QCOMPARE(learnerlab::estimatedSecondsLeft(QDateTime(), pasted), -1);
        QVERIFY(learnerlab::timeLeftText(QDateTime(), pasted).isEmpty());
    }

    void redactorMasksRegisteredSecrets()
    {
        SecretRedactor &r = SecretRedactor::instance();
        r.clear();
        r.registerSecret(kSecret);
        r.registerSecret(kToken);
        r.registerSecret(QStringLiteral("short")); // too short to mask safely: ignored
        QCOMPARE(r.redact("secret=" + kSecret + " token=" + kToken + " short"),
                 QStringLiteral("secret=**** token=**** short"));

        // Every log line goes through it once installed; the previous handler still gets the line.
        static QStringList captured;
        captured.clear();
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { captured << message; });
        SecretRedactor::install();
        qWarning() << "signing with" << kSecret;
        qDebug("token %s", qPrintable(kToken));
        SecretRedactor::uninstall();
        qInstallMessageHandler(previous);
        QCOMPARE(captured.size(), 2);
        QVERIFY(!captured.join('\n').contains(kSecret));
        QVERIFY(!captured.join('\n').contains(kToken));
        QVERIFY(captured.at(0).contains(QStringLiteral("****")));
        r.unregisterSecret(kSecret);
        QCOMPARE(r.redact(kSecret), kSecret);
        r.clear();
    }
};

QTEST_GUILESS_MAIN(PasteParserTest)
#include "tst_paste_parser.moc"
