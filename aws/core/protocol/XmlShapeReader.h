#pragma once
// Reads XML into JSON values typed by the model's shapes, in one streaming
// pass (no DOM), for responses as large as a 1,000-interface
// DescribeNetworkInterfaces.
//
// The rules follow botocore's XML parsers: members are matched by local
// element name (namespaces are ignored), non-flattened lists take every child
// element as an item whatever its name, flattened lists and maps repeat the
// member element, and unknown elements are skipped.
//
// Values are written as compact JSON text and turned into a QJsonObject by
// one QJsonDocument::fromJson at the end: building the object member by
// member costs a heap allocation per string value and was four times slower.
//
// One implementation, two readers: XmlPullParser (fast, for responses) and
// QXmlStreamReader (the reference, for anything the fast one declines).

#include "../model/Shape.h"
#include "XmlPullParser.h"

#include <QByteArray>
#include <QJsonObject>
#include <QXmlStreamReader>
#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace aws::xml {

/// The JSON text a BasicShapeReader writes: a byte buffer whose appends are
/// inline. std::string's push_back and append are calls, and a large
/// response makes a few million of them.
class JsonText {
public:
    void reserve(qsizetype capacity)
    {
        if (capacity > m_capacity)
            reallocate(capacity);
    }
    void append(char c)
    {
        if (m_size == m_capacity)
            reallocate(2 * m_capacity + 64);
        m_data[m_size++] = c;
    }
    void append(const char *bytes, qsizetype n)
    {
        if (m_capacity - m_size < n)
            reallocate(std::max(2 * m_capacity, m_size + n));
        copy(m_data.get() + m_size, bytes, n);
        m_size += n;
    }
    void append(QByteArrayView bytes) { append(bytes.data(), bytes.size()); }
    JsonText &operator+=(char c)
    {
        append(c);
        return *this;
    }
    JsonText &operator+=(QByteArrayView bytes)
    {
        append(bytes);
        return *this;
    }
    JsonText &operator+=(const JsonText &other)
    {
        append(other.data(), other.size());
        return *this;
    }

    const char *data() const { return m_data.get(); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void clear() { m_size = 0; }

private:
    void reallocate(qsizetype capacity);

    // Keys and values are mostly 4 to 32 bytes. Copied here in words, the
    // last one overlapping the one before, they cost a fraction of a call to
    // memcpy.
    static void copy(char *to, const char *from, qsizetype n)
    {
        if (n >= 8 && n <= 32) {
            for (qsizetype i = 0; i < n - 8; i += 8)
                std::memcpy(to + i, from + i, 8);
            std::memcpy(to + n - 8, from + n - 8, 8);
        } else if (n >= 4 && n < 8) {
            std::memcpy(to, from, 4);
            std::memcpy(to + n - 4, from + n - 4, 4);
        } else {
            std::memcpy(to, from, size_t(n));
        }
    }

    std::unique_ptr<char[]> m_data;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
};

template <typename Reader> class BasicShapeReader {
public:
    /// Called for a child element that is not a member; returns true when it
    /// consumed the element (through its end), false to have it skipped.
    using ExtraElement = std::function<bool(Reader &reader)>;

    explicit BasicShapeReader(Reader &reader)
        : m_r(reader)
    {}

    /// Reads the children of the current element (its start tag has just
    /// been read) as members of `shape`, through the element's end.
    QJsonObject readStructure(const Shape &shape, const ExtraElement &extra = {});

    /// True when the text could not be turned into JSON (invalid UTF-8 in
    /// the document); the result is then empty.
    bool failed() const { return m_failed; }

private:
    /// Per structure shape: each member's element name(s) as Latin-1 bytes
    /// and its JSON key, prepared once per parse rather than per element.
    /// Members come in the same order in every item of a list, so the member
    /// that followed the previous one last time is tried first.
    struct MemberIndex {
        struct Entry {
            QByteArray element;
            QByteArray flattenedItem; ///< alternative name (flattened lists)
            QByteArray plainTag;      ///< "<element>" of a scalar member, for the fast path
            QByteArray jsonKey;       ///< "Name":
            int next = -1;            ///< member that followed this one last time
        };
        std::vector<Entry> entries;
        int first = -1; ///< member that came first last time
    };
    MemberIndex &indexOf(const Shape &shape);
    template <typename Name> int findMember(const MemberIndex &index, Name name, int guess) const;

    void writeStructure(const Shape &shape, JsonText &out, const ExtraElement *extra);
    void writeValue(const ShapeRef &ref, JsonText &out);
    void writeMapEntry(const Shape &map, JsonText &out);
    void writeScalar(const ShapeRef &ref, JsonText &out);
    void writeScalarText(const Shape &shape, QByteArrayView text, JsonText &out);
    bool writePlainMember(const MemberIndex &index, const Shape &shape, int guess, bool first, JsonText &out);

    Reader &m_r;
    // std::unordered_map: references to its elements survive rehashing, and
    // writeStructure holds one while nested structures add entries.
    std::unordered_map<const Shape *, MemberIndex> m_indexes;
    QByteArray m_scratch;
    int m_depth = 0;
    bool m_failed = false;
};

using ShapeReader = BasicShapeReader<QXmlStreamReader>;
using FastShapeReader = BasicShapeReader<XmlPullParser>;

extern template class BasicShapeReader<QXmlStreamReader>;
extern template class BasicShapeReader<XmlPullParser>;

/// Text of the current element, child elements skipped, for either reader.
inline QString readText(QXmlStreamReader &r)
{
    return r.readElementText(QXmlStreamReader::SkipChildElements);
}
inline QString readText(XmlPullParser &r)
{
    return r.readElementText();
}

} // namespace aws::xml
