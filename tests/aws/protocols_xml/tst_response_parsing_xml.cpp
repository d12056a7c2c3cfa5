// Responses captured from EC2, IAM, RDS and STS (botocore's
// response-parsing/xml files), parsed with the real service models.

#include "Conformance.h"
#include "XmlTestSupport.h"
#include "protocol/Ec2Protocol.h"
#include "protocol/QueryProtocol.h"
#include "protocol/XmlShapeReader.h"

#include <QDir>
#include <QtTest>

using namespace aws;

namespace {

/// botocore skips these: their policy documents are URL-encoded JSON that
/// its test decodes before comparing, which is not the parser's job.
const QHash<QString, QString> kBotocoreSkips = {
    {QStringLiteral("iam-get-user-policy"),
     QStringLiteral("skipped as botocore does: the expected PolicyDocument is URL- and JSON-decoded")},
    {QStringLiteral("iam-list-roles"),
     QStringLiteral(
         "skipped as botocore does: the expected AssumeRolePolicyDocument is URL- and JSON-decoded")},
};

const ProtocolCodec *codecFor(const QString &protocol)
{
    static const QueryProtocol query;
    static const Ec2Protocol ec2;
    if (protocol == u"ec2")
        return &ec2;
    if (protocol == u"query")
        return &query;
    return nullptr;
}

/// The operation whose snake_case name is the kebab name with '-' → '_'.
/// Comparing with separators removed is enough to find it; ambiguity fails.
const Operation *operationForKebab(const ServiceModel &model, const QString &kebab, QString *error)
{
    const QString want = QString(kebab).remove(u'-');
    const Operation *found = nullptr;
    for (const Operation &op : model.operations()) {
        if (op.name.compare(want, Qt::CaseInsensitive) != 0)
            continue;
        if (found) {
            *error = QStringLiteral("%1 matches both %2 and %3").arg(kebab, found->name, op.name);
            return nullptr;
        }
        found = &op;
    }
    if (!found)
        *error = QStringLiteral("no operation for %1").arg(kebab);
    return found;
}

/// Reads the output of `op` from `body` with the given reader type, as the
/// codec does (query: inside the result wrapper; ec2: the root's children).
template <typename Reader>
QJsonObject readOutput(const QByteArray &body, const Operation &op, const QString &protocol, bool *ok)
{
    Reader r(body);
    xml::BasicShapeReader<Reader> reader(r);
    QJsonObject out;
    if (r.readNextStartElement() && op.output.shape) {
        if (protocol == u"query") {
            while (r.readNextStartElement()) {
                if (r.name() == op.resultWrapper)
                    out = reader.readStructure(*op.output.shape);
                else
                    r.skipCurrentElement();
            }
        } else {
            out = reader.readStructure(*op.output.shape);
        }
    }
    *ok = !r.hasError() && !reader.failed();
    return out;
}

/// A one-operation ec2 model whose output has the member kinds the edge
/// cases need.
std::shared_ptr<const ServiceModel> edgeCaseModel()
{
    const QJsonObject shapes{
        {"Out", QJsonObject{{"type", "structure"},
                            {"members",
                             QJsonObject{{"Text", QJsonObject{{"shape", "S"}}},
                                         {"Items", QJsonObject{{"shape", "L"}, {"locationName", "itemSet"}}},
                                         {"Count", QJsonObject{{"shape", "I"}}},
                                         {"Flag", QJsonObject{{"shape", "B"}}}}}}},
        {"L",
         QJsonObject{{"type", "list"}, {"member", QJsonObject{{"shape", "S"}, {"locationName", "item"}}}}},
        {"S", QJsonObject{{"type", "string"}}},
        {"I", QJsonObject{{"type", "integer"}}},
        {"B", QJsonObject{{"type", "boolean"}}}};
    return ServiceModel::fromParts(
        QJsonObject{{"protocol", "ec2"}, {"apiVersion", "2016-11-15"}}, shapes,
        QJsonObject{{"Op", QJsonObject{{"name", "Op"}, {"output", QJsonObject{{"shape", "Out"}}}}}});
}

} // namespace

class ResponseParsingXmlTest : public QObject {
    Q_OBJECT
private slots:
    void parse_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isError");
        int count = 0;
        for (const QString &kind : {QStringLiteral("responses"), QStringLiteral("errors")}) {
            const QDir dir(testsupport::conformanceDir() + QStringLiteral("/response-parsing/xml/") + kind);
            for (const QString &xml : dir.entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name)) {
                const QString service = xml.section(u'-', 0, 0);
                if (service != u"ec2" && service != u"iam" && service != u"rds" && service != u"sts")
                    continue;
                QTest::newRow(qPrintable(kind + u'/' + xml)) << dir.filePath(xml) << (kind == u"errors");
                ++count;
            }
        }
        QVERIFY2(count > 0, "no response-parsing files found");
    }

    void parse()
    {
        QFETCH(QString, path);
        QFETCH(bool, isError);
        const QString base = QFileInfo(path).completeBaseName();
        if (kBotocoreSkips.contains(base))
            QSKIP(qPrintable(kBotocoreSkips.value(base)));
        const QString service = base.section(u'-', 0, 0);
        const QString kebab = base.section(u'-', 1);

        QString error;
        const auto model = xmltest::realModel(service, &error);
        QVERIFY2(model, qPrintable(error));
        const Operation *op = operationForKebab(*model, kebab, &error);
        QVERIFY2(op, qPrintable(error));
        const ProtocolCodec *codec = codecFor(model->metadata().protocol);
        QVERIFY(codec);

        HttpResponse resp;
        resp.status = isError ? 400 : 200;
        resp.body = testsupport::readFile(path);
        QVERIFY(!resp.body.isEmpty());
        const QJsonObject expected =
            QJsonDocument::fromJson(testsupport::readFile(path.chopped(4) + QStringLiteral(".json")))
                .object();
        QVERIFY(!expected.isEmpty());

        const ParseResult parsed = codec->parseResponse(*model, *op, resp);
        const QString expectedId =
            expected.value(u"ResponseMetadata").toObject().value(u"RequestId").toString();
        if (isError) {
            QVERIFY2(!parsed.ok(), "error response parsed as a success");
            const QJsonObject e = expected.value(u"Error").toObject();
            QCOMPARE(parsed.error->code, e.value(u"Code").toString());
            QCOMPARE(parsed.error->message, e.value(u"Message").toString());
            QCOMPARE(parsed.error->type, e.value(u"Type").toString());
            QCOMPARE(parsed.error->requestId, expectedId);
            QCOMPARE(parsed.error->httpStatus, 400);
            return;
        }
        QVERIFY2(parsed.ok(), qPrintable(parsed.error ? parsed.error->toString() : QString()));
        QCOMPARE(parsed.requestId, expectedId);
        QJsonObject want = expected;
        want.remove(u"ResponseMetadata");
        const QJsonValue converted = xmltest::rawTimestampsToEpoch(op->output, want);
        const QString d = xmltest::diff(converted, parsed.output);
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }
    // The fast pull parser and QXmlStreamReader (the reference) must read
    // every captured response identically.
    void fastReaderMatchesReference_data() { parse_data(); }
    void fastReaderMatchesReference()
    {
        QFETCH(QString, path);
        QFETCH(bool, isError);
        if (isError)
            QSKIP("error documents are read by QXmlStreamReader only");
        const QString base = QFileInfo(path).completeBaseName();
        QString error;
        const auto model = xmltest::realModel(base.section(u'-', 0, 0), &error);
        QVERIFY2(model, qPrintable(error));
        const Operation *op = operationForKebab(*model, base.section(u'-', 1), &error);
        QVERIFY2(op, qPrintable(error));
        const QByteArray body = testsupport::readFile(path);
        bool fastOk = false;
        bool refOk = false;
        const QJsonObject fast =
            readOutput<xml::XmlPullParser>(body, *op, model->metadata().protocol, &fastOk);
        const QJsonObject ref = readOutput<QXmlStreamReader>(body, *op, model->metadata().protocol, &refOk);
        QVERIFY(fastOk);
        QVERIFY(refOk);
        const QString d = xmltest::diff(ref, fast);
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }

    // What the fast parser must get right, or hand over to QXmlStreamReader.
    void xmlEdgeCases_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected"); // JSON, or empty for a MalformedResponse error
        const QByteArray items = "\"Items\":[\"a\",\"b\"]";
        QTest::newRow("entities")
            << QByteArray(
                   "<R><Text>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42;&#xe9;</Text></R>")
            << QByteArray("{\"Text\":\"a <b> & \\\"c\\\" 'd' ABé\"}");
        QTest::newRow("cdata and comments")
            << QByteArray("<R><!-- c --><Text>x<![CDATA[<y>&]]>z<!-- inner --></Text><?pi x?></R>")
            << QByteArray("{\"Text\":\"x<y>&z\"}");
        QTest::newRow("crlf") << QByteArray("<R><Text>a\r\nb\rc</Text></R>")
                              << QByteArray("{\"Text\":\"a\\nb\\nc\"}");
        QTest::newRow("namespaces and attributes")
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:R xmlns:p=\"urn:x\" "
                          "a=\"1>2\"><p:Text b='/>'>t</p:Text>"
                          "<itemSet><item>a</item><item xmlns=\"urn:y\">b</item></itemSet></p:R>")
            << QByteArray("{\"Text\":\"t\"," + items + "}");
        QTest::newRow("self-closing")
            << QByteArray("<R><Text/><itemSet/><Unknown><x/></Unknown><Count>3</Count></R>")
            << QByteArray("{\"Text\":\"\",\"Items\":[],\"Count\":3}");
        QTest::newRow("utf-8 bom and text")
            << QByteArray("\xEF\xBB\xBF<R><Text>\xC3\xA9t\xC3\xA9 \xE2\x9C\x93</Text></R>")
            << QByteArray("{\"Text\":\"\xC3\xA9t\xC3\xA9 \xE2\x9C\x93\"}");
        QTest::newRow("child inside a scalar")
            << QByteArray("<R><Text>a<b>skipped</b>c</Text><Flag> true </Flag></R>")
            << QByteArray("{\"Text\":\"ac\",\"Flag\":true}");
        // Declined by the fast parser, read by QXmlStreamReader.
        QTest::newRow("latin-1 document")
            << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><R><Text>\xE9</Text></R>")
            << QByteArray("{\"Text\":\"\xC3\xA9\"}");
        QTest::newRow("invalid utf-8") << QByteArray("<R><Text>a\xFF\xFE</Text></R>") << QByteArray();
        QTest::newRow("mismatched tags") << QByteArray("<R><Text>a</Txt></R>") << QByteArray();
        QTest::newRow("truncated") << QByteArray("<R><itemSet><item>a</item>") << QByteArray();
        QTest::newRow("unknown entity") << QByteArray("<R><Text>&nbsp;</Text></R>") << QByteArray();
    }

    void xmlEdgeCases()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        const auto model = edgeCaseModel();
        QVERIFY(model);
        const Operation *op = model->operation(QStringLiteral("Op"));
        HttpResponse resp;
        resp.body = body;
        const ParseResult r = Ec2Protocol().parseResponse(*model, *op, resp);
        if (expected.isEmpty()) {
            QVERIFY2(!r.ok(), "a malformed document parsed");
            QCOMPARE(r.error->code, QStringLiteral("MalformedResponse"));
            QCOMPARE(int(r.error->kind), int(ErrorKind::Protocol));
            return;
        }
        QVERIFY2(r.ok(), qPrintable(r.error ? r.error->toString() : QString()));
        const QString d = xmltest::diff(QJsonDocument::fromJson(expected).object(), r.output);
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }
};

QTEST_GUILESS_MAIN(ResponseParsingXmlTest)
#include "tst_response_parsing_xml.moc"
