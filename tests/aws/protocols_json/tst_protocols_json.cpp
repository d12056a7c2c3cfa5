// The JSON 1.1 codec against botocore's protocol test vectors
// (protocols/json/{input,output}/json.json and legacy/json.json) and in
// round trips client ↔ server with the real ECS, ECR and Logs models.

#include "Conformance.h"
#include "JsonTestSupport.h"
#include "RoundTripSamples.h"
#include "protocol/JsonProtocol.h"
#include "protocol/JsonReader.h"
#include "protocol/Timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QtTest>

using namespace aws;
using jsontest::jsonDifference;

namespace {

// Cases we cannot pass, by id, with the reason. Each is reported through
// QEXPECT_FAIL, never dropped silently. Empty: every case passes.
const QHash<QString, QString> &knownFailures()
{
    static const QHash<QString, QString> table = {};
    return table;
}

struct IgnoreList {
    QStringList inputSuites;
    QStringList inputCases;
    QStringList outputCases;
};

IgnoreList ignoreList()
{
    const QJsonObject o =
        testsupport::readConformanceJson(QStringLiteral("protocols/protocol-tests-ignore-list.json"))
            .object();
    auto strings = [](const QJsonValue &v) {
        QStringList out;
        for (const QJsonValue &s : v.toArray())
            out << s.toString();
        return out;
    };
    IgnoreList l;
    l.inputSuites = strings(o[u"general"][u"input"][u"suites"]);
    l.inputCases = strings(o[u"protocols"][u"json"][u"input"][u"cases"]);
    l.outputCases = strings(o[u"protocols"][u"json"][u"output"][u"cases"]);
    return l;
}

QByteArray toBytes(const QString &s)
{
    return s.toUtf8();
}

HttpHeaders headersFrom(const QJsonObject &o)
{
    HttpHeaders h;
    for (auto it = o.begin(); it != o.end(); ++it)
        h.append({toBytes(it.key()), toBytes(it.value().toString())});
    return h;
}

std::shared_ptr<const ServiceModel> modelFor(const QJsonObject &suite, const QJsonObject &given,
                                             QString *error)
{
    return ServiceModel::fromParts(suite[u"metadata"].toObject(), suite[u"shapes"].toObject(),
                                   QJsonObject{{given[u"name"].toString(), given}}, error);
}

QJsonValue parseJsonText(const QByteArray &text, QString *error)
{
    // The vectors' bodies are objects; QJsonDocument does not take scalars.
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = pe.errorString();
        return {};
    }
    return doc.array().at(0);
}

/// Serializes one input case; empty when everything matches.
QString checkInputCase(const QJsonObject &suite, const QJsonObject &c)
{
    QString err;
    const QJsonObject given = c[u"given"].toObject();
    const auto model = modelFor(suite, given, &err);
    if (!model)
        return QStringLiteral("model: ") + err;
    const Operation *op = model->operation(given[u"name"].toString());
    if (!op)
        return QStringLiteral("operation missing from the model");
    const QJsonObject params = jsontest::vectorToOurs(c[u"params"].toObject(), op->input.shape);

    QString hostPrefix;
    const HttpRequest req = JsonProtocol().serializeRequest(*model, *op, params, &hostPrefix);
    const QJsonObject ser = c[u"serialized"].toObject();
    const QUrl endpoint(suite[u"clientEndpoint"].toString(QStringLiteral("https://example.com")));
    QString endpointPath = endpoint.path();
    if (endpointPath.endsWith(u'/'))
        endpointPath.chop(1);

    if (ser.contains(u"method") && req.method != toBytes(ser[u"method"].toString()))
        return QStringLiteral("method %1, expected %2")
            .arg(QString::fromUtf8(req.method), ser[u"method"].toString());
    if (ser.contains(u"uri") && endpointPath + QString::fromUtf8(req.path) != ser[u"uri"].toString())
        return QStringLiteral("uri %1, expected %2").arg(QString::fromUtf8(req.path), ser[u"uri"].toString());
    const QJsonObject headers = ser[u"headers"].toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (!hasHeader(req.headers, toBytes(it.key())))
            return QStringLiteral("header %1 missing").arg(it.key());
        const QByteArray v = headerValue(req.headers, toBytes(it.key()));
        if (v != toBytes(it.value().toString()))
            return QStringLiteral("header %1: %2, expected %3")
                .arg(it.key(), QString::fromUtf8(v), it.value().toString());
    }
    for (const QJsonValue &h : ser[u"requireHeaders"].toArray())
        if (!hasHeader(req.headers, toBytes(h.toString())))
            return QStringLiteral("required header %1 missing").arg(h.toString());
    if (ser.contains(u"body")) {
        const QByteArray expectedText = toBytes(ser[u"body"].toString());
        QString e1, e2;
        const QJsonValue actual = parseJsonText(req.body, &e1);
        if (!e1.isEmpty())
            return QStringLiteral("our body is not JSON (%1): %2").arg(e1, QString::fromUtf8(req.body));
        const QJsonValue expected =
            expectedText.trimmed().isEmpty() ? QJsonValue(QJsonObject()) : parseJsonText(expectedText, &e2);
        const QString d = jsonDifference(actual, expected);
        if (!d.isEmpty())
            return QStringLiteral("body %1 (ours: %2)").arg(d, QString::fromUtf8(req.body));
    }
    if (ser.contains(u"host")) {
        const QString host = hostPrefix + endpoint.host() + endpointPath;
        if (host != ser[u"host"].toString())
            return QStringLiteral("host %1, expected %2").arg(host, ser[u"host"].toString());
    }
    return {};
}

/// Parses one output case; empty when everything matches.
QString checkOutputCase(const QJsonObject &suite, const QJsonObject &c)
{
    QString err;
    const QJsonObject given = c[u"given"].toObject();
    const auto model = modelFor(suite, given, &err);
    if (!model)
        return QStringLiteral("model: ") + err;
    const Operation *op = model->operation(given[u"name"].toString());
    if (!op)
        return QStringLiteral("operation missing from the model");

    const QJsonObject r = c[u"response"].toObject();
    HttpResponse resp;
    resp.status = r[u"status_code"].toInt(200);
    resp.headers = headersFrom(r[u"headers"].toObject());
    resp.body = toBytes(r[u"body"].toString());
    // Event stream bodies are binary: the vectors carry them base64-encoded.
    bool eventStream = false;
    if (op->output.shape)
        for (const ShapeRef &m : op->output.shape->members)
            eventStream = eventStream || (m.shape && m.shape->eventStream);
    if (eventStream)
        resp.body = QByteArray::fromBase64(resp.body);

    const ParseResult result = JsonProtocol().parseResponse(*model, *op, resp);
    if (c.contains(u"result")) {
        if (!result.ok())
            return QStringLiteral("unexpected error %1").arg(result.error->toString());
        const QJsonObject expected = jsontest::vectorToOurs(c[u"result"].toObject(), op->output.shape);
        const QString d = jsonDifference(result.output, expected);
        return d.isEmpty() ? QString() : QStringLiteral("result ") + d;
    }
    if (result.ok())
        return QStringLiteral("expected error %1, parsed fine").arg(c[u"errorCode"].toString());
    const AwsError &e = *result.error;
    if (e.code != c[u"errorCode"].toString())
        return QStringLiteral("code %1, expected %2").arg(e.code, c[u"errorCode"].toString());
    if (e.message != c[u"errorMessage"].toString())
        return QStringLiteral("message '%1', expected '%2'").arg(e.message, c[u"errorMessage"].toString());
    if (e.httpStatus != resp.status)
        return QStringLiteral("status %1, expected %2").arg(e.httpStatus).arg(resp.status);
    const QJsonObject expectedFields =
        jsontest::vectorToOurs(c[u"error"].toObject(), model->errorShape(c[u"errorCode"].toString()));
    const QString d = jsonDifference(e.fields, expectedFields);
    if (!d.isEmpty())
        return QStringLiteral("error fields ") + d;
    const QByteArray requestId = headerValue(resp.headers, "x-amzn-RequestId");
    if (e.requestId != QString::fromUtf8(requestId))
        return QStringLiteral("request id '%1', expected '%2'")
            .arg(e.requestId, QString::fromUtf8(requestId));
    return {};
}

/// Adds one row per case of a vector file: suite (without its cases), case,
/// skip reason (ignore list), expected-failure reason (our table).
void addVectorRows(const QString &file, const QString &tagPrefix, bool input)
{
    const IgnoreList ignored = ignoreList();
    const QJsonArray suites = testsupport::readConformanceJson(file).array();
    QVERIFY2(!suites.isEmpty(),
             qPrintable(QStringLiteral("no suites in %1/%2").arg(testsupport::conformanceDir(), file)));
    for (const QJsonValue &sv : suites) {
        QJsonObject suite = sv.toObject();
        const QJsonArray cases = suite.take(u"cases").toArray();
        const QString description = suite[u"description"].toString();
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const QJsonObject c = cases.at(i).toObject();
            const QString id = c[u"id"].toString();
            QString skip;
            if (input && ignored.inputSuites.contains(description))
                skip = QStringLiteral("suite '%1' is on botocore's ignore list (general.input.suites)")
                           .arg(description);
            else if (!id.isEmpty() && (input ? ignored.inputCases : ignored.outputCases).contains(id))
                skip = QStringLiteral("case %1 is on botocore's ignore list (protocols.json.%2.cases)")
                           .arg(id, input ? QStringLiteral("input") : QStringLiteral("output"));
            const QString tag =
                tagPrefix + u'/' + (id.isEmpty() ? QStringLiteral("%1 #%2").arg(description).arg(i + 1) : id);
            QTest::newRow(qPrintable(tag)) << suite << c << skip << knownFailures().value(id);
        }
    }
}

void addColumns()
{
    QTest::addColumn<QJsonObject>("suite");
    QTest::addColumn<QJsonObject>("testCase");
    QTest::addColumn<QString>("skipReason");
    QTest::addColumn<QString>("expectedFailure");
}

} // namespace

class TestJsonProtocol : public QObject {
    Q_OBJECT

private slots:
    void inputVectors_data();
    void inputVectors();
    void outputVectors_data();
    void outputVectors();

    // Beyond the vectors: what botocore's runner skips but the services send.
    void errorCodeSources_data();
    void errorCodeSources();
    void unparseableBodies();
    void idempotencyTokenFilled();

    // The fast paths give what the general ones give.
    void responsesReadInOnePass_data();
    void responsesReadInOnePass();
    void timestampsFastAndGeneral();

    // Server side (the sandbox) with the real models.
    void serverRoundTrip_data();
    void serverRoundTrip();
    void serverErrors_data();
    void serverErrors();
    void serverRejectsBadRequests_data();
    void serverRejectsBadRequests();
};

void TestJsonProtocol::inputVectors_data()
{
    addColumns();
    if (!QFileInfo(testsupport::conformanceDir()).isDir())
        return;
    addVectorRows(QStringLiteral("protocols/json/input/json.json"), QStringLiteral("input"), true);
    addVectorRows(QStringLiteral("protocols/json/input/legacy/json.json"), QStringLiteral("legacy-input"),
                  true);
}

void TestJsonProtocol::inputVectors()
{
    REQUIRE_CONFORMANCE_DIR();
    QFETCH(QJsonObject, suite);
    QFETCH(QJsonObject, testCase);
    QFETCH(QString, skipReason);
    QFETCH(QString, expectedFailure);
    if (!skipReason.isEmpty())
        QSKIP(qPrintable(skipReason));
    const QString mismatch = checkInputCase(suite, testCase);
    if (!expectedFailure.isEmpty())
        QEXPECT_FAIL("", qPrintable(expectedFailure), Continue);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestJsonProtocol::outputVectors_data()
{
    addColumns();
    if (!QFileInfo(testsupport::conformanceDir()).isDir())
        return;
    addVectorRows(QStringLiteral("protocols/json/output/json.json"), QStringLiteral("output"), false);
    addVectorRows(QStringLiteral("protocols/json/output/legacy/json.json"), QStringLiteral("legacy-output"),
                  false);
}

void TestJsonProtocol::outputVectors()
{
    REQUIRE_CONFORMANCE_DIR();
    QFETCH(QJsonObject, suite);
    QFETCH(QJsonObject, testCase);
    QFETCH(QString, skipReason);
    QFETCH(QString, expectedFailure);
    if (!skipReason.isEmpty())
        QSKIP(qPrintable(skipReason));
    const QString mismatch = checkOutputCase(suite, testCase);
    if (!expectedFailure.isEmpty())
        QEXPECT_FAIL("", qPrintable(expectedFailure), Continue);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

std::shared_ptr<const ServiceModel> errorModel()
{
    const QJsonObject shapes = QJsonDocument::fromJson(R"({
        "FooError": {"type": "structure", "members": {"Reason": {"shape": "String"}}, "exception": true, "fault": true},
        "String": {"type": "string"}})")
                                   .object();
    const QJsonObject ops = QJsonDocument::fromJson(R"({
        "Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "errors": [{"shape": "FooError"}]}})")
                                .object();
    return ServiceModel::fromParts(
        QJsonObject{{"protocol", "json"}, {"jsonVersion", "1.1"}, {"targetPrefix", "T"}}, shapes, ops);
}

void TestJsonProtocol::errorCodeSources_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    const QByteArray uri = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";
    QTest::newRow("X-Amzn-Errortype") << QByteArray("FooError") << QByteArray() << "FooError";
    QTest::newRow("X-Amzn-Errortype with uri") << "FooError" + uri << QByteArray() << "FooError";
    QTest::newRow("X-Amzn-Errortype with ns and uri")
        << "aws.protocoltests.restjson#FooError" + uri << QByteArray() << "FooError";
    QTest::newRow("header wins over body")
        << QByteArray("FooError") << QByteArray(R"({"__type":"Other"})") << "FooError";
    QTest::newRow("code") << QByteArray() << QByteArray(R"({"code":"FooError"})") << "FooError";
    QTest::newRow("code with ns") << QByteArray() << QByteArray(R"({"code":"ns#FooError"})") << "FooError";
    QTest::newRow("code with ns and uri") << QByteArray() << R"({"code":"ns#FooError)" + uri + R"("})"
                                          << "FooError";
    QTest::newRow("__type with ns") << QByteArray()
                                    << QByteArray(R"({"__type":"com.amazonaws.ecs#FooError"})") << "FooError";
    QTest::newRow("__type wins over code")
        << QByteArray() << QByteArray(R"({"__type":"FooError","code":"X"})") << "FooError";
    QTest::newRow("nothing names it") << QByteArray() << QByteArray("{}") << "500";
}

void TestJsonProtocol::errorCodeSources()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    const auto model = errorModel();
    QVERIFY(model);
    HttpResponse resp;
    resp.status = 500;
    if (!header.isEmpty())
        setHeader(resp.headers, "X-Amzn-Errortype", header);
    setHeader(resp.headers, "x-amzn-RequestId", "req-1");
    resp.body = body;
    const ParseResult r = JsonProtocol().parseResponse(*model, *model->operation("Op"), resp);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, code);
    QCOMPARE(r.error->httpStatus, 500);
    QCOMPARE(r.error->requestId, QStringLiteral("req-1"));
    QCOMPARE(r.error->retry, RetryClass::Transient);
    QCOMPARE(r.error->type, QStringLiteral("Receiver"));
}

void TestJsonProtocol::unparseableBodies()
{
    const auto model = errorModel();
    const Operation &op = *model->operation("Op");
    HttpResponse resp;
    resp.status = 502;
    resp.body = "<html><body>Bad Gateway</body></html>";
    ParseResult r = JsonProtocol().parseResponse(*model, op, resp);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->httpStatus, 502);
    QCOMPARE(r.error->code, QStringLiteral("502"));
    QVERIFY(r.error->message.contains(u"Bad Gateway"));
    QCOMPARE(r.error->retry, RetryClass::Transient);

    resp.status = 400;
    resp.body = R"({"__type":"ThrottlingException","message":"Rate exceeded"})";
    r = JsonProtocol().parseResponse(*model, op, resp);
    QCOMPARE(r.error->code, QStringLiteral("ThrottlingException"));
    QCOMPARE(r.error->message, QStringLiteral("Rate exceeded"));
    QCOMPARE(r.error->retry, RetryClass::Throttling);

    // A success status with a body that is not JSON is a protocol error.
    const auto ecs = jsontest::realModel(QStringLiteral("ecs"));
    if (!ecs)
        QSKIP(qPrintable(QStringLiteral("no ECS model under %1").arg(testsupport::conformanceDir())));
    resp.status = 200;
    resp.body = "{\"tasks\": [";
    r = JsonProtocol().parseResponse(*ecs, *ecs->operation("DescribeTasks"), resp);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->kind, ErrorKind::Protocol);
    QCOMPARE(r.error->httpStatus, 200);

    // The message names what QJsonDocument::fromJson finds wrong.
    for (const char *body : {"{\"tasks\": [", "{\"tasks\": [1 2]}", "[{}]", "{\"tasks\":\"\xff\"}", "{} x"}) {
        resp.body = body;
        r = JsonProtocol().parseResponse(*ecs, *ecs->operation("DescribeTasks"), resp);
        QVERIFY(!r.ok());
        QJsonParseError pe;
        QJsonDocument::fromJson(resp.body, &pe);
        QCOMPARE(r.error->message,
                 QStringLiteral("response body is not a JSON object: %1").arg(pe.errorString()));
    }
}

void TestJsonProtocol::idempotencyTokenFilled()
{
    // botocore fills a UUID (its own vectors pin it to zeros, hence skipped).
    const QJsonObject shapes = QJsonDocument::fromJson(R"({
        "In": {"type": "structure", "members": {"Token": {"shape": "S", "idempotencyToken": true},
                                                 "Name": {"shape": "S"}}},
        "S": {"type": "string"}})")
                                   .object();
    const QJsonObject ops =
        QJsonDocument::fromJson(R"({"Op": {"name": "Op", "input": {"shape": "In"}}})").object();
    const auto model = ServiceModel::fromParts(
        QJsonObject{{"protocol", "json"}, {"jsonVersion", "1.1"}, {"targetPrefix", "T"}}, shapes, ops);
    QVERIFY(model);
    const Operation &op = *model->operation("Op");
    const QJsonObject sent =
        QJsonDocument::fromJson(JsonProtocol().serializeRequest(*model, op, {{"Name", "x"}}).body).object();
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QVERIFY2(uuid.match(sent[u"Token"].toString()).hasMatch(), qPrintable(sent[u"Token"].toString()));
    const QJsonObject kept =
        QJsonDocument::fromJson(JsonProtocol().serializeRequest(*model, op, {{"Token", "abc123"}}).body)
            .object();
    QCOMPARE(kept[u"Token"].toString(), QStringLiteral("abc123"));
}

void TestJsonProtocol::serverRoundTrip_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("output");
    for (const auto &s : jsontest::roundTripSamples())
        QTest::newRow(
            qPrintable(QStringLiteral("%1.%2").arg(QLatin1String(s.service), QLatin1String(s.operation))))
            << QString::fromLatin1(s.service) << QString::fromLatin1(s.operation) << QByteArray(s.input)
            << QByteArray(s.output);
}

void TestJsonProtocol::serverRoundTrip()
{
    REQUIRE_CONFORMANCE_DIR();
    QFETCH(QString, service);
    QFETCH(QString, operation);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, output);
    const auto model = jsontest::realModel(service);
    QVERIFY2(model, qPrintable(QStringLiteral("cannot load models/%1/service-2.json").arg(service)));
    QCOMPARE(model->metadata().protocol, QStringLiteral("json"));
    const Operation *op = model->operation(operation);
    QVERIFY(op);
    QJsonParseError pe;
    const QJsonObject params = QJsonDocument::fromJson(input, &pe).object();
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
    const QJsonObject out = QJsonDocument::fromJson(output, &pe).object();
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
    const JsonProtocol codec;

    // Client request → server.
    HttpRequest req = codec.serializeRequest(*model, *op, params);
    QCOMPARE(headerValue(req.headers, "X-Amz-Target"),
             (model->metadata().targetPrefix + u'.' + operation).toUtf8());
    QCOMPARE(headerValue(req.headers, "Content-Type"), QByteArray("application/x-amz-json-1.1"));
    const ServerParseResult sp = codec.parseRequest(*model, req);
    QVERIFY2(sp.ok(), qPrintable(sp.error ? sp.error->toString() : QString()));
    QCOMPARE(sp.request.operation, op);
    QString d = jsonDifference(sp.request.params, params);
    QVERIFY2(d.isEmpty(), qPrintable(QStringLiteral("request params: ") + d));

    // Server response → client.
    const HttpResponse resp = codec.serializeResponse(*model, *op, out, QStringLiteral("rid-42"));
    QCOMPARE(resp.status, 200);
    QCOMPARE(headerValue(resp.headers, "x-amzn-RequestId"), QByteArray("rid-42"));
    QCOMPARE(headerValue(resp.headers, "Content-Type"), QByteArray("application/x-amz-json-1.1"));
    const ParseResult pr = codec.parseResponse(*model, *op, resp);
    QVERIFY2(pr.ok(), qPrintable(pr.error ? pr.error->toString() : QString()));
    d = jsonDifference(pr.output, out);
    QVERIFY2(d.isEmpty(), qPrintable(QStringLiteral("output: ") + d + u'\n' + QString::fromUtf8(resp.body)));
    // Timestamps travel as epoch numbers, the way the real services send them.
    QVERIFY(!resp.body.contains("\"createdAt\":\"") && !resp.body.contains("\"registeredAt\":\""));
}

void TestJsonProtocol::serverErrors_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("type");
    QTest::newRow("ClusterNotFoundException") << "ClusterNotFoundException" << 0 << 400 << "Sender";
    QTest::newRow("ClientException") << "ClientException" << 400 << 400 << "Sender";
    QTest::newRow("ServerException") << "ServerException" << 500 << 500 << "Receiver";
    QTest::newRow("unmodeled ThrottlingException") << "ThrottlingException" << 400 << 400 << "Sender";
}

void TestJsonProtocol::serverErrors()
{
    REQUIRE_CONFORMANCE_DIR();
    QFETCH(QString, code);
    QFETCH(int, status);
    QFETCH(int, expectedStatus);
    QFETCH(QString, type);
    const auto model = jsontest::realModel(QStringLiteral("ecs"));
    QVERIFY(model);
    AwsError e;
    e.code = code;
    e.message = QStringLiteral("Cluster \"x\" not found – ünïcode");
    e.httpStatus = status;
    const JsonProtocol codec;
    const HttpResponse resp = codec.serializeError(*model, e, QStringLiteral("rid-7"));
    QCOMPARE(resp.status, expectedStatus);
    QCOMPARE(headerValue(resp.headers, "x-amzn-RequestId"), QByteArray("rid-7"));
    QCOMPARE(headerValue(resp.headers, "Content-Type"), QByteArray("application/x-amz-json-1.1"));
    const QJsonObject body = QJsonDocument::fromJson(resp.body).object();
    QCOMPARE(body[u"__type"].toString(), code);
    QCOMPARE(body[u"message"].toString(), e.message);

    const ParseResult r = codec.parseResponse(*model, *model->operation("DescribeTasks"), resp);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, code);
    QCOMPARE(r.error->message, e.message);
    QCOMPARE(r.error->httpStatus, expectedStatus);
    QCOMPARE(r.error->requestId, QStringLiteral("rid-7"));
    QCOMPARE(r.error->type, type);
    QCOMPARE(r.error->retry, classifyRetry(code, expectedStatus));
    if (model->errorShape(code))
        QCOMPARE(r.error->fields, (QJsonObject{{"message", e.message}}));
}

void TestJsonProtocol::serverRejectsBadRequests_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    const QByteArray dt = "AmazonEC2ContainerServiceV20141113.DescribeTasks";
    QTest::newRow("unknown operation") << QByteArray("AmazonEC2ContainerServiceV20141113.Nope")
                                       << QByteArray("{}") << "UnknownOperationException"
                                       << "Nope";
    QTest::newRow("other service's prefix")
        << QByteArray("Logs_20140328.DescribeTasks") << QByteArray("{}") << "UnknownOperationException"
        << "";
    QTest::newRow("no target") << QByteArray() << QByteArray("{}") << "UnknownOperationException"
                               << "";
    QTest::newRow("not JSON") << dt << QByteArray("cluster=x") << "SerializationException"
                              << "";
    QTest::newRow("truncated JSON") << dt << QByteArray("{\"cluster\": \"x\"") << "SerializationException"
                                    << "";
    QTest::newRow("array body") << dt << QByteArray("[]") << "SerializationException"
                                << "";
    QTest::newRow("string for list") << dt << QByteArray(R"({"tasks": "arn"})") << "SerializationException"
                                     << "tasks";
    QTest::newRow("number for string") << dt << QByteArray(R"({"cluster": 5})") << "SerializationException"
                                       << "cluster";
    QTest::newRow("number in list of strings")
        << dt << QByteArray(R"({"tasks": ["a", 1]})") << "SerializationException"
        << "tasks[1]";
}

void TestJsonProtocol::serverRejectsBadRequests()
{
    REQUIRE_CONFORMANCE_DIR();
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    const auto model = jsontest::realModel(QStringLiteral("ecs"));
    QVERIFY(model);
    HttpRequest req;
    if (!target.isEmpty())
        setHeader(req.headers, "X-Amz-Target", target);
    setHeader(req.headers, "Content-Type", "application/x-amz-json-1.1");
    req.body = body;
    const JsonProtocol codec;
    const ServerParseResult r = codec.parseRequest(*model, req);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, code);
    QCOMPARE(r.error->httpStatus, 400);
    QVERIFY2(r.error->message.contains(messagePart), qPrintable(r.error->message));

    // What the sandbox sends back parses on the client as the same error.
    const HttpResponse resp = codec.serializeError(*model, *r.error, QStringLiteral("rid"));
    const ParseResult back = codec.parseResponse(*model, *model->operation("DescribeTasks"), resp);
    QVERIFY(!back.ok());
    QCOMPARE(back.error->code, code);
    QCOMPARE(back.error->message, r.error->message);
}

void TestJsonProtocol::responsesReadInOnePass_data()
{
    // The one-pass parse of a response (JsonParser.h) against ShapeReader
    // over QJsonDocument::fromJson of the same body: the same rules.
    QTest::addColumn<QByteArray>("body");
    const QByteArray task =
        R"({"taskArn":"arn:t","cpu":"256","createdAt":1709294390.5,"version":3,)"
        R"("containers":[{"name":"app","networkBindings":[]}],"tags":[{"key":"k","value":"v"}]})";
    QTest::newRow("conforming") << QByteArray(R"({"tasks":[)" + task + R"(],"failures":[]})");
    QTest::newRow("whitespace") << QByteArray("{ \"tasks\" :\n\t[ " + task + " ] , \"failures\" : [ ] }\n");
    QTest::newRow("escaped value") << QByteArray(R"({"tasks":[{"taskArn":"a\"b\\c\u00e9"}]})");
    QTest::newRow("raw non-ASCII value") << QByteArray("{\"tasks\":[{\"taskArn\":\"caf\xc3\xa9\"}]}");
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("unknown member") << QByteArray(R"({"tasks":[{"taskArn":"a","newField":{"x":[1,null]}}]})");
    QTest::newRow("__type") << QByteArray(R"({"__type":"x","tasks":[]})");
    QTest::newRow("null member") << QByteArray(R"({"tasks":[{"taskArn":"a","cpu":null}]})");
    QTest::newRow("null item") << QByteArray(R"({"tasks":[null,{"taskArn":"a"}]})");
    QTest::newRow("all members null") << QByteArray(R"({"tasks":[{"taskArn":null}],"failures":null})");
    QTest::newRow("string timestamp") << QByteArray(R"({"tasks":[{"createdAt":"2024-03-01T12:00:00Z"}]})");
    QTest::newRow("escaped string timestamp")
        << QByteArray(R"({"tasks":[{"createdAt":"2024-03-01T12:00:00\u005a"}]})");
    QTest::newRow("epoch string timestamp") << QByteArray(R"({"tasks":[{"createdAt":"1709294390"}]})");
    QTest::newRow("integral timestamp") << QByteArray(R"({"tasks":[{"createdAt":1709294390}]})");
    QTest::newRow("bad timestamp") << QByteArray(R"({"tasks":[{"createdAt":"soon"}]})");
    QTest::newRow("escaped key") << QByteArray(R"({"tasks":[{"task\u0041rn":"a"}]})");
    QTest::newRow("wrong types kept") << QByteArray(R"({"tasks":{"not":"a list","n":null},"failures":"x"})");
    QTest::newRow("wrong scalar types kept")
        << QByteArray(R"({"tasks":[{"taskArn":5,"version":"3","containers":"c","tags":{"a":[null]}}]})");
    QTest::newRow("duplicate key, null first") << QByteArray(R"({"tasks":[{"cpu":null,"cpu":"1"}]})");
    QTest::newRow("duplicate key, null last") << QByteArray(R"({"tasks":[{"cpu":"1","cpu":null}]})");
    QTest::newRow("duplicate list") << QByteArray(R"({"tasks":[{"taskArn":"a"}],"tasks":[{"cpu":"2"}]})");
    QTest::newRow("unsorted members") << QByteArray(R"({"tasks":[{"version":3,"cpu":"1","taskArn":"a"}]})");
    QTest::newRow("numbers") << QByteArray(R"({"tasks":[{"version":3.0,"startedAt":1e9,"stoppedAt":-0.0}]})");
    QTest::newRow("map with nulls") << QByteArray(
        R"({"tasks":[{"overrides":{"containerOverrides":[{"environment":[null]}]}}]})");
}

void TestJsonProtocol::responsesReadInOnePass()
{
    QFETCH(QByteArray, body);
    const auto ecs = jsontest::realModel(QStringLiteral("ecs"));
    if (!ecs)
        QSKIP(qPrintable(QStringLiteral("no ECS model under %1").arg(testsupport::conformanceDir())));
    const Operation &op = *ecs->operation("DescribeTasks");
    HttpResponse resp;
    resp.status = 200;
    resp.body = body;
    const ParseResult r = JsonProtocol().parseResponse(*ecs, op, resp);
    QVERIFY(r.ok());
    const QJsonObject reference =
        json::ShapeReader(false).readStructure(QJsonDocument::fromJson(body).object(), *op.output.shape);
    QCOMPARE(r.output, reference);
    QCOMPARE(QJsonDocument(r.output).toJson(), QJsonDocument(reference).toJson());
}

void TestJsonProtocol::timestampsFastAndGeneral()
{
    // The forms read directly, and neighbours that take the general way.
    auto viaQt = [](const QString &s) -> std::optional<double> {
        QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!dt.isValid())
            return std::nullopt;
        return double(dt.toMSecsSinceEpoch()) / 1000.0;
    };
    const QStringList samples = {
        QStringLiteral("2024-03-01T12:00:00Z"),      QStringLiteral("2024-03-01T12:00:00.123Z"),
        QStringLiteral("2024-02-29T23:59:59.999Z"),  QStringLiteral("2000-01-01T00:00:00Z"),
        QStringLiteral("1969-12-31T23:59:59Z"),      QStringLiteral("2023-02-29T00:00:00Z"),
        QStringLiteral("2024-13-01T00:00:00Z"),      QStringLiteral("2024-03-01T24:00:00Z"),
        QStringLiteral("2024-03-01T12:00:60Z"),      QStringLiteral("2024-03-01T12:00:00.5Z"),
        QStringLiteral("2024-03-01T12:00:00+02:00"), QStringLiteral("2024-03-01t12:00:00z"),
    };
    for (const QString &s : samples) {
        const auto expected = viaQt(s);
        QCOMPARE(timestamp::parse(s), expected);
        QCOMPARE(timestamp::parse(QByteArrayView(s.toUtf8())), expected);
    }
    QCOMPARE(timestamp::parse(QStringLiteral(" 2024-03-01T12:00:00Z ")),
             viaQt(QStringLiteral("2024-03-01T12:00:00Z")));
    QCOMPARE(timestamp::parse(QStringLiteral("1709294400.5")), std::optional<double>(1709294400.5));
}

QTEST_GUILESS_MAIN(TestJsonProtocol)
#include "tst_protocols_json.moc"
