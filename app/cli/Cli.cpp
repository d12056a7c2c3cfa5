#include "Cli.h"

#include "CliContext.h"
#include "Command.h"

#include <QLoggingCategory>
#include <QTimer>
#include <vector>

namespace cli {

namespace {

constexpr char kGlobalHelp[] = R"(Global options (any command):
  --region REGION        AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1)
  --endpoint-url URL     send every request to URL (e.g. a sandbox: http://127.0.0.1:PORT)
  --output json|text|table  output format (default json)
  --profile NAME         use this profile from ~/.aws (default: $AWS_PROFILE)
  --account NAME         use this account saved in Deploy Console
  --debug                trace requests and responses on stderr (secrets redacted)
  -h, --help             show help
)";

QString topHelp(const std::vector<std::unique_ptr<Command>> &commands)
{
    QString s = QStringLiteral("Usage: deployctl [global options] COMMAND [arguments]\n\n"
                               "Deploy Console on the command line.\n\nCommands:\n");
    for (const auto &c : commands)
        s += QStringLiteral("  %1%2\n").arg(c->name().leftJustified(12), c->summary());
    s += u'\n' + QString::fromUtf8(kGlobalHelp);
    s += QStringLiteral("\nRun `deployctl COMMAND --help` for a command's arguments.\n");
    return s;
}

// Pulls the global options out of the argument list wherever they appear,
// so `deployctl --region X call …` and `deployctl call … --region X` agree.
bool extractGlobals(QStringList &args, GlobalOptions &opts, QString *error)
{
    QStringList rest;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto takeValue = [&](const QString &name, QString &into) -> bool {
            if (a == name) {
                if (i + 1 >= args.size()) {
                    *error = QStringLiteral("%1 needs a value").arg(name);
                    return false;
                }
                into = args.at(++i);
                return true;
            }
            if (a.startsWith(name + u'=')) {
                into = a.mid(name.size() + 1);
                return true;
            }
            return false;
        };
        QString value;
        if (takeValue(QStringLiteral("--region"), opts.region) ||
            takeValue(QStringLiteral("--endpoint-url"), opts.endpointUrl) ||
            takeValue(QStringLiteral("--profile"), opts.profile) ||
            takeValue(QStringLiteral("--account"), opts.account)) {
            if (!error->isEmpty())
                return false;
            continue;
        }
        if (takeValue(QStringLiteral("--output"), value)) {
            if (!error->isEmpty())
                return false;
            if (value == u"json")
                opts.output = OutputFormat::Json;
            else if (value == u"text")
                opts.output = OutputFormat::Text;
            else if (value == u"table")
                opts.output = OutputFormat::Table;
            else {
                *error = QStringLiteral("--output must be json, text or table, not '%1'").arg(value);
                return false;
            }
            continue;
        }
        if (a == u"--debug") {
            opts.debug = true;
            continue;
        }
        if (!error->isEmpty())
            return false;
        rest << a;
    }
    args = rest;
    return true;
}

} // namespace

int run(QCoreApplication &app)
{
    QStringList args = app.arguments().mid(1);
    GlobalOptions opts;
    QString error;
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (!extractGlobals(args, opts, &error)) {
        err << "deployctl: " << error << "\n";
        return 2;
    }

    std::vector<std::unique_ptr<Command>> commands;
    for (const auto &f : allCommands())
        commands.push_back(f());

    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h" || args.first() == u"help") {
        out << topHelp(commands);
        return args.isEmpty() ? 2 : 0;
    }
    const QString name = args.takeFirst();
    Command *command = nullptr;
    for (const auto &c : commands)
        if (c->name() == name)
            command = c.get();
    if (!command) {
        err << "deployctl: unknown command '" << name << "'. Run `deployctl --help` for the list.\n";
        return 2;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out << command->usage() << '\n' << QString::fromUtf8(kGlobalHelp);
        return 0;
    }
    if (opts.debug)
        QLoggingCategory::setFilterRules(QStringLiteral("dc.*.debug=true"));

    CliContext ctx(opts, QProcessEnvironment::systemEnvironment());
    int exitCode = -1;
    bool finished = false;
    QTimer::singleShot(0, &app, [&] {
        command->start(args, ctx, [&](int code) {
            if (finished)
                return;
            finished = true;
            exitCode = code;
            ctx.out().flush();
            ctx.err().flush();
            QCoreApplication::exit(code);
        });
    });
    const int rc = QCoreApplication::exec();
    return finished ? exitCode : rc;
}

} // namespace cli
