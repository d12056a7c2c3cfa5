#include "ModelRegistry.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>

namespace aws {

namespace {

QJsonObject readResource(const QString &name)
{
    QFile f(QStringLiteral(":/aws/models/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

struct Cache {
    QMutex mutex;
    QHash<QString, std::shared_ptr<const ServiceModel>> models;
    QHash<QString, QJsonObject> pagination;
};

Cache &cache()
{
    static Cache c;
    return c;
}

QStringList toList(const QJsonValue &v)
{
    if (v.isString())
        return {v.toString()};
    QStringList out;
    for (const auto &e : v.toArray())
        out << e.toString();
    return out;
}

} // namespace

std::shared_ptr<const ServiceModel> ModelRegistry::service(const QString &service)
{
    Cache &c = cache();
    QMutexLocker lock(&c.mutex);
    if (auto it = c.models.constFind(service); it != c.models.cend())
        return it.value();
    const QJsonObject doc = readResource(service + QStringLiteral(".json"));
    std::shared_ptr<const ServiceModel> model;
    if (!doc.isEmpty()) {
        model = ServiceModel::fromJson(doc);
        c.pagination.insert(service, doc.value(u"pagination").toObject());
    }
    c.models.insert(service, model);
    return model;
}

QStringList ModelRegistry::services()
{
    // The resources are compiled in, so the list is read once: the sandbox
    // routes every request through it, and listing a resource directory cost
    // a tenth of its time per request.
    static const QStringList names = [] {
        QStringList out;
        const auto entries = QDir(QStringLiteral(":/aws/models")).entryList({QStringLiteral("*.json")});
        for (const QString &e : entries) {
            if (e != u"endpoints.json" && e != u"partitions.json")
                out << e.chopped(5);
        }
        out.sort();
        return out;
    }();
    return names;
}

Paginator ModelRegistry::paginator(const QString &svc, const QString &operation)
{
    if (!service(svc))
        return {};
    QJsonObject p;
    {
        QMutexLocker lock(&cache().mutex);
        p = cache().pagination.value(svc).value(operation).toObject();
    }
    Paginator out;
    out.inputTokens = toList(p.value(u"input_token"));
    out.outputTokens = toList(p.value(u"output_token"));
    out.limitKey = p.value(u"limit_key").toString();
    out.resultKeys = toList(p.value(u"result_key"));
    out.moreResults = p.value(u"more_results").toString();
    return out;
}

QJsonObject ModelRegistry::endpointsDocument()
{
    static const QJsonObject doc = readResource(QStringLiteral("endpoints.json"));
    return doc;
}

QJsonObject ModelRegistry::partitionsDocument()
{
    static const QJsonObject doc = readResource(QStringLiteral("partitions.json"));
    return doc;
}

} // namespace aws
