// SigV4 against both conformance suites in sigv4/ (cases discovered by
// walking the directory), plus the signing key cache and server-side verify.

#include "Conformance.h"
#include "SigV4.h"
#include "SigningKeyCache.h"

#include <QDirIterator>
#include <QJsonObject>
#include <QtTest>

using namespace aws;
using namespace aws::sigv4;

namespace {

// Cases this implementation cannot pass, by id, with the reason. Empty: all pass.
const QHash<QString, QString> &knownFailures()
{
    static const QHash<QString, QString> table = {};
    return table;
}

struct RawRequest {
    HttpRequest req;
    bool ok = false;
};

// "METHOD target HTTP/1.1", "Name:value" lines (leading whitespace continues a
// value), an empty line, then the body. The target may contain a space.
RawRequest parseRequest(const QByteArray &text)
{
    RawRequest r;
    const qsizetype blank = text.indexOf("\n\n");
    const QByteArray head = blank < 0 ? text : text.left(blank);
    r.req.body = blank < 0 ? QByteArray() : text.mid(blank + 2);
    QList<QByteArray> lines = head.split('\n');
    if (lines.isEmpty())
        return r;
    QByteArray first = lines.takeFirst();
    if (first.endsWith('\r'))
        first.chop(1);
    const qsizetype sp1 = first.indexOf(' '), sp2 = first.lastIndexOf(' ');
    if (sp1 < 0 || sp2 <= sp1)
        return r;
    r.req.method = first.left(sp1);
    r.req.path = first.mid(sp1 + 1, sp2 - sp1 - 1);
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if ((line[0] == ' ' || line[0] == '\t') && !r.req.headers.isEmpty()) {
            r.req.headers.last().second += ' ' + line; // obs-fold: whitespace collapses when signing
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return r;
        r.req.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    r.req.host = headerValue(r.req.headers, "Host");
    r.ok = true;
    return r;
}

QList<QPair<QByteArray, QByteArray>> normalizedHeaders(const HttpHeaders &h)
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const auto &kv : h)
        out.append({kv.first.toLower(), kv.second.simplified()});
    std::sort(out.begin(), out.end());
    return out;
}

SigningParams baseParams()
{
    SigningParams p;
    p.credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    p.credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    p.region = QStringLiteral("us-east-1");
    p.service = QStringLiteral("service");
    p.time = QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC);
    return p;
}

QString awsCAuthDir()
{
    return testsupport::conformanceDir() + QStringLiteral("/sigv4/aws-signing-test-suite/v4");
}
QString aws4Dir()
{
    return testsupport::conformanceDir() + QStringLiteral("/sigv4/aws4_testsuite");
}

QStringList awsCAuthCases()
{
    QStringList out;
    QDirIterator it(awsCAuthDir(), {QStringLiteral("context.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QFileInfo(it.next()).absolutePath());
    out.sort();
    return out;
}

QStringList aws4Cases() // returns the "<dir>/<name>" prefixes
{
    QStringList out;
    QDirIterator it(aws4Dir(), {QStringLiteral("*.req")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        out.append(fi.absolutePath() + u'/' + fi.completeBaseName());
    }
    out.sort();
    return out;
}

void skipIfKnown(const QString &id)
{
    if (knownFailures().contains(id))
        QSKIP(qPrintable(id + QStringLiteral(": ") + knownFailures().value(id)));
}

SigningParams awsCAuthParams(const QString &dir)
{
    const QJsonObject ctx = QJsonDocument::fromJson(testsupport::readFile(dir + "/context.json")).object();
    SigningParams p = baseParams();
    const QJsonObject cred = ctx.value("credentials").toObject();
    p.credentials.accessKeyId = cred.value("access_key_id").toString();
    p.credentials.secretAccessKey = cred.value("secret_access_key").toString();
    p.credentials.sessionToken = cred.value("token").toString();
    p.region = ctx.value("region").toString();
    p.service = ctx.value("service").toString();
    p.time = QDateTime::fromString(ctx.value("timestamp").toString(), Qt::ISODate).toUTC();
    p.normalizePath = ctx.value("normalize").toBool(true);
    p.signBody = ctx.value("sign_body").toBool();
    p.omitSessionToken = ctx.value("omit_session_token").toBool();
    p.expiresSeconds = ctx.value("expiration_in_seconds").toInt();
    p.doubleEncodePath = true;
    return p;
}

} // namespace

class TestSigV4 : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFileInfo(testsupport::conformanceDir()).isDir())
            return;
        qInfo("aws-c-auth cases: %d, aws4_testsuite cases: %d", int(awsCAuthCases().size()),
              int(aws4Cases().size()));
    }

    void suitesPresent()
    {
        REQUIRE_CONFORMANCE_DIR();
        QVERIFY2(!awsCAuthCases().isEmpty(), qPrintable("no cases under " + awsCAuthDir()));
        QVERIFY2(!aws4Cases().isEmpty(), qPrintable("no cases under " + aws4Dir()));
    }

    // ---- aws-c-auth suite: header and query (presigned) signing
    void awsCAuth_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        QTest::addColumn<QString>("dir");
        QTest::addColumn<bool>("presign");
        for (const QString &d : awsCAuthCases()) {
            const QString name = QFileInfo(d).fileName();
            QTest::newRow(qPrintable("header/" + name)) << d << false;
            QTest::newRow(qPrintable("query/" + name)) << d << true;
        }
    }
    void awsCAuth()
    {
        QFETCH(QString, dir);
        QFETCH(bool, presign);
        const QString prefix = presign ? QStringLiteral("/query-") : QStringLiteral("/header-");
        skipIfKnown(QStringLiteral("aws-c-auth/") + QFileInfo(dir).fileName() +
                    (presign ? "/query" : "/header"));
        const RawRequest raw = parseRequest(testsupport::readFile(dir + "/request.txt"));
        QVERIFY(raw.ok);
        const SigningParams p = awsCAuthParams(dir);

        const QByteArray creq = canonicalRequest(raw.req, p, presign);
        QCOMPARE(creq, testsupport::readFile(dir + prefix + "canonical-request.txt"));
        const QByteArray sts = stringToSign(creq, p);
        QCOMPARE(sts, testsupport::readFile(dir + prefix + "string-to-sign.txt"));
        QCOMPARE(signature(sts, p), testsupport::readFile(dir + prefix + "signature.txt").trimmed());

        HttpRequest signedReq = raw.req;
        if (presign)
            presignRequest(signedReq, p);
        else
            signRequest(signedReq, p);
        const RawRequest expected = parseRequest(testsupport::readFile(dir + prefix + "signed-request.txt"));
        QVERIFY(expected.ok);
        QCOMPARE(signedReq.method, expected.req.method);
        QCOMPARE(signedReq.path, expected.req.path);
        QCOMPARE(normalizedHeaders(signedReq.headers), normalizedHeaders(expected.req.headers));
        QCOMPARE(signedReq.body, expected.req.body.chopped(expected.req.body.endsWith("\n\n") ? 2 : 0));
    }

    // ---- botocore's aws4_testsuite: header signing
    void aws4_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        QTest::addColumn<QString>("prefix");
        for (const QString &p : aws4Cases())
            QTest::newRow(qPrintable(QDir(aws4Dir()).relativeFilePath(QFileInfo(p).absolutePath()))) << p;
    }
    void aws4()
    {
        QFETCH(QString, prefix);
        skipIfKnown(QStringLiteral("aws4/") +
                    QDir(aws4Dir()).relativeFilePath(QFileInfo(prefix).absolutePath()));
        const RawRequest raw = parseRequest(testsupport::readFile(prefix + ".req"));
        QVERIFY(raw.ok);
        const QByteArray expCreq = testsupport::readFile(prefix + ".creq").replace('\r', "");
        const RawRequest expSigned = parseRequest(testsupport::readFile(prefix + ".sreq"));
        QVERIFY(expSigned.ok);

        SigningParams p = baseParams();
        // botocore takes a signed token from the canonical request; a token that
        // only the signed request carries was added after signing, unsigned.
        for (const QByteArray &line : expCreq.split('\n'))
            if (line.startsWith("x-amz-security-token:"))
                p.credentials.sessionToken = QString::fromUtf8(line.mid(21));
        const QByteArray lateToken = headerValue(expSigned.req.headers, "X-Amz-Security-Token");
        if (p.credentials.sessionToken.isEmpty() && !lateToken.isEmpty()) {
            p.credentials.sessionToken = QString::fromUtf8(lateToken);
            p.omitSessionToken = true;
        }

        const QByteArray creq = canonicalRequest(raw.req, p);
        QCOMPARE(creq, expCreq);
        const QByteArray sts = stringToSign(creq, p);
        QCOMPARE(sts, testsupport::readFile(prefix + ".sts").replace('\r', ""));
        HttpRequest signedReq = raw.req;
        signRequest(signedReq, p);
        QCOMPARE(headerValue(signedReq.headers, "Authorization"),
                 testsupport::readFile(prefix + ".authz").trimmed());
        QCOMPARE(normalizedHeaders(signedReq.headers), normalizedHeaders(expSigned.req.headers));
        QCOMPARE(signedReq.path, expSigned.req.path);
    }

    // ---- signing key cache
    void signingKeyCacheHit()
    {
        clearSigningKeyCache();
        const QString secret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        const QByteArray k1 = signingKey(secret, "20150830", "us-east-1", "iam");
        QCOMPARE(signingKeyCacheStats().misses, quint64(1));
        const QByteArray k2 = signingKey(secret, "20150830", "us-east-1", "iam");
        QCOMPARE(k1, k2);
        QCOMPARE(signingKeyCacheStats().misses, quint64(1));
        QVERIFY(signingKeyCacheStats().hits >= 1);
        // Published derived key for this secret/date/region/service (AWS docs example).
        QCOMPARE(k1.toHex(), QByteArray("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"));
        signingKey(secret, "20150831", "us-east-1", "iam");
        QCOMPARE(signingKeyCacheStats().misses, quint64(2));
        QCOMPARE(signingKeyCacheStats().size, 2);
        for (int i = 0; i < kSigningKeyCacheCapacity + 10; ++i)
            signingKey(secret, "20150830", QStringLiteral("r-%1").arg(i), "iam");
        QVERIFY(signingKeyCacheStats().size <= kSigningKeyCacheCapacity);
    }

    // ---- server side
    void verifyRoundTripHeader()
    {
        SigningParams p = baseParams();
        p.credentials.sessionToken = QStringLiteral("token/with+chars=");
        p.signBody = true;
        HttpRequest req;
        req.method = "POST";
        req.path = "/some/path?b=2&a=1";
        req.host = "ecs.us-east-1.amazonaws.com";
        req.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "X.Y"}};
        req.body = R"({"a":1})";
        signRequest(req, p);
        QString error;
        const auto auth = parseAuthorization(req, &error);
        QVERIFY2(auth, qPrintable(error));
        QCOMPARE(auth->accessKeyId, QStringLiteral("AKIDEXAMPLE"));
        QCOMPARE(auth->region, QStringLiteral("us-east-1"));
        QCOMPARE(auth->service, QStringLiteral("service"));
        QCOMPARE(auth->date, QStringLiteral("20150830"));
        QVERIFY(!auth->presigned);
        QCOMPARE(auth->requestTime, p.time);
        QCOMPARE(verify(req, p.credentials.secretAccessKey, *auth), VerifyStatus::Ok);
        QCOMPARE(verify(req, QStringLiteral("wrong"), *auth), VerifyStatus::SignatureMismatch);
        HttpRequest tampered = req;
        tampered.body = R"({"a":2})";
        QCOMPARE(verify(tampered, p.credentials.secretAccessKey, *auth), VerifyStatus::SignatureMismatch);
        tampered = req;
        setHeader(tampered.headers, "X-Amz-Target", "X.Z");
        QCOMPARE(verify(tampered, p.credentials.secretAccessKey, *auth), VerifyStatus::SignatureMismatch);
        // Header-signed skew check only when asked for.
        QCOMPARE(verify(req, p.credentials.secretAccessKey, *auth, p.time.addSecs(600), 900),
                 VerifyStatus::Ok);
        QCOMPARE(verify(req, p.credentials.secretAccessKey, *auth, p.time.addSecs(1000), 900),
                 VerifyStatus::RequestExpired);
        // Re-signing (a retry) replaces the signature instead of adding another.
        signRequest(req, p);
        int authCount = 0;
        for (const auto &h : req.headers)
            authCount += h.first.compare("Authorization", Qt::CaseInsensitive) == 0;
        QCOMPARE(authCount, 1);
    }

    void verifyPresigned()
    {
        SigningParams p = baseParams();
        p.expiresSeconds = 300;
        HttpRequest req;
        req.method = "GET";
        req.path = "/?Action=GetCallerIdentity&Version=2011-06-15";
        req.host = "sts.amazonaws.com";
        presignRequest(req, p);
        QString error;
        const auto auth = parseAuthorization(req, &error);
        QVERIFY2(auth, qPrintable(error));
        QVERIFY(auth->presigned);
        QCOMPARE(verify(req, p.credentials.secretAccessKey, *auth, p.time.addSecs(299)), VerifyStatus::Ok);
        QCOMPARE(verify(req, p.credentials.secretAccessKey, *auth, p.time.addSecs(301)),
                 VerifyStatus::RequestExpired);
        // With the default "now" (the wall clock) a 2015 URL is long expired.
        QCOMPARE(verify(req, p.credentials.secretAccessKey, *auth), VerifyStatus::RequestExpired);
        // Presigning again replaces the auth parameters.
        presignRequest(req, p);
        QCOMPARE(req.path.count("X-Amz-Signature="), 1);
        QVERIFY(req.path.startsWith("/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm="));
    }

    void verifyMissingAndMalformed()
    {
        HttpRequest req;
        req.host = "example.amazonaws.com";
        req.headers = {{"Host", "example.amazonaws.com"}};
        QString error;
        QVERIFY(!parseAuthorization(req, &error));
        QVERIFY(error.contains(QStringLiteral("Missing"), Qt::CaseInsensitive));
        QCOMPARE(verify(req, QStringLiteral("s"), ParsedAuthorization{}), VerifyStatus::Missing);

        const QList<QByteArray> bad = {
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, Signature=" +
                QByteArray(64, 'a'),
            "AWS AKID:abc",
        };
        for (const QByteArray &value : bad) {
            HttpRequest r = req;
            r.headers.append({QByteArray("X-Amz-Date"), QByteArray("20150830T123600Z")});
            r.headers.append({QByteArray("Authorization"), value});
            QVERIFY2(!parseAuthorization(r, &error), value.constData());
            QVERIFY(!error.isEmpty());
            QVERIFY(!error.contains(QStringLiteral("aaaa")));
            QCOMPARE(verify(r, QStringLiteral("s"), ParsedAuthorization{}), VerifyStatus::Malformed);
        }
        // Parsed, but the host header is not signed.
        HttpRequest r = req;
        r.headers.append({QByteArray("X-Amz-Date"), QByteArray("20150830T123600Z")});
        r.headers.append(
            {QByteArray("Authorization"), "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/"
                                          "aws4_request, SignedHeaders=x-amz-date, Signature=" +
                                              QByteArray(64, 'a')});
        const auto auth = parseAuthorization(r, &error);
        QVERIFY2(auth, qPrintable(error));
        QCOMPARE(verify(r, QStringLiteral("s"), *auth), VerifyStatus::Malformed);
    }

    void hostFromRequestWhenNoHeader()
    {
        SigningParams p = baseParams();
        HttpRequest req;
        req.method = "GET";
        req.path = "/";
        req.host = "example.amazonaws.com";
        signRequest(req, p);
        QCOMPARE(headerValue(req.headers, "Host"), QByteArray("example.amazonaws.com"));
        QVERIFY(headerValue(req.headers, "Authorization").contains("SignedHeaders=host;x-amz-date,"));
        // Same signature as aws-c-auth's get-vanilla.
        QVERIFY(headerValue(req.headers, "Authorization")
                    .endsWith("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    }
};

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
