#include "EndpointResolver.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace aws {

EndpointResolver::EndpointResolver(const QJsonObject &partitions, const QJsonObject &endpoints)
{
    // partitions.json gives each partition's region pattern and DNS suffix;
    // endpoints.json the per-service, per-region hostnames and scopes.
    QHash<QString, QJsonObject> legacy;
    for (const auto &p : endpoints.value(QStringLiteral("partitions")).toArray())
        legacy.insert(p.toObject().value(QStringLiteral("partition")).toString(), p.toObject());
    for (const auto &pv : partitions.value(QStringLiteral("partitions")).toArray()) {
        const QJsonObject p = pv.toObject();
        Partition part;
        part.id = p.value(QStringLiteral("id")).toString();
        part.dnsSuffix =
            p.value(QStringLiteral("outputs")).toObject().value(QStringLiteral("dnsSuffix")).toString();
        part.regionRegex = p.value(QStringLiteral("regionRegex")).toString();
        part.regions = p.value(QStringLiteral("regions")).toObject().keys();
        const QJsonObject old = legacy.value(part.id);
        part.hostnameTemplate = old.value(QStringLiteral("defaults"))
                                    .toObject()
                                    .value(QStringLiteral("hostname"))
                                    .toString(QStringLiteral("{service}.{region}.{dnsSuffix}"));
        if (part.dnsSuffix.isEmpty())
            part.dnsSuffix = old.value(QStringLiteral("dnsSuffix")).toString();
        part.services = old.value(QStringLiteral("services")).toObject();
        m_partitions.append(part);
    }
}

void EndpointResolver::setEndpointOverride(const QUrl &url)
{
    m_override = url;
}

void EndpointResolver::setEnvironment(const QProcessEnvironment &env)
{
    m_env = env;
    m_useEnv = env.value(QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
                   .compare(QStringLiteral("true"), Qt::CaseInsensitive) != 0;
}

QString EndpointResolver::environmentVariableFor(const QString &serviceId)
{
    QString s = serviceId.toUpper();
    s.replace(u' ', u'_');
    return QStringLiteral("AWS_ENDPOINT_URL_") + s;
}

const EndpointResolver::Partition *EndpointResolver::partitionFor(const QString &region) const
{
    for (const auto &p : m_partitions)
        if (p.regions.contains(region))
            return &p;
    // A region AWS has not published yet still resolves when it has the
    // partition's shape, as in the SDKs.
    for (const auto &p : m_partitions)
        if (QRegularExpression(p.regionRegex).match(region).hasMatch())
            return &p;
    // Pseudo-regions (aws-global) belong to the partition listing them as an endpoint.
    for (const auto &p : m_partitions)
        for (auto it = p.services.begin(); it != p.services.end(); ++it)
            if (it.value().toObject().value(QStringLiteral("endpoints")).toObject().contains(region))
                return &p;
    return nullptr;
}

std::optional<Endpoint> EndpointResolver::resolve(const QString &endpointPrefix, const QString &serviceId,
                                                  const QString &signingName, const QString &region,
                                                  QString *error) const
{
    static const QRegularExpression validRegion(QStringLiteral("^[a-z0-9-]{1,63}$"));
    auto fail = [&](const QString &why) -> std::optional<Endpoint> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    auto overrideEndpoint = [&](const QUrl &url) {
        Endpoint e;
        e.url = url;
        e.signingRegion = region.isEmpty() ? QStringLiteral("us-east-1") : region;
        e.signingName = signingName;
        return e;
    };
    if (m_override.isValid() && !m_override.isEmpty())
        return overrideEndpoint(m_override);
    if (m_useEnv) {
        const QString specific = m_env.value(environmentVariableFor(serviceId));
        if (!specific.isEmpty())
            return overrideEndpoint(QUrl(specific));
        const QString general = m_env.value(QStringLiteral("AWS_ENDPOINT_URL"));
        if (!general.isEmpty())
            return overrideEndpoint(QUrl(general));
    }
    if (region.isEmpty())
        return fail(
            QStringLiteral("No region is set. Choose one (a Learner Lab uses us-east-1) with --region or "
                           "AWS_REGION."));
    if (!validRegion.match(region).hasMatch())
        return fail(QStringLiteral("'%1' is not a valid region name (like us-east-1).").arg(region));
    const Partition *part = partitionFor(region);
    if (!part)
        return fail(QStringLiteral("'%1' is not an AWS region. Regions look like us-east-1 or eu-west-2.")
                        .arg(region));

    const QJsonObject service = part->services.value(endpointPrefix).toObject();
    const QJsonObject endpoints = service.value(QStringLiteral("endpoints")).toObject();
    QString key = region;
    // Global services (IAM) have one endpoint per partition.
    if (service.contains(QStringLiteral("isRegionalized")) &&
        !service.value(QStringLiteral("isRegionalized")).toBool())
        key = service.value(QStringLiteral("partitionEndpoint")).toString(region);
    const QJsonObject entry = endpoints.value(key).toObject();
    const QJsonObject defaults = service.value(QStringLiteral("defaults")).toObject();

    QString host = entry.value(QStringLiteral("hostname")).toString();
    if (host.isEmpty())
        host = defaults.value(QStringLiteral("hostname")).toString(part->hostnameTemplate);
    host.replace(QStringLiteral("{service}"), endpointPrefix);
    host.replace(QStringLiteral("{region}"), key);
    host.replace(QStringLiteral("{dnsSuffix}"), part->dnsSuffix);

    const QJsonObject scope = entry.value(QStringLiteral("credentialScope"))
                                  .toObject(defaults.value(QStringLiteral("credentialScope")).toObject());
    Endpoint e;
    e.url = QUrl(QStringLiteral("https://") + host);
    e.signingRegion =
        scope.value(QStringLiteral("region")).toString(key == region ? region : QStringLiteral("us-east-1"));
    e.signingName = scope.value(QStringLiteral("service")).toString(signingName);
    return e;
}

} // namespace aws
