#include "LogsCommand.h"

#include "InventoryEngine.h"
#include "LogStreamModel.h"
#include "TaskListModel.h"

namespace cli {

QString LogsCommand::summary() const
{
    return QStringLiteral("a task's awslogs lines (--follow keeps reading)");
}

QString LogsCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl logs --cluster CLUSTER --task TASK-ID [--follow]\n\n"
        "Prints the log stream of the task's first awslogs container (prefix/container/task-id)\n"
        "from the start. --follow keeps polling GetLogEvents for new lines until interrupted or\n"
        "the task stops.\n");
}

void LogsCommand::start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    QString cluster, task;
    bool follow = false;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--cluster") && i + 1 < args.size())
            cluster = args[++i];
        else if (args[i] == QLatin1String("--task") && i + 1 < args.size())
            task = args[++i].section(QLatin1Char('/'), -1);
        else if (args[i] == QLatin1String("--follow") || args[i] == QLatin1String("-f"))
            follow = true;
        else {
            ctx.err() << "deployctl logs: unexpected argument '" << args[i] << "'\n\n" << usage();
            finish(2);
            return;
        }
    }
    if (cluster.isEmpty() || task.isEmpty()) {
        ctx.err() << "deployctl logs: --cluster and --task are required\n\n" << usage();
        finish(2);
        return;
    }
    ctx.withClient([&ctx, finish, cluster, task, follow](aws::AwsClient *client) {
        if (!client) {
            finish(255);
            return;
        }
        auto *engine = new InventoryEngine(client, {}, ctx.callbackContext());
        engine->setClusterScope(cluster);
        QObject::connect(
            engine, &InventoryEngine::snapshotChanged, engine, [&ctx, finish, engine, task, follow] {
                TaskListModel tasks;
                tasks.setEngine(engine);
                int row = -1;
                for (int r = 0; r < tasks.rowCount(); ++r)
                    if (tasks.get(r, QStringLiteral("taskId")).toString() == task)
                        row = r;
                if (row < 0) {
                    ctx.err() << "deployctl logs: no task " << task << " in the cluster\n";
                    finish(1);
                    return;
                }
                const QString group = tasks.get(row, QStringLiteral("logGroup")).toString();
                const QString stream = tasks.get(row, QStringLiteral("logStream")).toString();
                if (group.isEmpty()) {
                    ctx.err()
                        << "deployctl logs: the task's definition sends no container's output to awslogs\n";
                    finish(1);
                    return;
                }
                auto *logs = new LogStreamModel(engine->caller(), engine);
                logs->setFollowing(follow);
                auto printed = std::make_shared<int>(0);
                QObject::connect(
                    logs, &LogStreamModel::fetched, logs, [&ctx, finish, logs, printed, follow](int added) {
                        for (int r = *printed; r < logs->rowCount(); ++r)
                            ctx.out()
                                << logs->data(logs->index(r), LogStreamModel::MessageRole).toString() << '\n';
                        *printed = logs->rowCount();
                        ctx.out().flush();
                        if (!logs->error().isEmpty()) {
                            ctx.err() << "deployctl logs: " << logs->error() << '\n';
                            finish(254);
                            logs->setFollowing(false);
                            return;
                        }
                        // Without --follow, read to the end of what exists now.
                        if (!follow) {
                            if (added > 0)
                                logs->fetch();
                            else
                                finish(0);
                        }
                    });
                logs->open(group, stream);
            });
        engine->refresh();
    });
}

} // namespace cli
