#include "PlanReferences.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace plan {
namespace {

const QRegularExpression &refPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(\$\{([A-Za-z0-9_-]+)\.([^}]+)\})"));
    return re;
}

QString asText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

} // namespace

QJsonValue valueAtPath(const QJsonValue &root, const QString &path)
{
    QJsonValue cur = root;
    // Split "A.B[0].C" into members and indexes.
    static const QRegularExpression part(QStringLiteral(R"(([^.\[\]]+)|\[(\d+)\])"));
    auto it = part.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedLength(1) > 0) {
            if (!cur.isObject())
                return QJsonValue(QJsonValue::Undefined);
            cur = cur.toObject().value(m.captured(1));
        } else {
            const int idx = m.captured(2).toInt();
            if (!cur.isArray() || idx >= cur.toArray().size())
                return QJsonValue(QJsonValue::Undefined);
            cur = cur.toArray().at(idx);
        }
        if (cur.isUndefined())
            return cur;
    }
    return cur;
}

QJsonValue resolveReferences(const QJsonValue &value, const StepOutputs &outputs, QStringList *unresolved)
{
    if (value.isObject())
        return resolveReferences(value.toObject(), outputs, unresolved);
    if (value.isArray()) {
        QJsonArray out;
        for (const auto &v : value.toArray())
            out.append(resolveReferences(v, outputs, unresolved));
        return out;
    }
    if (!value.isString())
        return value;
    const QString s = value.toString();
    auto lookup = [&](const QRegularExpressionMatch &m) -> QJsonValue {
        const auto it = outputs.constFind(m.captured(1));
        if (it == outputs.constEnd())
            return QJsonValue(QJsonValue::Undefined);
        return valueAtPath(*it, m.captured(2));
    };
    const auto whole = refPattern().match(s);
    if (whole.hasMatch() && whole.capturedStart() == 0 && whole.capturedLength() == s.size()) {
        const QJsonValue v = lookup(whole);
        if (v.isUndefined()) {
            if (unresolved)
                unresolved->append(whole.captured(0));
            return value;
        }
        return v;
    }
    QString out;
    qsizetype last = 0;
    auto it = refPattern().globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        out += s.mid(last, m.capturedStart() - last);
        const QJsonValue v = lookup(m);
        if (v.isUndefined() || (v.isObject() || v.isArray())) {
            if (unresolved)
                unresolved->append(m.captured(0));
            out += m.captured(0);
        } else {
            out += asText(v);
        }
        last = m.capturedEnd();
    }
    out += s.mid(last);
    return out;
}

QJsonObject resolveReferences(const QJsonObject &params, const StepOutputs &outputs, QStringList *unresolved)
{
    QJsonObject out;
    for (auto it = params.begin(); it != params.end(); ++it)
        out.insert(it.key(), resolveReferences(it.value(), outputs, unresolved));
    return out;
}

QStringList referencedSteps(const QJsonValue &value)
{
    QStringList ids;
    if (value.isObject()) {
        for (const auto &v : value.toObject())
            ids += referencedSteps(v);
    } else if (value.isArray()) {
        for (const auto &v : value.toArray())
            ids += referencedSteps(v);
    } else if (value.isString()) {
        auto it = refPattern().globalMatch(value.toString());
        while (it.hasNext())
            ids.append(it.next().captured(1));
    }
    ids.removeDuplicates();
    return ids;
}

} // namespace plan
