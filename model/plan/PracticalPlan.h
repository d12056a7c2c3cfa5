#pragma once
// The TaskOverflow practical as one plan: the five wizard forms filled by
// PracticalPreset (plus the app's own security group and its log group),
// their plans joined in dependency order with step ids the preset's ${refs}
// expect, the service followed until its task runs.

#include "Plan.h"

namespace plan {

struct PracticalInputs {
    QString stackName = QStringLiteral("taskoverflow");
    QString password; ///< the database master password (sensitive everywhere)
    QString labRoleArn;
    QString region = QStringLiteral("us-east-1");
    QStringList subnets; ///< the default VPC's
};

/// The combined plan; `error` names the first form field that is not valid.
Plan buildPracticalPlan(const PracticalInputs &inputs, QString *error = nullptr);

} // namespace plan
