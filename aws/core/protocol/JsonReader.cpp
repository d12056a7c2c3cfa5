#include "JsonReader.h"

#include "JsonMembers.h"
#include "Timestamp.h"

#include <cmath>

namespace aws::json {

namespace {

void prependMember(QString &path, const QString &name) {
    if (path.isEmpty() || path.startsWith(u'['))
        path.prepend(name);
    else
        path.prepend(name + u'.');
}

bool isSpecialFloat(const QString &s) {
    return s == u"NaN" || s == u"Infinity" || s == u"-Infinity";
}

} // namespace

QJsonValue ShapeReader::mismatch(const QJsonValue &v, const char *expected) {
    if (m_strict && m_error.isEmpty())
        m_error = QStringLiteral("Expected %1").arg(QLatin1String(expected));
    return v; // lenient: keep what the service sent
}

QJsonObject ShapeReader::readStructure(const QJsonObject &value, const Shape &shape) {
    bool changed = false;
    return structure(value, shape, changed);
}

QJsonObject ShapeReader::structure(const QJsonObject &o, const Shape &shape, bool &changed) {
    QJsonObject out;
    bool copied = false; // `out` is only built once something differs from `o`
    qsizetype cursor = 0;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        const ShapeRef *m = v.isNull() ? nullptr : findMember(shape, key, cursor);
        bool childChanged = false;
        QJsonValue nv;
        if (m && m->shape) {
            nv = read(v, *m, childChanged);
            if (failed()) {
                prependMember(m_path, key);
                return {};
            }
        }
        const bool drop = !m || !m->shape; // unknown, "__type", null
        if (!copied && (drop || childChanged)) {
            copied = true;
            for (auto jt = o.begin(); jt != it; ++jt)
                out.insert(jt.key(), jt.value());
        }
        if (copied && !drop)
            out.insert(key, nv);
    }
    if (!copied)
        return o;
    changed = true;
    return out;
}

QJsonValue ShapeReader::list(const QJsonArray &a, const ShapeRef &member, bool &changed) {
    QJsonArray out;
    bool copied = false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QJsonValue v = a.at(i);
        bool childChanged = false;
        QJsonValue nv;
        const bool drop = v.isNull(); // dense lists: botocore-style clients skip nulls
        if (!drop) {
            nv = read(v, member, childChanged);
            if (failed()) {
                m_path.prepend(QStringLiteral("[%1]").arg(i));
                return {};
            }
        }
        if (!copied && (drop || childChanged)) {
            copied = true;
            for (qsizetype j = 0; j < i; ++j)
                out.append(a.at(j));
        }
        if (copied && !drop)
            out.append(nv);
    }
    if (!copied)
        return a;
    changed = true;
    return out;
}

QJsonValue ShapeReader::map(const QJsonObject &o, const ShapeRef &value, bool &changed) {
    QJsonObject out;
    bool copied = false;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonValue v = it.value();
        bool childChanged = false;
        QJsonValue nv;
        const bool drop = v.isNull();
        if (!drop) {
            nv = read(v, value, childChanged);
            if (failed()) {
                prependMember(m_path, it.key());
                return {};
            }
        }
        if (!copied && (drop || childChanged)) {
            copied = true;
            for (auto jt = o.begin(); jt != it; ++jt)
                out.insert(jt.key(), jt.value());
        }
        if (copied && !drop)
            out.insert(it.key(), nv);
    }
    if (!copied)
        return o;
    changed = true;
    return out;
}

QJsonValue ShapeReader::eventStream(const QJsonValue &v, const Shape &shape, bool &changed) {
    // Decoded event streams are a list of single-member structures
    // ({"EventName": {...}}); each is typed by the stream's union shape.
    if (!v.isArray())
        return v.isObject() ? QJsonValue(structure(v.toObject(), shape, changed))
                            : mismatch(v, "an event list");
    const QJsonArray a = v.toArray();
    QJsonArray out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        bool c = false;
        out.append(a.at(i).isObject() ? QJsonValue(structure(a.at(i).toObject(), shape, c)) : a.at(i));
        if (failed()) {
            m_path.prepend(QStringLiteral("[%1]").arg(i));
            return {};
        }
    }
    changed = true;
    return out;
}

QJsonValue ShapeReader::read(const QJsonValue &v, const ShapeRef &ref, bool &changed) {
    const Shape *shape = ref.shape;
    if (!shape || shape->document)
        return v;
    switch (shape->type) {
    case ShapeType::Structure:
        if (shape->eventStream)
            return eventStream(v, *shape, changed);
        if (!v.isObject())
            return mismatch(v, "a structure");
        return structure(v.toObject(), *shape, changed);
    case ShapeType::List:
        if (!v.isArray())
            return mismatch(v, "a list");
        return list(v.toArray(), shape->member, changed);
    case ShapeType::Map:
        if (!v.isObject())
            return mismatch(v, "a map");
        return map(v.toObject(), shape->value, changed);
    case ShapeType::String:
        if (!v.isString())
            return mismatch(v, "a string");
        return v;
    case ShapeType::Blob:
        if (!v.isString())
            return mismatch(v, "a base64 string");
        return v; // base64 on the wire and in our values
    case ShapeType::Boolean:
        if (!v.isBool())
            return mismatch(v, "a boolean");
        return v;
    case ShapeType::Integer:
    case ShapeType::Long:
        if (!v.isDouble())
            return mismatch(v, "an integer");
        if (m_strict && v.toDouble() != std::floor(v.toDouble()))
            return mismatch(v, "an integer");
        return v;
    case ShapeType::Float:
    case ShapeType::Double:
        if (v.isDouble() || (v.isString() && isSpecialFloat(v.toString())))
            return v;
        return mismatch(v, "a number");
    case ShapeType::Timestamp:
        if (v.isDouble())
            return v;
        if (v.isString()) {
            // Epoch seconds are the default; iso8601/rfc822 strings come with
            // a timestampFormat trait (and from some older services).
            if (const auto seconds = timestamp::parse(v.toString())) {
                changed = true;
                return *seconds;
            }
        }
        return mismatch(v, "a timestamp");
    case ShapeType::Unknown:
        return v;
    }
    return v;
}

} // namespace aws::json
