#include "LoadedScreenshot.h"

#include "InventoryEngine.h"
#include "LiveAccount.h"

#include <QCoreApplication>
#include <QQuickWindow>
#include <QTimer>
#include <cstdio>

namespace {

void grabAndQuit(QQuickWindow *window, const QString &file)
{
    const bool ok = window->grabWindow().save(file);
    if (!ok)
        std::fprintf(stderr, "Could not save the picture to %s: check the folder exists and is writable.\n",
                     qPrintable(file));
    QCoreApplication::exit(ok ? 0 : 1);
}

} // namespace

void saveScreenshotWhenLoaded(QQuickWindow *window, LiveAccount *live, const QString &file, int limitMs)
{
    auto *context = new QObject(window); // owns every connection below; gone once one fires
    auto done = [window, file, context] {
        context->deleteLater();
        grabAndQuit(window, file);
    };
    // The snapshot reaches the models at once; the frame that shows it is the next one swapped.
    auto onSnapshot = [window, context, done] {
        QObject::connect(window, &QQuickWindow::frameSwapped, context, done, Qt::QueuedConnection);
        window->update();
    };
    auto watch = [live, context, onSnapshot] {
        if (InventoryEngine *engine = live->engine()) {
            if (engine->snapshot())
                onSnapshot();
            else
                QObject::connect(engine, &InventoryEngine::snapshotChanged, context, onSnapshot,
                                 Qt::SingleShotConnection);
        }
    };
    QObject::connect(live, &LiveAccount::engineChanged, context, watch);
    watch();
    QTimer::singleShot(limitMs, context, [window, file, limitMs, context] {
        std::fprintf(stderr, "The account was not read within %d s; the picture shows the window as it is.\n",
                     limitMs / 1000);
        context->deleteLater();
        grabAndQuit(window, file);
    });
}
