#include "XmlPullParser.h"

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aws::xml {

namespace {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline bool isNameEnd(char c)
{
    return isSpace(c) || c == '>' || c == '/';
}

// Byte classes for the hot loops: one table look-up instead of a chain of
// comparisons per byte of every name and text.
enum : unsigned char { kNameEnd = 1, kColon = 2, kTextStop = 4, kPlainStop = 8 };
struct ByteClasses {
    unsigned char c[256] = {};
    constexpr ByteClasses()
    {
        for (const char ch : {' ', '\t', '\n', '\r', '>', '/'})
            c[static_cast<unsigned char>(ch)] |= kNameEnd;
        c[static_cast<unsigned char>(':')] |= kColon;
        for (const char ch : {'<', '&', '\r'})
            c[static_cast<unsigned char>(ch)] |= kTextStop;
        for (int ch = 0; ch < 0x20; ++ch)
            c[ch] |= kPlainStop;
        for (const char ch : {'<', '&', '"', '\\'})
            c[static_cast<unsigned char>(ch)] |= kPlainStop;
    }
    unsigned char operator[](char ch) const { return c[static_cast<unsigned char>(ch)]; }
};
constexpr ByteClasses kClass;

// The first byte in [p, end) that ends (or splits, ':') a tag name, or stops
// a plain text run; 16 bytes at a time where SSE2 is there (every x86-64).
// Names and texts are 10-40 bytes, so this beats both a byte loop and
// memchr's call and set-up.
#if defined(__SSE2__)
inline int lowestBit(int bits)
{
    return __builtin_ctz(static_cast<unsigned>(bits));
}
#endif

inline const char *findNameStop(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i gt = _mm_set1_epi8('>');
    const __m128i slash = _mm_set1_epi8('/');
    const __m128i colon = _mm_set1_epi8(':');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // Bytes <= 0x20 (spaces; controls, which the general path then
        // rejects), '>', '/' and ':'.
        const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, space), space);
        const __m128i m = _mm_or_si128(_mm_or_si128(low, _mm_cmpeq_epi8(v, gt)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, slash), _mm_cmpeq_epi8(v, colon)));
        if (const int bits = _mm_movemask_epi8(m))
            return p + lowestBit(bits);
        p += 16;
    }
#endif
    while (p < end && !(kClass[*p] & (kNameEnd | kColon)) && static_cast<unsigned char>(*p) > 0x20)
        ++p;
    return p;
}

inline const char *findTextStop(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i amp = _mm_set1_epi8('&');
    const __m128i cr = _mm_set1_epi8('\r');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i m =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)), _mm_cmpeq_epi8(v, cr));
        if (const int bits = _mm_movemask_epi8(m))
            return p + lowestBit(bits);
        p += 16;
    }
#endif
    while (p < end && !(kClass[*p] & kTextStop))
        ++p;
    return p;
}

// The first byte in [p, end) that is not plain text: '<', '&', a control
// character (CR included), '"' or '\\'. Plain text reads the same in XML
// and in a JSON string.
inline const char *findPlainTextStop(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i amp = _mm_set1_epi8('&');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1f);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i markup = _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp));
        const __m128i json = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
        const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, control), control); // bytes < 0x20
        if (const int bits = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(markup, json), low)))
            return p + lowestBit(bits);
        p += 16;
    }
#endif
    while (p < end && !(kClass[*p] & kPlainStop))
        ++p;
    return p;
}

/// Appends the UTF-8 encoding of a code point.
void appendUtf8(QByteArray &out, uint cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace

XmlPullParser::XmlPullParser(const QByteArray &document)
    : m_begin(document.constData())
    , m_p(document.constData())
    , m_end(document.constData() + document.size())
{
    if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
        m_p += 3; // UTF-8 byte order mark
    // The XML declaration may name an encoding; only UTF-8 is read here.
    if (m_end - m_p >= 5 && std::memcmp(m_p, "<?xml", 5) == 0) {
        const char *close = static_cast<const char *>(std::memchr(m_p, '>', m_end - m_p));
        if (!close) {
            fail("unterminated XML declaration");
            return;
        }
        const QByteArray decl = QByteArray(m_p, close - m_p).toLower();
        const qsizetype enc = decl.indexOf("encoding");
        if (enc >= 0 && !decl.mid(enc).contains("utf-8") && !decl.mid(enc).contains("utf8")) {
            fail("only UTF-8 documents are read by the fast parser");
            return;
        }
        m_p = close + 1;
    }
}

void XmlPullParser::fail(const char *message)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1 at byte %2").arg(QLatin1String(message)).arg(m_p - m_begin);
    m_p = m_end;
}

bool XmlPullParser::skipMarkup()
{
    auto skipPast = [this](const char *terminator, size_t len) {
        const char *q = m_p;
        while (true) {
            q = static_cast<const char *>(std::memchr(q, terminator[0], m_end - q));
            if (!q || size_t(m_end - q) < len)
                return false;
            if (std::memcmp(q, terminator, len) == 0) {
                m_p = q + len;
                return true;
            }
            ++q;
        }
    };
    if (m_end - m_p >= 4 && std::memcmp(m_p, "<!--", 4) == 0) {
        if (!skipPast("-->", 3))
            fail("unterminated comment");
    } else if (m_end - m_p >= 9 && std::memcmp(m_p, "<![CDATA[", 9) == 0) {
        if (!skipPast("]]>", 3))
            fail("unterminated CDATA section");
    } else if (m_end - m_p >= 2 && m_p[1] == '?') {
        if (!skipPast("?>", 2))
            fail("unterminated processing instruction");
    } else {
        fail("DOCTYPE and other declarations are not supported");
    }
    return !hasError();
}

bool XmlPullParser::parseStartTag()
{
    const char *nameBegin = ++m_p;
    {
        // Fast path: <name> or <name/>, no attributes (nearly every element
        // of a response). The name ends at the first '>' of the tag, so this
        // finds what the general path below would.
        const char *q = nameBegin;
        const char *local = nameBegin;
        while (true) {
            q = findNameStop(q, m_end);
            if (q < m_end && *q == ':') {
                local = ++q;
                continue;
            }
            break;
        }
        if (q > nameBegin && q < m_end && (*q == '>' || (*q == '/' && q + 1 < m_end && q[1] == '>'))) {
            m_selfClosing = *q == '/';
            m_name = QLatin1String(local, q - local);
            m_open.append(QLatin1String(nameBegin, q - nameBegin));
            m_p = q + (m_selfClosing ? 2 : 1);
            return true;
        }
    }
    const char *gt = static_cast<const char *>(std::memchr(m_p, '>', m_end - m_p));
    if (!gt) {
        fail("unterminated start tag");
        return false;
    }
    const char *local = nameBegin; // after the last ':' (namespaces are ignored)
    while (m_p < gt && !isNameEnd(*m_p)) {
        if (*m_p == ':')
            local = m_p + 1;
        ++m_p;
    }
    if (m_p == nameBegin) {
        fail("malformed start tag");
        return false;
    }
    const QLatin1String qualified(nameBegin, m_p - nameBegin);
    m_name = QLatin1String(local, m_p - local);
    // Attributes are skipped (namespaces are ignored). Only a quoted value
    // can hide a '>', so the careful scan runs only when there is a quote.
    bool quoted = false;
    for (const char *q = m_p; q < gt && !quoted; ++q)
        quoted = *q == '"' || *q == '\'';
    if (quoted) {
        while (m_p < m_end && *m_p != '>') {
            if (*m_p == '"' || *m_p == '\'') {
                const char *q = static_cast<const char *>(std::memchr(m_p + 1, *m_p, m_end - m_p - 1));
                if (!q) {
                    fail("unterminated attribute value");
                    return false;
                }
                m_p = q + 1;
            } else {
                ++m_p;
            }
        }
        if (m_p >= m_end) {
            fail("unterminated start tag");
            return false;
        }
        gt = m_p;
    }
    m_selfClosing = gt[-1] == '/';
    m_p = gt + 1;
    m_open.append(qualified);
    return true;
}

bool XmlPullParser::consumeEndTag()
{
    const char *nameBegin = m_p + 2;
    if (!m_open.isEmpty()) {
        // Fast path: "</name>" exactly (open names hold no '>').
        const QLatin1String open = m_open.last();
        if (m_end - nameBegin > open.size() && nameBegin[open.size()] == '>' &&
            std::memcmp(nameBegin, open.data(), size_t(open.size())) == 0) {
            m_open.removeLast();
            m_p = nameBegin + open.size() + 1;
            return true;
        }
    }
    const char *close = static_cast<const char *>(std::memchr(nameBegin, '>', m_end - nameBegin));
    if (!close || m_open.isEmpty()) {
        fail("unexpected end tag");
        return false;
    }
    const char *nameEnd = close;
    while (nameEnd > nameBegin && isSpace(nameEnd[-1]))
        --nameEnd;
    const QLatin1String open = m_open.last();
    if (nameEnd - nameBegin != open.size() || std::memcmp(nameBegin, open.data(), open.size()) != 0) {
        fail("mismatched end tag");
        return false;
    }
    m_open.removeLast();
    m_p = close + 1;
    return true;
}

bool XmlPullParser::readNextStartElement()
{
    if (m_selfClosing) {
        // <x/>: no children; its end is reached at once.
        m_selfClosing = false;
        if (!m_open.isEmpty())
            m_open.removeLast();
        return false;
    }
    while (m_p < m_end) {
        const char *lt = static_cast<const char *>(std::memchr(m_p, '<', m_end - m_p));
        if (!lt) {
            m_p = m_end;
            break;
        }
        m_p = lt;
        if (m_end - m_p < 2) {
            fail("truncated document");
            return false;
        }
        const char c = m_p[1];
        if (c == '/') {
            consumeEndTag();
            return false;
        }
        if (c == '!' || c == '?') {
            if (!skipMarkup())
                return false;
            continue;
        }
        return parseStartTag();
    }
    if (!m_open.isEmpty())
        fail("premature end of document");
    return false;
}

bool XmlPullParser::appendText(QByteArray &out, const char *from, const char *to)
{
    while (from < to) {
        const char *amp = static_cast<const char *>(std::memchr(from, '&', to - from));
        const char *runEnd = amp ? amp : to;
        for (const char *q = from; q < runEnd; ++q) {
            // XML reads \r\n and a lone \r as \n.
            if (*q == '\r') {
                out.append(from, q - from);
                out.append('\n');
                if (q + 1 < runEnd && q[1] == '\n')
                    ++q;
                from = q + 1;
            }
        }
        out.append(from, runEnd - from);
        if (!amp)
            break;
        const char *semi = static_cast<const char *>(std::memchr(amp, ';', to - amp));
        if (!semi || semi - amp > 12) {
            m_p = amp;
            fail("malformed entity reference");
            return false;
        }
        const QLatin1String ent(amp + 1, semi - amp - 1);
        if (ent == QLatin1String("lt")) {
            out.append('<');
        } else if (ent == QLatin1String("gt")) {
            out.append('>');
        } else if (ent == QLatin1String("amp")) {
            out.append('&');
        } else if (ent == QLatin1String("quot")) {
            out.append('"');
        } else if (ent == QLatin1String("apos")) {
            out.append('\'');
        } else if (ent.startsWith(QLatin1Char('#'))) {
            bool ok = false;
            const uint cp = ent.startsWith(QLatin1String("#x")) ? ent.sliced(2).toString().toUInt(&ok, 16)
                                                                : ent.sliced(1).toString().toUInt(&ok, 10);
            if (!ok || cp == 0 || cp > 0x10FFFF) {
                m_p = amp;
                fail("invalid character reference");
                return false;
            }
            appendUtf8(out, cp);
        } else {
            m_p = amp;
            fail("unknown entity");
            return false;
        }
        from = semi + 1;
    }
    return true;
}

QString XmlPullParser::readElementText()
{
    QByteArray scratch;
    return QString::fromUtf8(readElementTextUtf8(scratch));
}

QByteArrayView XmlPullParser::readElementTextUtf8(QByteArray &scratch)
{
    if (m_selfClosing) {
        m_selfClosing = false;
        m_open.removeLast();
        return {};
    }
    // Common case: one run of plain text, then the end tag — no copy. Texts
    // are short, so one byte loop beats three memchr calls.
    {
        const char *q = findTextStop(m_p, m_end);
        if (m_end - q >= 2 && q[0] == '<' && q[1] == '/') {
            const char *start = m_p;
            m_p = q;
            if (!consumeEndTag())
                return {};
            return QByteArrayView(start, q - start);
        }
    }
    scratch.clear();
    const qsizetype depth = m_open.size();
    while (m_p < m_end) {
        const char *lt = static_cast<const char *>(std::memchr(m_p, '<', m_end - m_p));
        if (!lt)
            break;
        if (!appendText(scratch, m_p, lt))
            return {};
        m_p = lt;
        if (m_end - m_p < 2)
            break;
        if (m_p[1] == '/') {
            if (!consumeEndTag())
                return {};
            if (m_open.size() < depth)
                return scratch;
            continue;
        }
        if (m_end - m_p >= 9 && std::memcmp(m_p, "<![CDATA[", 9) == 0) {
            const char *start = m_p + 9;
            if (!skipMarkup())
                return {};
            scratch.append(start, m_p - 3 - start);
            continue;
        }
        if (m_p[1] == '!' || m_p[1] == '?') {
            if (!skipMarkup())
                return {};
            continue;
        }
        // A child element inside a scalar: skipped, as QXmlStreamReader's
        // SkipChildElements does.
        if (!parseStartTag())
            return {};
        skipCurrentElement();
    }
    fail("premature end of document");
    return {};
}

bool XmlPullParser::readPlainElement(QByteArrayView openTag, QByteArrayView &text)
{
    if (m_selfClosing)
        return false; // the current element has no children to read
    const char *p = m_p;
    while (p < m_end && isSpace(*p)) // what readNextStartElement passes over too
        ++p;
    const qsizetype n = openTag.size();
    if (m_end - p < 2 * n + 1 || std::memcmp(p, openTag.data(), size_t(n)) != 0)
        return false;
    const char *textBegin = p + n;
    const char *q = findPlainTextStop(textBegin, m_end);
    const QByteArrayView name = openTag.sliced(1, n - 2);
    if (m_end - q < name.size() + 3 || q[0] != '<' || q[1] != '/' ||
        std::memcmp(q + 2, name.data(), size_t(name.size())) != 0 || q[name.size() + 2] != '>')
        return false;
    text = QByteArrayView(textBegin, q - textBegin);
    m_p = q + name.size() + 3;
    return true;
}

void XmlPullParser::skipCurrentElement()
{
    int depth = 1;
    if (m_selfClosing) {
        m_selfClosing = false;
        m_open.removeLast();
        return;
    }
    while (depth > 0) {
        if (!readNextStartElement()) {
            if (hasError() || m_p >= m_end)
                return;
            --depth;
            continue;
        }
        if (m_selfClosing) {
            m_selfClosing = false;
            m_open.removeLast();
            continue;
        }
        ++depth;
    }
}

} // namespace aws::xml
