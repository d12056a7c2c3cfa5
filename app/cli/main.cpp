// deployctl: the command line twin of deploy-console. Wiring only.
#include "Cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("DeployConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("deployctl"));
    return cli::run(app);
}
