// AWS's protocol test vectors (botocore's copies under protocols/<p>/) for
// the query or ec2 codec — DC_PROTOCOL picks which — plus round trips of the
// server side (sandbox) through the client side with the real models.

#include "Conformance.h"
#include "RoundTripCases.h"
#include "XmlTestSupport.h"
#include "protocol/Ec2Protocol.h"
#include "protocol/QueryProtocol.h"

#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QtTest>

using namespace aws;

namespace {

const QString kProtocol = QStringLiteral(DC_PROTOCOL);

/// Cases we cannot pass, by id (or "<file>#<suite>.<case>" for legacy
/// cases), with the reason. Reported as QEXPECT_FAIL. Kept empty: every
/// case botocore runs passes.
const QHash<QString, QString> kKnownFailures = {};

const ProtocolCodec &codec()
{
    static const QueryProtocol query;
    static const Ec2Protocol ec2;
    if (kProtocol == u"ec2")
        return ec2;
    return query;
}

QStringList vectorFiles(const QString &direction)
{
    return {QStringLiteral("protocols/%1/%2/%1.json").arg(kProtocol, direction),
            QStringLiteral("protocols/%1/%2/legacy/%1.json").arg(kProtocol, direction)};
}

QJsonObject jsonObject(const char *text)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("bad JSON in a test case: %s", qPrintable(err.errorString()));
    return doc.object();
}

void addCaseRows(const QString &direction)
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("suite");
    QTest::addColumn<int>("index");
    for (const QString &file : vectorFiles(direction)) {
        const QJsonArray suites = xmltest::suites(file);
        QVERIFY2(!suites.isEmpty(), qPrintable(QStringLiteral("no suites in %1").arg(file)));
        for (int s = 0; s < suites.size(); ++s) {
            const QJsonArray cases = suites.at(s).toObject().value(u"cases").toArray();
            for (int c = 0; c < cases.size(); ++c) {
                const QString id = cases.at(c).toObject().value(u"id").toString();
                const QString name =
                    id.isEmpty() ? QStringLiteral("%1#%2.%3")
                                       .arg(file.section(u'/', 2), QString::number(s), QString::number(c))
                                 : id;
                QTest::newRow(qPrintable(name)) << file << s << c;
            }
        }
    }
}

/// Every check of an input case; returns the first failure or an empty string.
QString checkInput(const QJsonObject &suite, const QJsonObject &tc)
{
    QString error;
    const QJsonObject given = tc.value(u"given").toObject();
    const auto model = xmltest::suiteModel(suite, given, &error);
    if (!model)
        return QStringLiteral("model: %1").arg(error);
    const Operation *op = model->operation(given.value(u"name").toString());
    if (!op)
        return QStringLiteral("operation missing from the model");
    const QJsonObject params = xmltest::blobsToBase64(op->input, tc.value(u"params").toObject()).toObject();
    QString hostPrefix;
    const HttpRequest req = codec().serializeRequest(*model, *op, params, &hostPrefix);

    const QJsonObject want = tc.value(u"serialized").toObject();
    if (want.contains(u"method") && QString::fromLatin1(req.method) != want.value(u"method").toString())
        return QStringLiteral("method: expected %1, got %2")
            .arg(want.value(u"method").toString(), req.method);
    if (want.contains(u"uri") && QString::fromUtf8(req.path) != want.value(u"uri").toString())
        return QStringLiteral("uri: expected %1, got %2").arg(want.value(u"uri").toString(), req.path);
    const QJsonObject headers = want.value(u"headers").toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QByteArray name = it.key().toLatin1();
        if (!hasHeader(req.headers, name))
            return QStringLiteral("header %1 missing").arg(it.key());
        const QString got = QString::fromLatin1(headerValue(req.headers, name));
        const QString expected = it.value().toString();
        // The Smithy-generated cases expect the bare media type; botocore
        // (and we) add "; charset=utf-8", which the legacy cases expect.
        const bool sameMediaType = name.compare("Content-Type", Qt::CaseInsensitive) == 0 &&
                                   !expected.contains(u';') && got.section(u';', 0, 0).trimmed() == expected;
        if (got != expected && !sameMediaType)
            return QStringLiteral("header %1: expected '%2', got '%3'").arg(it.key(), expected, got);
    }
    for (const QJsonValue &h : want.value(u"requireHeaders").toArray()) {
        if (!hasHeader(req.headers, h.toString().toLatin1()))
            return QStringLiteral("required header %1 missing").arg(h.toString());
    }
    if (want.contains(u"body")) {
        const QStringList expected = xmltest::formSegments(want.value(u"body").toString().toUtf8());
        const QStringList got = xmltest::formSegments(req.body);
        if (expected != got)
            return QStringLiteral("body: expected %1\n        got %2")
                .arg(expected.join(u'&'), got.join(u'&'));
    }
    if (want.contains(u"host")) {
        const QUrl endpoint(suite.value(u"clientEndpoint").toString());
        const QString host = hostPrefix + endpoint.host();
        if (host != want.value(u"host").toString())
            return QStringLiteral("host: expected %1, got %2").arg(want.value(u"host").toString(), host);
    }
    return {};
}

QString checkOutput(const QJsonObject &suite, const QJsonObject &tc)
{
    QString error;
    QJsonObject given = tc.value(u"given").toObject();
    const QString opName = given.value(u"name").toString();
    // As botocore's runner does: the Smithy-generated query cases have no
    // resultWrapper on the operation, the wire has <OpResult>.
    if (kProtocol == u"query" && given.contains(u"output")) {
        QJsonObject out = given.value(u"output").toObject();
        if (!out.contains(u"resultWrapper")) {
            out.insert(u"resultWrapper", opName + QStringLiteral("Result"));
            given.insert(u"output", out);
        }
    }
    const auto model = xmltest::suiteModel(suite, given, &error);
    if (!model)
        return QStringLiteral("model: %1").arg(error);
    const Operation *op = model->operation(opName);
    if (!op)
        return QStringLiteral("operation missing from the model");

    const QJsonObject r = tc.value(u"response").toObject();
    HttpResponse resp;
    resp.status = r.value(u"status_code").toInt(200);
    const QJsonObject headers = r.value(u"headers").toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        resp.headers.append({it.key().toLatin1(), it.value().toString().toUtf8()});
    // botocore feeds an absent body as <xml/> to the query parser.
    resp.body = r.contains(u"body") ? r.value(u"body").toString().toUtf8()
                                    : (kProtocol == u"query" ? QByteArray("<xml/>") : QByteArray());

    const ParseResult parsed = codec().parseResponse(*model, *op, resp);
    if (tc.contains(u"result")) {
        if (!parsed.ok())
            return QStringLiteral("unexpected error %1").arg(parsed.error->toString());
        return xmltest::diff(xmltest::blobsToBase64(op->output, tc.value(u"result").toObject()),
                             parsed.output);
    }
    if (parsed.ok())
        return QStringLiteral("expected error %1, parsed as success").arg(tc.value(u"errorCode").toString());
    const AwsError &e = *parsed.error;
    const QString code = tc.value(u"errorCode").toString();
    if (e.code != code)
        return QStringLiteral("error code: expected %1, got %2").arg(code, e.code);
    const QString message = tc.value(u"errorMessage").toString();
    if (e.message != message)
        return QStringLiteral("error message: expected '%1', got '%2'").arg(message, e.message);
    if (e.httpStatus != resp.status)
        return QStringLiteral("error status: expected %1, got %2").arg(resp.status).arg(e.httpStatus);
    const Shape *errorShape = model->errorShape(code);
    const QJsonValue fields =
        errorShape ? xmltest::blobsToBase64(xmltest::refTo(errorShape), tc.value(u"error").toObject())
                   : tc.value(u"error").toObject();
    return xmltest::diff(fields, e.fields, QStringLiteral("error"));
}

void runCase(const QString &direction)
{
    REQUIRE_CONFORMANCE_DIR();
    QFETCH(QString, file);
    QFETCH(int, suite);
    QFETCH(int, index);
    const QJsonObject s = xmltest::suites(file).at(suite).toObject();
    const QJsonObject tc = s.value(u"cases").toArray().at(index).toObject();
    const QString id = tc.value(u"id").toString();
    const QString failure = direction == u"input" ? checkInput(s, tc) : checkOutput(s, tc);

    const QString ignored =
        xmltest::ignoreReason(kProtocol, direction, s.value(u"description").toString(), id);
    if (!ignored.isEmpty()) {
        // Still run it, to say in the skip message whether we would pass.
        QSKIP(qPrintable(ignored + (failure.isEmpty() ? QStringLiteral(" (passes here too)")
                                                      : QStringLiteral(" (here: %1)").arg(failure))));
    }
    const QString key = id.isEmpty() ? QString::fromLatin1(QTest::currentDataTag()) : id;
    if (kKnownFailures.contains(key))
        QEXPECT_FAIL("", qPrintable(kKnownFailures.value(key)), Continue);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

} // namespace

class ProtocolVectorsTest : public QObject {
    Q_OBJECT
private slots:
    void input_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        addCaseRows(QStringLiteral("input"));
    }
    void input() { runCase(QStringLiteral("input")); }

    void output_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        addCaseRows(QStringLiteral("output"));
    }
    void output() { runCase(QStringLiteral("output")); }

    // ---- server side (the sandbox) through the client side ----

    void serverRoundTrip_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QJsonObject>("output");
        for (const xmltest::RoundTripCase &c : xmltest::roundTripCases()) {
            QString error;
            const auto model = xmltest::realModel(QString::fromLatin1(c.service), &error);
            QVERIFY2(model, qPrintable(error));
            if (model->metadata().protocol != kProtocol)
                continue;
            QTest::newRow(c.operation) << QString::fromLatin1(c.service) << QString::fromLatin1(c.operation)
                                       << jsonObject(c.params) << jsonObject(c.output);
        }
    }

    void serverRoundTrip()
    {
        QFETCH(QString, service);
        QFETCH(QString, operation);
        QFETCH(QJsonObject, params);
        QFETCH(QJsonObject, output);
        QString error;
        const auto model = xmltest::realModel(service, &error);
        QVERIFY2(model, qPrintable(error));
        const Operation *op = model->operation(operation);
        QVERIFY(op);

        // Request: client serialize → server parse gives back the params.
        const HttpRequest req = codec().serializeRequest(*model, *op, params);
        const ServerParseResult server = codec().parseRequest(*model, req);
        QVERIFY2(server.ok(), qPrintable(server.error ? server.error->toString() : QString()));
        QCOMPARE(server.request.operation, op);
        QString d = xmltest::diff(params, server.request.params);
        QVERIFY2(d.isEmpty(), qPrintable(d + QStringLiteral("\nbody: ") + QString::fromUtf8(req.body)));

        // Response: server serialize → client parse gives back the output.
        const HttpResponse resp = codec().serializeResponse(*model, *op, output, QStringLiteral("req-0001"));
        QCOMPARE(resp.status, 200);
        QVERIFY(headerValue(resp.headers, "Content-Type").startsWith("text/xml"));
        QCOMPARE(headerValue(resp.headers, "x-amzn-RequestId"), QByteArray("req-0001"));
        const QString body = QString::fromUtf8(resp.body);
        if (kProtocol == u"ec2") {
            QVERIFY2(
                body.contains(QStringLiteral("<%1Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                                             "<requestId>req-0001</requestId>")
                                  .arg(operation)),
                qPrintable(body));
        } else {
            QVERIFY2(body.contains(QStringLiteral("<%1Response xmlns=\"%2\"><%3>")
                                       .arg(operation, model->metadata().xmlNamespace, op->resultWrapper)),
                     qPrintable(body));
            QVERIFY2(body.contains(QStringLiteral(
                         "<ResponseMetadata><RequestId>req-0001</RequestId></ResponseMetadata>")),
                     qPrintable(body));
        }
        const ParseResult parsed = codec().parseResponse(*model, *op, resp);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error ? parsed.error->toString() : QString()));
        QCOMPARE(parsed.requestId, QStringLiteral("req-0001"));
        d = xmltest::diff(output, parsed.output);
        QVERIFY2(d.isEmpty(), qPrintable(d + QStringLiteral("\nbody: ") + body));
    }

    void serverError_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("wireCode");
        QTest::addColumn<int>("wireStatus");
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("retry");
        if (kProtocol == u"ec2") {
            QTest::newRow("ec2 not found") << "ec2"
                                           << "InvalidGroup.NotFound" << 400 << "InvalidGroup.NotFound" << 400
                                           << "" << int(RetryClass::None);
            QTest::newRow("ec2 throttled") << "ec2"
                                           << "RequestLimitExceeded" << 503 << "RequestLimitExceeded" << 503
                                           << "" << int(RetryClass::Throttling);
            QTest::newRow("ec2 default status")
                << "ec2"
                << "DependencyViolation" << 0 << "DependencyViolation" << 400 << "" << int(RetryClass::None);
        } else {
            // Named by its shape: the wire carries the shape's code and status.
            QTest::newRow("rds modeled") << "rds"
                                         << "DBInstanceNotFoundFault" << 0 << "DBInstanceNotFound" << 404
                                         << "Sender" << int(RetryClass::None);
            QTest::newRow("rds by code") << "rds"
                                         << "DBInstanceAlreadyExists" << 0 << "DBInstanceAlreadyExists" << 400
                                         << "Sender" << int(RetryClass::None);
            QTest::newRow("sts expired") << "sts"
                                         << "ExpiredTokenException" << 0 << "ExpiredTokenException" << 400
                                         << "Sender" << int(RetryClass::None);
            QTest::newRow("iam internal") << "iam"
                                          << "InternalFailure" << 500 << "InternalFailure" << 500
                                          << "Receiver" << int(RetryClass::Transient);
        }
    }

    void serverError()
    {
        QFETCH(QString, service);
        QFETCH(QString, code);
        QFETCH(int, status);
        QFETCH(QString, wireCode);
        QFETCH(int, wireStatus);
        QFETCH(QString, type);
        QFETCH(int, retry);
        QString error;
        const auto model = xmltest::realModel(service, &error);
        QVERIFY2(model, qPrintable(error));

        AwsError e;
        e.code = code;
        e.message = QStringLiteral("It's <not> \"there\" & that's that");
        e.httpStatus = status;
        const HttpResponse resp = codec().serializeError(*model, e, QStringLiteral("req-err"));
        QCOMPARE(resp.status, wireStatus);
        const QString body = QString::fromUtf8(resp.body);
        if (kProtocol == u"ec2")
            QVERIFY2(
                body.contains(QStringLiteral("<Response><Errors><Error><Code>%1</Code>").arg(wireCode)) &&
                    body.contains(QStringLiteral("<RequestID>req-err</RequestID></Response>")),
                qPrintable(body));
        else
            QVERIFY2(
                body.contains(QStringLiteral("<Error><Type>%1</Type><Code>%2</Code>").arg(type, wireCode)) &&
                    body.contains(QStringLiteral("<RequestId>req-err</RequestId></ErrorResponse>")),
                qPrintable(body));

        // Any operation of the service: errors do not depend on it.
        const Operation *op = &*model->operations().cbegin();
        const ParseResult parsed = codec().parseResponse(*model, *op, resp);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error->code, wireCode);
        QCOMPARE(parsed.error->message, e.message);
        QCOMPARE(parsed.error->httpStatus, wireStatus);
        QCOMPARE(parsed.error->requestId, QStringLiteral("req-err"));
        QCOMPARE(parsed.error->type, type);
        QCOMPARE(int(parsed.error->retry), retry);
    }

    void serverRejectsUnknownAction()
    {
        REQUIRE_CONFORMANCE_DIR();
        QString error;
        const auto model =
            xmltest::realModel(kProtocol == u"ec2" ? QStringLiteral("ec2") : QStringLiteral("sts"), &error);
        QVERIFY2(model, qPrintable(error));
        HttpRequest req;
        req.body = "Action=LaunchTheMissiles&Version=2011-06-15";
        const ServerParseResult r = codec().parseRequest(*model, req);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->code, QStringLiteral("InvalidAction"));
        QCOMPARE(r.error->httpStatus, 400);
        QVERIFY(r.error->message.contains(QStringLiteral("LaunchTheMissiles")));
    }

    void serverRejectsMalformedValues_data()
    {
        QTest::addColumn<QByteArray>("body");
        if (kProtocol == u"ec2") {
            QTest::newRow("integer") << QByteArray(
                "Action=DescribeSecurityGroups&Version=2016-11-15&MaxResults=ten");
            QTest::newRow("boolean") << QByteArray(
                "Action=DescribeSecurityGroups&Version=2016-11-15&DryRun=maybe");
            QTest::newRow("nested integer")
                << QByteArray("Action=AuthorizeSecurityGroupIngress&Version=2016-11-15"
                              "&IpPermissions.1.FromPort=eighty");
        } else {
            QTest::newRow("integer") << QByteArray(
                "Action=DescribeDBInstances&Version=2014-10-31&MaxRecords=x");
            QTest::newRow("boolean") << QByteArray("Action=CreateDBInstance&Version=2014-10-31&MultiAZ=yes");
        }
    }

    void serverRejectsMalformedValues()
    {
        REQUIRE_CONFORMANCE_DIR();
        QFETCH(QByteArray, body);
        QString error;
        const auto model =
            xmltest::realModel(kProtocol == u"ec2" ? QStringLiteral("ec2") : QStringLiteral("rds"), &error);
        QVERIFY2(model, qPrintable(error));
        HttpRequest req;
        req.body = body;
        const ServerParseResult r = codec().parseRequest(*model, req);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->code, kProtocol == u"ec2" ? QStringLiteral("InvalidParameterValue")
                                                    : QStringLiteral("ValidationError"));
        QCOMPARE(r.error->httpStatus, 400);
    }

    // ---- client side details the vectors do not cover ----

    void nonXmlErrorBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("retry");
        QTest::newRow("empty 503") << 503 << QByteArray() << "503"
                                   << "Service Unavailable" << int(RetryClass::Transient);
        QTest::newRow("html 502") << 502 << QByteArray("<html><body>Bad gateway</body></html>") << "502"
                                  << "<html><body>Bad gateway</body></html>" << int(RetryClass::Transient);
        QTest::newRow("text 403") << 403 << QByteArray("Forbidden by proxy\n") << "403"
                                  << "Forbidden by proxy" << int(RetryClass::None);
        QTest::newRow("empty 429") << 429 << QByteArray() << "429"
                                   << "Too Many Requests" << int(RetryClass::Throttling);
    }

    void nonXmlErrorBodies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(int, retry);
        const auto model =
            ServiceModel::fromParts(QJsonObject{{"protocol", kProtocol}, {"apiVersion", "2020-01-08"}}, {},
                                    QJsonObject{{"Op", QJsonObject{{"name", "Op"}}}});
        QVERIFY(model);
        HttpResponse resp;
        resp.status = status;
        resp.body = body;
        resp.headers.append(qMakePair(QByteArray("x-amzn-RequestId"), QByteArray("hdr-id")));
        const ParseResult r = codec().parseResponse(*model, *model->operation(QStringLiteral("Op")), resp);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->code, code);
        QCOMPARE(r.error->message, message);
        QCOMPARE(r.error->httpStatus, status);
        QCOMPARE(r.error->requestId, QStringLiteral("hdr-id"));
        QCOMPARE(int(r.error->retry), retry);
    }

    void idempotencyTokenIsAUuid()
    {
        const QJsonObject shapes{
            {"In",
             QJsonObject{{"type", "structure"},
                         {"members", QJsonObject{{"ClientToken", QJsonObject{{"shape", "S"},
                                                                             {"idempotencyToken", true}}}}}}},
            {"S", QJsonObject{{"type", "string"}}}};
        const auto model = ServiceModel::fromParts(
            QJsonObject{{"protocol", kProtocol}, {"apiVersion", "2020-01-08"}}, shapes,
            QJsonObject{{"Op", QJsonObject{{"name", "Op"}, {"input", QJsonObject{{"shape", "In"}}}}}});
        QVERIFY(model);
        const Operation &op = *model->operation(QStringLiteral("Op"));
        const HttpRequest a = codec().serializeRequest(*model, op, {});
        const HttpRequest b = codec().serializeRequest(*model, op, {});
        const QString token =
            QUrlQuery(QString::fromUtf8(a.body)).queryItemValue(QStringLiteral("ClientToken"));
        QVERIFY2(!QUuid::fromString(token).isNull(), qPrintable(token));
        QVERIFY(a.body != b.body);
        // A caller's token is kept (that is what makes a retry safe).
        const HttpRequest c = codec().serializeRequest(*model, op, {{"ClientToken", "mine"}});
        QVERIFY(c.body.contains("ClientToken=mine"));
    }
};

QTEST_GUILESS_MAIN(ProtocolVectorsTest)
#include "tst_protocol_vectors.moc"
