#include "PracticalPreset.h"

#include "ClusterForm.h"
#include "DatabaseForm.h"
#include "SecurityGroupForm.h"
#include "ServiceForm.h"
#include "TaskDefinitionForm.h"

void PracticalPreset::fill(SecurityGroupForm *sg, DatabaseForm *db, ClusterForm *cluster,
                           TaskDefinitionForm *taskDef, ServiceForm *service, const QString &labRoleArn,
                           const QString &region, const QStringList &defaultSubnets)
{
    if (sg)
        sg->fillPractical();
    if (db) {
        db->fillPractical();
        db->setValue(QStringLiteral("securityGroupIds"),
                     QStringList{QStringLiteral("${createDbSg.GroupId}")});
    }
    if (cluster)
        cluster->fillPractical();
    if (taskDef && db)
        // The endpoint is only known once the database exists: a ${ref}.
        taskDef->fillPractical(
            QStringLiteral("ghcr.io/csse6400/taskoverflow:latest"), labRoleArn,
            db->connectionUri(QStringLiteral("${createDb.DBInstance.Endpoint.Address}"), true), region);
    if (service)
        service->fillPractical(defaultSubnets, {QStringLiteral("${createAppSg.GroupId}")});
}
