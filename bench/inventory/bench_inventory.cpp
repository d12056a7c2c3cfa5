// Graph diff + layout for the large account (20 clusters × 10 services × 10
// tasks: 2,425 nodes, 4,801 edges) and one task changing in it; plus one full
// inventory refresh through the in-process fake account (requests, levels).

#include "FakeAccount.h"
#include "GraphModel.h"
#include "InventoryEngine.h"
#include "NoTimer.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <benchmark/benchmark.h>

using namespace inventory;

namespace {
struct Large {
    FakeAccount account;
    std::unique_ptr<InventoryEngine> engine;
    Large()
    {
        account.loadScenario(QStringLiteral("large"));
        engine = std::make_unique<InventoryEngine>(account.caller(), std::make_unique<NoTimer>());
        account.onRequest = [this] { engine->countRequest(); };
    }
    void refresh()
    {
        QSignalSpy spy(engine.get(), &InventoryEngine::snapshotChanged);
        engine->refresh();
        spy.wait(60000);
    }
};

void BM_RefreshLarge(benchmark::State &state)
{
    Large l;
    for (auto _ : state)
        l.refresh();
    state.counters["requests"] = l.engine->snapshot()->requests;
    state.counters["levels"] = l.engine->snapshot()->levels;
}
BENCHMARK(BM_RefreshLarge)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_GraphWholeAccount(benchmark::State &state)
{
    Large l;
    l.refresh();
    for (auto _ : state) {
        GraphModel g; // a fresh graph: every node added and laid out
        g.apply(*l.engine->snapshot(), l.engine->visibleTasks());
        benchmark::DoNotOptimize(g.nodes()->rowCount());
    }
}
BENCHMARK(BM_GraphWholeAccount)->Unit(benchmark::kMillisecond);

void BM_GraphGraphOnlyWholeAccount(benchmark::State &state)
{
    Large l;
    l.refresh();
    for (auto _ : state) {
        graph::ResourceGraph g;
        benchmark::DoNotOptimize(g.apply(*l.engine->snapshot(), l.engine->visibleTasks()));
    }
}
BENCHMARK(BM_GraphGraphOnlyWholeAccount)->Unit(benchmark::kMillisecond);

void BM_GraphOneTaskChange(benchmark::State &state)
{
    Large l;
    l.refresh();
    const Snapshot a = *l.engine->snapshot();
    Snapshot b = a;
    b.tasks[1234].lastStatus = QStringLiteral("STOPPED");
    b.tasks[1234].desiredStatus = QStringLiteral("STOPPED");
    GraphModel g;
    QList<VisibleTask> ta, tb;
    for (const Task &t : a.tasks)
        ta.append({t, false});
    for (const Task &t : b.tasks)
        tb.append({t, false});
    g.apply(a, ta);
    bool flip = false;
    for (auto _ : state) {
        flip = !flip;
        benchmark::DoNotOptimize(g.apply(flip ? b : a, flip ? tb : ta));
    }
}
BENCHMARK(BM_GraphOneTaskChange)->Unit(benchmark::kMillisecond);
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
