#pragma once
// Security groups: create, rules in and out, delete with EC2's dependency
// checks. Rules are kept flat ("_rules", one per source) and grouped into
// IpPermissions the way EC2 reports them.

#include "ServiceTable.h"

namespace aws::sandbox::ec2 {

void addSecurityGroupOperations(ServiceTable &table);
/// Creates a group record (used by the API and by the base account).
QJsonObject newSecurityGroup(SimContext &ctx, const QString &name, const QString &description,
                             const QString &vpcId);
/// The default VPC's id, or empty.
QString defaultVpcId(const SimState &state);
/// Adds an ingress rule that lets members of the group reach each other (the default group's rule).
void allowSelf(QJsonObject &group, SimContext &ctx);

} // namespace aws::sandbox::ec2
