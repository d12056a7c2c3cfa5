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
// Values go straight into the QJsonObject's storage (ValueTree): building
// it member by member through QJsonObject::insert costs a heap allocation per
// string, and writing JSON text for QJsonDocument::fromJson costs a second
// parse.
//
// One implementation, two readers: XmlPullParser (fast, for responses) and
// QXmlStreamReader (the reference, for anything the fast one declines).

#include "../model/Shape.h"
#include "ValueTree.h"
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

    /// True when the document's text is not valid UTF-8; the result is
    /// then empty.
    bool failed() const { return m_failed; }

private:
    /// Per structure shape: each member's element name(s) as Latin-1 bytes
    /// and its key, prepared once per parse rather than per element.
    /// Members come in the same order in every item of a list, so the member
    /// that followed the previous one last time is tried first.
    struct MemberIndex {
        struct Entry {
            QByteArray element;
            QByteArray flattenedItem; ///< alternative name (flattened lists)
            QByteArray plainTag;      ///< "<element>" of a scalar member, for the fast path
            QByteArray key;           ///< the member's name (UTF-8), our value's key
            int rank = 0;             ///< place of the key in Qt's key order
            int next = -1;            ///< member that followed this one last time
        };
        std::vector<Entry> entries;
        int first = -1; ///< member that came first last time
    };
    MemberIndex &indexOf(const Shape &shape);
    template <typename Name> int findMember(const MemberIndex &index, Name name, int guess) const;

    void readMembers(const Shape &shape, tree::Builder &out, const ExtraElement *extra);
    void readValue(const ShapeRef &ref, tree::Builder &out);
    void readMapEntry(const Shape &map, tree::Builder &out);
    void readScalar(const ShapeRef &ref, tree::Builder &out);
    void appendScalar(const Shape &shape, QByteArrayView text, tree::Builder &out);
    /// Text as a string value; invalid UTF-8 fails the parse.
    void appendUtf8Text(QByteArrayView text, tree::Builder &out);
    bool readPlainMember(const MemberIndex &index, const Shape &shape, int guess, tree::Builder &out);
    void appendKey(const typename MemberIndex::Entry &entry, tree::Builder &out);

    Reader &m_r;
    // std::unordered_map: references to its elements survive rehashing, and
    // readMembers holds one while nested structures add entries.
    std::unordered_map<const Shape *, MemberIndex> m_indexes;
    tree::Scratch m_tree;
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
