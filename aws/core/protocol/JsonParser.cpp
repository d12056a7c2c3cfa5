#include "JsonParser.h"

#include "Timestamp.h"
#include "ValueTree.h"

#include <QVarLengthArray>
#include <QtCore/private/qstringconverter_p.h>
#include <algorithm>
#include <cstring>
#include <deque>
#include <string>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aws::json {

namespace {

using tree::Builder;
using tree::Scratch;

// fromJson's nesting limit.
constexpr int kNestingLimit = 1024;

// What a container's members or items are read as.
enum class Kind {
    Generic,   ///< as is (no shape, a document, a value of an unexpected type)
    Structure, ///< members looked up in the shape; others and nulls dropped
    Map,       ///< every key; values of the map's value shape; nulls dropped
    List,      ///< items of the member shape; nulls dropped
    EventList, ///< a decoded event stream: objects read as the stream's union
};

// One string token. Escaped text is decoded into the parser's scratch buffer.
struct Text {
    enum Form { Ascii, Utf8, Escaped };
    const char *begin = nullptr;
    qsizetype size = 0;
    Form form = Ascii;
};

// The first '"', '\\' or non-ASCII byte in [p, end): 16 bytes at a time.
inline const char *findStringSpecial(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
        if (const int bits = _mm_movemask_epi8(m) | _mm_movemask_epi8(v))
            return p + __builtin_ctz(static_cast<unsigned>(bits));
        p += 16;
    }
#endif
    while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) < 0x80)
        ++p;
    return p;
}

inline bool addHexDigit(char digit, char32_t *result)
{
    *result <<= 4;
    if (digit >= '0' && digit <= '9')
        *result |= char32_t(digit - '0');
    else if (digit >= 'a' && digit <= 'f')
        *result |= char32_t(digit - 'a' + 10);
    else if (digit >= 'A' && digit <= 'F')
        *result |= char32_t(digit - 'A' + 10);
    else
        return false;
    return true;
}

// At a backslash; fromJson's rules (unknown escapes stand for themselves).
bool scanEscapeSequence(const char *&json, const char *end, char32_t *ch)
{
    ++json;
    if (json >= end)
        return false;
    const uchar escaped = uchar(*json++);
    switch (escaped) {
    case 'b':
        *ch = 0x8;
        break;
    case 'f':
        *ch = 0xc;
        break;
    case 'n':
        *ch = 0xa;
        break;
    case 'r':
        *ch = 0xd;
        break;
    case 't':
        *ch = 0x9;
        break;
    case 'u':
        *ch = 0;
        if (json > end - 4)
            return false;
        for (int i = 0; i < 4; ++i) {
            if (!addHexDigit(*json, ch))
                return false;
            ++json;
        }
        break;
    default:
        *ch = escaped; // '"', '\\', '/' and anything else
        break;
    }
    return true;
}

bool scanUtf8Char(const char *&json, const char *end, char32_t *result)
{
    const auto *usrc = reinterpret_cast<const uchar *>(json);
    const auto *uend = reinterpret_cast<const uchar *>(end);
    const uchar b = *usrc++;
    if (QUtf8Functions::fromUtf8<QUtf8BaseTraits>(b, result, usrc, uend) < 0)
        return false;
    json = reinterpret_cast<const char *>(usrc);
    return true;
}

// Names are mostly 4 to 30 bytes long: compared in words, the last one
// overlapping the one before, inline rather than through a memcmp call.
inline bool sameBytes(const char *a, const char *b, qsizetype n)
{
    auto word = [](const char *p, auto v) {
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    if (n >= 8) {
        for (qsizetype i = 0; i < n - 8; i += 8)
            if (word(a + i, quint64()) != word(b + i, quint64()))
                return false;
        return word(a + n - 8, quint64()) == word(b + n - 8, quint64());
    }
    if (n >= 4)
        return word(a, quint32()) == word(b, quint32()) &&
               word(a + n - 4, quint32()) == word(b + n - 4, quint32());
    for (qsizetype i = 0; i < n; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

class Parser {
public:
    Parser(QByteArrayView json, Scratch &scratch)
        : m_scratch(scratch)
        , m_head(json.data())
        , m_json(json.data())
        , m_end(json.data() + json.size())
    {}

    std::optional<QJsonObject> document(const Shape *shape, QJsonParseError *error)
    {
        eatBOM();
        const char token = nextToken();
        Builder root(m_scratch);
        bool isObject = false;
        bool ok = false;
        if (token == '{') {
            isObject = true;
            if (shape)
                root.dropNullMembers();
            ok = parseObject(shape, shape ? Kind::Structure : Kind::Generic, &root);
        } else if (token == '[') {
            ok = parseArray(nullptr, Kind::Generic, nullptr);
        } else {
            fail(QJsonParseError::IllegalValue);
        }
        if (ok) {
            eatSpace();
            if (m_json < m_end)
                ok = fail(QJsonParseError::GarbageAtEnd);
        }
        if (error) {
            error->error = ok ? QJsonParseError::NoError : m_error;
            error->offset = ok ? 0 : int(m_errorOffset);
        }
        if (!ok || !isObject)
            return std::nullopt;
        return root.takeObject();
    }

private:
    bool fail(QJsonParseError::ParseError e, qsizetype pastEnd = 0)
    {
        m_error = e;
        m_errorOffset = (m_json - m_head) + pastEnd;
        return false;
    }

    void eatBOM()
    {
        if (m_end - m_json > 3 && uchar(m_json[0]) == 0xef && uchar(m_json[1]) == 0xbb &&
            uchar(m_json[2]) == 0xbf)
            m_json += 3;
    }

    bool eatSpace()
    {
        while (m_json < m_end) {
            const char c = *m_json;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_json;
        }
        return m_json < m_end;
    }

    char nextToken()
    {
        if (!eatSpace())
            return 0;
        const char token = *m_json++;
        switch (token) {
        case '[':
        case '{':
        case ':':
        case ',':
        case ']':
        case '}':
        case '"':
            return token;
        default:
            return 0;
        }
    }

    // After '{'. `shape`: the structure (Structure), the map's value shape
    // (Map, may be null) or null (Generic). `out` null: checked, not kept.
    bool parseObject(const Shape *shape, Kind kind, Builder *out)
    {
        if (++m_nesting > kNestingLimit)
            return fail(QJsonParseError::DeepNesting);
        MemberIndex *index = kind == Kind::Structure && out ? &indexOf(*shape) : nullptr;
        int previous = -1;
        char token = nextToken();
        while (token == '"') {
            Text key;
            const MemberIndex::Entry *m = index ? expectedMember(*index, previous, key) : nullptr;
            if (!m) {
                if (!parseString(key))
                    return false;
                if (index)
                    m = member(*index, previous, key);
            }
            if (nextToken() != ':')
                return fail(QJsonParseError::MissingNameSeparator);
            if (!eatSpace())
                return fail(QJsonParseError::UnterminatedObject);
            Builder *target = out;
            const Shape *valueShape = nullptr;
            if (out) {
                if (kind == Kind::Structure) {
                    valueShape = m ? m->shape : nullptr;
                    if (!valueShape)
                        target = nullptr; // not in the model: dropped
                } else if (kind == Kind::Map) {
                    valueShape = shape;
                }
                if (target) {
                    appendText(*target, key);
                    if (m)
                        target->setKeyRank(m->rank);
                }
            }
            if (!parseValue(valueShape, target))
                return false;
            token = nextToken();
            if (token != ',')
                break;
            token = nextToken();
            if (token == '}')
                return fail(QJsonParseError::MissingObject);
        }
        if (token != '}')
            return fail(QJsonParseError::UnterminatedObject);
        --m_nesting;
        return true;
    }

    // After '['. `item`: the items' shape (List, EventList) or null.
    bool parseArray(const Shape *item, Kind kind, Builder *out)
    {
        if (++m_nesting > kNestingLimit)
            return fail(QJsonParseError::DeepNesting);
        if (!eatSpace())
            return fail(QJsonParseError::UnterminatedArray);
        if (*m_json == ']') {
            nextToken();
        } else {
            while (true) {
                if (!eatSpace())
                    return fail(QJsonParseError::UnterminatedArray);
                bool ok;
                if (kind == Kind::List)
                    ok = parseValue(item, *m_json == 'n' ? nullptr : out); // null items are dropped
                else if (kind == Kind::EventList)
                    ok = parseValue(*m_json == '{' ? item : nullptr, out);
                else
                    ok = parseValue(nullptr, out);
                if (!ok)
                    return false;
                const char token = nextToken();
                if (token == ']')
                    break;
                if (token != ',') {
                    if (!eatSpace())
                        return fail(QJsonParseError::UnterminatedArray);
                    return fail(QJsonParseError::MissingValueSeparator);
                }
            }
        }
        --m_nesting;
        return true;
    }

    bool literal(const char *rest, qsizetype need)
    {
        // fromJson wants `need` bytes left after the first letter.
        if (m_end - m_json < need)
            return fail(QJsonParseError::IllegalValue);
        for (const char *r = rest; *r; ++r)
            if (*m_json++ != *r)
                return fail(QJsonParseError::IllegalValue);
        return true;
    }

    // At the value's first byte. `shape` types it (null: as is).
    bool parseValue(const Shape *shape, Builder *out)
    {
        if (shape && shape->document)
            shape = nullptr;
        switch (*m_json++) {
        case 'n':
            if (!literal("ull", 4))
                return false;
            if (out)
                out->appendNull(); // dropped by the object when its kind says so
            return true;
        case 't':
            if (!literal("rue", 4))
                return false;
            if (out)
                out->appendBool(true);
            return true;
        case 'f':
            if (!literal("alse", 5))
                return false;
            if (out)
                out->appendBool(false);
            return true;
        case '"': {
            Text text;
            if (!parseString(text))
                return false;
            if (out) {
                if (shape && shape->type == ShapeType::Timestamp) {
                    // Epoch seconds are the default; iso8601/rfc822 strings come
                    // with a timestampFormat trait (and from some older services).
                    const auto seconds = text.form == Text::Escaped
                                             ? timestamp::parse(scratchString())
                                             : timestamp::parse(QByteArrayView(text.begin, text.size));
                    if (seconds) {
                        out->appendNumber(*seconds);
                        return true;
                    }
                }
                appendText(*out, text);
            }
            return true;
        }
        case '[': {
            Builder child(m_scratch);
            bool ok;
            if (shape && shape->type == ShapeType::List)
                ok = parseArray(shape->member.shape, Kind::List, out ? &child : nullptr);
            else if (shape && shape->type == ShapeType::Structure && shape->eventStream)
                ok = parseArray(shape, Kind::EventList, out ? &child : nullptr);
            else
                ok = parseArray(nullptr, Kind::Generic, out ? &child : nullptr);
            if (ok && out)
                out->appendArray(child);
            return ok;
        }
        case '{': {
            Builder child(m_scratch);
            bool ok;
            if (shape && shape->type == ShapeType::Structure) {
                child.dropNullMembers();
                ok = parseObject(shape, Kind::Structure, out ? &child : nullptr);
            } else if (shape && shape->type == ShapeType::Map) {
                child.dropNullMembers();
                ok = parseObject(shape->value.shape, Kind::Map, out ? &child : nullptr);
            } else {
                ok = parseObject(nullptr, Kind::Generic, out ? &child : nullptr);
            }
            if (ok && out)
                out->appendObject(child);
            return ok;
        }
        case ',':
            // A missing value after a colon.
            return fail(QJsonParseError::IllegalValue);
        case ']':
        case '}':
            return fail(QJsonParseError::MissingObject);
        default:
            --m_json;
            return parseNumber(out);
        }
    }

    bool parseNumber(Builder *out)
    {
        const char *start = m_json;
        if (m_json < m_end && *m_json == '-')
            ++m_json;
        if (m_json < m_end && *m_json == '0') {
            ++m_json;
        } else {
            while (m_json < m_end && *m_json >= '0' && *m_json <= '9')
                ++m_json;
        }
        if (m_json < m_end && *m_json == '.') {
            ++m_json;
            while (m_json < m_end && *m_json >= '0' && *m_json <= '9')
                ++m_json;
        }
        if (m_json < m_end && (*m_json == 'e' || *m_json == 'E')) {
            ++m_json;
            if (m_json < m_end && (*m_json == '-' || *m_json == '+'))
                ++m_json;
            while (m_json < m_end && *m_json >= '0' && *m_json <= '9')
                ++m_json;
        }
        if (m_json >= m_end)
            return fail(QJsonParseError::TerminationByNumber);
        const QByteArrayView text(start, m_json - start);
        if (!tree::appendNumberText(out, text))
            return fail(QJsonParseError::IllegalNumber);
        return true;
    }

    // After the opening quote; leaves m_json after the closing one.
    bool parseString(Text &text)
    {
        const char *start = m_json;
        bool ascii = true;
        while (true) {
            m_json = findStringSpecial(m_json, m_end);
            if (m_json >= m_end)
                return fail(QJsonParseError::UnterminatedString, 1);
            const char c = *m_json;
            if (c == '"')
                break;
            if (c == '\\') {
                // fromJson checks the end is not next before it decodes.
                if (++m_json >= m_end)
                    return fail(QJsonParseError::UnterminatedString);
                return parseEscapedString(start, text);
            }
            char32_t ch = 0;
            if (!scanUtf8Char(m_json, m_end, &ch))
                return fail(QJsonParseError::IllegalUTF8String);
            ascii = false;
        }
        ++m_json;
        if (m_json >= m_end)
            return fail(QJsonParseError::UnterminatedString);
        text.begin = start;
        text.size = m_json - start - 1;
        text.form = ascii ? Text::Ascii : Text::Utf8;
        return true;
    }

    // fromJson stores any string with an escape as UTF-16, decoded here.
    bool parseEscapedString(const char *start, Text &text)
    {
        m_json = start;
        m_text.clear();
        while (m_json < m_end) {
            char32_t ch = 0;
            if (*m_json == '"')
                break;
            if (*m_json == '\\') {
                if (!scanEscapeSequence(m_json, m_end, &ch))
                    return fail(QJsonParseError::IllegalEscapeSequence);
            } else if (!scanUtf8Char(m_json, m_end, &ch)) {
                return fail(QJsonParseError::IllegalUTF8String);
            }
            if (QChar::requiresSurrogates(ch)) {
                m_text.append(QChar::highSurrogate(ch));
                m_text.append(QChar::lowSurrogate(ch));
            } else {
                m_text.append(char16_t(ch));
            }
        }
        if (m_json >= m_end)
            return fail(QJsonParseError::UnterminatedString, 1);
        ++m_json;
        if (m_json >= m_end)
            return fail(QJsonParseError::UnterminatedString);
        text.form = Text::Escaped;
        return true;
    }

    QString scratchString() const
    {
        return QString(reinterpret_cast<const QChar *>(m_text.constData()), m_text.size());
    }

    void appendText(Builder &out, const Text &text) const
    {
        if (Q_LIKELY(text.form != Text::Escaped))
            out.append8Bit(text.begin, text.size, text.form == Text::Ascii);
        else
            out.appendUtf16(m_text.constData(), m_text.size());
    }

    // Per structure shape: its members' names, compact (no Shape to walk
    // through), prepared once per parse. The members of every item of a list
    // come in the same order, so the one that followed the previous member
    // last time is tried first.
    struct MemberIndex {
        struct Entry {
            qsizetype offset; ///< of the name in `names`
            qsizetype size;
            const Shape *shape;
            int rank = 0;  ///< place of the name in Qt's key order
            int next = -1; ///< member that followed this one last time
        };
        const Shape *shape;
        std::vector<Entry> entries;
        std::string names; ///< the members' names as bytes (they are ASCII)
        int first = -1;    ///< member that came first last time
    };

    MemberIndex &indexOf(const Shape &shape)
    {
        for (MemberIndex &index : m_indexes)
            if (index.shape == &shape)
                return index;
        MemberIndex &index = m_indexes.emplace_back();
        index.shape = &shape;
        index.entries.reserve(size_t(shape.members.size()));
        for (const ShapeRef &m : shape.members) {
            index.entries.push_back({qsizetype(index.names.size()), m.name.size(), m.shape});
            for (const QChar c : m.name) // ASCII: narrowed in place, no temporary
                index.names += char(c.unicode());
        }
        const std::vector<int> ranks = shape.memberRanks();
        for (size_t i = 0; i < ranks.size(); ++i)
            index.entries[i].rank = ranks[i];
        return index;
    }

    bool sameName(const MemberIndex &index, const MemberIndex::Entry &e, const Text &key) const
    {
        const char *name = index.names.data() + e.offset;
        if (key.form == Text::Escaped)
            return QStringView(m_text.constData(), m_text.size()) == QLatin1StringView(name, e.size);
        return e.size == key.size && sameBytes(name, key.begin, e.size);
    }

    // The member expected next (the one that followed the previous member
    // last time) when the key at hand is its name verbatim: taken without a
    // scan of the string. `previous` is the index of the object's previous
    // member (-1 at its start).
    const MemberIndex::Entry *expectedMember(MemberIndex &index, int &previous, Text &key)
    {
        const int guess = previous < 0 ? index.first : index.entries[size_t(previous)].next;
        if (guess < 0)
            return nullptr;
        const MemberIndex::Entry &e = index.entries[size_t(guess)];
        // What follows the closing quote must not be the end: parseString's
        // error, left to it.
        if (m_end - m_json <= e.size + 1 || m_json[e.size] != '"' ||
            !sameBytes(m_json, index.names.data() + e.offset, e.size))
            return nullptr;
        key = {m_json, e.size, Text::Ascii};
        m_json += e.size + 1;
        previous = guess;
        return &e;
    }

    // The member `key` names, as above.
    const MemberIndex::Entry *member(MemberIndex &index, int &previous, const Text &key) const
    {
        if (key.form == Text::Utf8)
            return nullptr; // member names are ASCII
        int &guess = previous < 0 ? index.first : index.entries[size_t(previous)].next;
        int found = -1;
        if (guess >= 0 && sameName(index, index.entries[size_t(guess)], key)) {
            found = guess;
        } else {
            for (size_t i = 0; i < index.entries.size(); ++i) {
                if (sameName(index, index.entries[i], key)) {
                    found = int(i);
                    break;
                }
            }
            if (found < 0)
                return nullptr;
            guess = found;
        }
        previous = found;
        return &index.entries[size_t(found)];
    }

    Scratch &m_scratch;
    const char *m_head;
    const char *m_json;
    const char *m_end;
    int m_nesting = 0;
    QJsonParseError::ParseError m_error = QJsonParseError::NoError;
    qsizetype m_errorOffset = 0;
    // A deque: nested structures add indexes while an outer one is in use.
    std::deque<MemberIndex> m_indexes;
    QVarLengthArray<char16_t, 128> m_text; ///< an escaped string, decoded
};

} // namespace

std::optional<QJsonObject> parseObject(QByteArrayView json, const Shape *shape, QJsonParseError *error)
{
    // The builders' buffers are kept per thread: a parse then allocates
    // nothing but the containers it returns.
    static thread_local Scratch scratch;
    return Parser(json, scratch).document(shape, error);
}

} // namespace aws::json
