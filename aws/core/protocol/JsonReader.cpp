#include "JsonReader.h"

#include "Timestamp.h"

#include <QVarLengthArray>
#include <cmath>

namespace aws::json {

namespace {

void prependMember(QString &path, const QString &name)
{
    if (path.isEmpty() || path.startsWith(u'['))
        path.prepend(name);
    else
        path.prepend(name + u'.');
}

bool isSpecialFloat(const QString &s)
{
    return s == u"NaN" || s == u"Infinity" || s == u"-Infinity";
}

} // namespace

QJsonValue ShapeReader::mismatch(const QJsonValue &v, const char *expected)
{
    if (m_strict && m_error.isEmpty())
        m_error = QStringLiteral("Expected %1").arg(QLatin1String(expected));
    return v; // lenient: keep what the service sent
}

QJsonObject ShapeReader::readStructure(const QJsonObject &value, const Shape &shape)
{
    bool changed = false;
    return structure(value, shape, changed);
}

bool ShapeReader::visitNeeded(QJsonValue::Type t, const Shape &shape) const
{
    // Lenient mode only visits what can change: containers (unknown and null
    // members go) and timestamps sent as strings. Strict mode also visits
    // scalars of the wrong type, to report them.
    if (shape.document)
        return false;
    switch (shape.type) {
    case ShapeType::Structure:
    case ShapeType::List:
    case ShapeType::Map:
        return true;
    case ShapeType::Timestamp:
        return t != QJsonValue::Double;
    case ShapeType::Integer:
    case ShapeType::Long:
        return m_strict;
    case ShapeType::Float:
    case ShapeType::Double:
        return m_strict && t != QJsonValue::Double;
    case ShapeType::String:
    case ShapeType::Blob:
        return m_strict && t != QJsonValue::String;
    case ShapeType::Boolean:
        return m_strict && t != QJsonValue::Bool;
    case ShapeType::Unknown:
        break;
    }
    return false;
}

QJsonObject ShapeReader::structure(const QJsonObject &o, const Shape &shape, bool &changed)
{
    // Members are looked up by name (a binary search over the object's
    // sorted keys, no allocation) rather than iterating the object's keys,
    // which would build a QString per key. Counting the hits tells whether
    // the object holds anything outside the model.
    struct Edit {
        const QString *name;
        QJsonValue value; ///< Undefined: remove
    };
    QVarLengthArray<Edit, 8> edits;
    qsizetype found = 0;
    const auto end = o.constEnd();
    for (qsizetype i = 0; i < shape.members.size(); ++i) {
        const ShapeRef &m = shape.members[i];
        if (!m.shape)
            continue;
        const auto it = o.constFind(QStringView(m.name));
        if (it == end)
            continue;
        ++found;
        const QJsonValueConstRef v = *it;
        const QJsonValue::Type t = v.type();
        if (t == QJsonValue::Null) {
            edits.append({&m.name, QJsonValue(QJsonValue::Undefined)});
            continue;
        }
        if (!visitNeeded(t, *m.shape))
            continue;
        bool childChanged = false;
        QJsonValue nv = read(QJsonValue(v), m, childChanged);
        if (failed()) {
            prependMember(m_path, m.name);
            return {};
        }
        if (childChanged)
            edits.append({&m.name, std::move(nv)});
    }
    if (found == o.size() && edits.isEmpty())
        return o;
    changed = true;
    if (found == o.size()) {
        QJsonObject out = o; // detaches this level only; children stay shared
        for (const Edit &e : edits) {
            if (e.value.isUndefined())
                out.remove(*e.name);
            else
                out.insert(*e.name, e.value);
        }
        return out;
    }
    // Keys outside the model ("__type", members of a newer API version).
    QJsonObject out;
    for (qsizetype i = 0; i < shape.members.size(); ++i) {
        const ShapeRef &m = shape.members[i];
        const auto it = o.constFind(QStringView(m.name));
        if (it == end)
            continue;
        const Edit *edit = nullptr;
        for (const Edit &e : edits)
            if (e.name == &m.name)
                edit = &e;
        if (edit) {
            if (!edit->value.isUndefined())
                out.insert(m.name, edit->value);
        } else {
            out.insert(m.name, QJsonValue(*it));
        }
    }
    return out;
}

QJsonValue ShapeReader::list(const QJsonArray &a, const ShapeRef &member, bool &changed)
{
    QJsonArray out;
    bool copied = false; // `out` is only built once something differs from `a`
    qsizetype i = 0;
    for (auto it = a.constBegin(); it != a.constEnd(); ++it, ++i) {
        const QJsonValueConstRef v = *it;
        const QJsonValue::Type t = v.type();
        const bool drop = t == QJsonValue::Null; // dense lists: clients skip nulls
        bool childChanged = false;
        QJsonValue nv;
        if (!drop && member.shape && visitNeeded(t, *member.shape)) {
            nv = read(QJsonValue(v), member, childChanged);
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
            out.append(childChanged ? nv : QJsonValue(v));
    }
    if (!copied)
        return a;
    changed = true;
    return out;
}

QJsonValue ShapeReader::map(const QJsonObject &o, const ShapeRef &value, bool &changed)
{
    QJsonObject out;
    bool copied = false;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QJsonValueConstRef v = it.value();
        const QJsonValue::Type t = v.type();
        const bool drop = t == QJsonValue::Null;
        bool childChanged = false;
        QJsonValue nv;
        if (!drop && value.shape && visitNeeded(t, *value.shape)) {
            nv = read(QJsonValue(v), value, childChanged);
            if (failed()) {
                prependMember(m_path, it.key());
                return {};
            }
        }
        if (!copied && (drop || childChanged)) {
            copied = true;
            for (auto jt = o.constBegin(); jt != it; ++jt)
                out.insert(jt.key(), QJsonValue(jt.value()));
        }
        if (copied && !drop)
            out.insert(it.key(), childChanged ? nv : QJsonValue(v));
    }
    if (!copied)
        return o;
    changed = true;
    return out;
}

QJsonValue ShapeReader::eventStream(const QJsonValue &v, const Shape &shape, bool &changed)
{
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

QJsonValue ShapeReader::read(const QJsonValue &v, const ShapeRef &ref, bool &changed)
{
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
