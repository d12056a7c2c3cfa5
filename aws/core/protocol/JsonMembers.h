#pragma once
// Structure member look-up for the JSON codec: Shape::memberNamed() with a
// cursor, since both the shape's members and a QJsonObject's keys usually
// come in sorted order.

#include "../model/JsonView.h"
#include "../model/Shape.h"

namespace aws::json {

inline const ShapeRef *findMember(const Shape &shape, QStringView key, qsizetype &cursor)
{
    return shape.memberNamed(key, cursor);
}

/// The same for a key read in place (JsonView.h).
inline const ShapeRef *findMember(const Shape &shape, const view::Text &key, qsizetype &cursor)
{
    return view::memberNamed(shape, key, cursor);
}

/// The member of `shape` that carries an event stream, if any.
inline const ShapeRef *eventStreamMember(const Shape *shape)
{
    if (!shape)
        return nullptr;
    for (const auto &m : shape->members)
        if (m.shape && m.shape->eventStream)
            return &m;
    return nullptr;
}

} // namespace aws::json
