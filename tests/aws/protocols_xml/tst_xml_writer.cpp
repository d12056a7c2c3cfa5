// The sandbox's XML writer against QXmlStreamWriter: xml::Writer must write
// what Qt writes, byte for byte, and the shape writer built on it what the
// QXmlStreamWriter-based shape writer it replaced wrote (kept below as the
// reference) — on every captured EC2/IAM/RDS/STS response, on errors, and on
// random values of every query and ec2 operation's output shape.

#include "Conformance.h"
#include "XmlTestSupport.h"
#include "model/ModelRegistry.h"
#include "protocol/Ec2Protocol.h"
#include "protocol/QueryProtocol.h"
#include "protocol/XmlNames.h"
#include "protocol/XmlScalars.h"
#include "protocol/XmlShapeWriter.h"

#include <QDir>
#include <QRandomGenerator>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <QtTest>

using namespace aws;

namespace {

/// The shape writer as it was on QXmlStreamWriter: the reference.
class ReferenceShapeWriter {
public:
    ReferenceShapeWriter(QXmlStreamWriter &w, QueryFlavor flavor)
        : m_w(w)
        , m_flavor(flavor)
    {}

    void writeMembers(const Shape &shape, const QJsonObject &value, const QStringList &skip = {})
    {
        for (const ShapeRef &m : shape.members) {
            if (!m.shape || m.xmlAttribute || skip.contains(m.name))
                continue;
            const auto it = value.constFind(m.name);
            if (it == value.constEnd() || it->isNull() || it->isUndefined())
                continue;
            if (xml::isFlattened(m) && m.shape->type == ShapeType::List) {
                const QString &item = xml::flattenedItemName(m);
                for (const QJsonValue &v : it->toArray()) {
                    m_w.writeStartElement(item);
                    writeContent(m.shape->member, v);
                    m_w.writeEndElement();
                }
            } else if (xml::isFlattened(m) && m.shape->type == ShapeType::Map) {
                const QJsonObject map = it->toObject();
                for (auto e = map.constBegin(); e != map.constEnd(); ++e) {
                    m_w.writeStartElement(xml::elementName(m));
                    m_w.writeTextElement(xml::mapKeyName(*m.shape), e.key());
                    m_w.writeStartElement(xml::mapValueName(*m.shape));
                    writeContent(m.shape->value, e.value());
                    m_w.writeEndElement();
                    m_w.writeEndElement();
                }
            } else {
                m_w.writeStartElement(xml::elementName(m));
                writeContent(m, *it);
                m_w.writeEndElement();
            }
        }
    }

private:
    void writeContent(const ShapeRef &ref, const QJsonValue &value)
    {
        if (!ref.shape || m_depth >= 128)
            return;
        ++m_depth;
        const Shape &s = *ref.shape;
        switch (s.type) {
        case ShapeType::Structure:
            writeMembers(s, value.toObject());
            break;
        case ShapeType::List: {
            const QString item = xml::listItemName(s, m_flavor);
            for (const QJsonValue &v : value.toArray()) {
                m_w.writeStartElement(item);
                writeContent(s.member, v);
                m_w.writeEndElement();
            }
            break;
        }
        case ShapeType::Map: {
            const QJsonObject map = value.toObject();
            for (auto e = map.constBegin(); e != map.constEnd(); ++e) {
                m_w.writeStartElement(QStringLiteral("entry"));
                m_w.writeTextElement(xml::mapKeyName(s), e.key());
                m_w.writeStartElement(xml::mapValueName(s));
                writeContent(s.value, e.value());
                m_w.writeEndElement();
                m_w.writeEndElement();
            }
            break;
        }
        default:
            m_w.writeCharacters(xml::scalarToText(ref, value, QStringLiteral("iso8601")));
            break;
        }
        --m_depth;
    }

    QXmlStreamWriter &m_w;
    QueryFlavor m_flavor;
    int m_depth = 0;
};

const QueryCodec &codecFor(QueryFlavor flavor)
{
    static const QueryProtocol query;
    static const Ec2Protocol ec2;
    return flavor == QueryFlavor::Ec2 ? static_cast<const QueryCodec &>(ec2) : query;
}

QueryFlavor flavorOf(const ServiceModel &model)
{
    return model.metadata().protocol == u"ec2" ? QueryFlavor::Ec2 : QueryFlavor::Query;
}

/// What the codec wrote before: the same envelope on QXmlStreamWriter. The
/// namespace is read back from the answer under test (its rule did not
/// change; the bytes around it are what is compared).
QByteArray referenceResponse(const ServiceModel &model, const Operation &op, const QJsonObject &output,
                             const QByteArray &written)
{
    QXmlStreamReader r(written);
    r.readNextStartElement();
    const QString ns = r.namespaceUri().toString();
    const QueryFlavor flavor = flavorOf(model);
    QByteArray body;
    QXmlStreamWriter w(&body);
    w.writeStartDocument();
    w.writeStartElement(op.name + QStringLiteral("Response"));
    w.writeDefaultNamespace(ns);
    ReferenceShapeWriter members(w, flavor);
    const Shape *shape = op.output.shape;
    if (flavor == QueryFlavor::Ec2) {
        w.writeTextElement(QStringLiteral("requestId"), QStringLiteral("req-1"));
        if (shape)
            members.writeMembers(*shape, output);
    } else {
        if (shape && !op.resultWrapper.isEmpty()) {
            w.writeStartElement(op.resultWrapper);
            members.writeMembers(*shape, output);
            w.writeEndElement();
        } else if (shape) {
            members.writeMembers(*shape, output);
        }
        w.writeStartElement(QStringLiteral("ResponseMetadata"));
        w.writeTextElement(QStringLiteral("RequestId"), QStringLiteral("req-1"));
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return body;
}

/// Random text: mostly plain ASCII, with the characters XML escapes or
/// cannot hold, other scripts and astral characters mixed in.
QString randomText(QRandomGenerator &g)
{
    static const QStringList pieces{QStringLiteral("eni-0a1b2c3d"),
                                    QStringLiteral("10.0.1.25"),
                                    QStringLiteral(" "),
                                    QStringLiteral("\""),
                                    QStringLiteral("&"),
                                    QStringLiteral("<"),
                                    QStringLiteral(">"),
                                    QStringLiteral("'"),
                                    QStringLiteral("\t\n\r"),
                                    QStringLiteral("\x01\x1f"),
                                    QStringLiteral("é€"),
                                    QString::fromUtf8("\xF0\x9F\x98\x80"),
                                    QStringLiteral("&amp;"),
                                    QStringLiteral("]]>"),
                                    QStringLiteral("x")};
    QString s;
    const int n = int(g.bounded(5));
    for (int i = 0; i < n; ++i)
        s += pieces.at(int(g.bounded(int(pieces.size()))));
    return s;
}

QJsonValue randomScalar(QRandomGenerator &g)
{
    switch (g.bounded(9)) {
    case 0:
        return QJsonValue(qint64(g.bounded(2000000)) - 1000000);
    case 1:
        return QJsonValue(g.generateDouble() * 1e6 - 5e5);
    case 2:
        return QJsonValue(1.7e9 + double(g.bounded(1000)));
    case 3:
        return QJsonValue(g.bounded(2) == 1);
    case 4:
        return QJsonValue(std::numeric_limits<qint64>::max() - qint64(g.bounded(10)));
    case 5:
        return QJsonValue(QStringLiteral("2026-11-24T03:00:00.000Z"));
    case 6:
        return QJsonValue();
    default:
        return QJsonValue(randomText(g));
    }
}

/// A value for `ref`: mostly of the shape's type, sometimes not (what the
/// sandbox's handlers could hand over by mistake).
QJsonValue randomValue(QRandomGenerator &g, const ShapeRef &ref, int depth)
{
    if (!ref.shape || depth > 6 || g.bounded(12) == 0)
        return randomScalar(g);
    const Shape &s = *ref.shape;
    switch (s.type) {
    case ShapeType::Structure: {
        QJsonObject o;
        for (const ShapeRef &m : s.members)
            if (g.bounded(3) == 0)
                o.insert(m.name, randomValue(g, m, depth + 1));
        if (g.bounded(8) == 0)
            o.insert(QStringLiteral("notInTheModel"), randomScalar(g));
        return o;
    }
    case ShapeType::List: {
        QJsonArray a;
        const int n = int(g.bounded(4));
        for (int i = 0; i < n; ++i)
            a.append(randomValue(g, s.member, depth + 1));
        return a;
    }
    case ShapeType::Map: {
        QJsonObject o;
        const int n = int(g.bounded(4));
        for (int i = 0; i < n; ++i)
            o.insert(randomText(g) + QString::number(i), randomValue(g, s.value, depth + 1));
        return o;
    }
    default:
        return randomScalar(g);
    }
}

} // namespace

class XmlWriterTest : public QObject {
    Q_OBJECT
private slots:
    void writerMatchesQt_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain") << QStringLiteral("vpc-0123456789abcdef0");
        QTest::newRow("escaped") << QStringLiteral("a\"b&c<d>e'f");
        QTest::newRow("whitespace") << QStringLiteral("\t\n\r x");
        QTest::newRow("controls") << QStringLiteral("a\x01\x08\x0b\x0c\x1f b");
        QTest::newRow("non-ASCII") << QString::fromUtf8("café € \xF0\x9F\x98\x80 日本");
        QTest::newRow("long plain") << QString(70, u'x') + QStringLiteral("&") + QString(33, u'y');
    }
    void writerMatchesQt()
    {
        QFETCH(QString, text);
        QByteArray ours;
        xml::Writer w(ours);
        QByteArray qt;
        QXmlStreamWriter q(&qt);
        w.startDocument();
        q.writeStartDocument();
        w.startElement(u"DescribeVpcsResponse");
        q.writeStartElement(QStringLiteral("DescribeVpcsResponse"));
        w.defaultNamespace(u"http://ec2.amazonaws.com/doc/2016-11-15/");
        q.writeDefaultNamespace(QStringLiteral("http://ec2.amazonaws.com/doc/2016-11-15/"));
        w.startElement(u"empty");
        q.writeStartElement(QStringLiteral("empty"));
        w.endElement();
        q.writeEndElement();
        w.textElement(u"text", text);
        q.writeTextElement(QStringLiteral("text"), text);
        // The same text as a QJsonObject holds it (8-bit or UTF-16).
        const QJsonObject held{{QStringLiteral("v"), text}};
        w.startElement(u"held");
        q.writeStartElement(QStringLiteral("held"));
        w.characters(view::Container::of(held).text(1));
        q.writeCharacters(text);
        w.startElement(u"inner");
        q.writeStartElement(QStringLiteral("inner"));
        w.endDocument(); // closes what is open, as Qt does
        q.writeEndDocument();
        QCOMPARE(ours, qt);
    }

    void capturedResponses_data()
    {
        REQUIRE_CONFORMANCE_DIR();
        QTest::addColumn<QString>("path");
        const QDir dir(testsupport::conformanceDir() + QStringLiteral("/response-parsing/xml/responses"));
        int count = 0;
        for (const QString &xml : dir.entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name)) {
            const QString service = xml.section(u'-', 0, 0);
            if (service != u"ec2" && service != u"iam" && service != u"rds" && service != u"sts")
                continue;
            QTest::newRow(qPrintable(xml)) << dir.filePath(xml);
            ++count;
        }
        QVERIFY(count > 0);
    }
    void capturedResponses()
    {
        // Each captured answer, read into our values, written again both ways.
        QFETCH(QString, path);
        const QString base = QFileInfo(path).completeBaseName();
        QString error;
        const auto model = xmltest::realModel(base.section(u'-', 0, 0), &error);
        QVERIFY2(model, qPrintable(error));
        const QString kebab = QString(base.section(u'-', 1)).remove(u'-');
        const Operation *op = nullptr;
        for (const Operation &o : model->operations())
            if (o.name.compare(kebab, Qt::CaseInsensitive) == 0)
                op = &o;
        QVERIFY(op);
        const QueryCodec &codec = codecFor(flavorOf(*model));
        HttpResponse captured;
        captured.status = 200;
        captured.body = testsupport::readFile(path);
        const ParseResult parsed = codec.parseResponse(*model, *op, captured);
        QVERIFY(parsed.ok());
        const HttpResponse written =
            codec.serializeResponse(*model, *op, parsed.output, QStringLiteral("req-1"));
        QCOMPARE(written.body, referenceResponse(*model, *op, parsed.output, written.body));
    }

    void errors()
    {
        // The error envelopes, with extra fields the error shape declares.
        for (const QString &service : {QStringLiteral("ec2"), QStringLiteral("iam"), QStringLiteral("rds")}) {
            const auto model = ModelRegistry::service(service);
            QVERIFY(model);
            AwsError e;
            e.code =
                service == u"ec2" ? QStringLiteral("InvalidParameterValue") : QStringLiteral("NoSuchEntity");
            e.message = QStringLiteral("Value \"<x>\" & more is not valid");
            const HttpResponse r =
                codecFor(flavorOf(*model)).serializeError(*model, e, QStringLiteral("req-9"));
            QXmlStreamReader check(r.body);
            while (!check.atEnd())
                check.readNext();
            QVERIFY2(!check.hasError(), qPrintable(check.errorString()));
            QVERIFY(
                r.body.contains("<Message>Value &quot;&lt;x&gt;&quot; &amp; more is not valid</Message>"));
            QVERIFY(r.body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
            QVERIFY(r.body.endsWith(">\n"));
        }
    }

    void randomOutputs()
    {
        // Every query and ec2 operation the app uses, 150 random outputs each.
        QRandomGenerator g(20261124);
        int compared = 0;
        for (const QString &service : ModelRegistry::services()) {
            const auto model = ModelRegistry::service(service);
            if (!model || model->metadata().protocol == u"json")
                continue;
            const QueryCodec &codec = codecFor(flavorOf(*model));
            for (const Operation &op : model->operations()) {
                if (!op.output.shape)
                    continue;
                for (int i = 0; i < 150; ++i) {
                    const QJsonObject output = randomValue(g, op.output, 0).toObject();
                    const HttpResponse written =
                        codec.serializeResponse(*model, op, output, QStringLiteral("req-1"));
                    const QByteArray want = referenceResponse(*model, op, output, written.body);
                    if (written.body != want)
                        QFAIL(qPrintable(
                            QStringLiteral("%1 %2:\n value %3\n ours %4\n want %5")
                                .arg(service, op.name,
                                     QString::fromUtf8(QJsonDocument(output).toJson(QJsonDocument::Compact)),
                                     QString::fromUtf8(written.body), QString::fromUtf8(want))));
                    ++compared;
                }
            }
        }
        QVERIFY2(compared > 1000, qPrintable(QString::number(compared)));
    }
};

QTEST_GUILESS_MAIN(XmlWriterTest)
#include "tst_xml_writer.moc"
