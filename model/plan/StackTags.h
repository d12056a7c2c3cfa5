#pragma once
// The tags every resource a plan creates carries, so teardown can find it
// again, and the client token that makes a create call safe to repeat. Both
// are added from the service model (which members the operation accepts), so
// no wizard has to remember them.

#include "Plan.h"

namespace plan {

inline constexpr char kStackTagKey[] = "deploy-console:stack";
inline constexpr char kCreatedByTagKey[] = "deploy-console:created-by";
inline constexpr char kCreatedByTagValue[] = "deploy-console";

/// `params` with the two deploy-console tags merged into whatever tag member
/// the operation's input has: EC2 `TagSpecifications` (for `resourceType`),
/// RDS/ECR `Tags` [{Key,Value}], ECS `tags` [{key,value}], Logs `tags` {map}.
/// Unchanged when the operation takes no tags.
QJsonObject withStackTags(const QString &service, const QString &operation, QJsonObject params,
                          const QString &stackName, const QString &resourceType);

/// The tag value of `key` in any of the tag layouts AWS returns
/// (Tags/TagList/tags as [{Key,Value}] or [{key,value}], or a map); "" when absent.
QString tagValue(const QJsonObject &resource, const QString &key);

/// The name of the operation's client-token member (ECS `clientToken`, or any
/// member the model marks idempotencyToken); "" when it has none.
QString clientTokenMember(const QString &service, const QString &operation);

} // namespace plan
