// AWS's protocol test vectors (botocore's copies under protocols/<p>/) for
// the query or ec2 codec — DC_PROTOCOL picks which — plus round trips of the
// server side (sandbox) through the client side with the real models.

#include "Conformance.h"
#include "XmlTestSupport.h"
#include "protocol/Ec2Protocol.h"
#include "protocol/QueryProtocol.h"

#include <QUrl>
#include <QtTest>

using namespace aws;

namespace {

const QString kProtocol = QStringLiteral(DC_PROTOCOL);

/// Cases we cannot pass, by id (or "<file>#<suite>.<case>" for legacy
/// cases), with the reason. Reported as QEXPECT_FAIL. Kept empty: every
/// case botocore runs passes.
const QHash<QString, QString> kKnownFailures = {};

const ProtocolCodec &codec() {
    static const QueryProtocol query;
    static const Ec2Protocol ec2;
    if (kProtocol == u"ec2")
        return ec2;
    return query;
}

QStringList vectorFiles(const QString &direction) {
    return {QStringLiteral("protocols/%1/%2/%1.json").arg(kProtocol, direction),
            QStringLiteral("protocols/%1/%2/legacy/%1.json").arg(kProtocol, direction)};
}

void addCaseRows(const QString &direction) {
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
QString checkInput(const QJsonObject &suite, const QJsonObject &tc) {
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

QString checkOutput(const QJsonObject &suite, const QJsonObject &tc) {
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

void runCase(const QString &direction) {
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
    void input_data() {
        REQUIRE_CONFORMANCE_DIR();
        addCaseRows(QStringLiteral("input"));
    }
    void input() { runCase(QStringLiteral("input")); }

    void output_data() {
        REQUIRE_CONFORMANCE_DIR();
        addCaseRows(QStringLiteral("output"));
    }
    void output() { runCase(QStringLiteral("output")); }
};

QTEST_GUILESS_MAIN(ProtocolVectorsTest)
#include "tst_protocol_vectors.moc"
