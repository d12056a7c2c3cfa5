#include "XmlShapeReader.h"

#include "Timestamp.h"
#include "XmlNames.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

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

QByteArrayView trimmed(QByteArrayView t)
{
    while (!t.isEmpty() && std::isspace(static_cast<unsigned char>(t.front())))
        t = t.sliced(1);
    while (!t.isEmpty() && std::isspace(static_cast<unsigned char>(t.back())))
        t.chop(1);
    return t;
}

/// An integer as JSON's grammar has it, -?(0|[1-9][0-9]*): the old JSON
/// text took such text as a number (and anything else as a string).
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

} // namespace

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
        e.key = m.name.toUtf8();
        index.entries.push_back(std::move(e));
    }
    const std::vector<int> ranks = shape.memberRanks();
    for (size_t i = 0; i < ranks.size(); ++i)
        index.entries[i].rank = ranks[i];
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
    tree::Builder root(m_tree);
    readMembers(shape, root, &extra);
    if (m_failed)
        return {};
    return root.takeObject();
}

template <typename Reader>
void BasicShapeReader<Reader>::appendKey(const typename MemberIndex::Entry &entry, tree::Builder &out)
{
    out.appendText(entry.key);
    out.setKeyRank(entry.rank);
}

template <typename Reader>
void BasicShapeReader<Reader>::readMembers(const Shape &shape, tree::Builder &out, const ExtraElement *extra)
{
    MemberIndex &index = indexOf(shape);
    int previous = -1;
    // Flattened lists and maps repeat their element among the other members:
    // their items are gathered on the side, each collection in a builder of
    // its own (builders on one Scratch nest strictly), and added at the end.
    struct Repeated {
        int member;
        std::unique_ptr<tree::Scratch> scratch;
        std::unique_ptr<tree::Builder> items; ///< declared after its scratch: destroyed before it
    };
    std::vector<Repeated> repeated;
    while (true) {
        int &guess = previous < 0 ? index.first : index.entries[previous].next;
        if (readPlainMember(index, shape, guess, out)) {
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
                                   [idx](const auto &r) { return r.member == idx; });
            if (it == repeated.end()) {
                auto scratch = std::make_unique<tree::Scratch>();
                auto items = std::make_unique<tree::Builder>(*scratch);
                it = repeated.insert(repeated.end(), {idx, std::move(scratch), std::move(items)});
            }
            if (list)
                readValue(m.shape->member, *it->items);
            else
                readMapEntry(*m.shape, *it->items);
            continue;
        }
        appendKey(index.entries[idx], out);
        readValue(m, out);
    }
    for (const Repeated &r : repeated) {
        appendKey(index.entries[r.member], out);
        if (shape.members.at(r.member).shape->type == ShapeType::List)
            out.appendArray(*r.items);
        else
            out.appendObject(*r.items);
    }
}

// The shortcut for most members: the one that followed the previous member
// last time, a scalar, sent as <element>text</element>.
template <typename Reader>
bool BasicShapeReader<Reader>::readPlainMember(const MemberIndex &index, const Shape &shape, int guess,
                                               tree::Builder &out)
{
    if (guess < 0 || m_depth >= kMaxDepth) // too deep: readValue gives null
        return false;
    const auto &entry = index.entries[guess];
    QByteArrayView text;
    if (entry.plainTag.isEmpty() || !readPlainElement(m_r, entry.plainTag, text))
        return false;
    appendKey(entry, out);
    const Shape &type = *shape.members.at(guess).shape;
    if (type.type == ShapeType::String)
        appendUtf8Text(text, out);
    else
        appendScalar(type, text, out);
    return true;
}

template <typename Reader> void BasicShapeReader<Reader>::readValue(const ShapeRef &ref, tree::Builder &out)
{
    if (!ref.shape || m_depth >= kMaxDepth) {
        m_r.skipCurrentElement();
        out.appendNull();
        return;
    }
    ++m_depth;
    const Shape &s = *ref.shape;
    switch (s.type) {
    case ShapeType::Structure: {
        tree::Builder members(m_tree);
        readMembers(s, members, nullptr);
        out.appendObject(members);
        break;
    }
    case ShapeType::List: {
        tree::Builder items(m_tree);
        while (m_r.readNextStartElement())
            readValue(s.member, items);
        out.appendArray(items);
        break;
    }
    case ShapeType::Map: {
        tree::Builder entries(m_tree);
        while (m_r.readNextStartElement())
            readMapEntry(s, entries);
        out.appendObject(entries);
        break;
    }
    default:
        readScalar(ref, out);
        break;
    }
    --m_depth;
}

template <typename Reader> void BasicShapeReader<Reader>::readMapEntry(const Shape &map, tree::Builder &out)
{
    const QString &keyName = mapKeyName(map);
    const QString &valueName = mapValueName(map);
    QByteArray key;
    // The value may come before the key: it waits here (the last one counts).
    tree::Builder value(m_tree);
    while (m_r.readNextStartElement()) {
        if (m_r.name() == keyName) {
            key = textOf(m_r, m_scratch).toByteArray();
        } else if (m_r.name() == valueName) {
            value.clear();
            readValue(map.value, value);
        } else {
            m_r.skipCurrentElement();
        }
    }
    appendUtf8Text(key, out);
    if (value.isEmpty())
        out.appendNull();
    else
        out.appendValuesOf(value);
}

template <typename Reader> void BasicShapeReader<Reader>::readScalar(const ShapeRef &ref, tree::Builder &out)
{
    appendScalar(*ref.shape, textOf(m_r, m_scratch), out);
}

template <typename Reader>
void BasicShapeReader<Reader>::appendUtf8Text(QByteArrayView text, tree::Builder &out)
{
    if (QtPrivate::isAscii(QLatin1StringView(text.data(), text.size()))) {
        out.appendAscii(text.data(), text.size());
    } else if (text.isValidUtf8()) {
        out.appendUtf8(text.data(), text.size());
    } else {
        m_failed = true;
        out.appendNull();
    }
}

template <typename Reader>
void BasicShapeReader<Reader>::appendScalar(const Shape &shape, QByteArrayView text, tree::Builder &out)
{
    switch (shape.type) {
    case ShapeType::Integer:
    case ShapeType::Long:
        if (const QByteArrayView t = trimmed(text); isJsonInteger(t)) {
            tree::appendNumberText(&out, t); // as QJsonDocument would read the digits
            return;
        }
        break;
    case ShapeType::Float:
    case ShapeType::Double: {
        const QByteArrayView t = trimmed(text);
        if (is(t, "NaN") || is(t, "Infinity") || is(t, "-Infinity")) {
            out.appendAscii(t.data(), t.size()); // JSON has no such numbers
            return;
        }
        bool ok = false;
        const double d = t.toByteArray().toDouble(&ok);
        if (ok && std::isfinite(d)) {
            out.appendNumber(d);
            return;
        }
        break;
    }
    case ShapeType::Boolean: {
        const QByteArrayView t = trimmed(text);
        if (is(t, "true") || is(t, "false")) {
            out.appendBool(t.size() == 4);
            return;
        }
        break;
    }
    case ShapeType::Timestamp:
        if (const auto s = timestamp::parse(text)) {
            out.appendNumber(*s);
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
        appendUtf8Text(b, out);
        return;
    }
    default:
        break;
    }
    // Strings — and values that do not parse as their type, kept as the
    // service sent them rather than invented.
    appendUtf8Text(text, out);
}

template class BasicShapeReader<QXmlStreamReader>;
template class BasicShapeReader<XmlPullParser>;

} // namespace aws::xml
