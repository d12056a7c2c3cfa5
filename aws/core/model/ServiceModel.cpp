#include "ServiceModel.h"

#include <QJsonArray>

namespace aws {

const char *shapeTypeName(ShapeType t)
{
    switch (t) {
    case ShapeType::Structure:
        return "structure";
    case ShapeType::List:
        return "list";
    case ShapeType::Map:
        return "map";
    case ShapeType::String:
        return "string";
    case ShapeType::Integer:
        return "integer";
    case ShapeType::Long:
        return "long";
    case ShapeType::Boolean:
        return "boolean";
    case ShapeType::Float:
        return "float";
    case ShapeType::Double:
        return "double";
    case ShapeType::Timestamp:
        return "timestamp";
    case ShapeType::Blob:
        return "blob";
    case ShapeType::Unknown:
        break;
    }
    return "unknown";
}

namespace {

ShapeType parseType(const QString &t)
{
    if (t == u"structure")
        return ShapeType::Structure;
    if (t == u"list")
        return ShapeType::List;
    if (t == u"map")
        return ShapeType::Map;
    if (t == u"string")
        return ShapeType::String;
    if (t == u"integer" || t == u"short" || t == u"byte")
        return ShapeType::Integer;
    if (t == u"long")
        return ShapeType::Long;
    if (t == u"boolean")
        return ShapeType::Boolean;
    if (t == u"float")
        return ShapeType::Float;
    if (t == u"double" || t == u"bigdecimal")
        return ShapeType::Double;
    if (t == u"timestamp")
        return ShapeType::Timestamp;
    if (t == u"blob")
        return ShapeType::Blob;
    return ShapeType::Unknown;
}

struct Builder {
    std::map<QString, std::unique_ptr<Shape>> &shapes;
    QString error;

    Shape *get(const QString &name)
    {
        auto it = shapes.find(name);
        return it == shapes.end() ? nullptr : it->second.get();
    }

    bool fillRef(ShapeRef &ref, const QJsonObject &o, const QString &context)
    {
        const QString target = o.value(u"shape").toString();
        ref.shape = get(target);
        if (!ref.shape) {
            error = QStringLiteral("%1 refers to unknown shape '%2'").arg(context, target);
            return false;
        }
        ref.locationName = o.value(u"locationName").toString();
        ref.queryName = o.value(u"queryName").toString();
        ref.xmlNamespace = o.value(u"xmlNamespace").toObject().value(u"uri").toString();
        ref.timestampFormat = o.value(u"timestampFormat").toString();
        ref.flattened = o.value(u"flattened").toBool();
        ref.xmlAttribute = o.value(u"xmlAttribute").toBool();
        ref.idempotencyToken = o.value(u"idempotencyToken").toBool();
        ref.hostLabel = o.value(u"hostLabel").toBool();
        ref.jsonValue = o.value(u"jsonvalue").toBool();
        ref.deprecated = o.value(u"deprecated").toBool();
        return true;
    }

    bool fillShape(Shape &s, const QJsonObject &o)
    {
        s.type = parseType(o.value(u"type").toString());
        if (o.contains(u"min"))
            s.min = o.value(u"min").toDouble();
        if (o.contains(u"max"))
            s.max = o.value(u"max").toDouble();
        for (const auto &v : o.value(u"enum").toArray())
            s.enumValues << v.toString();
        s.pattern = o.value(u"pattern").toString();
        s.timestampFormat = o.value(u"timestampFormat").toString();
        s.sensitive = o.value(u"sensitive").toBool();
        s.flattened = o.value(u"flattened").toBool();
        s.locationName = o.value(u"locationName").toString();
        s.xmlNamespace = o.value(u"xmlNamespace").toObject().value(u"uri").toString();
        s.exception = o.value(u"exception").toBool();
        s.fault = o.value(u"fault").toBool();
        s.document = o.value(u"document").toBool();
        s.isUnion = o.value(u"union").toBool();
        s.eventStream = o.value(u"eventstream").toBool();
        const QJsonObject err = o.value(u"error").toObject();
        s.errorHttpStatus = err.value(u"httpStatusCode").toInt();
        s.errorCode = err.value(u"code").toString(s.name);
        s.senderFault = err.value(u"senderFault").toBool();
        for (const auto &r : o.value(u"required").toArray())
            s.required << r.toString();
        const QJsonObject members = o.value(u"members").toObject();
        // QJsonObject iterates keys sorted; the model's order matters for query
        // serialization only cosmetically, but we keep the document's order
        // when it is available through keys() of the raw object.
        for (auto it = members.begin(); it != members.end(); ++it) {
            ShapeRef ref;
            ref.name = it.key();
            if (!fillRef(ref, it.value().toObject(), s.name + u'.' + it.key()))
                return false;
            s.members.push_back(ref);
        }
        if (s.type == ShapeType::List &&
            !fillRef(s.member, o.value(u"member").toObject(), s.name + QStringLiteral(".member")))
            return false;
        if (s.type == ShapeType::Map) {
            if (!fillRef(s.key, o.value(u"key").toObject(), s.name + QStringLiteral(".key")))
                return false;
            if (!fillRef(s.value, o.value(u"value").toObject(), s.name + QStringLiteral(".value")))
                return false;
        }
        return true;
    }
};

Operation parseOperation(const QString &name, const QJsonObject &o, Builder &b, bool &ok)
{
    Operation op;
    op.name = o.value(u"name").toString(name);
    const QJsonObject http = o.value(u"http").toObject();
    op.httpMethod = http.value(u"method").toString(QStringLiteral("POST"));
    op.requestUri = http.value(u"requestUri").toString(QStringLiteral("/"));
    op.idempotent = o.value(u"idempotent").toBool();
    op.hostPrefix = o.value(u"endpoint").toObject().value(u"hostPrefix").toString();
    ok = true;
    if (o.contains(u"input"))
        ok = ok && b.fillRef(op.input, o.value(u"input").toObject(), name + QStringLiteral(".input"));
    if (o.contains(u"output")) {
        const QJsonObject out = o.value(u"output").toObject();
        ok = ok && b.fillRef(op.output, out, name + QStringLiteral(".output"));
        op.resultWrapper = out.value(u"resultWrapper").toString();
    }
    for (const auto &e : o.value(u"errors").toArray()) {
        if (const Shape *s = b.get(e.toObject().value(u"shape").toString()))
            op.errors << s;
    }
    return op;
}

} // namespace

std::shared_ptr<const ServiceModel> ServiceModel::fromJson(const QJsonObject &doc, QString *error)
{
    return fromParts(doc.value(u"metadata").toObject(), doc.value(u"shapes").toObject(),
                     doc.value(u"operations").toObject(), error);
}

std::shared_ptr<const ServiceModel> ServiceModel::fromParts(const QJsonObject &metadata,
                                                            const QJsonObject &shapes,
                                                            const QJsonObject &operations, QString *error)
{
    auto model = std::make_shared<ServiceModel>();
    ServiceMetadata &m = model->m_metadata;
    m.protocol = metadata.value(u"protocol").toString();
    m.apiVersion = metadata.value(u"apiVersion").toString();
    m.endpointPrefix = metadata.value(u"endpointPrefix").toString();
    m.signingName = metadata.value(u"signingName").toString(m.endpointPrefix);
    m.targetPrefix = metadata.value(u"targetPrefix").toString();
    m.jsonVersion = metadata.value(u"jsonVersion").toString();
    m.serviceId = metadata.value(u"serviceId").toString();
    m.xmlNamespace = metadata.value(u"xmlNamespace").toString();
    m.globalEndpoint = metadata.value(u"globalEndpoint").toString();
    if (m.protocol.isEmpty()) {
        if (error)
            *error = QStringLiteral("model has no metadata.protocol");
        return nullptr;
    }

    // Two passes: create every shape first so references can be resolved
    // regardless of declaration order (models are recursive).
    for (auto it = shapes.begin(); it != shapes.end(); ++it) {
        auto s = std::make_unique<Shape>();
        s->name = it.key();
        model->m_shapes.emplace(it.key(), std::move(s));
    }
    Builder b{model->m_shapes, {}};
    for (auto it = shapes.begin(); it != shapes.end(); ++it) {
        if (!b.fillShape(*model->m_shapes.at(it.key()), it.value().toObject())) {
            if (error)
                *error = b.error;
            return nullptr;
        }
    }
    for (auto it = operations.begin(); it != operations.end(); ++it) {
        bool ok = false;
        Operation op = parseOperation(it.key(), it.value().toObject(), b, ok);
        if (!ok) {
            if (error)
                *error = b.error;
            return nullptr;
        }
        model->m_operations.insert(op.name, op);
    }
    return model;
}

const Operation *ServiceModel::operation(const QString &name) const
{
    auto it = m_operations.constFind(name);
    return it == m_operations.cend() ? nullptr : &it.value();
}

const Shape *ServiceModel::shape(const QString &name) const
{
    auto it = m_shapes.find(name);
    return it == m_shapes.end() ? nullptr : it->second.get();
}

const Shape *ServiceModel::errorShape(const QString &code) const
{
    for (const auto &[name, s] : m_shapes) {
        if (!s->exception)
            continue;
        if (s->errorCode.compare(code, Qt::CaseInsensitive) == 0 ||
            name.compare(code, Qt::CaseInsensitive) == 0)
            return s.get();
    }
    return nullptr;
}

QStringList ServiceModel::operationNames() const
{
    QStringList names = m_operations.keys();
    names.sort();
    return names;
}

} // namespace aws
