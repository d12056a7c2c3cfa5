#include "IpCommand.h"

#include "InventoryEngine.h"
#include "TaskListModel.h"

namespace cli {

QString IpCommand::summary() const
{
    return QStringLiteral("public IPs of a service's running tasks, one per line");
}

QString IpCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl ip --cluster CLUSTER [--service SERVICE]\n\n"
        "Prints the public IP of each running task, one per line (ListTasks → DescribeTasks →\n"
        "DescribeNetworkInterfaces). Exits 1 with the reason when there is none: no running task,\n"
        "public IP disabled for the service, or the task is still provisioning.\n");
}

void IpCommand::start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    QString cluster, service;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--cluster") && i + 1 < args.size())
            cluster = args[++i];
        else if (args[i] == QLatin1String("--service") && i + 1 < args.size())
            service = args[++i];
        else {
            ctx.err() << "deployctl ip: unexpected argument '" << args[i] << "'\n\n" << usage();
            finish(2);
            return;
        }
    }
    if (cluster.isEmpty()) {
        ctx.err() << "deployctl ip: --cluster is required\n\n" << usage();
        finish(2);
        return;
    }
    ctx.withClient([&ctx, finish, cluster, service](aws::AwsClient *client) {
        if (!client) {
            finish(255);
            return;
        }
        auto *engine = new InventoryEngine(client, {}, ctx.callbackContext());
        engine->setClusterScope(cluster);
        QObject::connect(
            engine, &InventoryEngine::snapshotChanged, engine, [&ctx, finish, engine, cluster, service] {
                engine->deleteLater();
                const auto snap = engine->snapshot();
                if (!snap->errors.isEmpty()) {
                    ctx.err() << "deployctl ip: " << snap->errors.first() << '\n';
                    finish(254);
                    return;
                }
                TaskListModel tasks;
                tasks.setRunningOnly(true);
                tasks.setService(service);
                tasks.setEngine(engine);
                QStringList ips, states;
                for (int r = 0; r < tasks.rowCount(); ++r) {
                    const QString state = tasks.get(r, QStringLiteral("ipState")).toString();
                    if (state == QLatin1String("ready") || state == QLatin1String("changed"))
                        ips << tasks.get(r, QStringLiteral("publicIp")).toString();
                    else
                        states << state;
                }
                if (!ips.isEmpty()) {
                    for (const QString &ip : std::as_const(ips))
                        ctx.out() << ip << '\n';
                    finish(0);
                    return;
                }
                const QString where = service.isEmpty()
                                          ? QStringLiteral("cluster %1").arg(cluster)
                                          : QStringLiteral("service %1 in cluster %2").arg(service, cluster);
                if (states.contains(QLatin1String("disabled")))
                    ctx.err() << "deployctl ip: public IP disabled for " << where
                              << " (assignPublicIp=DISABLED): the tasks have only private IPs\n";
                else if (states.contains(QLatin1String("provisioning")))
                    ctx.err() << "deployctl ip: no IP yet: the task of " << where
                              << " is still provisioning; try again in a few seconds\n";
                else
                    ctx.err() << "deployctl ip: no running task in " << where << '\n';
                finish(1);
            });
        QObject::connect(engine, &InventoryEngine::credentialsExpired, engine,
                         [&ctx, finish, engine](const QString &message) {
                             engine->deleteLater();
                             ctx.err() << "deployctl ip: " << message << '\n';
                             finish(254);
                         });
        engine->refresh();
    });
}

} // namespace cli
