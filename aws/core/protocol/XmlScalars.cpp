#include "XmlScalars.h"

#include "Timestamp.h"

#include <QLocale>
#include <cmath>

namespace aws::xml {

namespace {

bool isSpecialFloat(QStringView t)
{
    return t == u"NaN" || t == u"Infinity" || t == u"-Infinity";
}

QString numberText(const QJsonValue &v)
{
    const double d = v.toDouble();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15)
        return QString::number(static_cast<qint64>(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

} // namespace

const QString &timestampFormatOf(const ShapeRef &ref)
{
    if (!ref.timestampFormat.isEmpty() || !ref.shape)
        return ref.timestampFormat;
    return ref.shape->timestampFormat;
}

QJsonValue epochValue(double seconds)
{
    if (std::floor(seconds) == seconds && std::fabs(seconds) < 9.0e15)
        return QJsonValue(static_cast<qint64>(seconds));
    return QJsonValue(seconds);
}

std::optional<QJsonValue> scalarFromText(const ShapeRef &ref, QStringView text)
{
    const ShapeType type = ref.shape ? ref.shape->type : ShapeType::String;
    switch (type) {
    case ShapeType::Integer:
    case ShapeType::Long: {
        bool ok = false;
        const qint64 n = text.trimmed().toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        return QJsonValue(n);
    }
    case ShapeType::Float:
    case ShapeType::Double: {
        const QStringView t = text.trimmed();
        if (isSpecialFloat(t))
            return QJsonValue(t.toString());
        bool ok = false;
        const double d = t.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return std::nullopt;
        return QJsonValue(d);
    }
    case ShapeType::Boolean: {
        const QStringView t = text.trimmed();
        if (t == u"true")
            return QJsonValue(true);
        if (t == u"false")
            return QJsonValue(false);
        return std::nullopt;
    }
    case ShapeType::Timestamp: {
        const auto s = timestamp::parse(text.toString());
        if (!s)
            return std::nullopt;
        return epochValue(*s);
    }
    case ShapeType::Blob: {
        // Base64 may be wrapped over lines on the wire; our value is the
        // base64 text itself.
        QString b;
        b.reserve(text.size());
        for (QChar c : text)
            if (!c.isSpace())
                b.append(c);
        return QJsonValue(b);
    }
    case ShapeType::Structure:
    case ShapeType::List:
    case ShapeType::Map:
        return std::nullopt;
    case ShapeType::String:
    case ShapeType::Unknown:
        break;
    }
    return QJsonValue(text.toString());
}

QString scalarToText(const ShapeRef &ref, const QJsonValue &value, const QString &defaultTimestampFormat)
{
    const ShapeType type = ref.shape ? ref.shape->type : ShapeType::String;
    switch (type) {
    case ShapeType::Boolean:
        if (value.isString())
            return value.toString();
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case ShapeType::Integer:
    case ShapeType::Long:
    case ShapeType::Float:
    case ShapeType::Double:
        if (value.isString())
            return value.toString();
        return numberText(value);
    case ShapeType::Timestamp: {
        std::optional<double> s;
        if (value.isDouble())
            s = value.toDouble();
        else if (value.isString())
            s = timestamp::parse(value.toString());
        if (!s)
            return value.toString();
        return timestamp::format(*s, timestampFormatOf(ref), defaultTimestampFormat);
    }
    default:
        break;
    }
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return numberText(value);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toVariant().toString();
}

} // namespace aws::xml
