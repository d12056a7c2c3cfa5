#pragma once
// Writes JSON values typed by the model's shapes as the XML the query and
// ec2 services send (server side, for the sandbox). Element names come from
// XmlNames so that ShapeReader — and botocore — read back what is written.
// Values are read in place (JsonView) and written straight into the answer's
// bytes (xml::Writer): no QJsonValue or QString per member.

#include "../model/JsonView.h"
#include "../model/Shape.h"
#include "QueryFlavor.h"
#include "XmlWriter.h"

#include <QJsonObject>

namespace aws::xml {

class ShapeWriter {
public:
    ShapeWriter(Writer &writer, QueryFlavor flavor)
        : m_w(writer)
        , m_flavor(flavor)
    {}

    /// Writes the members of `value` present in `shape`, in model order, as
    /// children of the current element. Members named in `skip` are left out.
    void writeMembers(const Shape &shape, const QJsonObject &value, const QStringList &skip = {});

private:
    void writeMembers(view::Container o, const Shape &shape, const QStringList &skip);
    /// The content of element `i` of `c` (a member's value or a list's item).
    void writeContent(const ShapeRef &ref, view::Container c, qsizetype i);
    void writeList(const Shape &list, view::Container items);
    void writeMapEntries(const Shape &map, view::Container entries, QStringView entryName);
    void writeScalar(const ShapeRef &ref, view::Container c, qsizetype i);

    Writer &m_w;
    QueryFlavor m_flavor;
    int m_depth = 0;
};

} // namespace aws::xml
