// One inventory refresh against its critical path of round trips.
//
// The engine sends each request once the answers it needs are in, so a
// refresh can take no less than its longest chain of dependent requests (its
// critical path), each taking as long as it does alone. This tool runs full
// refreshes against the endpoint in $AWS_ENDPOINT_URL (a sandbox started by
// critical_path.sh), records which answer each request was sent from (its
// parent), then replays every request alone, one at a time, to time each
// without contention. It prints the refresh's wall time, the critical path
// and their ratio (target: within 1.5×), for the first refresh and for the
// ones that follow. With --warm-up it makes one refresh and stops.
// TIMELINE=1 prints when each request went out, was answered and was handled.
#include "InventoryEngine.h"
#include "ModelRegistry.h"
#include "NoTimer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace inventory;

namespace {

struct Sent {
    QString service, operation;
    QJsonObject params;
    bool paginate = false;
    qsizetype parent = -1; ///< the request whose answer sent this one; -1: sent by refresh()
    int depth = 1;
    double sentMs = 0, answeredMs = 0, deliveredMs = 0; ///< since the refresh began
};

/// Wraps the client's caller: a request sent while an answer is being
/// delivered depends on that answer. (ENIs are asked for once every task is
/// in; their parent is then the last DescribeTasks or ListTasks to answer.)
struct Recorder {
    ApiCaller inner;
    QList<Sent> sent;
    qsizetype delivering = -1;
    QElapsedTimer clock;

    ApiCaller caller()
    {
        return {[this](const QString &s, const QString &o, const QJsonObject &p, bool paginate, QObject *ctx,
                       ApiCaller::Done done) {
            const qsizetype index = sent.size();
            sent.append(
                {s, o, p, paginate, delivering, delivering < 0 ? 1 : sent[delivering].depth + 1, now()});
            inner.send(s, o, p, paginate, ctx,
                       [this, index, done = std::move(done)](const aws::Outcome &out) {
                           sent[index].answeredMs = now();
                           const qsizetype outer = delivering;
                           delivering = index;
                           done(out);
                           delivering = outer;
                           sent[index].deliveredMs = now();
                       });
        }};
    }
    double now() const { return double(clock.nsecsElapsed()) / 1e6; }
    void reset()
    {
        sent.clear();
        delivering = -1;
        clock.start();
    }
    /// With TIMELINE set: when each request went out, was answered and was handled.
    void printTimeline() const
    {
        if (!qEnvironmentVariableIsSet("TIMELINE"))
            return;
        for (qsizetype i = 0; i < sent.size(); ++i) {
            const Sent &s = sent[i];
            std::printf("    #%-3lld %7.1f %7.1f %7.1f  chain %d from #%-3lld %s %s %s\n", (long long)i,
                        s.sentMs, s.answeredMs, s.deliveredMs, s.depth, (long long)s.parent,
                        qPrintable(s.service), qPrintable(s.operation),
                        qPrintable(s.params.value(u"cluster").toString() +
                                   s.params.value(u"desiredStatus").toString()));
        }
    }
};

/// Milliseconds one request takes when it is the only one in flight.
double timeAlone(const ApiCaller &caller, const Sent &s)
{
    QEventLoop loop;
    QObject context;
    QElapsedTimer t;
    t.start();
    bool ok = true;
    caller.send(s.service, s.operation, s.params, s.paginate, &context, [&](const aws::Outcome &o) {
        ok = o.ok();
        loop.quit();
    });
    loop.exec();
    if (qEnvironmentVariableIsSet("TRACE"))
        std::printf("    %s %s %.1f ms\n", qPrintable(s.service), qPrintable(s.operation),
                    double(t.nsecsElapsed()) / 1e6);
    if (!ok)
        qWarning("%s %s failed when replayed", qPrintable(s.service), qPrintable(s.operation));
    return double(t.nsecsElapsed()) / 1e6;
}

/// The longest chain of dependent requests, each request the best of
/// `rounds` lone runs (the machine is shared: the best is its own cost).
double criticalPath(const ApiCaller &caller, const QList<Sent> &sent, int rounds)
{
    QList<double> best(sent.size(), 1e18);
    for (int r = 0; r < rounds; ++r)
        for (qsizetype i = 0; i < sent.size(); ++i)
            best[i] = std::min(best[i], timeAlone(caller, sent[i]));
    QList<double> chain(sent.size()); // parents come before their children
    qsizetype end = 0;
    for (qsizetype i = 0; i < sent.size(); ++i) {
        chain[i] = best[i] + (sent[i].parent < 0 ? 0 : chain[sent[i].parent]);
        if (chain[i] > chain[end])
            end = i;
    }
    QMap<int, int> perDepth;
    for (const Sent &s : sent)
        ++perDepth[s.depth];
    for (auto it = perDepth.cbegin(); it != perDepth.cend(); ++it)
        std::printf("  depth %d: %3d requests\n", it.key(), it.value());
    QStringList path;
    for (qsizetype i = end; i >= 0; i = sent[i].parent)
        path.prepend(
            QStringLiteral("%1 %2 %3 ms").arg(sent[i].service, sent[i].operation).arg(best[i], 0, 'f', 1));
    std::printf("  critical path: %s\n", qPrintable(path.join(QStringLiteral(" -> "))));
    return sent.isEmpty() ? 0 : chain[end];
}

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/// CPU time of process `pid` so far (utime + stime from /proc), or 0.
double processCpuMs(const QByteArray &pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
    if (pid.isEmpty() || !f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) * 1000.0 /
           double(sysconf(_SC_CLK_TCK));
}

struct Run {
    double wallMs = 0;
    double cpuMs = 0;       ///< this process's CPU time: the client's own work
    double serverCpuMs = 0; ///< the sandbox's ($SANDBOX_PID), which a real region spreads over its fleet
    int requests = 0;
    int levels = 0;
};

Run refresh(InventoryEngine &engine)
{
    QEventLoop loop;
    QObject::connect(&engine, &InventoryEngine::snapshotChanged, &loop, &QEventLoop::quit);
    QElapsedTimer t;
    t.start();
    const QByteArray sandbox = qgetenv("SANDBOX_PID");
    const double cpu0 = cpuMs(), server0 = processCpuMs(sandbox);
    engine.refresh();
    loop.exec();
    const double cpu = cpuMs() - cpu0, server = processCpuMs(sandbox) - server0;
    const auto snap = engine.snapshot();
    if (!snap->errors.isEmpty())
        qWarning("refresh had errors: %s", qPrintable(snap->errors.first()));
    return {double(t.nsecsElapsed()) / 1e6, cpu, server, snap->requests, snap->levels};
}

void report(const char *what, const QList<Run> &runs, double cp)
{
    QList<double> walls, cpus, servers;
    for (const Run &r : runs) {
        walls << r.wallMs;
        cpus << r.cpuMs;
        servers << r.serverCpuMs;
    }
    std::sort(cpus.begin(), cpus.end());
    std::sort(walls.begin(), walls.end());
    const double median = walls[walls.size() / 2];
    std::sort(servers.begin(), servers.end());
    std::printf("%-16s requests %4d  levels %d  wall best %8.1f ms  median %8.1f ms  critical path %8.1f ms  "
                "ratio best %.2fx  median %.2fx  (CPU: client %.0f ms, sandbox %.0f ms)\n",
                what, runs.first().requests, runs.first().levels, walls.first(), median, cp,
                walls.first() / cp, median / cp, cpus[cpus.size() / 2], servers[servers.size() / 2]);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds =
        qEnvironmentVariableIntValue("ROUNDS") > 0 ? qEnvironmentVariableIntValue("ROUNDS") : 5;
    const QString endpoint = qEnvironmentVariable("AWS_ENDPOINT_URL");
    if (endpoint.isEmpty()) {
        std::fprintf(stderr, "AWS_ENDPOINT_URL is not set: run bench/inventory/critical_path.sh\n");
        return 2;
    }
    aws::EndpointResolver resolver(aws::ModelRegistry::partitionsDocument(),
                                   aws::ModelRegistry::endpointsDocument());
    resolver.setEndpointOverride(QUrl(endpoint));
    aws::ClientConfig config;
    config.region = qEnvironmentVariable("AWS_REGION", QStringLiteral("us-east-1"));
    const aws::Credentials creds{qEnvironmentVariable("AWS_ACCESS_KEY_ID"),
                                 qEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
                                 qEnvironmentVariable("AWS_SESSION_TOKEN"),
                                 {}};
    config.credentials = [creds] { return creds; };
    aws::AwsClient client(std::move(config), std::move(resolver));

    Recorder recorder;
    recorder.inner = ApiCaller::forClient(&client);
    InventoryEngine engine(recorder.caller(), std::make_unique<NoTimer>());
    QObject::connect(&client, &aws::AwsClient::requestSent, &engine, &InventoryEngine::countRequest);

    if (app.arguments().contains(QStringLiteral("--warm-up"))) {
        // One refresh from a process of its own, before the measured one: the
        // sandbox builds its listings and caches on the first requests it
        // answers, as a real region (always warm) never does, and the
        // critical path is replayed against the warm sandbox.
        const Run warm = refresh(engine);
        std::printf("sandbox warm-up    requests %4d  wall %8.1f ms  (CPU: sandbox %.0f ms)\n", warm.requests,
                    warm.wallMs, warm.serverCpuMs);
        return 0;
    }
    // The first refresh of a session, then the polls that follow it.
    recorder.reset();
    QList<Run> first{refresh(engine)};
    recorder.printTimeline();
    const QList<Sent> firstSent = recorder.sent;
    QList<Run> later;
    QList<Sent> laterSent;
    for (int i = 0; i < rounds; ++i) {
        recorder.reset();
        later << refresh(engine);
        laterSent = recorder.sent;
    }
    recorder.printTimeline();
    report("first refresh", first, criticalPath(recorder.inner, firstSent, 3));
    report("later refreshes", later, criticalPath(recorder.inner, laterSent, 3));
    return 0;
}
