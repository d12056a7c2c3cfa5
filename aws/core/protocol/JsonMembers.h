#pragma once
// Structure member look-up for the JSON codec. Both the shape's members and a
// QJsonObject's keys usually come in sorted order, so a cursor that walks
// along makes the common case one comparison per key; any other order still
// works through the linear fallback.

#include "../model/Shape.h"

namespace aws::json {

inline const ShapeRef *findMember(const Shape &shape, QStringView key, qsizetype &cursor)
{
    const auto &members = shape.members;
    const qsizetype n = members.size();
    for (qsizetype i = cursor; i < n && i < cursor + 2; ++i) {
        if (members[i].name == key) {
            cursor = i + 1;
            return &members[i];
        }
    }
    for (qsizetype i = 0; i < n; ++i) {
        if (members[i].name == key) {
            cursor = i + 1;
            return &members[i];
        }
    }
    return nullptr;
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
