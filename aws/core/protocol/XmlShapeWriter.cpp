#include "XmlShapeWriter.h"

#include "XmlNames.h"
#include "XmlScalars.h"

#include <QVarLengthArray>

namespace aws::xml {

namespace {
constexpr int kMaxDepth = 128;
const QString kIso8601 = QStringLiteral("iso8601");
const QString kEntry = QStringLiteral("entry");

bool isAbsent(QJsonValue::Type t)
{
    return t == QJsonValue::Null || t == QJsonValue::Undefined;
}
} // namespace

void ShapeWriter::writeMembers(const Shape &shape, const QJsonObject &value, const QStringList &skip)
{
    writeMembers(view::Container::of(value), shape, skip);
}

void ShapeWriter::writeMembers(view::Container o, const Shape &shape, const QStringList &skip)
{
    // One pass over the object's keys (sorted) finds each member's value;
    // the members are then written in model order, as AWS does.
    QVarLengthArray<qsizetype, 64> at(shape.members.size(), -1);
    qsizetype cursor = 0;
    for (qsizetype k = 0; k < o.size(); k += 2) {
        if (isAbsent(o.type(k + 1)))
            continue;
        if (const ShapeRef *m = view::memberNamed(shape, o.text(k), cursor))
            at[m - shape.members.constData()] = k + 1;
    }
    for (qsizetype i = 0; i < shape.members.size(); ++i) {
        const ShapeRef &m = shape.members[i];
        if (at[i] < 0 || !m.shape || m.xmlAttribute || (!skip.isEmpty() && skip.contains(m.name)))
            continue;
        const qsizetype v = at[i];
        if (isFlattened(m) && m.shape->type == ShapeType::List) {
            const QString &item = flattenedItemName(m);
            const view::Container items = o.type(v) == QJsonValue::Array ? o.child(v) : view::Container();
            for (qsizetype k = 0; k < items.size(); ++k) {
                m_w.startElement(item);
                writeContent(m.shape->member, items, k);
                m_w.endElement();
            }
        } else if (isFlattened(m) && m.shape->type == ShapeType::Map) {
            writeMapEntries(*m.shape, o.type(v) == QJsonValue::Object ? o.child(v) : view::Container(),
                            elementName(m));
        } else {
            m_w.startElement(elementName(m));
            writeContent(m, o, v);
            m_w.endElement();
        }
    }
}

void ShapeWriter::writeContent(const ShapeRef &ref, view::Container c, qsizetype i)
{
    if (!ref.shape || m_depth >= kMaxDepth)
        return;
    ++m_depth;
    const Shape &s = *ref.shape;
    const QJsonValue::Type t = c.type(i);
    switch (s.type) {
    case ShapeType::Structure:
        if (t == QJsonValue::Object)
            writeMembers(c.child(i), s, {});
        break;
    case ShapeType::List:
        if (t == QJsonValue::Array)
            writeList(s, c.child(i));
        break;
    case ShapeType::Map:
        if (t == QJsonValue::Object)
            writeMapEntries(s, c.child(i), kEntry);
        break;
    default:
        writeScalar(ref, c, i);
        break;
    }
    --m_depth;
}

void ShapeWriter::writeList(const Shape &list, view::Container items)
{
    const QString item = listItemName(list, m_flavor);
    for (qsizetype k = 0; k < items.size(); ++k) {
        m_w.startElement(item);
        writeContent(list.member, items, k);
        m_w.endElement();
    }
}

void ShapeWriter::writeMapEntries(const Shape &map, view::Container entries, QStringView entryName)
{
    for (qsizetype k = 0; k < entries.size(); k += 2) {
        m_w.startElement(entryName);
        m_w.startElement(mapKeyName(map));
        m_w.characters(entries.text(k));
        m_w.endElement();
        m_w.startElement(mapValueName(map));
        writeContent(map.value, entries, k + 1);
        m_w.endElement();
        m_w.endElement();
    }
}

void ShapeWriter::writeScalar(const ShapeRef &ref, view::Container c, qsizetype i)
{
    // Text, nearly every scalar, is written as it is stored. Numbers,
    // booleans and timestamps go through scalarToText(), the one place that
    // says how each prints on the wire.
    const bool isTimestamp = ref.shape && ref.shape->type == ShapeType::Timestamp;
    if (c.type(i) == QJsonValue::String && !isTimestamp)
        return m_w.characters(c.text(i));
    m_w.characters(scalarToText(ref, c.value(i), kIso8601));
}

} // namespace aws::xml
