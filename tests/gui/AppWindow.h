#pragma once
// The app's window as main() builds it — Session, Accounts and LiveAccount
// as the QML singletons, Main.qml loaded — for GUI tests under Xvfb, with
// lookups by objectName and screenshots into <build>/screenshots/.

#include "Accounts.h"
#include "LiveAccount.h"
#include "Session.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtTest>
#include <memory>

struct AppWindow {
    std::unique_ptr<Session> session;
    std::unique_ptr<Accounts> accounts;
    std::unique_ptr<LiveAccount> live;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QStringList warnings;
    QQuickWindow *window = nullptr;

    /// Builds everything; `settingsFile` keeps saved accounts out of the user's own.
    void open(const QString &settingsFile)
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        session = std::make_unique<Session>(nullptr);
        Session::setInstance(session.get());
        accounts = std::make_unique<Accounts>(session.get(), settingsFile);
        Accounts::setInstance(accounts.get());
        live = std::make_unique<LiveAccount>(session.get());
        LiveAccount::setInstance(live.get());
        engine = std::make_unique<QQmlApplicationEngine>();
        QObject::connect(engine.get(), &QQmlEngine::warnings, [this](const QList<QQmlError> &ws) {
            for (const auto &w : ws)
                warnings << w.toString();
        });
        engine->load(QUrl(QStringLiteral("qrc:/DeployConsole/Ui/Main.qml")));
        QCOMPARE(engine->rootObjects().size(), 1);
        window = qobject_cast<QQuickWindow *>(engine->rootObjects().first());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
    }

    /// Tears down in the reverse order of open(): the QML goes before what it shows.
    void close()
    {
        engine.reset();
        live.reset();
        accounts.reset();
        session.reset();
    }

    QObject *find(const char *name) const { return window->findChild<QObject *>(QString::fromLatin1(name)); }
    QQuickItem *item(const char *name) const { return qobject_cast<QQuickItem *>(find(name)); }

    void shot(const QString &name) const
    {
        QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
        const QImage image = window->grabWindow();
        QVERIFY(!image.isNull());
        QVERIFY(image.save(QStringLiteral(SCREENSHOT_DIR "/%1.png").arg(name)));
    }
};
