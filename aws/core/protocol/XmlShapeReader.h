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
#include <functional>
#include <string>
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
            std::string jsonKey;      ///< "Name":
            int next = -1;            ///< member that followed this one last time
        };
        std::vector<Entry> entries;
        int first = -1; ///< member that came first last time
    };
    MemberIndex &indexOf(const Shape &shape);
    template <typename Name> int findMember(const MemberIndex &index, Name name, int guess) const;

    void writeStructure(const Shape &shape, std::string &out, const ExtraElement *extra);
    void writeValue(const ShapeRef &ref, std::string &out);
    void writeMapEntry(const Shape &map, std::string &out);
    void writeScalar(const ShapeRef &ref, std::string &out);

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
