#include "Validator.h"

#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QRegularExpression>
#include <cmath>

namespace aws {

QString ValidationIssue::toString() const
{
    return path.isEmpty() ? message : QStringLiteral("%1: %2").arg(path, message);
}

namespace {

// Model patterns are ECMAScript-flavoured; QRegularExpression (PCRE2) reads
// them as they are. Compiled once per pattern and shared.
const QRegularExpression &compiled(const QString &pattern)
{
    static QMutex mutex;
    static QHash<QString, QRegularExpression> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.find(pattern);
    if (it == cache.end()) {
        QRegularExpression re(QStringLiteral("\\A(?:") + pattern + QStringLiteral(")\\z"),
                              QRegularExpression::DotMatchesEverythingOption);
        it = cache.insert(pattern, re);
    }
    return it.value();
}

QString typeOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString join(const QString &base, const QString &member)
{
    return base.isEmpty() ? member : base + u'.' + member;
}

// Where a value sits, as a chain up to the input, turned into text only when
// an issue is reported: valid parameters (the usual case) then cost no
// string building per member and item.
struct Path {
    enum Kind { Root, Member, Item, MapKey };
    const Path *parent = nullptr;
    Kind kind = Root;
    const QString *name = nullptr; ///< Member, MapKey
    qsizetype index = 0;           ///< Item

    QString text() const
    {
        switch (kind) {
        case Root:
            break;
        case Member:
            return join(parent->text(), *name);
        case Item:
            return QStringLiteral("%1[%2]").arg(parent->text()).arg(index);
        case MapKey:
            return QStringLiteral("%1[\"%2\"]").arg(parent->text(), *name);
        }
        return QString();
    }
};

// Code points, as QString::toUcs4().size() counts them (a valid surrogate
// pair is one), without building the UCS-4 copy.
qsizetype codePoints(QStringView s)
{
    qsizetype n = s.size();
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s[i].isHighSurrogate() && s[i + 1].isLowSurrogate()) {
            --n;
            ++i;
        }
    }
    return n;
}

QString fmt(double d)
{
    return QString::number(d, 'g', 15);
}

// Shape::memberNamed() with a cursor: an object's keys come sorted and a
// model's members mostly so, so the next member is usually the one after the
// last hit; a length check skips most of the others cheaply.
const ShapeRef *memberNamed(const Shape &s, const QString &key, qsizetype &cursor)
{
    const qsizetype n = s.members.size();
    for (qsizetype k = 0; k < n; ++k) {
        const qsizetype i = (cursor + k) % n;
        const QString &name = s.members[i].name;
        if (name.size() == key.size() && name == key) {
            cursor = i + 1;
            return &s.members[i];
        }
    }
    return nullptr;
}

class Walker {
public:
    QList<ValidationIssue> issues;

    void add(const QString &path, const QString &message) { issues.append({path, message}); }
    void add(const Path &path, const QString &message) { add(path.text(), message); }

    void check(const Shape *shape, const QJsonValue &v, const Path &path)
    {
        if (!shape)
            return;
        const QJsonValue::Type t = v.type();
        if (t == QJsonValue::Null || t == QJsonValue::Undefined)
            return; // absent; "required" is checked by the parent structure
        switch (shape->type) {
        case ShapeType::Structure:
            return structure(*shape, v, path);
        case ShapeType::List:
            return list(*shape, v, path);
        case ShapeType::Map:
            return map(*shape, v, path);
        case ShapeType::String:
            return string(*shape, v, path);
        case ShapeType::Integer:
        case ShapeType::Long:
            return integer(*shape, v, path);
        case ShapeType::Float:
        case ShapeType::Double:
            return number(*shape, v, path);
        case ShapeType::Boolean:
            if (!v.isBool())
                add(path, QStringLiteral("must be true or false, not %1").arg(typeOf(v)));
            return;
        case ShapeType::Timestamp:
            if (!v.isDouble() && !v.isString())
                add(path,
                    QStringLiteral("must be a timestamp (epoch seconds or ISO 8601), not %1").arg(typeOf(v)));
            return;
        case ShapeType::Blob:
            if (!v.isString())
                add(path, QStringLiteral("must be base64 text, not %1").arg(typeOf(v)));
            return;
        case ShapeType::Unknown:
            return;
        }
    }

private:
    void structure(const Shape &s, const QJsonValue &v, const Path &path)
    {
        if (!v.isObject()) {
            add(path, QStringLiteral("must be an object, not %1").arg(typeOf(v)));
            return;
        }
        const QJsonObject o = v.toObject();
        if (s.document)
            return;
        for (const QString &req : s.required) {
            const QJsonValue mv = o.value(req);
            if (mv.isUndefined() || mv.isNull())
                add(Path{&path, Path::Member, &req}, QStringLiteral("is required"));
        }
        int present = 0;
        qsizetype cursor = 0;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString key = it.key();
            const Path here{&path, Path::Member, &key};
            const ShapeRef *m = memberNamed(s, key, cursor);
            if (!m) {
                QStringList known;
                for (const auto &mm : s.members)
                    known << mm.name;
                add(here, QStringLiteral("is not a parameter here (expected one of: %1)")
                              .arg(known.join(QStringLiteral(", "))));
                continue;
            }
            if (!it.value().isNull())
                ++present;
            check(m->shape, it.value(), here);
        }
        if (s.isUnion && present != 1)
            add(path, QStringLiteral("must set exactly one member"));
    }

    void list(const Shape &s, const QJsonValue &v, const Path &path)
    {
        if (!v.isArray()) {
            add(path, QStringLiteral("must be a list, not %1").arg(typeOf(v)));
            return;
        }
        const QJsonArray a = v.toArray();
        if (s.min && a.size() < *s.min)
            add(path, QStringLiteral("must have at least %1 item(s), has %2").arg(fmt(*s.min)).arg(a.size()));
        if (s.max && a.size() > *s.max)
            add(path, QStringLiteral("must have at most %1 item(s), has %2").arg(fmt(*s.max)).arg(a.size()));
        for (qsizetype i = 0; i < a.size(); ++i)
            check(s.member.shape, a.at(i), Path{&path, Path::Item, nullptr, i});
    }

    void map(const Shape &s, const QJsonValue &v, const Path &path)
    {
        if (!v.isObject()) {
            add(path, QStringLiteral("must be an object, not %1").arg(typeOf(v)));
            return;
        }
        const QJsonObject o = v.toObject();
        if (s.min && o.size() < *s.min)
            add(path, QStringLiteral("must have at least %1 entr(ies)").arg(fmt(*s.min)));
        if (s.max && o.size() > *s.max)
            add(path,
                QStringLiteral("must have at most %1 entr(ies), has %2").arg(fmt(*s.max)).arg(o.size()));
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString key = it.key();
            const Path p{&path, Path::MapKey, &key};
            // The key is checked as the string it is: wrapping it in a
            // QJsonValue would copy it into a container of its own.
            if (s.key.shape && s.key.shape->type == ShapeType::String)
                stringValue(*s.key.shape, key, p);
            else
                check(s.key.shape, QJsonValue(key), p);
            check(s.value.shape, it.value(), p);
        }
    }

    void string(const Shape &s, const QJsonValue &v, const Path &path)
    {
        if (!v.isString()) {
            add(path, QStringLiteral("must be a string, not %1").arg(typeOf(v)));
            return;
        }
        // Most string shapes have no constraint: their value is not even
        // copied out of the object.
        if (!s.min && !s.max && s.enumValues.isEmpty() && s.pattern.isEmpty())
            return;
        stringValue(s, v.toString(), path);
    }

    void stringValue(const Shape &s, const QString &str, const Path &path)
    {
        // Lengths are in characters (code points), as botocore counts them.
        // Counted only when a bound needs it: most strings have none.
        const auto len = s.min || s.max ? static_cast<double>(codePoints(str)) : 0.0;
        if (s.min && len < *s.min)
            add(path, QStringLiteral("must be at least %1 character(s) long").arg(fmt(*s.min)));
        if (s.max && len > *s.max)
            add(path,
                QStringLiteral("must be at most %1 character(s) long, is %2").arg(fmt(*s.max), fmt(len)));
        // Enums are open in AWS models (new values appear), so botocore does
        // not enforce them; we do, because a typo here only fails at AWS.
        if (!s.enumValues.isEmpty() && !s.enumValues.contains(str))
            add(path, QStringLiteral("must be one of: %1").arg(s.enumValues.join(QStringLiteral(", "))));
        if (!s.pattern.isEmpty()) {
            const QRegularExpression &re = compiled(s.pattern);
            if (re.isValid() && !re.match(str).hasMatch())
                add(path, QStringLiteral("does not match the pattern %1").arg(s.pattern));
        }
    }

    void integer(const Shape &s, const QJsonValue &v, const Path &path)
    {
        const double d = v.toDouble();
        if (!v.isDouble() || std::floor(d) != d) {
            add(path,
                QStringLiteral("must be a whole number, not %1").arg(v.isDouble() ? fmt(d) : typeOf(v)));
            return;
        }
        range(s, d, path);
    }

    void number(const Shape &s, const QJsonValue &v, const Path &path)
    {
        if (!v.isDouble()) {
            add(path, QStringLiteral("must be a number, not %1").arg(typeOf(v)));
            return;
        }
        range(s, v.toDouble(), path);
    }

    void range(const Shape &s, double d, const Path &path)
    {
        if (s.min && d < *s.min)
            add(path, QStringLiteral("must be at least %1, is %2").arg(fmt(*s.min), fmt(d)));
        if (s.max && d > *s.max)
            add(path, QStringLiteral("must be at most %1, is %2").arg(fmt(*s.max), fmt(d)));
    }
};

} // namespace

QList<ValidationIssue> Validator::validate(const Shape *shape, const QJsonObject &params)
{
    Walker w;
    if (!shape) {
        for (auto it = params.begin(); it != params.end(); ++it)
            w.add(it.key(), QStringLiteral("is not a parameter here (this operation takes none)"));
        return w.issues;
    }
    w.check(shape, params, Path{});
    return w.issues;
}

} // namespace aws
