#include "XmlShapeWriter.h"

#include "XmlNames.h"
#include "XmlScalars.h"

#include <QJsonArray>

namespace aws::xml {

namespace {
constexpr int kMaxDepth = 128;
const QString kIso8601 = QStringLiteral("iso8601");
const QString kEntry = QStringLiteral("entry");
} // namespace

void ShapeWriter::writeMembers(const Shape &shape, const QJsonObject &value, const QStringList &skip)
{
    for (const ShapeRef &m : shape.members) {
        if (!m.shape || m.xmlAttribute || skip.contains(m.name))
            continue;
        const auto it = value.constFind(m.name);
        if (it == value.constEnd() || it->isNull() || it->isUndefined())
            continue;
        if (isFlattened(m) && m.shape->type == ShapeType::List) {
            const QString &item = flattenedItemName(m);
            for (const QJsonValue &v : it->toArray()) {
                m_w.writeStartElement(item);
                writeContent(m.shape->member, v);
                m_w.writeEndElement();
            }
        } else if (isFlattened(m) && m.shape->type == ShapeType::Map) {
            const QJsonObject map = it->toObject();
            for (auto e = map.constBegin(); e != map.constEnd(); ++e) {
                m_w.writeStartElement(elementName(m));
                m_w.writeTextElement(mapKeyName(*m.shape), e.key());
                m_w.writeStartElement(mapValueName(*m.shape));
                writeContent(m.shape->value, e.value());
                m_w.writeEndElement();
                m_w.writeEndElement();
            }
        } else {
            m_w.writeStartElement(elementName(m));
            writeContent(m, *it);
            m_w.writeEndElement();
        }
    }
}

void ShapeWriter::writeContent(const ShapeRef &ref, const QJsonValue &value)
{
    if (!ref.shape || m_depth >= kMaxDepth)
        return;
    ++m_depth;
    const Shape &s = *ref.shape;
    switch (s.type) {
    case ShapeType::Structure:
        writeMembers(s, value.toObject());
        break;
    case ShapeType::List: {
        const QString item = listItemName(s, m_flavor);
        for (const QJsonValue &v : value.toArray()) {
            m_w.writeStartElement(item);
            writeContent(s.member, v);
            m_w.writeEndElement();
        }
        break;
    }
    case ShapeType::Map: {
        const QJsonObject map = value.toObject();
        for (auto e = map.constBegin(); e != map.constEnd(); ++e) {
            m_w.writeStartElement(kEntry);
            m_w.writeTextElement(mapKeyName(s), e.key());
            m_w.writeStartElement(mapValueName(s));
            writeContent(s.value, e.value());
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        break;
    }
    default:
        m_w.writeCharacters(scalarToText(ref, value, kIso8601));
        break;
    }
    --m_depth;
}

} // namespace aws::xml
