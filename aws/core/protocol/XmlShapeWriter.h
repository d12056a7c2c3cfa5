#pragma once
// Writes JSON values typed by the model's shapes as the XML the query and
// ec2 services send (server side, for the sandbox). Element names come from
// XmlNames so that ShapeReader — and botocore — read back what is written.

#include "../model/Shape.h"
#include "QueryFlavor.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QXmlStreamWriter>

namespace aws::xml {

class ShapeWriter {
public:
    ShapeWriter(QXmlStreamWriter &writer, QueryFlavor flavor)
        : m_w(writer)
        , m_flavor(flavor)
    {}

    /// Writes the members of `value` present in `shape`, in model order, as
    /// children of the current element. Members named in `skip` are left out.
    void writeMembers(const Shape &shape, const QJsonObject &value, const QStringList &skip = {});

private:
    void writeContent(const ShapeRef &ref, const QJsonValue &value);

    QXmlStreamWriter &m_w;
    QueryFlavor m_flavor;
    int m_depth = 0;
};

} // namespace aws::xml
