// Clicks through the security group wizard by hand (form → review) and the
// practical preset under Xvfb, saving a screenshot per page to look at.

#include "PracticalPreset.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtPlugin>
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
    QQmlComponent c(&engine);
    c.setData("import QtQuick\nimport QtQuick.Controls\nimport DeployConsole.Ui\n"
              "ApplicationWindow { width: 900; height: 600; visible: true\n"
              "  property alias page: p\n  WizardPage { id: p; anchors.fill: parent; form: null } }",
              QUrl());
    SecurityGroupForm form;
    std::unique_ptr<QObject> root(c.createWithInitialProperties({}));
    QVERIFY2(root, qPrintable(c.errorString()));
    auto *window = qobject_cast<QQuickWindow *>(root.get());
    QVERIFY(window);
    QObject *page = root->property("page").value<QObject *>();
    page->setProperty("form", QVariant::fromValue(&form));
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
}

QTEST_MAIN(TestWizardGui)
#include "tst_wizard_gui.moc"
