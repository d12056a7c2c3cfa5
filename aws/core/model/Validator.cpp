#include "Validator.h"

#include "JsonView.h"

#include <QJsonArray>
#include <QMutex>
#include <QRegularExpression>
#include <algorithm>
#include <bitset>
#include <cmath>
#include <optional>
#include <unordered_map>

namespace aws {

QString ValidationIssue::toString() const
{
    return path.isEmpty() ? message : QStringLiteral("%1: %2").arg(path, message);
}

namespace {

// A model pattern, compiled once. Most AWS patterns are one character class
// repeated ("^[a-zA-Z0-9_-]+$", "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"). For
// those the class is asked once, per ASCII character, whether it takes it;
// an ASCII value is then checked against that table instead of by a PCRE2
// match, which costs a QRegularExpressionMatch per value (~0.3 µs).
struct Pattern {
    QRegularExpression re;
    bool classRun = false;  ///< the pattern is one character class, repeated
    bool nonEmpty = false;  ///< ... at least once ('+' rather than '*')
    std::bitset<128> ascii; ///< the ASCII characters the class takes

    explicit Pattern(const QString &pattern);
    bool matches(const QString &s) const;
    /// The same for text read in place (see JsonView.h).
    bool matches(const view::Text &t) const;
};

// The pattern's one character class, as "[...]", when the pattern is that
// class repeated: "[c]*", "[c]+", optionally in a group "(...)" or "(?:...)"
// and between "^" and "$". Anything else (several atoms, bounded repeats,
// nested classes, \Q...\E quoting) is left to the regex.
std::optional<QStringView> repeatedClass(QStringView p, bool *nonEmpty)
{
    qsizetype i = 0;
    const auto at = [&](qsizetype k) { return k < p.size() ? p[k].unicode() : u'\0'; };
    if (at(i) == u'^')
        ++i;
    bool group = false;
    if (p.sliced(i).startsWith(u"(?:")) {
        i += 3;
        group = true;
    } else if (at(i) == u'(' && at(i + 1) != u'?') {
        ++i;
        group = true;
    }
    if (at(i) != u'[')
        return std::nullopt;
    const qsizetype open = i++;
    if (at(i) == u'^')
        ++i;
    if (at(i) == u']') // a ']' first in a class is a literal
        ++i;
    for (;; ++i) {
        const char16_t c = at(i);
        if (c == u'\0' || c == u'[')
            return std::nullopt;
        if (c == u']')
            break;
        if (c == u'\\') {
            if (at(i + 1) == u'Q' || at(i + 1) == u'E' || at(i + 1) == u'\0')
                return std::nullopt;
            ++i;
        }
    }
    const QStringView cls = p.sliced(open, i + 1 - open);
    ++i;
    if (at(i) != u'*' && at(i) != u'+')
        return std::nullopt;
    *nonEmpty = at(i++) == u'+';
    if (group && at(i++) != u')')
        return std::nullopt;
    if (at(i) == u'$')
        ++i;
    if (i != p.size())
        return std::nullopt;
    return cls;
}

// Model patterns are ECMAScript-flavoured; QRegularExpression (PCRE2) reads
// them as they are, anchored to the whole value.
QRegularExpression anchored(QStringView pattern)
{
    QString text = QStringLiteral("\\A(?:");
    text += pattern;
    text += QStringLiteral(")\\z");
    return QRegularExpression(text, QRegularExpression::DotMatchesEverythingOption);
}

Pattern::Pattern(const QString &pattern)
    : re(anchored(pattern))
{
    const std::optional<QStringView> cls = repeatedClass(pattern, &nonEmpty);
    if (!re.isValid() || !cls)
        return;
    const QRegularExpression one = anchored(*cls);
    if (!one.isValid())
        return;
    for (char16_t c = 0; c < 128; ++c)
        ascii[c] = one.match(QString(QChar(c))).hasMatch();
    classRun = true;
}

bool Pattern::matches(const QString &s) const
{
    if (classRun) {
        bool allAscii = true;
        for (const QChar c : s) {
            if (c.unicode() >= 128)
                allAscii = false;
            else if (!ascii[c.unicode()])
                return false; // one character outside the class: no match, whatever the others
        }
        if (allAscii)
            return !nonEmpty || !s.isEmpty();
    }
    return re.match(s).hasMatch();
}

bool Pattern::matches(const view::Text &t) const
{
    if (classRun && t.ascii) {
        for (qsizetype i = 0; i < t.size; ++i)
            if (!ascii[uchar(t.bytes[i])])
                return false;
        return !nonEmpty || t.size > 0;
    }
    return matches(t.toString());
}

// Compiled once per pattern text and shared. A node-based map: the entry a
// caller holds stays where it is when another thread adds one.
const Pattern &compiled(const QString &pattern)
{
    static QMutex mutex;
    static std::unordered_map<QString, Pattern> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.find(pattern);
    if (it == cache.end())
        it = cache.try_emplace(pattern, pattern).first;
    return it->second;
}

QString typeOf(QJsonValue::Type t)
{
    switch (t) {
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
    const QString *name = nullptr; ///< Member, MapKey: the name, or else…
    qsizetype index = 0;           ///< Item; Member, MapKey: …the key element in `object`
    view::Container object;

    QString key() const { return name ? *name : object.toString(index); }
    QString text() const
    {
        switch (kind) {
        case Root:
            break;
        case Member:
            return join(parent->text(), key());
        case Item:
            return QStringLiteral("%1[%2]").arg(parent->text()).arg(index);
        case MapKey:
            return QStringLiteral("%1[\"%2\"]").arg(parent->text(), key());
        }
        return QString();
    }
};

// Code points, as QString::toUcs4().size() counts them (a valid surrogate
// pair is one), without building the UCS-4 copy.
qsizetype codePoints(QStringView s);
qsizetype codePoints(const view::Text &t)
{
    if (t.isUtf16())
        return codePoints(QStringView(t.utf16, t.size));
    if (t.ascii)
        return t.size;
    qsizetype n = 0; // valid UTF-8: every byte but continuation bytes starts one
    for (qsizetype i = 0; i < t.size; ++i)
        n += (uchar(t.bytes[i]) & 0xc0) != 0x80;
    return n;
}

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

// QStringList::contains() compares each entry in full; most differ from
// `s` in length, which QStringView's == looks at first.
bool listed(const QStringList &list, const view::Text &s)
{
    return std::any_of(list.begin(), list.end(), [&s](const QString &e) { return s.equals(e); });
}

inline bool isAbsent(QJsonValue::Type t)
{
    return t == QJsonValue::Null || t == QJsonValue::Undefined;
}

// Values are read in place, element `i` of an object's or array's storage
// (JsonView.h): through QJsonObject's API every key and string would first
// become a QString.
class Walker {
public:
    QList<ValidationIssue> issues;

    void add(const QString &path, const QString &message) { issues.append({path, message}); }
    void add(const Path &path, const QString &message) { add(path.text(), message); }

    void check(const Shape *shape, view::Container c, qsizetype i, const Path &path)
    {
        const QJsonValue::Type t = c.type(i);
        if (!shape || isAbsent(t))
            return; // absent; "required" is checked by the parent structure
        switch (shape->type) {
        case ShapeType::Structure:
            if (t != QJsonValue::Object)
                return add(path, QStringLiteral("must be an object, not %1").arg(typeOf(t)));
            return structure(*shape, c.child(i), path);
        case ShapeType::List:
            if (t != QJsonValue::Array)
                return add(path, QStringLiteral("must be a list, not %1").arg(typeOf(t)));
            return list(*shape, c.child(i), path);
        case ShapeType::Map:
            if (t != QJsonValue::Object)
                return add(path, QStringLiteral("must be an object, not %1").arg(typeOf(t)));
            return map(*shape, c.child(i), path);
        case ShapeType::String:
            if (t != QJsonValue::String)
                return add(path, QStringLiteral("must be a string, not %1").arg(typeOf(t)));
            // Most string shapes have no constraint: their value is not even
            // looked at.
            if (hasConstraint(*shape))
                stringValue(*shape, c.text(i), path);
            return;
        case ShapeType::Integer:
        case ShapeType::Long:
            return integer(*shape, t, c.toDouble(i), path);
        case ShapeType::Float:
        case ShapeType::Double:
            if (t != QJsonValue::Double)
                return add(path, QStringLiteral("must be a number, not %1").arg(typeOf(t)));
            return range(*shape, c.toDouble(i), path);
        case ShapeType::Boolean:
            if (t != QJsonValue::Bool)
                add(path, QStringLiteral("must be true or false, not %1").arg(typeOf(t)));
            return;
        case ShapeType::Timestamp:
            if (t != QJsonValue::Double && t != QJsonValue::String)
                add(path,
                    QStringLiteral("must be a timestamp (epoch seconds or ISO 8601), not %1").arg(typeOf(t)));
            return;
        case ShapeType::Blob:
            if (t != QJsonValue::String)
                add(path, QStringLiteral("must be base64 text, not %1").arg(typeOf(t)));
            return;
        case ShapeType::Unknown:
            return;
        }
    }

    void structure(const Shape &s, view::Container o, const Path &path)
    {
        if (s.document)
            return;
        // Required members are counted on the way through the keys; only
        // when some are missing are they looked up, to say which. Their
        // issues come first, as they did when looked up before the walk.
        const qsizetype firstIssue = issues.size();
        qsizetype requiredSet = 0;
        int present = 0;
        qsizetype cursor = 0;
        for (qsizetype k = 0; k < o.size(); k += 2) {
            const view::Text key = o.text(k);
            const Path here{&path, Path::Member, nullptr, k, o};
            const ShapeRef *m = view::memberNamed(s, key, cursor);
            if (!m) {
                unknownMember(s, here);
                continue;
            }
            const QJsonValue::Type t = o.type(k + 1);
            if (t != QJsonValue::Null)
                ++present;
            if (!isAbsent(t) && listed(s.required, key))
                ++requiredSet;
            check(m->shape, o, k + 1, here);
        }
        if (requiredSet != s.required.size())
            missingRequired(s, o, path, firstIssue);
        if (s.isUnion && present != 1)
            add(path, QStringLiteral("must set exactly one member"));
    }

private:
    static bool hasConstraint(const Shape &s)
    {
        return s.min || s.max || !s.enumValues.isEmpty() || !s.pattern.isEmpty();
    }

    void missingRequired(const Shape &s, view::Container o, const Path &path, qsizetype at)
    {
        for (const QString &req : s.required) {
            bool set = false;
            for (qsizetype k = 0; k < o.size() && !set; k += 2)
                set = o.text(k).equals(req) && !isAbsent(o.type(k + 1));
            if (!set)
                issues.insert(at++,
                              {Path{&path, Path::Member, &req, 0, {}}.text(), QStringLiteral("is required")});
        }
    }

    void unknownMember(const Shape &s, const Path &here)
    {
        QStringList known;
        for (const auto &mm : s.members)
            known << mm.name;
        add(here, QStringLiteral("is not a parameter here (expected one of: %1)")
                      .arg(known.join(QStringLiteral(", "))));
    }

    void list(const Shape &s, view::Container a, const Path &path)
    {
        if (s.min && a.size() < *s.min)
            add(path, QStringLiteral("must have at least %1 item(s), has %2").arg(fmt(*s.min)).arg(a.size()));
        if (s.max && a.size() > *s.max)
            add(path, QStringLiteral("must have at most %1 item(s), has %2").arg(fmt(*s.max)).arg(a.size()));
        for (qsizetype i = 0; i < a.size(); ++i)
            check(s.member.shape, a, i, Path{&path, Path::Item, nullptr, i, {}});
    }

    void map(const Shape &s, view::Container o, const Path &path)
    {
        const qsizetype entries = o.size() / 2;
        if (s.min && entries < *s.min)
            add(path, QStringLiteral("must have at least %1 entr(ies)").arg(fmt(*s.min)));
        if (s.max && entries > *s.max)
            add(path, QStringLiteral("must have at most %1 entr(ies), has %2").arg(fmt(*s.max)).arg(entries));
        for (qsizetype k = 0; k < o.size(); k += 2) {
            const Path p{&path, Path::MapKey, nullptr, k, o};
            check(s.key.shape, o, k, p); // the key is a string element like any other
            check(s.value.shape, o, k + 1, p);
        }
    }

    void stringValue(const Shape &s, const view::Text &str, const Path &path)
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
        if (!s.enumValues.isEmpty() && !listed(s.enumValues, str))
            add(path, QStringLiteral("must be one of: %1").arg(s.enumValues.join(QStringLiteral(", "))));
        if (!s.pattern.isEmpty()) {
            const Pattern &p = compiled(s.pattern);
            if (p.re.isValid() && !p.matches(str))
                add(path, QStringLiteral("does not match the pattern %1").arg(s.pattern));
        }
    }

    void integer(const Shape &s, QJsonValue::Type t, double d, const Path &path)
    {
        if (t != QJsonValue::Double || std::floor(d) != d) {
            add(path, QStringLiteral("must be a whole number, not %1")
                          .arg(t == QJsonValue::Double ? fmt(d) : typeOf(t)));
            return;
        }
        range(s, d, path);
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
    if (shape->type == ShapeType::Structure) {
        w.structure(*shape, view::Container::of(params), Path{});
    } else {
        const QJsonArray holder{params}; // the walk reads elements of a container
        w.check(shape, view::Container::of(holder), 0, Path{});
    }
    return w.issues;
}

} // namespace aws
