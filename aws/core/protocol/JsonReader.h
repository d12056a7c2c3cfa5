#pragma once
// Reads an already parsed JSON value into our conventions, typed by its
// shape: timestamps become epoch seconds, unknown members, "__type" and nulls
// are dropped. A subtree that already conforms is returned as the very same
// (implicitly shared) value. For values that exist as QJsonObjects first:
// requests in the sandbox, event stream payloads. Response bodies are read
// from their bytes by JsonParser.h, with the same lenient rules.
//
// Lenient mode (client side) keeps values of an unexpected type as they are,
// as botocore does. Strict mode (the sandbox parsing a request) fails with a
// message naming the member path, for a SerializationException.

#include "../model/Shape.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace aws::json {

class ShapeReader {
public:
    explicit ShapeReader(bool strict)
        : m_strict(strict)
    {}

    QJsonObject readStructure(const QJsonObject &value, const Shape &shape);
    /// Sets `changed` when the result differs from `value`.
    QJsonValue read(const QJsonValue &value, const ShapeRef &ref, bool &changed);

    bool failed() const { return !m_error.isEmpty(); }
    /// "Expected a string at Tasks[0].taskArn" and the like.
    QString error() const { return m_path.isEmpty() ? m_error : m_error + QStringLiteral(" at ") + m_path; }

private:
    QJsonObject structure(const QJsonObject &o, const Shape &shape, bool &changed);
    QJsonValue list(const QJsonArray &a, const ShapeRef &member, bool &changed);
    QJsonValue map(const QJsonObject &o, const ShapeRef &value, bool &changed);
    QJsonValue eventStream(const QJsonValue &v, const Shape &shape, bool &changed);
    QJsonValue mismatch(const QJsonValue &v, const char *expected);
    bool visitNeeded(QJsonValue::Type t, const Shape &shape) const;

    bool m_strict;
    QString m_error;
    QString m_path; ///< built while unwinding after an error
};

} // namespace aws::json
