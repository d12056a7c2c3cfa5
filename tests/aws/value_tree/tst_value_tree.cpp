// JSON text read by json::parseObject (no shape) must give what
// QJsonDocument::fromJson gives, through every public way of looking at a
// QJsonObject: ==, toJson, look-ups, iteration order, copies that detach.
// Malformed text must fail with fromJson's error and offset.

#include "protocol/JsonParser.h"
#include "protocol/JsonWriter.h"
#include "protocol/ValueTree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace aws;

namespace {

// Random JSON text with what trips a parser: escapes, \u sequences (paired
// and lone surrogates), raw non-ASCII, duplicate and unsorted keys, numbers
// in every form, empty containers, nesting.
class Generator {
public:
    explicit Generator(quint32 seed)
        : m_rng(seed)
    {}

    QByteArray document()
    {
        QByteArray out;
        object(out, 0);
        return out;
    }

private:
    int below(int n) { return int(m_rng.bounded(n)); }

    void space(QByteArray &out)
    {
        static const char *const kSpaces[] = {"", "", "", " ", "\n", "\t ", "\r\n  "};
        out += kSpaces[below(7)];
    }

    void string(QByteArray &out, bool key)
    {
        static const char *const kPieces[] = {
            "a",
            "b",
            "taskArn",
            "Z",
            "key",
            "0",
            "_",
            "\\\"",
            "\\\\",
            "\\/",
            "\\b",
            "\\f",
            "\\n",
            "\\r",
            "\\t",
            "\\u0041",
            "\\u00e9",
            "\\u20ac",
            "\\ud83d\\ude00",
            "\\ud800",
            "\\udc00",
            "\xc3\xa9",
            "\xe2\x82\xac",
            "\xf0\x9f\x98\x80",
            "\\u0000",
            "\\uFFFF",
            "\\q",
            " ",
            "\x7f",
            "\x01",
            "~",
        };
        out += '"';
        const int n = key ? below(3) + (below(4) == 0 ? 1 : 0) : below(6);
        for (int i = 0; i < n; ++i)
            out += kPieces[key && below(3) ? below(6) : below(int(std::size(kPieces)))];
        out += '"';
    }

    void number(QByteArray &out)
    {
        static const char *const kNumbers[] = {
            "0",
            "-0",
            "1",
            "-1",
            "42",
            "1.0",
            "-0.0",
            "1.5",
            "1e2",
            "1E-2",
            "2e+3",
            "0.1",
            "123456789012345678",
            "1234567890123456789",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "1e308",
            "4.9e-324",
            "1709294400.123",
            "3.000",
            "12345678901234567890123",
            "0.30000000000000004",
            "1.",
        };
        out += kNumbers[below(int(std::size(kNumbers)))];
    }

    void value(QByteArray &out, int depth)
    {
        const int k = below(depth > 6 ? 6 : 8);
        switch (k) {
        case 0:
            out += "null";
            break;
        case 1:
            out += below(2) ? "true" : "false";
            break;
        case 2:
        case 3:
            string(out, false);
            break;
        case 4:
        case 5:
            number(out);
            break;
        case 6:
            object(out, depth + 1);
            break;
        default:
            array(out, depth + 1);
            break;
        }
    }

    void object(QByteArray &out, int depth)
    {
        out += '{';
        const int n = below(depth == 0 ? 12 : 6);
        for (int i = 0; i < n; ++i) {
            if (i)
                out += ',';
            space(out);
            string(out, true);
            space(out);
            out += ':';
            space(out);
            value(out, depth);
            space(out);
        }
        out += '}';
    }

    void array(QByteArray &out, int depth)
    {
        out += '[';
        const int n = below(5);
        for (int i = 0; i < n; ++i) {
            if (i)
                out += ',';
            space(out);
            value(out, depth);
            space(out);
        }
        out += ']';
    }

    QRandomGenerator m_rng;
};

QJsonObject fromJson(const QByteArray &text, QJsonParseError *error)
{
    return QJsonDocument::fromJson(text, error).object();
}

// Every public view of `built` agrees with `expected` (fromJson's), nested
// values included.
void compareObjects(const QJsonObject &built, const QJsonObject &expected);

void compareValues(const QJsonValue &built, const QJsonValue &expected)
{
    QCOMPARE(built.type(), expected.type());
    QCOMPARE(built, expected);
    if (expected.isObject())
        compareObjects(built.toObject(), expected.toObject());
    if (expected.isArray()) {
        const QJsonArray a = built.toArray(), b = expected.toArray();
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i)
            compareValues(a.at(i), b.at(i));
    }
    if (expected.isDouble()) {
        QCOMPARE(built.toInteger(), expected.toInteger());
        QCOMPARE(built.toDouble(), expected.toDouble());
        QCOMPARE(std::signbit(built.toDouble()), std::signbit(expected.toDouble()));
    }
    if (expected.isString())
        QCOMPARE(built.toString(), expected.toString());
}

void compareObjects(const QJsonObject &built, const QJsonObject &expected)
{
    QCOMPARE(built, expected);
    QCOMPARE(built.size(), expected.size());
    QCOMPARE(built.keys(), expected.keys());
    auto b = built.begin();
    for (auto e = expected.begin(); e != expected.end(); ++e, ++b) {
        QCOMPARE(b.key(), e.key());
        compareValues(b.value(), e.value());
        // Look-ups are binary searches: they only find keys kept in Qt's order.
        // Qt's own object does not find every key it holds (lone surrogates
        // sort differently as UTF-16 and UTF-8): the built one must agree.
        QCOMPARE(built.contains(e.key()), expected.contains(e.key()));
        QCOMPARE(built.value(e.key()), expected.value(e.key())); // not recursed into: deep documents
        QCOMPARE(built.constFind(QStringView(e.key())) == built.constEnd(),
                 expected.constFind(QStringView(e.key())) == expected.constEnd());
    }
    QVERIFY(!built.contains(QStringLiteral("no such key \u00e9")));
}

void compareDocuments(const QByteArray &text)
{
    QJsonParseError expectedError, error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &expectedError);
    const auto built = json::parseObject(text, nullptr, &error);
    QCOMPARE(int(error.error), int(expectedError.error));
    QCOMPARE(error.offset, expectedError.offset);
    QCOMPARE(built.has_value(), doc.isObject());
    if (!built)
        return;
    const QJsonObject expected = doc.object();
    compareObjects(*built, expected);
    QCOMPARE(QJsonDocument(*built).toJson(QJsonDocument::Compact),
             QJsonDocument(expected).toJson(QJsonDocument::Compact));
    QCOMPARE(QJsonDocument(*built).toJson(QJsonDocument::Indented),
             QJsonDocument(expected).toJson(QJsonDocument::Indented));
}

} // namespace

class TestValueTree : public QObject {
    Q_OBJECT
private slots:
    void documents_data();
    void documents();
    void randomDocuments();
    void malformed_data();
    void malformed();
    void truncatedAndMutated();
    void decimals();
    void copiesDetach();
    void writerReadsInPlace();
    void builderDirectly();
};

void TestValueTree::documents_data()
{
    QTest::addColumn<QByteArray>("text");
    auto row = [](const char *name, const char *text) { QTest::newRow(name) << QByteArray(text); };
    row("empty", "{}");
    row("empty with space", " \r\n\t{ \n } \n");
    row("bom", "\xef\xbb\xbf{\"a\":1}");
    row("unsorted keys", R"({"b":1,"a":2,"c":3,"B":4,"_":5,"aa":6,"":7})");
    row("duplicates, last wins", R"({"a":1,"b":2,"a":3,"a":{"x":[1]},"b":null})");
    row("duplicate containers dropped", R"({"a":{"x":1},"a":[1,2],"a":"s"})");
    row("escapes", R"({"s":"\"\\\/\b\f\n\r\t","u":"\u0041\u00e9\u20ac","q":"\q\'"})");
    row("surrogate pair", R"({"e":"\ud83d\ude00","lone hi":"\ud800","lone lo":"\udc00x"})");
    row("raw non-ASCII", "{\"\xc3\xa9\":\"caf\xc3\xa9\",\"k\":\"\xf0\x9f\x98\x80\",\"\xe2\x82\xac\":1}");
    row("escaped vs raw keys",
        "{\"\\u00e9\":1,\"\xc3\xa9\":2,\"e\":3,\"\\u0065\":4,\"\xef\xbf\xbf\":5,\"\\ud83d\\ude00\":6}");
    row("ascii escaped key", R"({"t\u0061skArn":"a","taskArn":"b"})");
    row("integers",
        R"({"a":0,"b":-0,"c":9007199254740993,"d":9223372036854775807,"e":-9223372036854775808})");
    row("big integers",
        R"({"a":9223372036854775808,"b":-9223372036854775809,"c":123456789012345678901234567890})");
    row("doubles",
        R"({"a":1.5,"b":-0.0,"c":1e2,"d":1E-2,"e":2e+3,"f":1.0,"g":3.000,"h":1709294400.123,"i":1e308,"j":4.9e-324})");
    row("odd numbers fromJson takes", R"({"a":[1.,.5,-.5,0.1e1]})");
    row("literals", R"({"t":true,"f":false,"n":null,"a":[null,true,false]})");
    row("empty containers", R"({"o":{},"a":[],"n":[{},[],[[]],{"x":{}}]})");
    row("control characters raw", "{\"a\":\"x\x01y\x7f\"}");
    row("top-level array", "[1,2,{}]");
    QByteArray deep;
    for (int i = 0; i < 500; ++i)
        deep += "{\"k\":[";
    deep += "1";
    for (int i = 0; i < 500; ++i)
        deep += "]}";
    QTest::newRow("deep nesting") << deep;
    QByteArray wide = "{";
    for (int i = 0; i < 3000; ++i)
        wide += (i ? ",\"" : "\"") + QByteArray::number((i * 7919) % 3001) + "\":" + QByteArray::number(i);
    wide += "}";
    QTest::newRow("3000 unsorted keys") << wide;
}

void TestValueTree::documents()
{
    QFETCH(QByteArray, text);
    compareDocuments(text);
}

void TestValueTree::randomDocuments()
{
    for (quint32 seed = 1; seed <= 20000; ++seed) {
        const QByteArray text = Generator(seed).document();
        compareDocuments(text);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(QString::fromUtf8(text))));
    }
}

void TestValueTree::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    const char *const texts[] = {
        "",
        " ",
        "x",
        "{",
        "}",
        "{\"a\"",
        "{\"a\":",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "{,}",
        "{\"a\":}",
        "{\"a\":,}",
        "[1,]",
        "[1 2]",
        "[",
        "[1",
        "{\"a\":tru}",
        "{\"a\":nul}",
        "{\"a\":fals}",
        "{\"a\":nulll}",
        "{\"a\":-}",
        "{\"a\":+1}",
        "{\"a\":1e}",
        "{\"a\":01}",
        "{\"a\":1.2.3}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":\"x}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\uZZZZ\"}",
        "{\"a\":\"\\",
        "{\"a\":\"\xc3\"}",
        "{\"a\":\"\xff\"}",
        "{\"a\":\"\xed\xa0\x80\"}",
        "{\"a\":\"\xc0\xaf\"}",
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "{\"a\":1",
        "{\"a\":[}",
        "{\"a\":{]}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":1}\x00",
        "{\"a\":\"\\x\xc3\"}",
        "{\"a\":tr",
        "{\"a\":\"x\"",
        "{\"a\":\"x",
    };
    for (const char *t : texts)
        QTest::newRow(t) << QByteArray(t);
    QByteArray tooDeep;
    for (int i = 0; i < 1100; ++i)
        tooDeep += "[";
    QTest::newRow("too deep") << "{\"a\":" + tooDeep;
}

void TestValueTree::malformed()
{
    QFETCH(QByteArray, text);
    compareDocuments(text);
}

void TestValueTree::truncatedAndMutated()
{
    // Every prefix of some documents, and documents with a byte replaced.
    QRandomGenerator rng(7);
    for (quint32 seed = 1; seed <= 60; ++seed) {
        const QByteArray text = Generator(seed * 31).document();
        for (qsizetype n = 0; n < text.size(); ++n) {
            compareDocuments(text.left(n));
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QString::fromUtf8(text.left(n))));
        }
        static const char kBytes[] = "{}[]\":,\\ n0-.eu\xc3\xff";
        for (int k = 0; k < 200; ++k) {
            QByteArray mutated = text;
            mutated[rng.bounded(int(text.size()))] = kBytes[rng.bounded(int(sizeof(kBytes) - 1))];
            compareDocuments(mutated);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QString::fromUtf8(mutated)));
        }
    }
}

void TestValueTree::decimals()
{
    // Short decimals are converted without toDouble(): the same doubles.
    QRandomGenerator rng(11);
    for (int k = 0; k < 20000; ++k) {
        QByteArray number = rng.bounded(4) == 0 ? "-" : "";
        const int digits = 1 + int(rng.bounded(17));
        const int point = int(rng.bounded(digits + 1));
        for (int i = 0; i < digits; ++i) {
            if (i == point && i > 0)
                number += '.';
            number += char('0' + rng.bounded(10));
        }
        compareDocuments("{\"n\":" + number + "}");
        if (QTest::currentTestFailed())
            QFAIL(number.constData());
    }
}

void TestValueTree::copiesDetach()
{
    const QByteArray text = R"({"b":{"x":[1,"s",{"y":null}]},"a":"v","c":[1,2],"d":"caf\u00e9"})";
    QJsonObject built = *json::parseObject(text, nullptr, nullptr);
    QJsonObject expected = fromJson(text, nullptr);

    QJsonObject copy = built;
    copy.insert(QStringLiteral("aa"), 1);
    copy.remove(QStringLiteral("b"));
    copy[QStringLiteral("d")] = QStringLiteral("changed");
    QJsonObject expectedCopy = expected;
    expectedCopy.insert(QStringLiteral("aa"), 1);
    expectedCopy.remove(QStringLiteral("b"));
    expectedCopy[QStringLiteral("d")] = QStringLiteral("changed");
    compareObjects(copy, expectedCopy);
    compareObjects(built, expected); // the original is untouched

    QJsonObject b = built.value(QStringLiteral("b")).toObject();
    QJsonArray x = b.value(QStringLiteral("x")).toArray();
    x.append(3);
    x.removeFirst();
    b.insert(QStringLiteral("x"), x);
    built.insert(QStringLiteral("b"), b);
    QCOMPARE(built.value(QStringLiteral("b")).toObject().value(QStringLiteral("x")).toArray(),
             (QJsonArray{QStringLiteral("s"), QJsonObject{{QStringLiteral("y"), QJsonValue()}}, 3}));
    QCOMPARE(expected, fromJson(text, nullptr));
    // A value taken out outlives the object it came from.
    QJsonValue kept;
    {
        const QJsonObject temp = *json::parseObject(text, nullptr, nullptr);
        kept = temp.value(QStringLiteral("d"));
    }
    QCOMPARE(kept.toString(), QStringLiteral("caf\u00e9"));
}

void TestValueTree::writerReadsInPlace()
{
    // ShapeWriter reads keys and strings in Qt's storage as they are kept
    // there (8-bit ASCII, UTF-8, UTF-16): what it writes reads back equal.
    for (quint32 seed = 1; seed <= 3000; ++seed) {
        const QByteArray text = Generator(seed).document();
        if (text.contains("\\ud800") || text.contains("\\udc00"))
            continue; // a lone surrogate has no UTF-8 form to write
        const QJsonObject o = fromJson(text, nullptr);
        QByteArray out;
        json::ShapeWriter(out).writeGeneric(o);
        QJsonParseError error;
        const QJsonObject back = fromJson(out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        // As QVariantMaps: key order then does not depend on how Qt stores
        // each key (written raw, an escaped key comes back as UTF-8, and Qt
        // orders UTF-8 and UTF-16 keys differently beyond U+FFFF).
        QCOMPARE(back.toVariantMap(), o.toVariantMap());
        if (QTest::currentTestFailed())
            QFAIL(out.constData());
    }
    // Values made through QJsonObject's own API (ASCII or UTF-16 strings).
    const QJsonObject made{{QStringLiteral("k\u00e9y"), QStringLiteral("\"quoted\"\n\u20ac")},
                           {QStringLiteral("n"), 1.5},
                           {QStringLiteral("i"), qint64(9007199254740993)},
                           {QStringLiteral("a"), QJsonArray{true, QJsonValue(), QStringLiteral("x")}}};
    QByteArray out;
    json::ShapeWriter(out).writeGeneric(made);
    QCOMPARE(fromJson(out, nullptr), made);
}

void TestValueTree::builderDirectly()
{
    // What the XML reader and the shape-driven parser use besides parsing.
    tree::Scratch scratch;
    tree::Builder o(scratch);
    o.dropNullMembers();
    o.appendAscii("z", 1);
    o.appendNumber(2.0);
    o.appendAscii("y", 1);
    o.appendNumber(1.5);
    o.appendAscii("n", 1);
    o.appendNull();
    o.appendString(u"\u00e9t\u00e9");
    o.appendString(u"summer");
    o.appendAscii("a", 1);
    {
        tree::Builder list(scratch);
        list.appendText("caf\xc3\xa9");
        list.appendText("plain");
        list.appendBool(true);
        list.appendInteger(-7);
        {
            tree::Builder unused(scratch); // abandoned with a container in it
            tree::Builder inner(scratch);
            inner.appendAscii("x", 1);
            unused.appendArray(inner);
        }
        tree::Builder inner(scratch);
        inner.appendAscii("k", 1);
        inner.appendString(u"v");
        list.appendObject(inner);
        tree::Builder empty(scratch);
        list.appendArray(empty);
        o.appendArray(list);
    }
    const QJsonObject built = o.takeObject();
    const QJsonObject expected = fromJson("{\"z\":2,\"y\":1.5,\"\xc3\xa9t\xc3\xa9\":\"summer\",\"a\":["
                                          "\"caf\xc3\xa9\",\"plain\",true,-7,{\"k\":\"v\"},[]]}",
                                          nullptr);
    compareObjects(built, expected);
    QCOMPARE(QJsonDocument(built).toJson(), QJsonDocument(expected).toJson());
}

QTEST_GUILESS_MAIN(TestValueTree)
#include "tst_value_tree.moc"
