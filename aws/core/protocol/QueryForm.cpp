#include "QueryForm.h"

#include "XmlNames.h"
#include "XmlScalars.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QUrl>
#include <QUuid>
#include <algorithm>

namespace aws::query {

namespace {

const QString kIso8601 = QStringLiteral("iso8601");

QString join(const QString &prefix, const QString &name)
{
    return prefix.isEmpty() ? name : prefix + u'.' + name;
}

QString mapKeySuffix(const ShapeRef &ref, const QString &fallback, QueryFlavor flavor)
{
    if (flavor == QueryFlavor::Ec2 && !ref.queryName.isEmpty())
        return ref.queryName;
    return ref.locationName.isEmpty() ? fallback : ref.locationName;
}

void encodeValue(FormPairs &out, const ShapeRef &ref, const QJsonValue &value, const QString &key,
                 QueryFlavor flavor, int depth);

void encodeList(FormPairs &out, const ShapeRef &ref, const QJsonArray &items, const QString &key,
                QueryFlavor flavor, int depth)
{
    const Shape &list = *ref.shape;
    if (flavor == QueryFlavor::Ec2) {
        // ec2 lists are always flattened and an empty list is not sent.
        for (qsizetype i = 0; i < items.size(); ++i)
            encodeValue(out, list.member, items.at(i), key + u'.' + QString::number(i + 1), flavor, depth);
        return;
    }
    if (items.isEmpty()) {
        // The query protocol sends an empty list as an empty value.
        out.append({key, QString()});
        return;
    }
    // A flattened list's key already carries its name (see memberKey).
    const QString base = xml::isFlattened(ref) ? key : key + u'.' + xml::listItemName(list, flavor);
    for (qsizetype i = 0; i < items.size(); ++i)
        encodeValue(out, list.member, items.at(i), base + u'.' + QString::number(i + 1), flavor, depth);
}

void encodeMap(FormPairs &out, const ShapeRef &ref, const QJsonObject &map, const QString &key,
               QueryFlavor flavor, int depth)
{
    const Shape &s = *ref.shape;
    const QString base = xml::isFlattened(ref) ? key : key + QStringLiteral(".entry");
    const QString keySuffix = mapKeySuffix(s.key, QStringLiteral("key"), flavor);
    const QString valueSuffix = mapKeySuffix(s.value, QStringLiteral("value"), flavor);
    int i = 1;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it, ++i) {
        const QString entry = base + u'.' + QString::number(i) + u'.';
        out.append({entry + keySuffix, it.key()});
        encodeValue(out, s.value, it.value(), entry + valueSuffix, flavor, depth);
    }
}

void encodeValue(FormPairs &out, const ShapeRef &ref, const QJsonValue &value, const QString &key,
                 QueryFlavor flavor, int depth)
{
    if (!ref.shape || value.isNull() || value.isUndefined() || depth > 64)
        return;
    switch (ref.shape->type) {
    case ShapeType::Structure:
        encodeStructure(out, *ref.shape, value.toObject(), key, flavor);
        return;
    case ShapeType::List:
        encodeList(out, ref, value.toArray(), key, flavor, depth + 1);
        return;
    case ShapeType::Map:
        encodeMap(out, ref, value.toObject(), key, flavor, depth + 1);
        return;
    default:
        out.append({key, xml::scalarToText(ref, value, kIso8601)});
        return;
    }
}

// ---- decoding ----

/// The decoded pairs with an index of which keys exist below each prefix,
/// so that lists and maps can be rebuilt without scanning every key.
struct FormIndex {
    QHash<QString, QString> values;
    QHash<QString, QStringList> children; ///< prefix → next key segments (unique)

    explicit FormIndex(const FormPairs &pairs)
    {
        QSet<QString> seen;
        for (const auto &[k, v] : pairs) {
            values.insert(k, v);
            qsizetype start = 0;
            QString parent;
            while (true) {
                const qsizetype dot = k.indexOf(u'.', start);
                const QString path = dot < 0 ? k : k.left(dot);
                if (!seen.contains(path)) {
                    seen.insert(path);
                    children[parent].append(path.mid(start));
                }
                if (dot < 0)
                    break;
                parent = path;
                start = dot + 1;
            }
        }
    }
    bool has(const QString &key) const { return values.contains(key) || children.contains(key); }
    /// Numeric child segments of `key`, in numeric order.
    QList<int> indices(const QString &key) const
    {
        QList<int> out;
        for (const QString &seg : children.value(key)) {
            bool ok = false;
            const int n = seg.toInt(&ok);
            if (ok && n >= 0)
                out.append(n);
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

struct Decoder {
    const FormIndex &form;
    QueryFlavor flavor;
    QString error;

    std::optional<QJsonValue> value(const ShapeRef &ref, const QString &key, int depth)
    {
        if (depth > 64) {
            error = QStringLiteral("Parameter %1 is nested too deeply").arg(key);
            return std::nullopt;
        }
        switch (ref.shape->type) {
        case ShapeType::Structure: {
            auto o = structure(*ref.shape, key, depth + 1);
            if (!o)
                return std::nullopt;
            return QJsonValue(*o);
        }
        case ShapeType::List:
            return list(ref, key, depth + 1);
        case ShapeType::Map:
            return map(ref, key, depth + 1);
        default:
            break;
        }
        const QString text = form.values.value(key);
        auto v = xml::scalarFromText(ref, text);
        if (!v) {
            error = QStringLiteral("Value '%1' for parameter %2 is invalid: expected a %3")
                        .arg(text, key, QLatin1String(shapeTypeName(ref.shape->type)));
            return std::nullopt;
        }
        return v;
    }

    std::optional<QJsonObject> structure(const Shape &shape, const QString &prefix, int depth)
    {
        QJsonObject obj;
        for (const ShapeRef &m : shape.members) {
            if (!m.shape)
                continue;
            const QString key = join(prefix, memberKey(m, flavor));
            if (!form.has(key))
                continue;
            auto v = value(m, key, depth);
            if (!v)
                return std::nullopt;
            obj.insert(m.name, *v);
        }
        return obj;
    }

    std::optional<QJsonValue> list(const ShapeRef &ref, const QString &key, int depth)
    {
        const Shape &s = *ref.shape;
        QString base = key;
        if (flavor == QueryFlavor::Query && !xml::isFlattened(ref))
            base = key + u'.' + xml::listItemName(s, flavor);
        QJsonArray arr;
        for (int i : form.indices(base)) {
            auto v = value(s.member, base + u'.' + QString::number(i), depth);
            if (!v)
                return std::nullopt;
            arr.append(*v);
        }
        return QJsonValue(arr);
    }

    std::optional<QJsonValue> map(const ShapeRef &ref, const QString &key, int depth)
    {
        const Shape &s = *ref.shape;
        const QString base = xml::isFlattened(ref) ? key : key + QStringLiteral(".entry");
        const QString keySuffix = mapKeySuffix(s.key, QStringLiteral("key"), flavor);
        const QString valueSuffix = mapKeySuffix(s.value, QStringLiteral("value"), flavor);
        QJsonObject obj;
        for (int i : form.indices(base)) {
            const QString entry = base + u'.' + QString::number(i) + u'.';
            const QString k = form.values.value(entry + keySuffix);
            if (!form.has(entry + valueSuffix)) {
                obj.insert(k, QJsonValue());
                continue;
            }
            auto v = value(s.value, entry + valueSuffix, depth);
            if (!v)
                return std::nullopt;
            obj.insert(k, *v);
        }
        return QJsonValue(obj);
    }
};

} // namespace

void encodeStructure(FormPairs &out, const Shape &shape, const QJsonObject &value, const QString &prefix,
                     QueryFlavor flavor)
{
    for (const ShapeRef &m : shape.members) {
        const QString key = join(prefix, memberKey(m, flavor));
        const auto it = value.constFind(m.name);
        if (it == value.constEnd() || it->isNull() || it->isUndefined()) {
            // Tokens make retries of a create call safe; the SDKs fill them in.
            if (m.idempotencyToken)
                out.append({key, QUuid::createUuid().toString(QUuid::WithoutBraces)});
            continue;
        }
        encodeValue(out, m, *it, key, flavor, 0);
    }
}

QByteArray formEncode(const FormPairs &pairs)
{
    QByteArray body;
    for (const auto &[k, v] : pairs) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(k);
        body += '=';
        body += QUrl::toPercentEncoding(v);
    }
    return body;
}

FormPairs formDecode(const QByteArray &body)
{
    FormPairs out;
    for (const QByteArray &part : body.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        QByteArray k = eq < 0 ? part : part.left(eq);
        QByteArray v = eq < 0 ? QByteArray() : part.mid(eq + 1);
        k.replace('+', ' ');
        v.replace('+', ' ');
        out.append({QString::fromUtf8(QByteArray::fromPercentEncoding(k)),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(v))});
    }
    return out;
}

std::optional<QJsonObject> decodeStructure(const FormPairs &pairs, const Shape &shape, QueryFlavor flavor,
                                           QString *error)
{
    const FormIndex index(pairs);
    Decoder d{index, flavor, {}};
    auto obj = d.structure(shape, QString(), 0);
    if (!obj && error)
        *error = d.error;
    return obj;
}

} // namespace aws::query
