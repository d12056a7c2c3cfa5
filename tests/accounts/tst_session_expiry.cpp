// The Learner Lab expiry flow at model level: a connected session whose
// credentials start failing pauses (banner state), and a fresh paste resumes
// in place — the same account, nothing reconnected.
#include "Accounts.h"
#include "FakeHttpServer.h"
#include "PasteCredentialsForm.h"
#include "Session.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using testsupport::FakeHttpServer;

namespace {

const QByteArray kIdentity =
    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
    "<Arn>arn:aws:sts::123456789012:assumed-role/voclabs/user1=student@example.edu</Arn>"
    "<UserId>AROAEXAMPLEID:user1</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
    "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
const QByteArray kExpired = "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>"
                            "<Message>The security token included in the request is expired</Message></Error>"
                            "<RequestId>r2</RequestId></ErrorResponse>";

aws::HttpResponse respond(int status, const QByteArray &body)
{
    aws::HttpResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "text/xml"}};
    r.body = body;
    return r;
}

QString block(const QString &key, const QString &secret, const QString &token)
{
    return QStringLiteral(
               "[default]\r\naws_access_key_id=%1\r\naws_secret_access_key=%2\r\naws_session_token=%3\r\n")
        .arg(key, secret, token);
}

} // namespace

class TestSessionExpiry : public QObject {
    Q_OBJECT

    QTemporaryDir home;

private slots:
    void initTestCase()
    {
        // A throw-away home and no session bus: the keyring is "not there",
        // which is exactly when "this session only" must work.
        qputenv("HOME", home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toUtf8());
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        qunsetenv("AWS_PROFILE");
    }

    void pasteParsesAsTheStudentTypes()
    {
        PasteCredentialsForm form;
        QVERIFY(!form.valid());
        QCOMPARE(form.errorText(), QString()); // nothing typed, nothing to complain about
        form.setText(QStringLiteral("[default]\naws_access_key_id=ASIAEXAMPLEKEY000001\n"));
        QVERIFY(!form.valid());
        QVERIFY2(!form.errorText().isEmpty(), "a half block says what is missing");
        form.setText(block(QStringLiteral("ASIAEXAMPLEKEY000001"), QStringLiteral("a").repeated(40),
                           QStringLiteral("FwoGZXIvYXdzEXAMPLETOKEN").repeated(4)));
        QVERIFY2(form.valid(), qPrintable(form.errorText()));
        QVERIFY(form.looksLikeLearnerLab());
        QVERIFY(form.summaryText().contains(u"ASIA"));
        QVERIFY2(!form.summaryText().contains(QStringLiteral("a").repeated(40)), "the secret is never shown");
        QCOMPARE(form.accountName(), QStringLiteral("learner-lab"));
    }

    void expiryPausesAndFreshPasteResumes()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        bool expired = false;
        QByteArray lastKey;
        server.setHandler([&](const aws::HttpRequest &req) -> std::optional<aws::HttpResponse> {
            lastKey = aws::headerValue(req.headers, "Authorization");
            if (expired && lastKey.contains("ASIAEXAMPLEKEY000001"))
                return respond(403, kExpired);
            if (req.body.contains("Action=GetRole"))
                return respond(200,
                               "<GetRoleResponse><GetRoleResult><Role><RoleName>LabRole</RoleName>"
                               "<Arn>arn:aws:iam::123456789012:role/LabRole</Arn><Path>/</Path>"
                               "<RoleId>AROAEXAMPLE</RoleId><CreateDate>2024-01-01T00:00:00Z</CreateDate>"
                               "</Role></GetRoleResult></GetRoleResponse>");
            return respond(200, kIdentity);
        });

        Session session(nullptr);
        Accounts accounts(&session, home.path() + QStringLiteral("/accounts.ini"));
        Accounts::setInstance(&accounts);
        aws::Credentials first{QStringLiteral("ASIAEXAMPLEKEY000001"),
                               QStringLiteral("b").repeated(40),
                               QStringLiteral("tok1"),
                               {}};
        Session::AccountInfo info;
        info.name = QStringLiteral("learner-lab");
        info.learnerLab = true;
        info.labSessionStart = QDateTime::currentDateTimeUtc();
        QSignalSpy identity(&session, &Session::identityChanged);
        session.connectWithCredentials(first, QStringLiteral("us-east-1"), info, QUrl(server.url()));
        QTRY_COMPARE_WITH_TIMEOUT(session.accountId(), QStringLiteral("123456789012"), 5000);
        QVERIFY(session.isLearnerLab());
        QVERIFY(session.timeLeftText().contains(u"estimate"));
        aws::AwsClient *clientBefore = session.client();

        // The lab ends: the next call is refused as expired.
        expired = true;
        QSignalSpy rejected(&session, &Session::credentialsRejectedChanged);
        bool callFailed = false;
        session.client()->call(QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"), {}, this,
                               [&](const aws::Outcome &o) { callFailed = !o.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(session.credentialsRejected(), 5000);
        QVERIFY(callFailed);
        QVERIFY(session.statusText().contains(u"paste fresh credentials"));

        // A fresh block, pasted into the same dialog, resumes in place.
        QSignalSpy restored(&session, &Session::credentialsRestored);
        PasteCredentialsForm form;
        form.setText(block(QStringLiteral("ASIAEXAMPLEKEY000002"), QStringLiteral("c").repeated(40),
                           QStringLiteral("FwoGZXIvYXdzEXAMPLETOKEN").repeated(4)));
        QVERIFY(form.valid());
        form.submit(/*thisSessionOnly=*/true);
        QVERIFY(restored.wait(5000));
        QVERIFY(!session.credentialsRejected());
        QCOMPARE(session.client(), clientBefore); // same client: nothing reconnected, nothing lost
        QVERIFY(lastKey.contains("ASIAEXAMPLEKEY000002"));
        Accounts::setInstance(nullptr);
    }
};

QTEST_MAIN(TestSessionExpiry)
#include "tst_session_expiry.moc"
