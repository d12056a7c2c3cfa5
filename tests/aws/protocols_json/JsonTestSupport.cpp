#include "JsonTestSupport.h"

#include "Conformance.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>
#include <cmath>

namespace jsontest {

using aws::Shape;
using aws::ShapeRef;
using aws::ShapeType;

QJsonObject vectorToOurs(const QJsonObject &value, const Shape *shape)
{
    if (!shape)
        return value;
    QJsonObject out;
    for (auto it = value.begin(); it != value.end(); ++it) {
        const ShapeRef *m = shape->memberNamed(it.key());
        out.insert(it.key(), m ? vectorToOurs(it.value(), *m) : it.value());
    }
    return out;
}

QJsonValue vectorToOurs(const QJsonValue &value, const ShapeRef &ref)
{
    const Shape *s = ref.shape;
    if (!s || s->document || value.isNull())
        return value;
    switch (s->type) {
    case ShapeType::Blob:
        return value.isString() ? QJsonValue(QString::fromLatin1(value.toString().toUtf8().toBase64()))
                                : value;
    case ShapeType::Structure:
        if (s->eventStream && value.isArray()) {
            // A decoded event stream: a list of {"EventName": {...}}.
            QJsonArray out;
            for (const QJsonValue &e : value.toArray())
                out.append(vectorToOurs(e.toObject(), s));
            return out;
        }
        return value.isObject() ? QJsonValue(vectorToOurs(value.toObject(), s)) : value;
    case ShapeType::List: {
        if (!value.isArray())
            return value;
        QJsonArray out;
        for (const QJsonValue &e : value.toArray())
            out.append(vectorToOurs(e, s->member));
        return out;
    }
    case ShapeType::Map: {
        if (!value.isObject())
            return value;
        QJsonObject out;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), vectorToOurs(it.value(), s->value));
        return out;
    }
    default:
        return value;
    }
}

namespace {

const char *typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "bool";
    case QJsonValue::Double:
        return "number";
    case QJsonValue::String:
        return "string";
    case QJsonValue::Array:
        return "array";
    case QJsonValue::Object:
        return "object";
    case QJsonValue::Undefined:
        break;
    }
    return "undefined";
}

QString show(const QJsonValue &v)
{
    if (v.isObject() || v.isArray())
        return QString::fromLatin1(typeName(v));
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isString())
        return u'"' + v.toString() + u'"';
    return v.isBool() ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                      : QStringLiteral("null");
}

bool sameNumber(const QJsonValue &a, const QJsonValue &b)
{
    const double x = a.toDouble(), y = b.toDouble();
    if (x == std::floor(x) && y == std::floor(y) && std::fabs(x) < 9.3e18 && std::fabs(y) < 9.3e18)
        return a.toInteger() == b.toInteger() || x == y;
    return std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y));
}

} // namespace

QString jsonDifference(const QJsonValue &actual, const QJsonValue &expected, const QString &path)
{
    const QString where = path.isEmpty() ? QStringLiteral("(top)") : path;
    if (actual.type() != expected.type())
        return QStringLiteral("%1: got %2, expected %3").arg(where, show(actual), show(expected));
    switch (expected.type()) {
    case QJsonValue::Double:
        return sameNumber(actual, expected)
                   ? QString()
                   : QStringLiteral("%1: got %2, expected %3").arg(where, show(actual), show(expected));
    case QJsonValue::Array: {
        const QJsonArray a = actual.toArray(), e = expected.toArray();
        if (a.size() != e.size())
            return QStringLiteral("%1: %2 elements, expected %3").arg(where).arg(a.size()).arg(e.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString d = jsonDifference(a.at(i), e.at(i), path + QStringLiteral("[%1]").arg(i));
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    case QJsonValue::Object: {
        const QJsonObject a = actual.toObject(), e = expected.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            const QString sub = path.isEmpty() ? it.key() : path + u'.' + it.key();
            if (!a.contains(it.key()))
                return QStringLiteral("%1: missing").arg(sub);
            const QString d = jsonDifference(a.value(it.key()), it.value(), sub);
            if (!d.isEmpty())
                return d;
        }
        for (auto it = a.begin(); it != a.end(); ++it)
            if (!e.contains(it.key()))
                return QStringLiteral("%1: unexpected member %2").arg(where, it.key());
        return {};
    }
    default:
        return actual == expected
                   ? QString()
                   : QStringLiteral("%1: got %2, expected %3").arg(where, show(actual), show(expected));
    }
}

std::shared_ptr<const aws::ServiceModel> realModel(const QString &service)
{
    static QHash<QString, std::shared_ptr<const aws::ServiceModel>> cache;
    const QString path = QStringLiteral("models/%1/service-2.json").arg(service);
    const QString key = testsupport::conformanceDir() + u'/' + path;
    auto it = cache.constFind(key);
    if (it == cache.constEnd())
        it = cache.insert(key, aws::ServiceModel::fromJson(testsupport::readConformanceJson(path).object()));
    return *it;
}

} // namespace jsontest
