#include "XmlShapeReader.h"

#include "XmlNames.h"
#include "XmlScalars.h"

#include <vector>

namespace aws::xml {

namespace {

// Deeper documents than any AWS response are hostile or broken; stop
// recursing rather than exhausting the stack.
constexpr int kMaxDepth = 128;

int findMember(const Shape &shape, QStringView name) {
    const auto &members = shape.members;
    for (int i = 0; i < members.size(); ++i) {
        const ShapeRef &m = members.at(i);
        if (elementName(m) == name)
            return i;
        if (isFlattenedList(m) && flattenedItemName(m) == name)
            return i;
    }
    return -1;
}

} // namespace

QJsonValue ShapeReader::readValue(const ShapeRef &ref) {
    if (!ref.shape || m_depth >= kMaxDepth) {
        m_r.skipCurrentElement();
        return {};
    }
    ++m_depth;
    QJsonValue v;
    switch (ref.shape->type) {
    case ShapeType::Structure:
        v = readStructure(*ref.shape);
        break;
    case ShapeType::List:
        v = readList(*ref.shape);
        break;
    case ShapeType::Map:
        v = readMap(*ref.shape);
        break;
    default:
        v = readScalar(ref);
        break;
    }
    --m_depth;
    return v;
}

QJsonObject ShapeReader::readStructure(const Shape &shape, const ExtraElement &extra) {
    QJsonObject obj;
    // Flattened lists and maps repeat their element among the other members;
    // collect them here and insert once (a QJsonObject cannot be appended to
    // in place).
    std::vector<std::pair<int, QJsonArray>> lists;
    std::vector<std::pair<int, QJsonObject>> maps;
    while (m_r.readNextStartElement()) {
        const int idx = findMember(shape, m_r.name());
        if (idx < 0) {
            if (!extra || !extra(m_r))
                m_r.skipCurrentElement();
            continue;
        }
        const ShapeRef &m = shape.members.at(idx);
        if (isFlattened(m) && m.shape->type == ShapeType::List) {
            auto it =
                std::find_if(lists.begin(), lists.end(), [idx](const auto &p) { return p.first == idx; });
            if (it == lists.end())
                it = lists.insert(lists.end(), {idx, QJsonArray()});
            it->second.append(readValue(m.shape->member));
        } else if (isFlattened(m) && m.shape->type == ShapeType::Map) {
            auto it = std::find_if(maps.begin(), maps.end(), [idx](const auto &p) { return p.first == idx; });
            if (it == maps.end())
                it = maps.insert(maps.end(), {idx, QJsonObject()});
            readMapEntry(*m.shape, it->second);
        } else {
            obj.insert(m.name, readValue(m));
        }
    }
    for (auto &[idx, arr] : lists)
        obj.insert(shape.members.at(idx).name, arr);
    for (auto &[idx, map] : maps)
        obj.insert(shape.members.at(idx).name, map);
    return obj;
}

QJsonArray ShapeReader::readList(const Shape &list) {
    QJsonArray arr;
    while (m_r.readNextStartElement())
        arr.append(readValue(list.member));
    return arr;
}

QJsonObject ShapeReader::readMap(const Shape &map) {
    QJsonObject obj;
    while (m_r.readNextStartElement())
        readMapEntry(map, obj);
    return obj;
}

void ShapeReader::readMapEntry(const Shape &map, QJsonObject &into) {
    const QString &keyName = mapKeyName(map);
    const QString &valueName = mapValueName(map);
    QString key;
    QJsonValue value;
    while (m_r.readNextStartElement()) {
        if (m_r.name() == keyName)
            key = m_r.readElementText(QXmlStreamReader::IncludeChildElements);
        else if (m_r.name() == valueName)
            value = readValue(map.value);
        else
            m_r.skipCurrentElement();
    }
    into.insert(key, value);
}

QJsonValue ShapeReader::readScalar(const ShapeRef &ref) {
    const QString text = m_r.readElementText(QXmlStreamReader::SkipChildElements);
    if (auto v = scalarFromText(ref, text))
        return *v;
    // Keep what the service sent rather than inventing a value: a caller
    // sees the raw text where a number or boolean was expected.
    return QJsonValue(text);
}

} // namespace aws::xml
