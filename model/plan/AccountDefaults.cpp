#include "AccountDefaults.h"

#include "AwsClient.h"

#include <QJsonArray>
#include <memory>

namespace plan {

void loadAccountDefaults(aws::AwsClient *client, QObject *context,
                         std::function<void(const AccountDefaults &)> done)
{
    auto result = std::make_shared<AccountDefaults>();
    auto finish = [result, done](const QString &error) {
        result->error = error;
        done(*result);
    };
    const QJsonObject isDefault{
        {QStringLiteral("Filters"),
         QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("is-default")},
                                {QStringLiteral("Values"), QJsonArray{QStringLiteral("true")}}}}}};
    client->call(
        QStringLiteral("ec2"), QStringLiteral("DescribeVpcs"), isDefault, context,
        [client, context, result, finish](const aws::Outcome &o) {
            if (!o.ok())
                return finish(o.error->toString());
            result->vpcId = o.output.value(u"Vpcs")[0][QStringLiteral("VpcId")].toString();
            if (result->vpcId.isEmpty())
                return finish(QStringLiteral("This account has no default VPC"));
            const QJsonObject inVpc{
                {QStringLiteral("Filters"),
                 QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("vpc-id")},
                                        {QStringLiteral("Values"), QJsonArray{result->vpcId}}}}}};
            client->call(
                QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"), inVpc, context,
                [client, context, result, finish](const aws::Outcome &o) {
                    if (!o.ok())
                        return finish(o.error->toString());
                    for (const QJsonValue &s : o.output.value(u"Subnets").toArray())
                        result->subnets << s[QStringLiteral("SubnetId")].toString();
                    result->subnets.sort();
                    client->call(
                        QStringLiteral("iam"), QStringLiteral("GetRole"),
                        {{QStringLiteral("RoleName"), QStringLiteral("LabRole")}}, context,
                        [result, finish](const aws::Outcome &o) {
                            if (!o.ok())
                                return finish(QStringLiteral("LabRole was not found (%1): the practical runs "
                                                             "on a Learner Lab account, which has it")
                                                  .arg(o.error->code));
                            result->labRoleArn = o.output.value(u"Role")[QStringLiteral("Arn")].toString();
                            finish({});
                        });
                });
        });
}

} // namespace plan
