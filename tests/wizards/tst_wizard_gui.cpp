// Clicks through the security group wizard by hand (form → review) and the
// practical preset under Xvfb, saving a screenshot per page to look at.

#include "PracticalPreset.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtPlugin>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

class TestWizardGui : public QObject {
    Q_OBJECT
private slots:
    void securityGroupByHandAndPreset();

private:
    void shot(QQuickWindow *w, const QString &name)
    {
        QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
        const QImage img = w->grabWindow();
        QVERIFY(!img.isNull());
        QVERIFY(img.save(QStringLiteral(SCREENSHOT_DIR "/wizard-%1.png").arg(name)));
    }
};

void TestWizardGui::securityGroupByHandAndPreset()
{
    QQmlEngine engine;
    QList<QQmlError> warnings;
    connect(&engine, &QQmlEngine::warnings, this, [&](const QList<QQmlError> &ws) { warnings << ws; });
    // The page from the module's resources, in a plain window: what the app
    // shows when a wizard opens.
    QQmlComponent c(&engine, QUrl(QStringLiteral("qrc:/DeployConsole/Ui/wizards/WizardPage.qml")));
    QVERIFY2(c.isReady(), qPrintable(c.errorString()));
    SecurityGroupForm form;
    QQuickWindow window0;
    auto *window = &window0;
    window->resize(900, 600);
    std::unique_ptr<QObject> root(
        c.createWithInitialProperties({{QStringLiteral("form"), QVariant::fromValue(&form)}}));
    QVERIFY2(root, qPrintable(c.errorString()));
    auto *pageItem = qobject_cast<QQuickItem *>(root.get());
    QVERIFY(pageItem);
    pageItem->setParentItem(window->contentItem());
    pageItem->setSize(QSizeF(900, 600));
    QObject *page = root.get();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    shot(window, QStringLiteral("sg-empty"));

    // "By hand": the student types an invalid name, then a valid one.
    form.setValue(QStringLiteral("name"), QStringLiteral("sg-bad"));
    QTRY_VERIFY_WITH_TIMEOUT(window->isExposed(), 2000);
    shot(window, QStringLiteral("sg-invalid"));
    form.setValue(QStringLiteral("name"), QStringLiteral("taskoverflow_database"));
    form.setValue(QStringLiteral("description"), QStringLiteral("Allow inbound Postgresql traffic"));
    form.addQuickRule(QStringLiteral("postgres"));
    QVERIFY(form.isValid());
    shot(window, QStringLiteral("sg-valid"));
    form.next();
    QTRY_COMPARE_WITH_TIMEOUT(form.page(), QStringLiteral("review"), 2000);
    shot(window, QStringLiteral("sg-review"));

    DatabaseForm db;
    PracticalPreset::fill(nullptr, &db, nullptr, nullptr, nullptr, {}, {}, {});
    page->setProperty("form", QVariant::fromValue(&db));
    shot(window, QStringLiteral("db-preset"));
    QStringList texts;
    for (const QQmlError &e : warnings)
        texts << e.toString();
    QVERIFY2(warnings.isEmpty(), qPrintable(texts.join(u'\n')));
    root.reset(); // before the forms it shows go
}

QTEST_MAIN(TestWizardGui)
#include "tst_wizard_gui.moc"
