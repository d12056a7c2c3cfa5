#include "JsonReader.h"

#include "Timestamp.h"

#include <QVarLengthArray>
#include <cmath>
#include <cstring>
#include <deque>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aws::json {

namespace {

void prependMember(QString &path, const QString &name)
{
    if (path.isEmpty() || path.startsWith(u'['))
        path.prepend(name);
    else
        path.prepend(name + u'.');
}

bool isSpecialFloat(const QString &s)
{
    return s == u"NaN" || s == u"Infinity" || s == u"-Infinity";
}

} // namespace

QJsonValue ShapeReader::mismatch(const QJsonValue &v, const char *expected)
{
    if (m_strict && m_error.isEmpty())
        m_error = QStringLiteral("Expected %1").arg(QLatin1String(expected));
    return v; // lenient: keep what the service sent
}

QJsonObject ShapeReader::readStructure(const QJsonObject &value, const Shape &shape)
{
    bool changed = false;
    return structure(value, shape, changed);
}

bool ShapeReader::visitNeeded(QJsonValue::Type t, const Shape &shape) const
{
    // Lenient mode only visits what can change: containers (unknown and null
    // members go) and timestamps sent as strings. Strict mode also visits
    // scalars of the wrong type, to report them.
    if (shape.document)
        return false;
    switch (shape.type) {
    case ShapeType::Structure:
    case ShapeType::List:
    case ShapeType::Map:
        return true;
    case ShapeType::Timestamp:
        return t != QJsonValue::Double;
    case ShapeType::Integer:
    case ShapeType::Long:
        return m_strict;
    case ShapeType::Float:
    case ShapeType::Double:
        return m_strict && t != QJsonValue::Double;
    case ShapeType::String:
    case ShapeType::Blob:
        return m_strict && t != QJsonValue::String;
    case ShapeType::Boolean:
        return m_strict && t != QJsonValue::Bool;
    case ShapeType::Unknown:
        break;
    }
    return false;
}

QJsonObject ShapeReader::structure(const QJsonObject &o, const Shape &shape, bool &changed)
{
    // Members are looked up by name (a binary search over the object's
    // sorted keys, no allocation) rather than iterating the object's keys,
    // which would build a QString per key. Counting the hits tells whether
    // the object holds anything outside the model.
    struct Edit {
        const QString *name;
        QJsonValue value; ///< Undefined: remove
    };
    QVarLengthArray<Edit, 8> edits;
    qsizetype found = 0;
    const auto end = o.constEnd();
    for (qsizetype i = 0; i < shape.members.size(); ++i) {
        const ShapeRef &m = shape.members[i];
        if (!m.shape)
            continue;
        const auto it = o.constFind(QStringView(m.name));
        if (it == end)
            continue;
        ++found;
        const QJsonValueConstRef v = *it;
        const QJsonValue::Type t = v.type();
        if (t == QJsonValue::Null) {
            edits.append({&m.name, QJsonValue(QJsonValue::Undefined)});
            continue;
        }
        if (!visitNeeded(t, *m.shape))
            continue;
        bool childChanged = false;
        QJsonValue nv = read(QJsonValue(v), m, childChanged);
        if (failed()) {
            prependMember(m_path, m.name);
            return {};
        }
        if (childChanged)
            edits.append({&m.name, std::move(nv)});
    }
    if (found == o.size() && edits.isEmpty())
        return o;
    changed = true;
    if (found == o.size()) {
        QJsonObject out = o; // detaches this level only; children stay shared
        for (const Edit &e : edits) {
            if (e.value.isUndefined())
                out.remove(*e.name);
            else
                out.insert(*e.name, e.value);
        }
        return out;
    }
    // Keys outside the model ("__type", members of a newer API version).
    QJsonObject out;
    for (qsizetype i = 0; i < shape.members.size(); ++i) {
        const ShapeRef &m = shape.members[i];
        const auto it = o.constFind(QStringView(m.name));
        if (it == end)
            continue;
        const Edit *edit = nullptr;
        for (const Edit &e : edits)
            if (e.name == &m.name)
                edit = &e;
        if (edit) {
            if (!edit->value.isUndefined())
                out.insert(m.name, edit->value);
        } else {
            out.insert(m.name, QJsonValue(*it));
        }
    }
    return out;
}

QJsonValue ShapeReader::list(const QJsonArray &a, const ShapeRef &member, bool &changed)
{
    QJsonArray out;
    bool copied = false; // `out` is only built once something differs from `a`
    qsizetype i = 0;
    for (auto it = a.constBegin(); it != a.constEnd(); ++it, ++i) {
        const QJsonValueConstRef v = *it;
        const QJsonValue::Type t = v.type();
        const bool drop = t == QJsonValue::Null; // dense lists: clients skip nulls
        bool childChanged = false;
        QJsonValue nv;
        if (!drop && member.shape && visitNeeded(t, *member.shape)) {
            nv = read(QJsonValue(v), member, childChanged);
            if (failed()) {
                m_path.prepend(QStringLiteral("[%1]").arg(i));
                return {};
            }
        }
        if (!copied && (drop || childChanged)) {
            copied = true;
            for (qsizetype j = 0; j < i; ++j)
                out.append(a.at(j));
        }
        if (copied && !drop)
            out.append(childChanged ? nv : QJsonValue(v));
    }
    if (!copied)
        return a;
    changed = true;
    return out;
}

QJsonValue ShapeReader::map(const QJsonObject &o, const ShapeRef &value, bool &changed)
{
    QJsonObject out;
    bool copied = false;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QJsonValueConstRef v = it.value();
        const QJsonValue::Type t = v.type();
        const bool drop = t == QJsonValue::Null;
        bool childChanged = false;
        QJsonValue nv;
        if (!drop && value.shape && visitNeeded(t, *value.shape)) {
            nv = read(QJsonValue(v), value, childChanged);
            if (failed()) {
                prependMember(m_path, it.key());
                return {};
            }
        }
        if (!copied && (drop || childChanged)) {
            copied = true;
            for (auto jt = o.constBegin(); jt != it; ++jt)
                out.insert(jt.key(), QJsonValue(jt.value()));
        }
        if (copied && !drop)
            out.insert(it.key(), childChanged ? nv : QJsonValue(v));
    }
    if (!copied)
        return o;
    changed = true;
    return out;
}

QJsonValue ShapeReader::eventStream(const QJsonValue &v, const Shape &shape, bool &changed)
{
    // Decoded event streams are a list of single-member structures
    // ({"EventName": {...}}); each is typed by the stream's union shape.
    if (!v.isArray())
        return v.isObject() ? QJsonValue(structure(v.toObject(), shape, changed))
                            : mismatch(v, "an event list");
    const QJsonArray a = v.toArray();
    QJsonArray out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        bool c = false;
        out.append(a.at(i).isObject() ? QJsonValue(structure(a.at(i).toObject(), shape, c)) : a.at(i));
        if (failed()) {
            m_path.prepend(QStringLiteral("[%1]").arg(i));
            return {};
        }
    }
    changed = true;
    return out;
}

QJsonValue ShapeReader::read(const QJsonValue &v, const ShapeRef &ref, bool &changed)
{
    const Shape *shape = ref.shape;
    if (!shape || shape->document)
        return v;
    switch (shape->type) {
    case ShapeType::Structure:
        if (shape->eventStream)
            return eventStream(v, *shape, changed);
        if (!v.isObject())
            return mismatch(v, "a structure");
        return structure(v.toObject(), *shape, changed);
    case ShapeType::List:
        if (!v.isArray())
            return mismatch(v, "a list");
        return list(v.toArray(), shape->member, changed);
    case ShapeType::Map:
        if (!v.isObject())
            return mismatch(v, "a map");
        return map(v.toObject(), shape->value, changed);
    case ShapeType::String:
        if (!v.isString())
            return mismatch(v, "a string");
        return v;
    case ShapeType::Blob:
        if (!v.isString())
            return mismatch(v, "a base64 string");
        return v; // base64 on the wire and in our values
    case ShapeType::Boolean:
        if (!v.isBool())
            return mismatch(v, "a boolean");
        return v;
    case ShapeType::Integer:
    case ShapeType::Long:
        if (!v.isDouble())
            return mismatch(v, "an integer");
        if (m_strict && v.toDouble() != std::floor(v.toDouble()))
            return mismatch(v, "an integer");
        return v;
    case ShapeType::Float:
    case ShapeType::Double:
        if (v.isDouble() || (v.isString() && isSpecialFloat(v.toString())))
            return v;
        return mismatch(v, "a number");
    case ShapeType::Timestamp:
        if (v.isDouble())
            return v;
        if (v.isString()) {
            // Epoch seconds are the default; iso8601/rfc822 strings come with
            // a timestampFormat trait (and from some older services).
            if (const auto seconds = timestamp::parse(v.toString())) {
                changed = true;
                return *seconds;
            }
        }
        return mismatch(v, "a timestamp");
    case ShapeType::Unknown:
        return v;
    }
    return v;
}

} // namespace aws::json

namespace aws::json {

namespace {

enum : unsigned char { kSpace = 1, kStringStop = 2, kValueEnd = 4 };
struct ByteClasses {
    unsigned char c[256] = {};
    constexpr ByteClasses()
    {
        for (const char ch : {' ', '\n', '\r', '\t'})
            c[static_cast<unsigned char>(ch)] |= kSpace | kValueEnd;
        c[static_cast<unsigned char>('"')] |= kStringStop;
        c[static_cast<unsigned char>('\\')] |= kStringStop;
        for (const char ch : {',', '}', ']'})
            c[static_cast<unsigned char>(ch)] |= kValueEnd;
    }
};
constexpr ByteClasses kBytes;

// The first '"' or '\\' in [p, end): 16 bytes at a time with SSE2.
inline const char *findStringStop(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
        if (const int bits = _mm_movemask_epi8(m))
            return p + __builtin_ctz(static_cast<unsigned>(bits));
        p += 16;
    }
#endif
    while (p < end && !(kBytes.c[static_cast<unsigned char>(*p)] & kStringStop))
        ++p;
    return p;
}

// The byte scan behind conformsAsIs(). The text has already been accepted
// by QJsonDocument, so the scan only guards against running off the end.
class ConformanceScan {
public:
    ConformanceScan(const char *p, const char *end)
        : m_p(p)
        , m_end(end)
    {}

    bool document(const Shape &shape)
    {
        skipSpace();
        if (!at('{') || !structure(shape))
            return false;
        skipSpace();
        return m_p == m_end;
    }

private:
    // Per structure shape: member names as Latin-1 bytes, prepared once per
    // scan. The members of every item of a list come in the same order, so
    // the one that followed the previous member last time is tried first.
    struct Index {
        struct Entry {
            QByteArray name;
            const ShapeRef *ref;
            int next = -1;
        };
        std::vector<Entry> entries;
        int first = -1;
    };

    Index &indexOf(const Shape &shape)
    {
        for (auto &[s, index] : m_indexes)
            if (s == &shape)
                return index;
        Index index;
        index.entries.reserve(size_t(shape.members.size()));
        for (const ShapeRef &m : shape.members)
            index.entries.push_back({m.name.toLatin1(), &m});
        m_indexes.emplace_back(&shape, std::move(index));
        return m_indexes.back().second;
    }

    static bool sameName(const QByteArray &a, const char *key, qsizetype n)
    {
        return a.size() == n && std::memcmp(a.constData(), key, size_t(n)) == 0;
    }

    const ShapeRef *member(Index &index, int &previous, const char *key, qsizetype n)
    {
        int &guess = previous < 0 ? index.first : index.entries[size_t(previous)].next;
        int found = -1;
        if (guess >= 0 && sameName(index.entries[size_t(guess)].name, key, n)) {
            found = guess;
        } else {
            for (size_t i = 0; i < index.entries.size(); ++i) {
                if (sameName(index.entries[i].name, key, n)) {
                    found = int(i);
                    break;
                }
            }
            if (found < 0)
                return nullptr;
            guess = found;
        }
        previous = found;
        return index.entries[size_t(found)].ref;
    }

    bool at(char c) const { return m_p < m_end && *m_p == c; }

    void skipSpace()
    {
        while (m_p < m_end && (kBytes.c[static_cast<unsigned char>(*m_p)] & kSpace))
            ++m_p;
    }

    // At the opening quote; leaves m_p after the closing one. `escaped` tells
    // whether the string holds an escape (its bytes are then not its value).
    // A byte loop: strings are short, shorter than two memchr calls cost.
    bool string(const char *&begin, qsizetype &size, bool &escaped)
    {
        begin = ++m_p;
        escaped = false;
        const char *p = m_p;
        while (true) {
            p = findStringStop(p, m_end);
            if (p >= m_end)
                return false;
            if (*p == '"')
                break;
            escaped = true; // a backslash: skip it and the escaped byte
            p += 2;
        }
        size = p - begin;
        m_p = p + 1;
        return true;
    }

    bool skipString()
    {
        const char *b;
        qsizetype n;
        bool e;
        return string(b, n, e);
    }

    // Any value, not looked into.
    bool skipValue()
    {
        if (m_p >= m_end)
            return false;
        const char c = *m_p;
        if (c == '"')
            return skipString();
        if (c == '{' || c == '[') {
            int depth = 0;
            while (m_p < m_end) {
                const char d = *m_p;
                if (d == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                ++m_p;
                if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0)
                        return true;
                }
            }
            return false;
        }
        // Number, true, false.
        while (m_p < m_end && !(kBytes.c[static_cast<unsigned char>(*m_p)] & kValueEnd))
            ++m_p;
        return true;
    }

    // Mirrors ShapeReader::read() in lenient mode: true when the value
    // needs no change.
    bool value(const Shape *shape)
    {
        if (!shape || shape->document)
            return skipValue();
        switch (shape->type) {
        case ShapeType::Structure:
            if (shape->eventStream)
                return false;
            return at('{') ? structure(*shape) : skipValue();
        case ShapeType::List:
            return at('[') ? list(shape->member.shape) : skipValue();
        case ShapeType::Map:
            return at('{') ? map(shape->value.shape) : skipValue();
        case ShapeType::Timestamp:
            return at('"') ? false : skipValue(); // a string may become epoch seconds
        default:
            return skipValue();
        }
    }

    /// `{…}` or `[…]`: `item` reads one member or element; commas between,
    /// `close` at the end, nesting bounded.
    template <class Item> bool sequence(char close, Item item)
    {
        if (++m_depth > kMaxDepth)
            return false;
        ++m_p;
        skipSpace();
        if (at(close)) {
            ++m_p;
            --m_depth;
            return true;
        }
        while (true) {
            if (!item())
                return false;
            skipSpace();
            if (at(',')) {
                ++m_p;
                skipSpace();
                continue;
            }
            if (!at(close))
                return false;
            ++m_p;
            --m_depth;
            return true;
        }
    }

    bool structure(const Shape &shape)
    {
        Index &index = indexOf(shape);
        int previous = -1;
        return sequence('}', [&] {
            if (!at('"'))
                return false;
            const char *key;
            qsizetype n;
            bool escaped;
            if (!string(key, n, escaped) || escaped)
                return false;
            const ShapeRef *m = member(index, previous, key, n);
            if (!m || !m->shape)
                return false; // not in the model: the reader drops it
            skipSpace();
            if (!at(':'))
                return false;
            ++m_p;
            skipSpace();
            return !at('n') && value(m->shape); // null members are dropped
        });
    }

    bool list(const Shape *member)
    {
        return sequence(']', [&] { return !at('n') && value(member); }); // null items are dropped
    }

    bool map(const Shape *value)
    {
        return sequence('}', [&] {
            if (!at('"') || !skipString())
                return false;
            skipSpace();
            if (!at(':'))
                return false;
            ++m_p;
            skipSpace();
            return !at('n') && this->value(value);
        });
    }

    static constexpr int kMaxDepth = 512;

    const char *m_p;
    const char *m_end;
    int m_depth = 0;
    // A deque: nested structures add entries while an outer one holds a
    // reference to its own.
    std::deque<std::pair<const Shape *, Index>> m_indexes;
};

} // namespace

bool conformsAsIs(QByteArrayView json, const Shape &shape)
{
    return ConformanceScan(json.data(), json.data() + json.size()).document(shape);
}

} // namespace aws::json
