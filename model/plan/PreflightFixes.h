#pragma once
// The one-click fixes of failed pre-flight checks, applied to the plan
// itself: an inbound rule added where a port or the database is closed,
// Public IP turned on, LabRole chosen, the practical's task size. Fixes that
// need something outside the plan (pushing an image, choosing subnets) are
// left for the student and listed.

#include "Plan.h"
#include "PreflightCheck.h"

namespace plan {

/// Whether withFixes() can apply this check's fix.
bool canFixInPlan(const PreflightCheck &check);

/// `plan` with the fixes of the failed `checks` that a plan can carry. Added
/// rules come right after the steps creating the groups they name, and are
/// revoked on rollback when the group existed before. `notApplied` gets one
/// line per failed check left as it was.
Plan withFixes(Plan plan, const QList<PreflightCheck> &checks, QStringList *notApplied = nullptr);

} // namespace plan
