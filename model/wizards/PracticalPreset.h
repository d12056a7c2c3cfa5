#pragma once
// Fills the five wizard forms with the practical's values (sections 3–5) so
// the student can review them one by one. The combined TaskOverflow plan is
// built in model/plan; this only fills forms. Ids that do not exist yet are
// ${refs} into the combined plan's steps.

#include <QObject>
#include <QtQml/qqmlregistration.h>

// Complete types: moc registers the pointer argument types.
#include "ClusterForm.h"
#include "DatabaseForm.h"
#include "SecurityGroupForm.h"
#include "ServiceForm.h"
#include "TaskDefinitionForm.h"

class PracticalPreset : public QObject {
    Q_OBJECT
    QML_ELEMENT
public:
    using QObject::QObject;
    Q_INVOKABLE static void fill(SecurityGroupForm *sg, DatabaseForm *db, ClusterForm *cluster,
                                 TaskDefinitionForm *taskDef, ServiceForm *service, const QString &labRoleArn,
                                 const QString &region, const QStringList &defaultSubnets);
};
