#include "JsonWriter.h"

#include "JsonMembers.h"
#include "Timestamp.h"

#include <QLocale>
#include <QUuid>
#include <algorithm>
#include <charconv>
#include <cmath>

namespace aws::json {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Null or undefined: "not set" in our values. One out-of-line type() call
// instead of two.
inline bool isAbsent(const QJsonValue &v)
{
    const QJsonValue::Type t = v.type();
    return t == QJsonValue::Null || t == QJsonValue::Undefined;
}

bool isSpecialFloat(const QString &s)
{
    return s == u"NaN" || s == u"Infinity" || s == u"-Infinity";
}

} // namespace

void ShapeWriter::writeString(QStringView s)
{
    writeQuoted(s, 0, 0);
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
    const qsizetype at = m_out.size();
    const qsizetype room = s.size() * 6 + 4;
    if (at + room > m_out.capacity())
        m_out.reserve(std::max(at + room, 2 * m_out.capacity()));
    m_out.resize(at + room);
    char *const base = m_out.data();
    char *p = base + at;
    if (before)
        *p++ = before;
    *p++ = '"';
    const char16_t *u = s.utf16();
    const char16_t *const end = u + s.size();
    for (; u < end; ++u) {
        const char16_t c = *u;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *p++ = char(c);
            continue;
        }
        if (c >= 0x80)
            break;
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
    }
    if (u < end) {
        // Non-ASCII: the rest goes the general way (UTF-8, surrogates).
        m_out.resize(p - base);
        writeStringTail(QStringView(u, end));
        if (after)
            m_out += after;
        return;
    }
    *p++ = '"';
    if (after)
        *p++ = after;
    m_out.resize(p - base);
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

void ShapeWriter::writeNumber(const QJsonValue &v)
{
    // Integers beyond 2^53 are kept exact: QJsonValue stores them as qint64.
    const double d = v.toDouble();
    const qint64 i = v.toInteger();
    if (static_cast<double>(i) == d) {
        char buf[24]; // written in place: QByteArray::number() would allocate
        const auto r = std::to_chars(buf, buf + sizeof buf, i);
        m_out.append(buf, r.ptr - buf);
    } else {
        writeDouble(d);
    }
}

void ShapeWriter::writeKey(QStringView key, bool &first)
{
    writeQuoted(key, first ? 0 : ',', ':');
    first = false;
}

void ShapeWriter::writeGeneric(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        m_out += "null";
        break;
    case QJsonValue::Bool:
        m_out += v.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        writeNumber(v);
        break;
    case QJsonValue::String:
        writeString(v.toString());
        break;
    case QJsonValue::Array: {
        m_out += '[';
        bool first = true;
        const QJsonArray a = v.toArray(); // const: a non-const begin() would copy the shared array
        for (const auto &e : a) {
            if (!first)
                m_out += ',';
            first = false;
            writeGeneric(e);
        }
        m_out += ']';
        break;
    }
    case QJsonValue::Object: {
        m_out += '{';
        bool first = true;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            writeKey(it.key(), first);
            writeGeneric(it.value());
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
    qsizetype cursor = 0;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonValue v = it.value();
        if (isAbsent(v))
            continue; // null means "not set" in our values, as in botocore's
        const QString key = it.key();
        const ShapeRef *m = findMember(shape, key, cursor);
        if (!m || !m->shape)
            continue; // not in the model: the validator reports it, the wire never carries it
        writeKey(key, first);
        writeValue(v, *m);
    }
    if (fillIdempotencyTokens) {
        for (const ShapeRef &m : shape.members) {
            if (!m.idempotencyToken)
                continue;
            const QJsonValue v = o.value(m.name);
            if (!v.isNull() && !v.isUndefined())
                continue;
            writeKey(m.name, first);
            writeString(QUuid::createUuid().toString(QUuid::WithoutBraces));
        }
    }
    m_out += '}';
}

void ShapeWriter::writeTimestamp(const QJsonValue &v, const ShapeRef &ref)
{
    double seconds = 0;
    if (v.isDouble()) {
        seconds = v.toDouble();
    } else if (v.isString()) {
        // Lenient: an ISO/RFC 822 string given by the caller is converted.
        const auto parsed = timestamp::parse(v.toString());
        if (!parsed) {
            writeGeneric(v);
            return;
        }
        seconds = *parsed;
    } else {
        writeGeneric(v);
        return;
    }
    const QString &trait = !ref.timestampFormat.isEmpty() ? ref.timestampFormat : ref.shape->timestampFormat;
    if (trait.isEmpty() || trait == u"unixTimestamp")
        writeDouble(seconds); // JSON 1.1 default: epoch seconds as a number
    else
        writeString(timestamp::format(seconds, trait, QStringLiteral("unixTimestamp")));
}

void ShapeWriter::writeValue(const QJsonValue &v, const ShapeRef &ref)
{
    const Shape *shape = ref.shape;
    if (!shape || shape->document) {
        writeGeneric(v);
        return;
    }
    switch (shape->type) {
    case ShapeType::Structure:
        if (v.isObject())
            writeStructure(v.toObject(), *shape);
        else
            writeGeneric(v);
        return;
    case ShapeType::List:
        if (v.isArray()) {
            m_out += '[';
            bool first = true;
            const QJsonArray a = v.toArray(); // const: a non-const begin() would copy the shared array
            for (const auto &ref : a) {
                const QJsonValue e = ref;
                if (isAbsent(e))
                    continue;
                if (!first)
                    m_out += ',';
                first = false;
                writeValue(e, shape->member);
            }
            m_out += ']';
        } else {
            writeGeneric(v);
        }
        return;
    case ShapeType::Map:
        if (v.isObject()) {
            m_out += '{';
            bool first = true;
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QJsonValue e = it.value();
                if (isAbsent(e))
                    continue;
                writeKey(it.key(), first);
                writeValue(e, shape->value);
            }
            m_out += '}';
        } else {
            writeGeneric(v);
        }
        return;
    case ShapeType::Integer:
    case ShapeType::Long:
        if (v.isDouble())
            writeNumber(v);
        else
            writeGeneric(v);
        return;
    case ShapeType::Float:
    case ShapeType::Double:
        if (v.isDouble())
            writeNumber(v);
        else if (v.isString() && isSpecialFloat(v.toString()))
            writeString(v.toString()); // NaN/Infinity travel as strings
        else
            writeGeneric(v);
        return;
    case ShapeType::Timestamp:
        writeTimestamp(v, ref);
        return;
    case ShapeType::Boolean:
    case ShapeType::String:
    case ShapeType::Blob: // our blobs are base64 already, as the wire wants them
    case ShapeType::Unknown:
        writeGeneric(v);
        return;
    }
}

} // namespace aws::json
