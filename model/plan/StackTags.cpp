#include "StackTags.h"

#include "ModelRegistry.h"

#include <QJsonArray>

namespace plan {
namespace {

const aws::Shape *inputShape(const QString &service, const QString &operation)
{
    const auto model = aws::ModelRegistry::service(service);
    const aws::Operation *op = model ? model->operation(operation) : nullptr;
    return op ? op->input.shape : nullptr;
}

/// A [{Key,Value}] list with our tags set (existing entries with the same key replaced).
QJsonArray mergedTagList(QJsonArray tags, const QString &keyName, const QString &valueName,
                         const QList<QPair<QString, QString>> &add)
{
    for (const auto &[key, value] : add) {
        for (qsizetype i = tags.size() - 1; i >= 0; --i)
            if (tags.at(i).toObject().value(keyName).toString() == key)
                tags.removeAt(i);
        tags.append(QJsonObject{{keyName, key}, {valueName, value}});
    }
    return tags;
}

/// Member names of the key and value in a tag structure ("Key"/"Value" or "key"/"value").
QPair<QString, QString> tagMemberNames(const aws::Shape *tagShape)
{
    if (tagShape && tagShape->memberNamed(QStringLiteral("key")))
        return {QStringLiteral("key"), QStringLiteral("value")};
    return {QStringLiteral("Key"), QStringLiteral("Value")};
}

} // namespace

QJsonObject withStackTags(const QString &service, const QString &operation, QJsonObject params,
                          const QString &stackName, const QString &resourceType)
{
    const aws::Shape *input = inputShape(service, operation);
    if (!input)
        return params;
    const QList<QPair<QString, QString>> ours{
        {QString::fromLatin1(kStackTagKey), stackName},
        {QString::fromLatin1(kCreatedByTagKey), QString::fromLatin1(kCreatedByTagValue)}};
    if (const aws::ShapeRef *specs = input->memberNamed(QStringLiteral("TagSpecifications"))) {
        // EC2: one specification per resource type; ours joins the one for this type.
        const aws::Shape *spec = specs->shape ? specs->shape->member.shape : nullptr;
        const aws::ShapeRef *tagsRef = spec ? spec->memberNamed(QStringLiteral("Tags")) : nullptr;
        const auto [k, v] =
            tagMemberNames(tagsRef && tagsRef->shape ? tagsRef->shape->member.shape : nullptr);
        QJsonArray list = params.value(QStringLiteral("TagSpecifications")).toArray();
        qsizetype at = -1;
        for (qsizetype i = 0; i < list.size(); ++i)
            if (list.at(i).toObject().value(QStringLiteral("ResourceType")).toString() == resourceType)
                at = i;
        QJsonObject entry =
            at >= 0 ? list.at(at).toObject() : QJsonObject{{QStringLiteral("ResourceType"), resourceType}};
        entry.insert(QStringLiteral("Tags"),
                     mergedTagList(entry.value(QStringLiteral("Tags")).toArray(), k, v, ours));
        if (at >= 0)
            list.replace(at, entry);
        else
            list.append(entry);
        params.insert(QStringLiteral("TagSpecifications"), list);
        return params;
    }
    for (const QString &name : {QStringLiteral("Tags"), QStringLiteral("tags")}) {
        const aws::ShapeRef *ref = input->memberNamed(name);
        if (!ref || !ref->shape)
            continue;
        if (ref->shape->type == aws::ShapeType::Map) { // CloudWatch Logs: tags as a map
            QJsonObject map = params.value(name).toObject();
            for (const auto &[key, value] : ours)
                map.insert(key, value);
            params.insert(name, map);
        } else if (ref->shape->type == aws::ShapeType::List) {
            const auto [k, v] = tagMemberNames(ref->shape->member.shape);
            params.insert(name, mergedTagList(params.value(name).toArray(), k, v, ours));
        }
        return params;
    }
    return params;
}

QString tagValue(const QJsonObject &resource, const QString &key)
{
    for (const QString &name : {QStringLiteral("Tags"), QStringLiteral("TagList"), QStringLiteral("tags")}) {
        const QJsonValue tags = resource.value(name);
        if (tags.isObject() && tags.toObject().contains(key))
            return tags.toObject().value(key).toString();
        for (const QJsonValue &t : tags.toArray()) {
            const QJsonObject o = t.toObject();
            if (o.value(QStringLiteral("Key")).toString() == key)
                return o.value(QStringLiteral("Value")).toString();
            if (o.value(QStringLiteral("key")).toString() == key)
                return o.value(QStringLiteral("value")).toString();
        }
    }
    return {};
}

QString clientTokenMember(const QString &service, const QString &operation)
{
    const aws::Shape *input = inputShape(service, operation);
    if (!input)
        return {};
    for (const aws::ShapeRef &m : input->members)
        if (m.idempotencyToken || m.name == u"clientToken" || m.name == u"ClientToken")
            return m.name;
    return {};
}

} // namespace plan
