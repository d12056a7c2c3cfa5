#pragma once
// What a plan needs to know about the account before it can be built: the
// default VPC's subnets and the LabRole ARN (chosen, never created).

#include <QObject>
#include <QStringList>
#include <functional>

namespace aws {
class AwsClient;
}

namespace plan {

struct AccountDefaults {
    QString vpcId;
    QStringList subnets;
    QString labRoleArn;
    QString error; ///< "" when everything was found
};

/// Looks them up (DescribeVpcs, DescribeSubnets, iam GetRole LabRole); `done` runs once in `context`.
void loadAccountDefaults(aws::AwsClient *client, QObject *context,
                         std::function<void(const AccountDefaults &)> done);

} // namespace plan
