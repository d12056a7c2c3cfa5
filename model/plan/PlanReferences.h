#pragma once
// Resolving `${stepId.path}` references against earlier steps' outputs.

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace plan {

/// Outputs of finished steps, by step id.
using StepOutputs = QHash<QString, QJsonObject>;

/// The member at `path` ("DBInstance.Endpoint.Address", "DBInstances[0].DBInstanceStatus")
/// inside `root`; undefined when any part is missing.
QJsonValue valueAtPath(const QJsonValue &root, const QString &path);

/// `value` with every reference replaced. A string that is exactly one
/// reference takes the referenced JSON value as it is (lists, numbers);
/// references inside longer strings are substituted as text. References that
/// cannot be resolved yet are left in place and listed in `unresolved`.
QJsonValue resolveReferences(const QJsonValue &value, const StepOutputs &outputs,
                             QStringList *unresolved = nullptr);
QJsonObject resolveReferences(const QJsonObject &params, const StepOutputs &outputs,
                              QStringList *unresolved = nullptr);

/// Step ids a value refers to (to check a plan only refers backwards).
QStringList referencedSteps(const QJsonValue &value);

} // namespace plan
