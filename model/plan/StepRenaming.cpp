#include "StepRenaming.h"

#include <QJsonArray>

namespace plan {
namespace {

/// `${from.` → `${to.` in every string of `v` (a form's plan names its own steps).
QJsonValue renamedRefs(const QJsonValue &v, const QString &from, const QString &to)
{
    if (v.isString()) {
        QString s = v.toString();
        s.replace(QStringLiteral("${%1.").arg(from), QStringLiteral("${%1.").arg(to));
        return s;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &e : v.toArray())
            out.append(renamedRefs(e, from, to));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out = v.toObject();
        for (auto it = out.begin(); it != out.end(); ++it)
            it.value() = renamedRefs(it.value(), from, to);
        return out;
    }
    return v;
}

} // namespace

void renameStep(QList<PlanStep> &steps, const QString &from, const QString &to)
{
    for (PlanStep &s : steps) {
        if (s.id == from)
            s.id = to;
        for (QJsonObject *o : {&s.params, &s.undoParams, &s.findParams})
            *o = renamedRefs(*o, from, to).toObject();
        if (s.waitFor)
            s.waitFor->params = renamedRefs(s.waitFor->params, from, to).toObject();
    }
}

} // namespace plan
