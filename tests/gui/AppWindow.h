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

    /// Scrolls the nearest scrolling view above `target` until it shows it, as the student would.
    void scrollTo(QQuickItem *target)
    {
        for (QQuickItem *p = target->parentItem(); p; p = p->parentItem()) {
            if (!p->inherits("QQuickFlickable"))
                continue;
            auto *content = p->property("contentItem").value<QQuickItem *>();
            const qreal y = target->mapToItem(content, QPointF(0, 0)).y();
            const qreal top = p->property("contentY").toReal();
            if (y < top || y + target->height() > top + p->height()) {
                const qreal maxY = qMax<qreal>(0, p->property("contentHeight").toReal() - p->height());
                p->setProperty("contentY", qBound<qreal>(0, y - p->height() / 3, maxY));
                QTest::qWait(0); // let the view lay out at its new position
            }
            return;
        }
    }

    /// A real mouse click in the middle of `target` (counted: the notes say how many a flow takes).
    void click(QQuickItem *target)
    {
        QVERIFY(target);
        scrollTo(target);
        QVERIFY2(target->isVisible() && target->isEnabled(), qPrintable(target->objectName()));
        const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
        ++clicks;
    }
    /// Clicks into a text field and types, as a student would.
    void type(QQuickItem *field, const QString &text)
    {
        QVERIFY2(field, "no such field to type into");
        click(field);
        QTRY_VERIFY(field->hasActiveFocus());
        keys(text);
    }
    /// Types into whatever has focus (QTest::keyClicks is for widgets only).
    void keys(const QString &text)
    {
        for (const QChar c : text)
            QTest::keyClick(window, c.toLatin1());
    }
    int clicks = 0;

    void shot(const QString &name) const
    {
        QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
        const QImage image = window->grabWindow();
        QVERIFY(!image.isNull());
        QVERIFY(image.save(QStringLiteral(SCREENSHOT_DIR "/%1.png").arg(name)));
    }
};
