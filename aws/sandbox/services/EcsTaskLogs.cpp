#include "EcsTaskLogs.h"

#include "EcsCommon.h"
#include "LogsEvents.h"

#include <QDateTime>
#include <QLocale>

namespace aws::sandbox::ecs {

namespace {

constexpr int kMaxEvents = 200;       ///< per stream: keeps a large account's state small
constexpr double kRequestEvery = 150; ///< AWS seconds between request lines
constexpr int kCatchUpLines = 3;      ///< after a long clock jump, only the last few lines

QString optionOf(const QJsonObject &def, const char *name)
{
    return def.value(u"logConfiguration")
        .toObject()
        .value(u"options")
        .toObject()
        .value(QLatin1String(name))
        .toString();
}

bool usesAwslogs(const QJsonObject &def)
{
    return def.value(u"logConfiguration").toObject().value(u"logDriver").toString() == u"awslogs";
}

qint64 ms(double epochSeconds)
{
    return qint64(epochSeconds * 1000.0);
}

void createGroup(SimContext &ctx, const QString &name, double at)
{
    ctx.state.logGroups.insert(
        name, QJsonObject{{QStringLiteral("logGroupName"), name},
                          {QStringLiteral("creationTime"), ms(at)},
                          {QStringLiteral("arn"),
                           ctx.arn(QStringLiteral("logs"), QStringLiteral("log-group:%1:*").arg(name))},
                          {QStringLiteral("storedBytes"), 0},
                          {QStringLiteral("metricFilterCount"), 0}});
}

/// Appends one event to a stream (created on first use), keeping at most kMaxEvents.
void appendEvent(SimContext &ctx, const QString &group, const QString &stream, double at,
                 const QString &message)
{
    if (!ctx.state.logGroups.contains(group))
        return; // deleted under the running task: the driver's writes are lost
    const QString key = group + u'\n' + stream;
    QJsonObject &record = ctx.state.logStreams[key];
    if (record.isEmpty()) {
        record = QJsonObject{
            {QStringLiteral("logStreamName"), stream},
            {QStringLiteral("creationTime"), ms(at)},
            {QStringLiteral("arn"), ctx.arn(QStringLiteral("logs"),
                                            QStringLiteral("log-group:%1:log-stream:%2").arg(group, stream))},
            {QStringLiteral("storedBytes"), 0}};
    }
    const qint64 ingested = ms(at) + 180;
    logs::appendEvent(record, ms(at), ingested, message, kMaxEvents);
    record.insert(QStringLiteral("firstEventTimestamp"), record.value(u"_events").toArray().first());
    record.insert(QStringLiteral("lastEventTimestamp"), ms(at));
    record.insert(QStringLiteral("lastIngestionTime"), ingested);
}

QString when(double at, const char *format)
{
    return QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(ms(at), Qt::UTC), QLatin1String(format));
}

QStringList startupLines(const QString &image, int port, double at)
{
    if (image.contains(u"nginx")) {
        const QString t = when(at, "yyyy/MM/dd HH:mm:ss");
        return {QStringLiteral(
                    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform "
                    "configuration"),
                QStringLiteral("/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/"),
                QStringLiteral("/docker-entrypoint.sh: Configuration complete; ready for start up"),
                t + QStringLiteral(" [notice] 1#1: using the \"epoll\" event method"),
                t + QStringLiteral(" [notice] 1#1: nginx/1.27.3"),
                t + QStringLiteral(" [notice] 1#1: start worker processes"),
                t + QStringLiteral(" [notice] 1#1: start worker process 29")};
    }
    const QString t = when(at, "[yyyy-MM-dd HH:mm:ss +0000]");
    return {t + QStringLiteral(" [1] [INFO] Starting gunicorn 23.0.0"),
            t + QStringLiteral(" [1] [INFO] Listening at: http://0.0.0.0:%1 (1)").arg(port),
            t + QStringLiteral(" [1] [INFO] Using worker: sync"),
            t + QStringLiteral(" [7] [INFO] Booting worker with pid: 7")};
}

QString requestLine(int seq, double at)
{
    static const char *const paths[] = {"/", "/api/v1/health", "/api/v1/todos", "/api/v1/todos/1",
                                        "/favicon.ico"};
    static const char *const agents[] = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "curl/8.5.0",
        "python-requests/2.31.0"};
    const int p = seq % 5;
    const int status = p == 4 ? 404 : 200;
    return QStringLiteral("10.0.%1.%2 - - [%3] \"GET %4 HTTP/1.1\" %5 %6 \"-\" \"%7\"")
        .arg(seq * 7 % 250)
        .arg(seq * 13 % 250 + 2)
        .arg(when(at, "dd/MMM/yyyy:HH:mm:ss +0000"), QLatin1String(paths[p]))
        .arg(status)
        .arg(status == 404 ? 207 : 17 + (seq * 31 % 900))
        .arg(QLatin1String(agents[seq % 3]));
}

} // namespace

QString logGroupFailure(SimContext &ctx, const QJsonObject &def)
{
    if (!usesAwslogs(def))
        return {};
    const QString group = optionOf(def, "awslogs-group");
    if (ctx.state.logGroups.contains(group))
        return {};
    if (optionOf(def, "awslogs-create-group") == u"true") {
        createGroup(ctx, group, ctx.now());
        return {};
    }
    return QStringLiteral(
        "ResourceInitializationError: failed to validate logger args: create stream has been "
        "retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The "
        "specified log group does not exist. : exit status 1");
}

double writeStartupLogs(SimContext &ctx, QJsonObject &task, double at)
{
    const QJsonObject td = ctx.state.taskDefinitions.value(task.value(u"_taskDefinition").toString());
    const QString taskId = taskIdOf(task.value(u"taskArn").toString());
    QJsonArray logs;
    for (const QJsonValue &v : td.value(u"containerDefinitions").toArray()) {
        const QJsonObject def = v.toObject();
        if (!usesAwslogs(def))
            continue;
        const QString prefix = optionOf(def, "awslogs-stream-prefix");
        const QString name = def.value(u"name").toString();
        const QString stream =
            prefix.isEmpty() ? taskId : QStringLiteral("%1/%2/%3").arg(prefix, name, taskId);
        const QString group = optionOf(def, "awslogs-group");
        const int port =
            def.value(u"portMappings").toArray().at(0).toObject().value(u"containerPort").toInt(80);
        const QStringList lines = startupLines(def.value(u"image").toString(), port, at);
        for (qsizetype i = 0; i < lines.size(); ++i)
            appendEvent(ctx, group, stream, at + 0.05 * double(i), lines.at(i));
        logs.append(QJsonObject{{QStringLiteral("group"), group}, {QStringLiteral("stream"), stream}});
    }
    task.insert(QStringLiteral("_logs"), logs);
    return logs.isEmpty() ? 0 : later(ctx, at, kRequestEvery);
}

double writeRequestLog(SimContext &ctx, QJsonObject &task, double at)
{
    const double every = kRequestEvery / ctx.clock.timeScale();
    // After a long jump (a scenario catching up, a loaded state file) only
    // the last few lines are written, not hours of them.
    const double now = ctx.now();
    if (now - at > every * kCatchUpLines)
        at = now - every * (kCatchUpLines - 1);
    const int seq = task.value(u"_logSeq").toInt();
    task.insert(QStringLiteral("_logSeq"), seq + 1);
    for (const QJsonValue &v : task.value(u"_logs").toArray()) {
        const QJsonObject log = v.toObject();
        appendEvent(ctx, log.value(u"group").toString(), log.value(u"stream").toString(), at,
                    requestLine(seq, at));
    }
    // A little jitter, so a service's tasks do not log in lockstep.
    return later(ctx, at, kRequestEvery * (0.75 + 0.1 * double(seq % 6)));
}

} // namespace aws::sandbox::ecs
