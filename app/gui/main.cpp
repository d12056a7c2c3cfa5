// deploy-console: the desktop application. Arguments and wiring only; the
// logic lives in model/ and aws/.
#include "Accounts.h"
#include "LiveAccount.h"
#include "LoadedScreenshot.h"
#include "RenderingChoice.h"
#include "SecretRedactor.h"
#include "Session.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

int main(int argc, char *argv[])
{
    // Before anything can log: registered secrets are masked in every line.
    aws::auth::SecretRedactor::install();
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("DeployConsole"));
    QGuiApplication::setApplicationName(QStringLiteral("deploy-console"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Deploy Console"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Deploy a container on AWS by hand, with a few clicks."));
    parser.addHelpOption();
    const QCommandLineOption sandboxOpt(
        QStringLiteral("sandbox"),
        QStringLiteral("Use the built-in simulated AWS account even when a real one is set up."));
    const QCommandLineOption scenarioOpt(
        QStringLiteral("scenario"),
        QStringLiteral("Sandbox scenario: empty, taskoverflow (default) or large."), QStringLiteral("name"),
        QStringLiteral("taskoverflow"));
    const QCommandLineOption accountOpt(QStringLiteral("account"),
                                        QStringLiteral("Connect this saved account at start."),
                                        QStringLiteral("name"));
    const QCommandLineOption profileOpt(QStringLiteral("profile"),
                                        QStringLiteral("Connect this ~/.aws profile at start."),
                                        QStringLiteral("name"));
    const QCommandLineOption screenshotOpt(
        QStringLiteral("screenshot"),
        QStringLiteral(
            "Save a picture of the window to FILE once the account has been read and shown, then quit."),
        QStringLiteral("file"));
    parser.addOptions({sandboxOpt, scenarioOpt, accountOpt, profileOpt, screenshotOpt});
    parser.process(app);

    Session session(nullptr);
    Session::setInstance(&session);
    Accounts accounts(&session);
    Accounts::setInstance(&accounts);
    LiveAccount live(&session);
    LiveAccount::setInstance(&live);
    // With no real account asked for, the sandbox is what the app shows, so
    // a first start works offline.
    if (!parser.isSet(sandboxOpt) && parser.isSet(accountOpt))
        accounts.connectTo(QStringLiteral("saved"), parser.value(accountOpt));
    else if (!parser.isSet(sandboxOpt) && parser.isSet(profileOpt))
        accounts.connectTo(QStringLiteral("profile"), parser.value(profileOpt));
    else
        session.startSandbox(parser.value(scenarioOpt));

    chooseRenderingBackend();
    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/DeployConsole/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (parser.isSet(screenshotOpt)) {
        if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first()))
            saveScreenshotWhenLoaded(window, &live, parser.value(screenshotOpt));
    }
    return QGuiApplication::exec();
}
