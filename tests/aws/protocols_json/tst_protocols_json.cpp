// The JSON 1.1 codec against botocore's protocol test vectors
// (protocols/json/{input,output}/json.json and legacy/json.json) and in
// round trips client ↔ server with the real ECS, ECR and Logs models.

#include "Conformance.h"
#include "JsonTestSupport.h"
#include "RoundTripSamples.h"
#include "protocol/JsonProtocol.h"

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
const QHash<QString, QString> &knownFailures() {
    static const QHash<QString, QString> table = {};
    return table;
}

struct IgnoreList {
    QStringList inputSuites;
    QStringList inputCases;
    QStringList outputCases;
};

IgnoreList ignoreList() {
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

QByteArray toBytes(const QString &s) {
    return s.toUtf8();
}

HttpHeaders headersFrom(const QJsonObject &o) {
    HttpHeaders h;
    for (auto it = o.begin(); it != o.end(); ++it)
        h.append({toBytes(it.key()), toBytes(it.value().toString())});
    return h;
}

std::shared_ptr<const ServiceModel> modelFor(const QJsonObject &suite, const QJsonObject &given,
                                             QString *error) {
    return ServiceModel::fromParts(suite[u"metadata"].toObject(), suite[u"shapes"].toObject(),
                                   QJsonObject{{given[u"name"].toString(), given}}, error);
}

QJsonValue parseJsonText(const QByteArray &text, QString *error) {
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
QString checkInputCase(const QJsonObject &suite, const QJsonObject &c) {
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
QString checkOutputCase(const QJsonObject &suite, const QJsonObject &c) {
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
void addVectorRows(const QString &file, const QString &tagPrefix, bool input) {
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

void addColumns() {
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
};

void TestJsonProtocol::inputVectors_data() {
    addColumns();
    if (!QFileInfo(testsupport::conformanceDir()).isDir())
        return;
    addVectorRows(QStringLiteral("protocols/json/input/json.json"), QStringLiteral("input"), true);
    addVectorRows(QStringLiteral("protocols/json/input/legacy/json.json"), QStringLiteral("legacy-input"),
                  true);
}

void TestJsonProtocol::inputVectors() {
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

void TestJsonProtocol::outputVectors_data() {
    addColumns();
    if (!QFileInfo(testsupport::conformanceDir()).isDir())
        return;
    addVectorRows(QStringLiteral("protocols/json/output/json.json"), QStringLiteral("output"), false);
    addVectorRows(QStringLiteral("protocols/json/output/legacy/json.json"), QStringLiteral("legacy-output"),
                  false);
}

void TestJsonProtocol::outputVectors() {
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

QTEST_GUILESS_MAIN(TestJsonProtocol)
#include "tst_protocols_json.moc"
