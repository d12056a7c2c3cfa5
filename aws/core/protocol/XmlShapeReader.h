#pragma once
// Reads XML into JSON values typed by the model's shapes, in one streaming
// pass over QXmlStreamReader (no DOM): responses such as a 1,000-interface
// DescribeNetworkInterfaces are parsed straight into the QJsonObject.
//
// The rules follow botocore's XML parsers: members are matched by local
// element name (namespaces are ignored), non-flattened lists take every child
// element as an item whatever its name, flattened lists and maps repeat the
// member element, and unknown elements are skipped.

#include "../model/Shape.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QXmlStreamReader>
#include <functional>

namespace aws::xml {

class ShapeReader {
public:
    /// Called for a child element that is not a member; returns true when it
    /// consumed the element (through its end), false to have it skipped.
    using ExtraElement = std::function<bool(QXmlStreamReader &reader)>;

    explicit ShapeReader(QXmlStreamReader &reader)
        : m_r(reader) {}

    /// Reads the value of the element the reader is positioned on (its
    /// StartElement has just been read) and consumes it through its end.
    QJsonValue readValue(const ShapeRef &ref);

    /// Reads the children of the current element as members of `shape`.
    QJsonObject readStructure(const Shape &shape, const ExtraElement &extra = {});

private:
    QJsonArray readList(const Shape &list);
    QJsonObject readMap(const Shape &map);
    void readMapEntry(const Shape &map, QJsonObject &into);
    QJsonValue readScalar(const ShapeRef &ref);

    QXmlStreamReader &m_r;
    int m_depth = 0;
};

} // namespace aws::xml
