#include "XmlWriter.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace aws::xml {

namespace {

/// The first byte in [p, end) that text cannot hold as it is: '"', '&', '<',
/// '>' and the control characters. 16 at a time with SSE2: nearly every
/// value has none.
const char *findSpecial(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i control = _mm_set1_epi8(0x1f);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i amp = _mm_set1_epi8('&');
    const __m128i lt = _mm_set1_epi8('<');
    const __m128i gt = _mm_set1_epi8('>');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, control), control); // bytes < 0x20
        const __m128i m = _mm_or_si128(
            _mm_or_si128(low, _mm_cmpeq_epi8(v, quote)),
            _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt))));
        if (const int bits = _mm_movemask_epi8(m))
            return p + __builtin_ctz(static_cast<unsigned>(bits));
        p += 16;
    }
#endif
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == '"' || c == '&' || c == '<' || c == '>')
            return p;
    }
    return p;
}

} // namespace

char *Writer::room(qsizetype n)
{
    // Written through a pointer into room made once per piece, then trimmed:
    // QByteArray::append per tag and per escaped run was a third of the time.
    // Grown geometrically: reserve() alone allocates exactly what is asked.
    const qsizetype at = m_out.size();
    if (at + n > m_out.capacity())
        m_out.reserve(std::max(at + n, 2 * m_out.capacity()));
    m_out.resize(at + n);
    return m_out.data() + at;
}

void Writer::trim(const char *end)
{
    m_out.resize(end - m_out.constData());
}

void Writer::startDocument()
{
    plain("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38);
}

void Writer::endDocument()
{
    while (!m_open.isEmpty())
        endElement();
    plain("\n", 1);
}

void Writer::closeStartTag()
{
    if (m_inStartTag) {
        *room(1) = '>';
        m_inStartTag = false;
    }
}

void Writer::startElement(QStringView name)
{
    // Model names are ASCII: narrowed unit by unit, no QByteArray per name.
    char *p = room(name.size() + 2);
    if (m_inStartTag)
        *p++ = '>';
    m_inStartTag = true;
    *p++ = '<';
    const qsizetype at = p - m_out.constData();
    for (const QChar c : name) {
        if (c.unicode() >= 0x80) { // not in any model; written right all the same
            trim(p);
            m_out += name.toUtf8();
            p = m_out.data() + m_out.size();
            break;
        }
        *p++ = char(c.unicode());
    }
    m_open.append({at, p - m_out.constData() - at});
    trim(p);
}

void Writer::defaultNamespace(QStringView uri)
{
    m_out += " xmlns=\"";
    m_out += uri.toUtf8();
    m_out += '"';
}

void Writer::endElement()
{
    const auto [at, size] = m_open.takeLast();
    if (m_inStartTag) {
        m_inStartTag = false;
        char *p = room(2);
        p[0] = '/';
        p[1] = '>';
        return;
    }
    char *p = room(size + 3);
    *p++ = '<';
    *p++ = '/';
    std::memcpy(p, m_out.constData() + at, size_t(size)); // room() is made first: `at` stays valid
    p += size;
    *p = '>';
}

void Writer::writeEscaped(const char *s, qsizetype size)
{
    const char *const end = s + size;
    char *p = room(size * 6); // "&quot;" at worst
    while (s < end) {
        const char *special = findSpecial(s, end);
        std::memcpy(p, s, size_t(special - s));
        p += special - s;
        if (special == end)
            break;
        const char *entity = nullptr;
        switch (*special) {
        case '"':
            entity = "&quot;";
            break;
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '\t':
        case '\n':
        case '\r':
            *p++ = *special;
            break;
        default:
            break; // other control characters: XML 1.0 cannot hold them; Qt drops them too
        }
        for (; entity && *entity; ++entity)
            *p++ = *entity;
        s = special + 1;
    }
    trim(p);
}

void Writer::characters(QStringView text)
{
    closeStartTag();
    const QByteArray utf8 = text.toUtf8();
    writeEscaped(utf8.constData(), utf8.size());
}

void Writer::characters(const view::Text &text)
{
    if (text.isUtf16())
        return characters(QStringView(text.utf16, text.size));
    closeStartTag();
    // 8-bit text is ASCII or UTF-8 already: escaped as it is.
    writeEscaped(text.bytes, text.size);
}

void Writer::plain(const char *text, qsizetype size)
{
    closeStartTag();
    std::memcpy(room(size), text, size_t(size));
}

void Writer::textElement(QStringView name, QStringView text)
{
    startElement(name);
    characters(text);
    endElement();
}

} // namespace aws::xml
