#pragma once
// Giving a form's steps the ids a bigger plan expects: a wizard's plan names
// its own steps ("createSg"), and when two of them meet in one plan (the
// practical, a database with its own new group) each needs an id of its own.

#include "Plan.h"

namespace plan {

/// Renames step `from` to `to` and every `${from.…}` reference in `steps` with it.
void renameStep(QList<PlanStep> &steps, const QString &from, const QString &to);

} // namespace plan
