#pragma once
// One AWS service as described by botocore: metadata, operations and the
// shapes they reach. Built from service-2.json (or a protocol test suite's
// metadata + shapes + one operation) and then immutable.

#include "Shape.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <map>
#include <memory>

namespace aws {

struct Operation {
    QString name;
    QString httpMethod = QStringLiteral("POST");
    QString requestUri = QStringLiteral("/");
    ShapeRef input;        ///< shape may be null (no input)
    ShapeRef output;       ///< shape may be null (no output)
    QString resultWrapper; ///< query protocol: <OpResult> element name
    QVector<const Shape *> errors;
    QString hostPrefix; ///< endpoint.hostPrefix, e.g. "{Foo}-"
    bool idempotent = false;
};

struct ServiceMetadata {
    QString protocol; ///< "query", "ec2" or "json"
    QString apiVersion;
    QString endpointPrefix;
    QString signingName; ///< falls back to endpointPrefix
    QString targetPrefix;
    QString jsonVersion;
    QString serviceId;
    QString xmlNamespace;
    QString globalEndpoint;
};

class ServiceModel {
public:
    /// Builds a model from a service-2.json object. Returns nullptr and sets
    /// `error` when the document is not a usable model.
    static std::shared_ptr<const ServiceModel> fromJson(const QJsonObject &doc, QString *error = nullptr);

    /// Builds a model from pieces, as the protocol test suites give them:
    /// metadata and shapes, plus operations (name → operation object).
    static std::shared_ptr<const ServiceModel> fromParts(const QJsonObject &metadata,
                                                         const QJsonObject &shapes,
                                                         const QJsonObject &operations,
                                                         QString *error = nullptr);

    const ServiceMetadata &metadata() const { return m_metadata; }
    const Operation *operation(const QString &name) const;
    const QHash<QString, Operation> &operations() const { return m_operations; }
    const Shape *shape(const QString &name) const;
    /// Case-insensitive lookup of the error shape for a wire error code.
    const Shape *errorShape(const QString &code) const;
    QStringList operationNames() const;

private:
    ServiceMetadata m_metadata;
    std::map<QString, std::unique_ptr<Shape>> m_shapes;
    QHash<QString, Operation> m_operations;
};

} // namespace aws
