#pragma once
// Naming rules shared by every direction of the query and ec2 protocols:
// which XML element a member is read from and written to, and which key it
// takes in a form-encoded request. Keeping them in one place is what makes
// serialize → parse round trips hold.

#include "../model/Shape.h"
#include "QueryFlavor.h"

#include <QString>

namespace aws::xml {

/// `flattened` can sit on the member reference or on the target shape.
inline bool isFlattened(const ShapeRef &ref)
{
    return ref.flattened || (ref.shape && ref.shape->flattened);
}

inline bool isFlattenedList(const ShapeRef &ref)
{
    return ref.shape && ref.shape->type == ShapeType::List && isFlattened(ref);
}

/// locationName on the reference, then on the shape, else the member name.
const QString &elementName(const ShapeRef &ref);

/// Name of each repeated element of a flattened list: botocore takes the
/// list member's locationName when it has one, else the member's own name.
/// Parsers accept both this and elementName().
const QString &flattenedItemName(const ShapeRef &ref);

/// Element name of each item of a non-flattened list.
QString listItemName(const Shape &list, QueryFlavor flavor);

/// Key and value element names inside a map entry.
const QString &mapKeyName(const Shape &map);
const QString &mapValueName(const Shape &map);

} // namespace aws::xml

namespace aws::query {

/// The key segment of a structure member in a form-encoded request.
///  query: locationName (for a flattened list the list member's locationName
///         is the fallback), else the member name;
///  ec2:   queryName, else the capitalized locationName, else the
///         capitalized member name.
QString memberKey(const ShapeRef &ref, QueryFlavor flavor);

} // namespace aws::query
