// How smooth the graph is with the large account (2,425 nodes): frame times
// of the real InventoryPage in a 1280×800 window while it pans at reading
// zoom, fits the whole account, pans zoomed out, and takes a one-task change
// from a refresh. Each step changes the view and waits for the frame that
// shows it (QQuickWindow::frameSwapped): the time is what the user waits.
// Renders the way the app does on this machine: Qt Quick's software renderer
// without a GPU render node (QT_QUICK_BACKEND overrides). Run under a display
// (graph_frames.sh starts Xvfb).
#include "FakeAccount.h"
#include "GraphCanvas.h"
#include "InventoryEngine.h"
#include "InventoryModels.h"
#include "NoTimer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QSignalSpy>
#include <algorithm>
#include <cstdio>

using namespace inventory;

namespace {

struct Frames {
    QList<double> ms;
    void print(const char *what) const
    {
        QList<double> s = ms;
        std::sort(s.begin(), s.end());
        const auto at = [&](double q) { return s[qsizetype(q * double(s.size() - 1))]; };
        const auto over = std::count_if(s.begin(), s.end(), [](double v) { return v > 1000.0 / 60; });
        std::printf("%-34s frames %4lld  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  over 16.7 ms: %lld\n",
                    what, qlonglong(s.size()), at(0.5), at(0.95), s.last(), qlonglong(over));
    }
};

/// Runs `change`, then waits (bounded) for the frame that shows it.
double frameAfter(QQuickView &view, const std::function<void()> &change)
{
    QSignalSpy swapped(&view, &QQuickWindow::frameSwapped);
    QElapsedTimer t;
    t.start();
    change();
    view.update();
    if (!swapped.wait(5000))
        qFatal("no frame within 5 s");
    return double(t.nsecsElapsed()) / 1e6;
}

QQuickItem *flickableIn(QQuickItem *root)
{
    for (QQuickItem *item : root->findChildren<QQuickItem *>())
        if (qstrcmp(item->metaObject()->className(), "QQuickFlickable") == 0)
            return item;
    return nullptr;
}

/// With $SCREENSHOT_DIR set, saves what the window shows there (to look at).
void screenshot(QQuickView &view, const char *name)
{
    const QString dir = qEnvironmentVariable("SCREENSHOT_DIR");
    if (!dir.isEmpty() && QDir().mkpath(dir))
        view.grabWindow().save(dir + QStringLiteral("/graph-large-%1.png").arg(QLatin1String(name)));
}

Frames pan(QQuickView &view, QQuickItem *flick, int steps, double dx, double dy)
{
    Frames f;
    for (int i = 0; i < steps; ++i)
        f.ms << frameAfter(view, [&] {
            flick->setProperty("contentX", flick->property("contentX").toDouble() + dx);
            flick->setProperty("contentY", flick->property("contentY").toDouble() + dy);
        });
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    const bool gpu =
        !QDir(QStringLiteral("/dev/dri")).entryList({QStringLiteral("renderD*")}, QDir::System).isEmpty();
    if (!gpu && !qEnvironmentVariableIsSet("QT_QUICK_BACKEND"))
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QGuiApplication app(argc, argv);

    // The graph view imports the app's model module; here only its painted layer is needed.
    qmlRegisterType<GraphCanvas>("DeployConsole.Model", 1, 0, "GraphCanvas");
    FakeAccount account;
    account.loadScenario(QStringLiteral("large"));
    InventoryEngine engine(account.caller(), std::make_unique<NoTimer>());
    InventoryModels models;
    models.setEngine(&engine);
    QSignalSpy snap(&engine, &InventoryEngine::snapshotChanged);
    engine.refresh();
    if (!snap.wait(60000))
        qFatal("the large account did not load");

    QQuickView view;
    view.setInitialProperties({{"models", QVariant::fromValue<QObject *>(&models)}, {"fontScale", 1.0}});
    view.setResizeMode(QQuickView::SizeRootObjectToView);
    view.resize(1280, 800);
    QElapsedTimer load;
    load.start();
    view.setSource(QUrl::fromLocalFile(QStringLiteral(QML_SOURCE_DIR "/graph/InventoryPage.qml")));
    if (view.status() != QQuickView::Ready)
        qFatal("InventoryPage did not load");
    QSignalSpy first(&view, &QQuickWindow::frameSwapped);
    view.show();
    if (!first.wait(10000))
        qFatal("no first frame");
    std::printf(
        "first frame of the large account: %.1f ms (%s renderer)\n", double(load.nsecsElapsed()) / 1e6,
        view.rendererInterface()->graphicsApi() == QSGRendererInterface::Software ? "software" : "GPU");

    QQuickItem *root = view.rootObject();
    QObject *graphView = root->property("graphView").value<QObject *>();
    QQuickItem *flick = flickableIn(root);
    if (!graphView || !flick)
        qFatal("graph view not found");
    graphView->setProperty("userMoved", true);

    // A refresh where one task stopped, applied while the graph is on screen.
    const Snapshot a = *engine.snapshot();
    Snapshot b = a;
    b.tasks[1234].lastStatus = QStringLiteral("STOPPED");
    b.tasks[1234].desiredStatus = QStringLiteral("STOPPED");
    const auto oneTaskChanges = [&](const char *what) {
        Frames change;
        for (int i = 0; i < 20; ++i)
            change.ms << frameAfter(view, [&] { engine.publish(i % 2 ? a : b); });
        change.print(what);
    };

    pan(view, flick, 10, 20, 0); // warm-up: first delegates, glyph caches
    pan(view, flick, 150, 24, 10).print("pan at reading zoom");
    screenshot(view, "reading-zoom");
    oneTaskChanges("one task changes, reading zoom");
    const double fitMs =
        frameAfter(view, [&] { QMetaObject::invokeMethod(graphView, "fit", Q_ARG(QVariant, true)); });
    std::printf("%-34s %6.1f ms (zoom %.2f)\n", "fit the whole account", fitMs,
                graphView->property("zoom").toDouble());
    graphView->setProperty("userMoved", true);
    pan(view, flick, 60, 4, 2).print("pan with the whole account shown");
    screenshot(view, "whole-account");
    oneTaskChanges("one task changes, whole account");
    std::printf("%-34s %6.1f ms\n", "zoom back in to reading zoom",
                frameAfter(view, [&] { graphView->setProperty("zoom", 0.6); }));
    return 0;
}
