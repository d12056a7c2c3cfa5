#pragma once
// Where a request goes: the standard regional endpoint from AWS's partitions
// data (endpoints.json / partitions.json), or an override from
// --endpoint-url, AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL (the SDKs'
// convention, which LocalStack users and our sandbox rely on).

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>
#include <optional>

namespace aws {

struct Endpoint {
    QUrl url;
    QString signingRegion; ///< the credential scope's region
    QString signingName;   ///< the credential scope's service
};

class EndpointResolver {
public:
    EndpointResolver(const QJsonObject &partitions, const QJsonObject &endpoints);

    /// `endpointPrefix` as in the model ("ecs", "api.ecr", "iam"), `serviceId`
    /// for AWS_ENDPOINT_URL_<SERVICE> ("ECS", "CloudWatch Logs"), the model's
    /// signing name and the region. nullopt and *error when the region is not
    /// one AWS knows or could know.
    std::optional<Endpoint> resolve(const QString &endpointPrefix, const QString &serviceId,
                                    const QString &signingName, const QString &region, QString *error) const;

    /// --endpoint-url: wins over everything.
    void setEndpointOverride(const QUrl &url);
    /// Reads AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL, unless
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true.
    void setEnvironment(const QProcessEnvironment &env);

    /// The environment variable name for a service id: "CloudWatch Logs" →
    /// AWS_ENDPOINT_URL_CLOUDWATCH_LOGS.
    static QString environmentVariableFor(const QString &serviceId);

private:
    struct Partition {
        QString id;
        QString dnsSuffix;
        QString regionRegex;
        QStringList regions;
        QString hostnameTemplate;
        QJsonObject services; ///< endpoints.json services of this partition
    };
    const Partition *partitionFor(const QString &region) const;

    QList<Partition> m_partitions;
    QUrl m_override;
    QProcessEnvironment m_env;
    bool m_useEnv = false;
};

} // namespace aws
