#pragma once
// Scalars between wire text (XML element text or a form value) and our JSON
// values (see ProtocolCodec.h for the conventions). Special floats travel as
// the strings "NaN", "Infinity" and "-Infinity", since JSON has no such
// numbers.

#include "../model/Shape.h"

#include <QJsonValue>
#include <QString>
#include <QStringView>
#include <optional>

namespace aws::xml {

/// The timestampFormat trait of a member: reference first, then shape.
const QString &timestampFormatOf(const ShapeRef &ref);

/// Wire text → value for a scalar shape; nullopt when the text is not a
/// valid value of that type (the caller decides whether that is an error).
std::optional<QJsonValue> scalarFromText(const ShapeRef &ref, QStringView text);

/// Value → wire text. Timestamps use the member's trait, else
/// `defaultTimestampFormat` ("iso8601" for query and ec2).
QString scalarToText(const ShapeRef &ref, const QJsonValue &value, const QString &defaultTimestampFormat);

/// Epoch seconds as a JSON number: an integer when it has no fraction, so
/// that it prints as the AWS CLI prints it.
QJsonValue epochValue(double seconds);

} // namespace aws::xml
