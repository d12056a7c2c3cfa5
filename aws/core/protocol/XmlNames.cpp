#include "XmlNames.h"

namespace aws::xml {

namespace {
const QString kMember = QStringLiteral("member");
const QString kItem = QStringLiteral("item");
const QString kKey = QStringLiteral("key");
const QString kValue = QStringLiteral("value");
} // namespace

const QString &elementName(const ShapeRef &ref)
{
    if (!ref.locationName.isEmpty())
        return ref.locationName;
    if (ref.shape && !ref.shape->locationName.isEmpty())
        return ref.shape->locationName;
    return ref.name;
}

const QString &flattenedItemName(const ShapeRef &ref)
{
    if (isFlattenedList(ref) && !ref.shape->member.locationName.isEmpty())
        return ref.shape->member.locationName;
    return elementName(ref);
}

QString listItemName(const Shape &list, QueryFlavor flavor)
{
    if (!list.member.locationName.isEmpty())
        return list.member.locationName;
    // EC2 names every list item <item>; the query services use <member>.
    return flavor == QueryFlavor::Ec2 ? kItem : kMember;
}

const QString &mapKeyName(const Shape &map)
{
    return map.key.locationName.isEmpty() ? kKey : map.key.locationName;
}

const QString &mapValueName(const Shape &map)
{
    return map.value.locationName.isEmpty() ? kValue : map.value.locationName;
}

} // namespace aws::xml

namespace aws::query {

namespace {
QString capitalized(const QString &s)
{
    if (s.isEmpty() || s.at(0).isUpper())
        return s;
    QString c = s;
    c[0] = c.at(0).toUpper();
    return c;
}
} // namespace

QString memberKey(const ShapeRef &ref, QueryFlavor flavor)
{
    if (flavor == QueryFlavor::Ec2) {
        if (!ref.queryName.isEmpty())
            return ref.queryName;
        return capitalized(xml::elementName(ref));
    }
    if (!ref.locationName.isEmpty())
        return ref.locationName;
    if (xml::isFlattenedList(ref) && !ref.shape->member.locationName.isEmpty())
        return ref.shape->member.locationName;
    return xml::elementName(ref);
}

} // namespace aws::query
