// How fast the sandbox answers what the inventory asks most, and what the
// `large` scenario costs: in-process (the simulated account alone) and over
// HTTP with SigV4 checks (what the app and the AWS CLI see), one request at a
// time and 8 in flight. Run: bench/sandbox/run.sh
#include "../../aws/core/client/AwsClient.h"
#include "../../aws/core/model/ModelRegistry.h"
#include "../../aws/sandbox/SandboxAccount.h"
#include "../../aws/sandbox/server/SandboxServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <benchmark/benchmark.h>

using namespace aws;
using namespace aws::sandbox;

namespace {

long rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return 0;
}

struct Fixture {
    std::unique_ptr<SandboxServer> server;
    std::unique_ptr<AwsClient> client;
    QJsonArray taskArns; ///< 100 tasks of one cluster
    double loadSeconds = 0;
    long rssBefore = 0, rssAfter = 0;
};

Fixture &fixture()
{
    static Fixture f = [] {
        Fixture x;
        x.rssBefore = rssKiB();
        server::SandboxOptions o;
        o.scenario = QStringLiteral("large");
        o.serveTaskPages = false; // 2,000 listeners would measure the kernel, not us
        x.server = std::make_unique<SandboxServer>(o);
        QElapsedTimer t;
        t.start();
        if (!x.server->start())
            qFatal("sandbox did not start: %s", qPrintable(x.server->errorString()));
        x.loadSeconds = double(t.nsecsElapsed()) / 1e9;
        x.rssAfter = rssKiB();
        EndpointResolver resolver(ModelRegistry::partitionsDocument(), ModelRegistry::endpointsDocument());
        resolver.setEndpointOverride(x.server->endpoint());
        ClientConfig config;
        const Credentials creds = x.server->credentials();
        config.credentials = [creds] { return creds; };
        x.client = std::make_unique<AwsClient>(std::move(config), std::move(resolver));
        const auto r = x.server->account().call(
            QStringLiteral("ecs"), QStringLiteral("ListTasks"),
            {{QStringLiteral("cluster"), QStringLiteral("cluster-0")}, {QStringLiteral("maxResults"), 100}});
        x.taskArns = std::get<QJsonObject>(r).value(u"taskArns").toArray();
        return x;
    }();
    return f;
}

void reportScenario(benchmark::State &state)
{
    Fixture &f = fixture();
    state.counters["load_s"] = f.loadSeconds;
    state.counters["rss_MiB"] = double(f.rssAfter) / 1024.0;
    state.counters["scenario_MiB"] = double(f.rssAfter - f.rssBefore) / 1024.0;
}

void BM_InProcess_DescribeTasks100(benchmark::State &state)
{
    Fixture &f = fixture();
    const QJsonObject params{{QStringLiteral("cluster"), QStringLiteral("cluster-0")},
                             {QStringLiteral("tasks"), f.taskArns}};
    for (auto _ : state)
        benchmark::DoNotOptimize(
            f.server->account().call(QStringLiteral("ecs"), QStringLiteral("DescribeTasks"), params));
    state.SetItemsProcessed(state.iterations());
    reportScenario(state);
}

/// One pass of the lifecycles over the whole `large` account (what a burst of
/// calls, and the sandbox's timer, pay before answering).
void BM_InProcess_TickLarge(benchmark::State &state)
{
    Fixture &f = fixture();
    for (auto _ : state)
        f.server->account().tick();
}

/// `inFlight` requests at a time over HTTP; items = requests answered.
void overHttp(benchmark::State &state, const QString &service, const QString &op, const QJsonObject &params)
{
    Fixture &f = fixture();
    const int inFlight = int(state.range(0));
    for (auto _ : state) {
        QEventLoop loop;
        int pending = inFlight;
        for (int i = 0; i < inFlight; ++i)
            f.client->call(service, op, params, &loop, [&](const Outcome &o) {
                if (!o.ok())
                    state.SkipWithError(qPrintable(o.error->toString()));
                if (--pending == 0)
                    loop.quit();
            });
        loop.exec();
    }
    state.SetItemsProcessed(state.iterations() * inFlight);
}

void BM_Http_DescribeTasks100(benchmark::State &state)
{
    overHttp(state, QStringLiteral("ecs"), QStringLiteral("DescribeTasks"),
             {{QStringLiteral("cluster"), QStringLiteral("cluster-0")},
              {QStringLiteral("tasks"), fixture().taskArns}});
}

void BM_Http_DescribeNetworkInterfaces100(benchmark::State &state)
{
    // The inventory asks for its tasks' ENIs by id, up to 200 at a time; 100 here.
    QJsonArray ids;
    const auto r = fixture().server->account().call(QStringLiteral("ec2"),
                                                    QStringLiteral("DescribeNetworkInterfaces"), {});
    for (const QJsonValue &eni : std::get<QJsonObject>(r).value(u"NetworkInterfaces").toArray()) {
        if (ids.size() == 100)
            break;
        ids.append(eni.toObject().value(u"NetworkInterfaceId"));
    }
    overHttp(state, QStringLiteral("ec2"), QStringLiteral("DescribeNetworkInterfaces"),
             {{QStringLiteral("NetworkInterfaceIds"), ids}});
}

} // namespace

BENCHMARK(BM_InProcess_DescribeTasks100)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_InProcess_TickLarge)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Http_DescribeTasks100)->Arg(1)->Arg(8)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Http_DescribeNetworkInterfaces100)->Arg(1)->Arg(8)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
