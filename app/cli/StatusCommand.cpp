#include "StatusCommand.h"

#include "InventoryEngine.h"
#include "ServiceListModel.h"
#include "TaskListModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

QString StatusCommand::summary() const
{
    return QStringLiteral("clusters, services and tasks with status and IPs");
}

QString StatusCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl status [--cluster CLUSTER]\n\n"
        "Reads the region (or one cluster) the way the app does and prints each cluster's\n"
        "services and tasks: status, health, private and public IP, and why a stopped task\n"
        "stopped. --output json (default), text (tab-separated) or table.\n");
}

namespace {
QString pad(const QString &s, int w)
{
    return s.leftJustified(w, QLatin1Char(' '), false);
}
} // namespace

void StatusCommand::start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    QString cluster;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--cluster") && i + 1 < args.size()) {
            cluster = args[++i];
        } else {
            ctx.err() << "deployctl status: unexpected argument '" << args[i] << "'\n\n" << usage();
            finish(2);
            return;
        }
    }
    ctx.withClient([&ctx, finish, cluster](aws::AwsClient *client) {
        if (!client) {
            finish(255);
            return;
        }
        auto *engine = new InventoryEngine(client, {}, ctx.callbackContext());
        engine->setClusterScope(cluster);
        QObject::connect(engine, &InventoryEngine::credentialsExpired, engine,
                         [&ctx, finish, engine](const QString &message) {
                             engine->deleteLater();
                             ctx.err() << "deployctl status: " << message << '\n';
                             finish(254);
                         });
        QObject::connect(engine, &InventoryEngine::snapshotChanged, engine, [&ctx, finish, engine] {
            engine->deleteLater();
            const auto snap = engine->snapshot();
            for (const QString &e : snap->errors)
                ctx.err() << "deployctl status: " << e << '\n';
            QJsonArray clusters;
            QStringList lines;
            QList<QStringList> table{
                {"CLUSTER", "SERVICE", "TASK", "STATUS", "HEALTH", "PRIVATE IP", "PUBLIC IP", "NOTE"}};
            for (const inventory::Cluster &c : snap->clusters) {
                ServiceListModel services;
                services.setCluster(c.arn);
                services.setEngine(engine);
                TaskListModel tasks;
                tasks.setCluster(c.arn);
                tasks.setEngine(engine);
                QJsonArray svcs, tsks;
                lines << QStringLiteral("CLUSTER\t%1\t%2\t%3 running")
                             .arg(c.name, c.status)
                             .arg(c.runningTasks);
                for (int r = 0; r < services.rowCount(); ++r) {
                    auto v = [&](const char *role) { return services.get(r, QLatin1String(role)); };
                    svcs.append(QJsonObject{{"name", v("name").toString()},
                                            {"status", v("status").toString()},
                                            {"desiredCount", v("desired").toInt()},
                                            {"runningCount", v("running").toInt()},
                                            {"pendingCount", v("pending").toInt()},
                                            {"deployments", v("deployments").toString()},
                                            {"lastEvent", v("lastEvent").toString()}});
                    lines << QStringLiteral("SERVICE\t%1\t%2\t%3/%4 running\t%5")
                                 .arg(v("name").toString(), v("status").toString())
                                 .arg(v("running").toInt())
                                 .arg(v("desired").toInt())
                                 .arg(v("deployments").toString());
                    table.append({c.name, v("name").toString(), QString(), v("status").toString(), QString(),
                                  QString(), QString(),
                                  QStringLiteral("%1/%2 running")
                                      .arg(v("running").toInt())
                                      .arg(v("desired").toInt())});
                }
                for (int r = 0; r < tasks.rowCount(); ++r) {
                    auto v = [&](const char *role) { return tasks.get(r, QLatin1String(role)); };
                    const QString note = v("stopCause").toString().isEmpty()
                                             ? v("ipStateText").toString()
                                             : v("stopCause").toString() + QStringLiteral(": ") +
                                                   v("stopExplanation").toString();
                    QJsonObject t{{"taskId", v("taskId").toString()},
                                  {"service", v("serviceName").toString()},
                                  {"lastStatus", v("lastStatus").toString()},
                                  {"desiredStatus", v("desiredStatus").toString()},
                                  {"health", v("health").toString()},
                                  {"privateIp", v("privateIp").toString()},
                                  {"publicIp", v("publicIp").toString()},
                                  {"ipState", v("ipState").toString()},
                                  {"urls", QJsonArray::fromStringList(v("urls").toStringList())},
                                  {"startedAt", v("startedAt").toDateTime().toString(Qt::ISODate)}};
                    if (!v("stopCause").toString().isEmpty()) {
                        t.insert("stoppedReason", v("stoppedReason").toString());
                        t.insert("explanation", v("stopExplanation").toString());
                    }
                    tsks.append(t);
                    lines << QStringLiteral("TASK\t%1\t%2\t%3\t%4\t%5\t%6")
                                 .arg(v("taskId").toString(), v("serviceName").toString(),
                                      v("lastStatus").toString(), v("privateIp").toString(),
                                      v("publicIp").toString(), note);
                    table.append({c.name, v("serviceName").toString(), v("taskId").toString(),
                                  v("lastStatus").toString(), v("health").toString(),
                                  v("privateIp").toString(), v("publicIp").toString(), note});
                }
                clusters.append(QJsonObject{{"name", c.name},
                                            {"status", c.status},
                                            {"runningTasksCount", c.runningTasks},
                                            {"services", svcs},
                                            {"tasks", tsks}});
            }
            switch (ctx.options().output) {
            case OutputFormat::Json:
                ctx.out()
                    << QJsonDocument(QJsonObject{{"clusters", clusters}}).toJson(QJsonDocument::Indented);
                break;
            case OutputFormat::Text:
                for (const QString &l : std::as_const(lines))
                    ctx.out() << l << '\n';
                break;
            case OutputFormat::Table: {
                QList<int> widths(table.first().size(), 0);
                for (const QStringList &row : std::as_const(table))
                    for (int i = 0; i < row.size() - 1; ++i)
                        widths[i] = std::max(widths[i], int(row[i].size()));
                for (const QStringList &row : std::as_const(table)) {
                    QString line;
                    for (int i = 0; i < row.size(); ++i)
                        line += i + 1 < row.size() ? pad(row[i], widths[i] + 2) : row[i];
                    ctx.out() << line.trimmed() << '\n';
                }
                break;
            }
            }
            finish(snap->errors.isEmpty() ? 0 : 254);
        });
        engine->refresh();
    });
}

} // namespace cli
