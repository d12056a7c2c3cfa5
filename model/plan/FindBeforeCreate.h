#pragma once
// Re-run safety: before a step creates something, look for it by name. Same
// settings → reuse it; different settings → stop and say what differs,
// before anything is changed. The wizards' plans name what they create; the
// look-up for each kind of resource lives here so every plan gets it.

#include "Plan.h"

namespace plan {

/// `step` with findService/findOperation/findParams/findPath filled for the
/// create operations the product uses, when the plan did not set them.
PlanStep withDefaultFind(PlanStep step);

/// Whether a find call's error just means "there is none" (DBInstanceNotFound, …).
bool isNotFoundError(const QString &code);

/// What the found resource is doing: "" (usable), "gone" (INACTIVE: treat as
/// absent) or "deleting" (DRAINING, deleting: cannot be reused or recreated yet).
QString foundResourceCondition(const QJsonObject &found);

/// Differences between the settings a create call asks for and a resource
/// that exists, as "DBInstanceClass: wants db.t3.micro, has db.t3.small".
/// Members the resource does not show (passwords, client tokens, tags) are
/// not compared; ARNs match their short names; engine "17" matches "17.4".
QStringList settingsDifferences(const QJsonObject &wanted, const QJsonObject &found,
                                const QStringList &ignore = {});

/// The create call's output shape for a found resource, so ${step.…}
/// references resolve the same whether it was created or reused: the
/// resource under the first segment of `idPath` ("DBInstance.DBInstanceArn"
/// → {"DBInstance": found}), or the resource itself ("GroupId").
QJsonObject outputForFound(const CreatedResource &resource, const QJsonObject &found);

} // namespace plan
