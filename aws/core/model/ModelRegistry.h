#pragma once
// The service models embedded at build time (see aws/operations.txt), loaded
// on first use and shared. Thread-safe.

#include "ServiceModel.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>

namespace aws {

struct Paginator {
    QStringList inputTokens;  ///< request members that carry the token
    QStringList outputTokens; ///< response paths (dotted) with the next token
    QString limitKey;
    QStringList resultKeys;
    QString moreResults;
    bool isValid() const { return !inputTokens.isEmpty(); }
};

class ModelRegistry {
public:
    /// The model of `service` ("ec2", "ecs", …), or nullptr when not embedded.
    static std::shared_ptr<const ServiceModel> service(const QString &service);
    /// Services embedded, sorted.
    static QStringList services();
    /// Pagination description for an operation (empty when not paginated).
    static Paginator paginator(const QString &service, const QString &operation);
    /// The embedded endpoints.json / partitions.json documents.
    static QJsonObject endpointsDocument();
    static QJsonObject partitionsDocument();
};

} // namespace aws
