#pragma once
// Writes a value in our conventions (see ProtocolCodec.h) as the JSON 1.1
// wire form of its shape, straight into bytes: request bodies on the client,
// response and error bodies in the sandbox. No intermediate QJsonDocument,
// and no QString per key or string: values are read in place (JsonView.h).

#include "../model/JsonView.h"
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
    void writeDouble(double d);

    /// Appends `"key":` (with a leading comma unless `first`).
    void writeKey(QStringView key, bool &first);

private:
    // Values are read in place from the objects' and arrays' storage
    // (view::Container): element `i` of `c`. Through QJsonObject's API each
    // key and string would first become a QString.
    void write(view::Container c, qsizetype i, const ShapeRef &ref);
    void writeAny(view::Container c, qsizetype i);
    void writeNumber(view::Container c, qsizetype i);
    void writeStructure(view::Container o, const Shape &shape);
    /// The members of a structure, without braces.
    void writeMembers(view::Container o, const Shape &shape, bool &first);
    void writeList(view::Container a, const ShapeRef &member);
    void writeMap(view::Container o, const ShapeRef &value);
    void writeTimestamp(view::Container c, qsizetype i, const ShapeRef &ref);
    /// `before` (if not 0), the quoted text, `after` (if not 0).
    void writeText(const view::Text &t, char before, char after);
    /// The same for 8-bit text (ASCII or valid UTF-8, copied as it is).
    void writeQuoted8(const char *s, qsizetype n, char before, char after);
    /// `before` (if not 0), the quoted string, `after` (if not 0).
    void writeQuoted(QStringView s, char before, char after);
    /// The rest of a string from its first non-ASCII unit, and the closing quote.
    void writeStringTail(QStringView s);
    /// Makes room for a quoted string of `units` characters (escapes
    /// included), writes `before` and the opening quote; returns where the
    /// text goes. closeQuoted() ends it and trims the room left over.
    char *openQuoted(qsizetype units, char before);
    void closeQuoted(char *p, char after);

    QByteArray &m_out;
};

} // namespace aws::json
