// deploy-console: the desktop application. Wiring only; the logic lives in
// model/ and aws/.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("DeployConsole"));
    QGuiApplication::setApplicationName(QStringLiteral("deploy-console"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Deploy Console"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/DeployConsole/Ui/Main.qml")));
    return QGuiApplication::exec();
}
