#include "TaskAddress.h"

#include "InventoryEngine.h"
#include "TaskListModel.h"

#include <QTimer>

void findTaskAddress(aws::AwsClient *client, QObject *context, const QString &cluster, const QString &service,
                     int attempts, int intervalMs,
                     std::function<void(const QString &ip, const QStringList &urls, const QString &why)> done)
{
    auto *engine = new InventoryEngine(client, {}, context);
    engine->setClusterScope(cluster);
    QObject::connect(engine, &InventoryEngine::snapshotChanged, engine, [=] {
        engine->deleteLater();
        TaskListModel tasks;
        tasks.setRunningOnly(true);
        tasks.setService(service);
        tasks.setEngine(engine);
        QString why = QStringLiteral("no task is running yet");
        for (int r = 0; r < tasks.rowCount(); ++r) {
            const QString state = tasks.get(r, QStringLiteral("ipState")).toString();
            // The address exists from PENDING on, but nothing answers there until the task runs.
            if (tasks.get(r, QStringLiteral("lastStatus")).toString() != u"RUNNING") {
                why = QStringLiteral("the task is %1")
                          .arg(tasks.get(r, QStringLiteral("lastStatus")).toString());
                continue;
            }
            if (state == u"ready" || state == u"changed")
                return done(tasks.get(r, QStringLiteral("publicIp")).toString(),
                            tasks.get(r, QStringLiteral("urls")).toStringList(), {});
            why = QStringLiteral("the task's address is %1").arg(state);
        }
        if (attempts <= 1)
            return done({}, {}, why);
        QTimer::singleShot(intervalMs, context, [=] {
            findTaskAddress(client, context, cluster, service, attempts - 1, intervalMs, done);
        });
    });
    QObject::connect(engine, &InventoryEngine::credentialsExpired, engine, [=](const QString &message) {
        engine->deleteLater();
        done({}, {}, message);
    });
    engine->refresh();
}
