#include "JsonWriter.h"

#include "JsonMembers.h"
#include "Timestamp.h"

#include <QLocale>
#include <QUuid>
#include <QtCore/private/qnumeric_p.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace aws::json {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Null or undefined: "not set" in our values.
inline bool isAbsent(QJsonValue::Type t)
{
    return t == QJsonValue::Null || t == QJsonValue::Undefined;
}

// Copies the plain ASCII at the start of [u, end) — printable, neither quote
// nor backslash: what nearly all keys and values consist of — narrowed to
// bytes at `p`, eight units at a time where there is SSE2 (every x86-64).
// Returns where it stopped; the caller goes on unit by unit from there.
const char16_t *copyPlainAscii(const char16_t *u, const char16_t *end, char *&p)
{
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi16(0x20);
    const __m128i lastAscii = _mm_set1_epi16(0x7f);
    const __m128i quote = _mm_set1_epi16('"');
    const __m128i backslash = _mm_set1_epi16('\\');
    for (; end - u >= 8; u += 8, p += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(u));
        // Signed compares: units from 0x8000 up count as below the space.
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmplt_epi16(v, space), _mm_cmpgt_epi16(v, lastAscii)),
                         _mm_or_si128(_mm_cmpeq_epi16(v, quote), _mm_cmpeq_epi16(v, backslash)));
        if (_mm_movemask_epi8(special))
            break;
        _mm_storel_epi64(reinterpret_cast<__m128i *>(p), _mm_packus_epi16(v, v));
    }
#else
    Q_UNUSED(end);
    Q_UNUSED(p);
#endif
    return u;
}

// The first byte in [p, end) that a JSON string cannot hold as it is:
// controls, '"' and '\\'. 16 at a time with SSE2.
/// Writes the escape sequence of ASCII `c` (a quote, a backslash or a
/// control character) and returns the position after it.
char *writeEscaped(char *p, unsigned c)
{
    *p++ = '\\';
    switch (c) {
    case '"':
        *p++ = '"';
        break;
    case '\\':
        *p++ = '\\';
        break;
    case '\n':
        *p++ = 'n';
        break;
    case '\r':
        *p++ = 'r';
        break;
    case '\t':
        *p++ = 't';
        break;
    case '\b':
        *p++ = 'b';
        break;
    case '\f':
        *p++ = 'f';
        break;
    default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[(c >> 4) & 0xf];
        *p++ = kHex[c & 0xf];
    }
    return p;
}

const char *findJsonEscape(const char *p, const char *end)
{
#ifdef __SSE2__
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
    while (p < end && static_cast<unsigned char>(*p) >= 0x20 && *p != '"' && *p != '\\')
        ++p;
    return p;
}

} // namespace

void ShapeWriter::writeString(QStringView s)
{
    writeQuoted(s, 0, 0);
}

char *ShapeWriter::openQuoted(qsizetype units, char before)
{
    // Room for the worst case (every unit escaped as \u00XX), grown
    // geometrically: reserve() alone allocates exactly what is asked, which
    // would copy the whole output again for nearly every string.
    const qsizetype at = m_out.size();
    const qsizetype room = units * 6 + 4;
    if (at + room > m_out.capacity())
        m_out.reserve(std::max(at + room, 2 * m_out.capacity()));
    m_out.resize(at + room);
    char *p = m_out.data() + at;
    if (before)
        *p++ = before;
    *p++ = '"';
    return p;
}

void ShapeWriter::closeQuoted(char *p, char after)
{
    *p++ = '"';
    if (after)
        *p++ = after;
    m_out.resize(p - m_out.data());
}

void ShapeWriter::writeQuoted(QStringView s, char before, char after)
{
    // Written through a pointer into room made once (every unit escaped as
    // \u00XX at worst), not appended byte by byte: keys and values are
    // nearly all ASCII, and QByteArray::append(char) per quote, comma and
    // colon was a tenth of serializing a request. Grown geometrically:
    // reserve() alone allocates exactly what is asked.
    if (s.size() > 4096) {
        // Long texts: no sixfold room; the general way is as fast on them.
        if (before)
            m_out += before;
        m_out += '"';
        writeStringTail(s);
        if (after)
            m_out += after;
        return;
    }
    char *p = openQuoted(s.size(), before);
    const char16_t *const end = s.utf16() + s.size();
    const char16_t *u = copyPlainAscii(s.utf16(), end, p);
    for (; u < end; ++u) {
        const char16_t c = *u;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *p++ = char(c);
            continue;
        }
        if (c >= 0x80)
            break;
        p = writeEscaped(p, c);
    }
    if (u < end) {
        // Non-ASCII: the rest goes the general way (UTF-8, surrogates).
        m_out.resize(p - m_out.data());
        writeStringTail(QStringView(u, end));
        if (after)
            m_out += after;
        return;
    }
    closeQuoted(p, after);
}

void ShapeWriter::writeStringTail(QStringView s)
{
    // Room for the usual all-ASCII string, grown geometrically: reserve()
    // alone allocates exactly what is asked, which would copy the whole
    // output again for nearly every string.
    const qsizetype need = m_out.size() + s.size() + 2;
    if (need > m_out.capacity())
        m_out.reserve(std::max(need, 2 * m_out.capacity()));
    const QChar *p = s.data();
    const QChar *end = p + s.size();
    while (p < end) {
        const char16_t c = p->unicode();
        if (c >= 0x80) {
            // A run of non-ASCII: let Qt do the UTF-8 (and surrogate pairs).
            const QChar *runStart = p;
            while (p < end && p->unicode() >= 0x80)
                ++p;
            m_out += QStringView(runStart, p).toUtf8();
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            // A run of plain ASCII, narrowed in one go rather than appended
            // byte by byte (most strings are nothing else).
            const QChar *runStart = p;
            while (p < end && p->unicode() >= 0x20 && p->unicode() < 0x80 && p->unicode() != '"' &&
                   p->unicode() != '\\')
                ++p;
            const qsizetype at = m_out.size();
            m_out.resize(at + (p - runStart));
            char *dst = m_out.data() + at;
            for (const QChar *q = runStart; q < p; ++q)
                *dst++ = char(q->unicode());
            continue;
        }
        ++p;
        switch (c) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\r':
            m_out += "\\r";
            break;
        case '\t':
            m_out += "\\t";
            break;
        case '\b':
            m_out += "\\b";
            break;
        case '\f':
            m_out += "\\f";
            break;
        default:
            if (c < 0x20) {
                const char esc[] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
                m_out.append(esc, sizeof esc);
            } else {
                m_out += char(c);
            }
        }
    }
    m_out += '"';
}

void ShapeWriter::writeDouble(double d)
{
    if (std::isnan(d)) {
        m_out += "\"NaN\"";
    } else if (std::isinf(d)) {
        m_out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    } else if (d == std::floor(d) && std::fabs(d) < 9.0e15) {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<qint64>(d));
        m_out.append(buf, r.ptr - buf);
    } else {
        m_out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    }
}

void ShapeWriter::writeNumber(view::Container c, qsizetype i)
{
    // Integers beyond 2^53 are kept exact: QJsonValue stores them as qint64.
    qint64 n;
    if (!c.isInteger(i) && !convertDoubleTo(c.toDouble(i), &n)) {
        writeDouble(c.toDouble(i));
        return;
    }
    if (c.isInteger(i))
        n = c.integer(i);
    char buf[24]; // written in place: QByteArray::number() would allocate
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    m_out.append(buf, r.ptr - buf);
}

void ShapeWriter::writeKey(QStringView key, bool &first)
{
    writeQuoted(key, first ? 0 : ',', ':');
    first = false;
}

void ShapeWriter::writeText(const view::Text &t, char before, char after)
{
    if (t.isUtf16())
        writeQuoted(QStringView(t.utf16, t.size), before, after);
    else
        writeQuoted8(t.bytes, t.size, before, after);
}

void ShapeWriter::writeQuoted8(const char *s, qsizetype n, char before, char after)
{
    // As writeQuoted(), for text Qt keeps as bytes: runs without anything to
    // escape (UTF-8 included: it is valid, and JSON carries it as it is) are
    // copied whole.
    char *p = openQuoted(n, before);
    const char *end = s + n;
    while (s < end) {
        const char *run = findJsonEscape(s, end);
        std::memcpy(p, s, size_t(run - s));
        p += run - s;
        if (run == end)
            break;
        const unsigned char c = static_cast<unsigned char>(*run);
        s = run + 1;
        p = writeEscaped(p, c);
    }
    closeQuoted(p, after);
}

void ShapeWriter::writeGeneric(const QJsonValue &v)
{
    // Held in an array so that the one reader in place serves this too.
    const QJsonArray holder{v};
    writeAny(view::Container::of(holder), 0);
}

void ShapeWriter::writeAny(view::Container c, qsizetype i)
{
    switch (c.type(i)) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        m_out += "null";
        break;
    case QJsonValue::Bool:
        m_out += c.toBool(i) ? "true" : "false";
        break;
    case QJsonValue::Double:
        writeNumber(c, i);
        break;
    case QJsonValue::String:
        writeText(c.text(i), 0, 0);
        break;
    case QJsonValue::Array: {
        m_out += '[';
        const view::Container a = c.child(i);
        for (qsizetype k = 0; k < a.size(); ++k) {
            if (k)
                m_out += ',';
            writeAny(a, k);
        }
        m_out += ']';
        break;
    }
    case QJsonValue::Object: {
        m_out += '{';
        const view::Container o = c.child(i);
        for (qsizetype k = 0; k < o.size(); k += 2) {
            writeText(o.text(k), k ? ',' : 0, ':');
            writeAny(o, k + 1);
        }
        m_out += '}';
        break;
    }
    }
}

void ShapeWriter::writeStructure(const QJsonObject &o, const Shape &shape, bool fillIdempotencyTokens)
{
    m_out += '{';
    bool first = true;
    writeMembers(view::Container::of(o), shape, first);
    if (fillIdempotencyTokens) {
        for (const ShapeRef &m : shape.members) {
            if (!m.idempotencyToken || !isAbsent(o.value(m.name).type()))
                continue;
            writeKey(m.name, first);
            writeString(QUuid::createUuid().toString(QUuid::WithoutBraces));
        }
    }
    m_out += '}';
}

void ShapeWriter::writeStructure(view::Container o, const Shape &shape)
{
    m_out += '{';
    bool first = true;
    writeMembers(o, shape, first);
    m_out += '}';
}

void ShapeWriter::writeMembers(view::Container o, const Shape &shape, bool &first)
{
    qsizetype cursor = 0;
    for (qsizetype k = 0; k < o.size(); k += 2) {
        if (isAbsent(o.type(k + 1)))
            continue; // null means "not set" in our values, as in botocore's
        const view::Text key = o.text(k);
        const ShapeRef *m = findMember(shape, key, cursor);
        if (!m || !m->shape)
            continue; // not in the model: the validator reports it, the wire never carries it
        writeText(key, first ? 0 : ',', ':');
        first = false;
        write(o, k + 1, *m);
    }
}

void ShapeWriter::writeList(view::Container a, const ShapeRef &member)
{
    m_out += '[';
    bool first = true;
    for (qsizetype k = 0; k < a.size(); ++k) {
        if (isAbsent(a.type(k)))
            continue;
        if (!first)
            m_out += ',';
        first = false;
        write(a, k, member);
    }
    m_out += ']';
}

void ShapeWriter::writeMap(view::Container o, const ShapeRef &value)
{
    m_out += '{';
    bool first = true;
    for (qsizetype k = 0; k < o.size(); k += 2) {
        if (isAbsent(o.type(k + 1)))
            continue;
        writeText(o.text(k), first ? 0 : ',', ':');
        first = false;
        write(o, k + 1, value);
    }
    m_out += '}';
}

void ShapeWriter::writeTimestamp(view::Container c, qsizetype i, const ShapeRef &ref)
{
    double seconds = 0;
    const QJsonValue::Type t = c.type(i);
    if (t == QJsonValue::Double) {
        seconds = c.toDouble(i);
    } else if (t == QJsonValue::String) {
        // Lenient: an ISO/RFC 822 string given by the caller is converted.
        const auto parsed = timestamp::parse(c.toString(i));
        if (!parsed)
            return writeAny(c, i);
        seconds = *parsed;
    } else {
        return writeAny(c, i);
    }
    const QString &trait = !ref.timestampFormat.isEmpty() ? ref.timestampFormat : ref.shape->timestampFormat;
    if (trait.isEmpty() || trait == u"unixTimestamp")
        writeDouble(seconds); // JSON 1.1 default: epoch seconds as a number
    else
        writeString(timestamp::format(seconds, trait, QStringLiteral("unixTimestamp")));
}

void ShapeWriter::writeValue(const QJsonValue &v, const ShapeRef &ref)
{
    const QJsonArray holder{v};
    write(view::Container::of(holder), 0, ref);
}

void ShapeWriter::write(view::Container c, qsizetype i, const ShapeRef &ref)
{
    const Shape *shape = ref.shape;
    if (!shape || shape->document)
        return writeAny(c, i);
    const QJsonValue::Type t = c.type(i);
    switch (shape->type) {
    case ShapeType::Structure:
        if (t == QJsonValue::Object)
            return writeStructure(c.child(i), *shape);
        break;
    case ShapeType::List:
        if (t == QJsonValue::Array)
            return writeList(c.child(i), shape->member);
        break;
    case ShapeType::Map:
        if (t == QJsonValue::Object)
            return writeMap(c.child(i), shape->value);
        break;
    case ShapeType::Integer:
    case ShapeType::Long:
        if (t == QJsonValue::Double)
            return writeNumber(c, i);
        break;
    case ShapeType::Float:
    case ShapeType::Double:
        if (t == QJsonValue::Double)
            return writeNumber(c, i);
        if (t == QJsonValue::String) {
            const view::Text s = c.text(i);
            if (s.equals(u"NaN") || s.equals(u"Infinity") || s.equals(u"-Infinity"))
                return writeText(s, 0, 0); // NaN/Infinity travel as strings
        }
        break;
    case ShapeType::Timestamp:
        return writeTimestamp(c, i, ref);
    case ShapeType::Boolean:
    case ShapeType::String:
    case ShapeType::Blob: // our blobs are base64 already, as the wire wants them
    case ShapeType::Unknown:
        break;
    }
    writeAny(c, i); // as it is: a value the model does not expect is the validator's concern
}

} // namespace aws::json
