#pragma once
// Writes a value in our conventions (see ProtocolCodec.h) as the JSON 1.1
// wire form of its shape, straight into bytes: request bodies on the client,
// response and error bodies in the sandbox. No intermediate QJsonDocument.

#include "../model/Shape.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace aws::json {

class ShapeWriter {
public:
    explicit ShapeWriter(QByteArray &out)
        : m_out(out)
    {}

    /// Writes `value` as the structure `shape`. Members absent from the
    /// model or null are left out. With `fillIdempotencyTokens`, members
    /// marked idempotencyToken that are absent get a fresh UUID (the SDKs do
    /// this for the top-level input only).
    void writeStructure(const QJsonObject &value, const Shape &shape, bool fillIdempotencyTokens = false);
    void writeValue(const QJsonValue &value, const ShapeRef &ref);
    /// Writes any JSON value as is (documents, values outside the model).
    void writeGeneric(const QJsonValue &value);
    void writeString(QStringView s);
    void writeNumber(const QJsonValue &value);
    void writeDouble(double d);

    /// Appends `"key":` (with a leading comma unless `first`).
    void writeKey(QStringView key, bool &first);

private:
    // Value: a QJsonValue (the public entry points) or the QJsonValueConstRef
    // of a member or item, read in place: copying each out into a QJsonValue
    // cost a reference count round trip per value. `type` is asked once.
    template <class Value> void write(const Value &value, QJsonValue::Type type, const ShapeRef &ref);
    template <class Value> void writeAny(const Value &value, QJsonValue::Type type);
    template <class Value> void writeNumberOf(const Value &value);
    void writeList(const QJsonArray &list, const ShapeRef &member);
    void writeMap(const QJsonObject &map, const ShapeRef &value);
    void writeTimestamp(const QJsonValue &value, const ShapeRef &ref);
    /// `before` (if not 0), the quoted string, `after` (if not 0).
    void writeQuoted(QStringView s, char before, char after);
    /// The rest of a string from its first non-ASCII unit, and the closing quote.
    void writeStringTail(QStringView s);

    QByteArray &m_out;
};

} // namespace aws::json
