#include "XmlShapeReader.h"

#include "Timestamp.h"
#include "XmlNames.h"

#include <QJsonDocument>
#include <QLocale>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aws::xml {

namespace {

// Deeper documents than any AWS response are hostile or broken; stop
// recursing rather than exhausting the stack.
constexpr int kMaxDepth = 128;

bool is(QByteArrayView a, const char *literal)
{
    const size_t n = std::strlen(literal);
    return size_t(a.size()) == n && std::memcmp(a.data(), literal, n) == 0;
}

bool sameName(const QByteArray &a, QLatin1String b)
{
    return a.size() == b.size() && std::memcmp(a.constData(), b.data(), a.size()) == 0;
}
bool sameName(const QByteArray &a, QStringView b)
{
    return a.size() == b.size() && QLatin1String(a) == b;
}

/// Reads the next element if it is <name>plain text</name>; only the fast
/// reader has this shortcut.
bool readPlainElement(QXmlStreamReader &, QByteArrayView, QByteArrayView &)
{
    return false;
}
bool readPlainElement(XmlPullParser &r, QByteArrayView openTag, QByteArrayView &text)
{
    return r.readPlainElement(openTag, text);
}

bool isScalar(const ShapeRef &ref)
{
    return ref.shape && ref.shape->type != ShapeType::Structure && ref.shape->type != ShapeType::List &&
           ref.shape->type != ShapeType::Map;
}

/// UTF-8 text of the current element (child elements skipped).
QByteArrayView textOf(QXmlStreamReader &r, QByteArray &scratch)
{
    scratch = r.readElementText(QXmlStreamReader::SkipChildElements).toUtf8();
    return scratch;
}
QByteArrayView textOf(XmlPullParser &r, QByteArray &scratch)
{
    return r.readElementTextUtf8(scratch);
}

// What to reserve for the JSON text: the JSON of an XML document is rarely
// longer than what is left of it (tags are written once, as keys), and
// reserving it once saves the string's ~20 doublings on a large response.
qsizetype jsonSizeHint(const XmlPullParser &r)
{
    return r.remaining();
}
qsizetype jsonSizeHint(const QXmlStreamReader &)
{
    return 4096;
}

// Bytes a JSON string cannot hold as they are: controls, '"' and '\\'.
struct JsonEscapes {
    bool e[256] = {};
    constexpr JsonEscapes()
    {
        for (int c = 0; c < 0x20; ++c)
            e[c] = true;
        e[int('"')] = e[int('\\')] = true;
    }
};
constexpr JsonEscapes kJsonEscapes;

// The first byte in [p, end) that JSON must escape; 16 at a time with SSE2.
inline const char *findJsonEscape(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i control = _mm_set1_epi8(0x1f);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, control), control); // bytes < 0x20
        const __m128i m =
            _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (const int bits = _mm_movemask_epi8(m))
            return p + __builtin_ctz(static_cast<unsigned>(bits));
        p += 16;
    }
#endif
    while (p < end && !kJsonEscapes.e[static_cast<unsigned char>(*p)])
        ++p;
    return p;
}

void writeJsonString(QByteArrayView s, JsonText &out)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    const char *run = s.data();
    const char *end = s.data() + s.size();
    for (const char *p = findJsonEscape(run, end); p < end; p = findJsonEscape(p + 1, end)) {
        const unsigned char c = static_cast<unsigned char>(*p);
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            break;
        }
    }
    out.append(run, end - run);
    out.append('"');
}

QByteArrayView trimmed(QByteArrayView t)
{
    while (!t.isEmpty() && std::isspace(static_cast<unsigned char>(t.front())))
        t = t.sliced(1);
    while (!t.isEmpty() && std::isspace(static_cast<unsigned char>(t.back())))
        t.chop(1);
    return t;
}

/// A JSON integer as the JSON grammar has it: -?(0|[1-9][0-9]*).
bool isJsonInteger(QByteArrayView t)
{
    qsizetype i = 0;
    if (i < t.size() && t[i] == '-')
        ++i;
    if (i >= t.size())
        return false;
    if (t[i] == '0')
        return i + 1 == t.size();
    for (; i < t.size(); ++i)
        if (t[i] < '0' || t[i] > '9')
            return false;
    return true;
}

void writeNumber(double d, JsonText &out)
{
    if (std::floor(d) == d && std::fabs(d) < 9.0e15) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, static_cast<qint64>(d)).ptr;
        out.append(digits, end - digits);
    } else {
        out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    }
}

} // namespace

void JsonText::reallocate(qsizetype capacity)
{
    auto data = std::make_unique_for_overwrite<char[]>(size_t(capacity));
    if (m_size > 0)
        std::memcpy(data.get(), m_data.get(), size_t(m_size));
    m_data = std::move(data);
    m_capacity = capacity;
}

template <typename Reader>
typename BasicShapeReader<Reader>::MemberIndex &BasicShapeReader<Reader>::indexOf(const Shape &shape)
{
    auto it = m_indexes.find(&shape);
    if (it != m_indexes.end())
        return it->second;
    MemberIndex index;
    for (const ShapeRef &m : shape.members) {
        typename MemberIndex::Entry e;
        e.element = elementName(m).toLatin1();
        if (isFlattenedList(m))
            e.flattenedItem = flattenedItemName(m).toLatin1();
        if (isScalar(m))
            e.plainTag = '<' + e.element + '>';
        JsonText key;
        writeJsonString(m.name.toUtf8(), key);
        key += ':';
        e.jsonKey = QByteArray(key.data(), key.size());
        index.entries.push_back(std::move(e));
    }
    return m_indexes.emplace(&shape, std::move(index)).first->second;
}

template <typename Reader>
template <typename Name>
int BasicShapeReader<Reader>::findMember(const MemberIndex &index, Name name, int guess) const
{
    const auto &entries = index.entries;
    if (guess >= 0 && sameName(entries[guess].element, name))
        return guess;
    for (int i = 0; i < int(entries.size()); ++i) {
        if (sameName(entries[i].element, name))
            return i;
        if (!entries[i].flattenedItem.isEmpty() && sameName(entries[i].flattenedItem, name))
            return i;
    }
    return -1;
}

template <typename Reader>
QJsonObject BasicShapeReader<Reader>::readStructure(const Shape &shape, const ExtraElement &extra)
{
    JsonText json;
    json.reserve(std::max<qsizetype>(jsonSizeHint(m_r), 256));
    writeStructure(shape, json, &extra);
    QJsonParseError error{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &error);
    if (error.error != QJsonParseError::NoError) {
        m_failed = true;
        return {};
    }
    return doc.object();
}

template <typename Reader>
void BasicShapeReader<Reader>::writeStructure(const Shape &shape, JsonText &out, const ExtraElement *extra)
{
    MemberIndex &index = indexOf(shape);
    out += '{';
    bool first = true;
    int previous = -1;
    // Flattened lists and maps repeat their element among the other members:
    // their items are gathered here and written once at the end.
    std::vector<std::pair<int, JsonText>> repeated;
    while (true) {
        int &guess = previous < 0 ? index.first : index.entries[previous].next;
        if (writePlainMember(index, shape, guess, first, out)) {
            first = false;
            previous = guess;
            continue;
        }
        if (!m_r.readNextStartElement())
            break;
        const int idx = findMember(index, m_r.name(), guess);
        if (idx >= 0) {
            guess = idx;
            previous = idx;
        }
        if (idx < 0) {
            if (!extra || !*extra || !(*extra)(m_r))
                m_r.skipCurrentElement();
            continue;
        }
        const ShapeRef &m = shape.members.at(idx);
        const bool list = m.shape->type == ShapeType::List;
        if (isFlattened(m) && (list || m.shape->type == ShapeType::Map)) {
            auto it = std::find_if(repeated.begin(), repeated.end(),
                                   [idx](const auto &p) { return p.first == idx; });
            if (it == repeated.end())
                it = repeated.insert(repeated.end(), {idx, JsonText()});
            if (list) {
                if (!it->second.isEmpty())
                    it->second += ',';
                writeValue(m.shape->member, it->second);
            } else {
                if (!it->second.isEmpty())
                    it->second += ',';
                writeMapEntry(*m.shape, it->second);
            }
            continue;
        }
        if (!first)
            out += ',';
        first = false;
        out += index.entries[idx].jsonKey;
        writeValue(m, out);
    }
    for (const auto &[idx, items] : repeated) {
        const ShapeRef &m = shape.members.at(idx);
        const bool list = m.shape->type == ShapeType::List;
        if (!first)
            out += ',';
        first = false;
        out += index.entries[idx].jsonKey;
        out += list ? '[' : '{';
        out += items;
        out += list ? ']' : '}';
    }
    out += '}';
}

// The shortcut for most members: the one that followed the previous member
// last time, a scalar, sent as <element>text</element>.
template <typename Reader>
bool BasicShapeReader<Reader>::writePlainMember(const MemberIndex &index, const Shape &shape, int guess,
                                                bool first, JsonText &out)
{
    if (guess < 0 || m_depth >= kMaxDepth) // too deep: writeValue writes null
        return false;
    const auto &entry = index.entries[guess];
    QByteArrayView text;
    if (entry.plainTag.isEmpty() || !readPlainElement(m_r, entry.plainTag, text))
        return false;
    if (!first)
        out += ',';
    out += entry.jsonKey;
    const Shape &type = *shape.members.at(guess).shape;
    if (type.type == ShapeType::String) {
        out += '"'; // plain text: nothing to escape
        out += text;
        out += '"';
    } else {
        writeScalarText(type, text, out);
    }
    return true;
}

template <typename Reader> void BasicShapeReader<Reader>::writeValue(const ShapeRef &ref, JsonText &out)
{
    if (!ref.shape || m_depth >= kMaxDepth) {
        m_r.skipCurrentElement();
        out += "null";
        return;
    }
    ++m_depth;
    const Shape &s = *ref.shape;
    switch (s.type) {
    case ShapeType::Structure:
        writeStructure(s, out, nullptr);
        break;
    case ShapeType::List: {
        out += '[';
        bool first = true;
        while (m_r.readNextStartElement()) {
            if (!first)
                out += ',';
            first = false;
            writeValue(s.member, out);
        }
        out += ']';
        break;
    }
    case ShapeType::Map: {
        out += '{';
        const qsizetype start = out.size();
        while (m_r.readNextStartElement()) {
            if (out.size() > start)
                out += ',';
            writeMapEntry(s, out);
        }
        out += '}';
        break;
    }
    default:
        writeScalar(ref, out);
        break;
    }
    --m_depth;
}

template <typename Reader> void BasicShapeReader<Reader>::writeMapEntry(const Shape &map, JsonText &out)
{
    const QString &keyName = mapKeyName(map);
    const QString &valueName = mapValueName(map);
    QByteArray key;
    JsonText value;
    while (m_r.readNextStartElement()) {
        if (m_r.name() == keyName) {
            key = textOf(m_r, m_scratch).toByteArray();
        } else if (m_r.name() == valueName) {
            value.clear();
            writeValue(map.value, value);
        } else {
            m_r.skipCurrentElement();
        }
    }
    writeJsonString(key, out);
    out += ':';
    if (value.isEmpty())
        out += "null";
    else
        out += value;
}

template <typename Reader> void BasicShapeReader<Reader>::writeScalar(const ShapeRef &ref, JsonText &out)
{
    writeScalarText(*ref.shape, textOf(m_r, m_scratch), out);
}

template <typename Reader>
void BasicShapeReader<Reader>::writeScalarText(const Shape &shape, QByteArrayView text, JsonText &out)
{
    switch (shape.type) {
    case ShapeType::Integer:
    case ShapeType::Long:
        if (const QByteArrayView t = trimmed(text); isJsonInteger(t)) {
            out += t;
            return;
        }
        break;
    case ShapeType::Float:
    case ShapeType::Double: {
        const QByteArrayView t = trimmed(text);
        if (is(t, "NaN") || is(t, "Infinity") || is(t, "-Infinity")) {
            writeJsonString(t, out); // JSON has no such numbers
            return;
        }
        bool ok = false;
        const double d = t.toByteArray().toDouble(&ok);
        if (ok && std::isfinite(d)) {
            writeNumber(d, out);
            return;
        }
        break;
    }
    case ShapeType::Boolean: {
        const QByteArrayView t = trimmed(text);
        if (is(t, "true") || is(t, "false")) {
            out += t;
            return;
        }
        break;
    }
    case ShapeType::Timestamp:
        if (const auto s = timestamp::parse(text)) {
            writeNumber(*s, out);
            return;
        }
        break;
    case ShapeType::Blob: {
        // Base64 may be wrapped over lines on the wire; our value is the
        // base64 text itself.
        QByteArray b;
        b.reserve(text.size());
        for (char c : text)
            if (!std::isspace(static_cast<unsigned char>(c)))
                b += c;
        writeJsonString(b, out);
        return;
    }
    default:
        break;
    }
    // Strings — and values that do not parse as their type, kept as the
    // service sent them rather than invented.
    writeJsonString(text, out);
}

template class BasicShapeReader<QXmlStreamReader>;
template class BasicShapeReader<XmlPullParser>;

} // namespace aws::xml
