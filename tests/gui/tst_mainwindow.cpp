// The main window opens for real (under Xvfb in CI) and shows its frame and
// an honest state. Screenshots land in <build>/screenshots/ for a human look.
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

namespace {

QQuickItem *findByObjectName(QQuickItem *root, const QString &name)
{
    if (!root)
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *found = findByObjectName(child, name))
            return found;
    return nullptr;
}

void saveScreenshot(QQuickWindow *window, const QString &name)
{
    QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
    const QImage image = window->grabWindow();
    QVERIFY(!image.isNull());
    QVERIFY(image.save(QStringLiteral(SCREENSHOT_DIR "/%1.png").arg(name)));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

    void opensWithFrameAndEmptyState()
    {
        QQmlApplicationEngine engine;
        QStringList warnings;
        connect(&engine, &QQmlEngine::warnings, this, [&](const QList<QQmlError> &ws) {
            for (const auto &w : ws)
                warnings << w.toString();
        });
        engine.load(QUrl(QStringLiteral("qrc:/DeployConsole/Ui/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));

        QQuickItem *root = window->contentItem();
        for (const char *part : {"accountArea", "resourceArea", "statusBar"})
            QVERIFY2(findByObjectName(window->contentItem()->parentItem(), QString::fromLatin1(part)) ||
                         findByObjectName(root, QString::fromLatin1(part)),
                     part);
        saveScreenshot(window, QStringLiteral("main-window"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
