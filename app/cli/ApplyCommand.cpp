#include "ApplyCommand.h"

#include "AccountDefaults.h"
#include "PlanRenderer.h"
#include "PlanRunner.h"
#include "PracticalPlan.h"
#include "PreflightChecker.h"
#include "TaskAddress.h"
#include "TerraformRenderer.h"

#include <QHostAddress>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace cli {
namespace {

constexpr int kIpAttempts = 30;

/// Never prints the password, whatever an error message might echo.
QString masked(QString text, const QString &secret)
{
    if (!secret.isEmpty())
        text.replace(secret, QStringLiteral("********"));
    return text;
}

/// A password for a plan that is only shown: the masked text never contains it.
constexpr char kShownPlaceholderPassword[] = "shown-not-applied";

/// `apply --show`: the practical's plan printed in one format, nothing changed.
void showPlan(const QString &format, const QString &stack, bool passwordStdin, bool reveal, CliContext &ctx,
              const std::function<void(int)> &finish)
{
    QString password = QString::fromLatin1(kShownPlaceholderPassword);
    if (reveal) {
        if (!passwordStdin)
            ctx.err() << "Database master password: " << Qt::flush;
        password = readStdinLine(!passwordStdin);
        if (password.isEmpty()) {
            ctx.err() << "deployctl apply: no database password given\n";
            return finish(2);
        }
    }
    auto print = [&ctx, finish, format, reveal](const plan::Plan &p) {
        if (format == u"terraform") {
            plan::TerraformOptions options;
            options.revealSecrets = reveal;
            ctx.out() << plan::renderTerraform(p, options);
        } else if (format == u"cli") {
            ctx.out() << plan::renderCli(p, reveal);
        } else {
            ctx.out() << plan::renderApiCalls(p, reveal);
        }
        ctx.out() << Qt::flush;
        finish(0);
    };
    plan::PracticalInputs in;
    in.stackName = stack;
    in.password = password;
    if (format == u"terraform") {
        // Terraform reads LabRole, the default VPC and its subnets through data sources.
        in.labRoleArn = QStringLiteral("arn:aws:iam::000000000000:role/LabRole");
        in.region = ctx.region();
        in.subnets = {QStringLiteral("subnet-00000000000000000")}; // rendered as data.aws_subnets.private
        QString invalid;
        const plan::Plan p = plan::buildPracticalPlan(in, &invalid);
        if (!invalid.isEmpty()) {
            ctx.err() << "deployctl apply: " << invalid << '\n';
            return finish(252);
        }
        return print(p);
    }
    ctx.withClient([&ctx, finish, in, print](aws::AwsClient *client) mutable {
        if (!client)
            return finish(255);
        plan::loadAccountDefaults(client, ctx.callbackContext(),
                                  [&ctx, finish, in, print, client](const plan::AccountDefaults &d) mutable {
                                      if (!d.error.isEmpty()) {
                                          ctx.err() << "deployctl apply: " << d.error << '\n';
                                          return finish(d.error.contains(u"Expired") ? 255 : 254);
                                      }
                                      in.labRoleArn = d.labRoleArn;
                                      in.subnets = d.subnets;
                                      in.region = client->region();
                                      QString invalid;
                                      const plan::Plan p = plan::buildPracticalPlan(in, &invalid);
                                      if (!invalid.isEmpty()) {
                                          ctx.err() << "deployctl apply: " << invalid << '\n';
                                          return finish(252);
                                      }
                                      print(p);
                                  });
    });
}

} // namespace

double pollScaleFor(const CliContext &ctx, const QString &flagValue)
{
    if (!flagValue.isEmpty())
        return flagValue.toDouble();
    const QString endpoint = ctx.options().endpointUrl.isEmpty()
                                 ? ctx.environment().value(QStringLiteral("AWS_ENDPOINT_URL"))
                                 : ctx.options().endpointUrl;
    const QString host = QUrl(endpoint).host();
    const bool loopback = host == u"localhost" || QHostAddress(host).isLoopback();
    return loopback ? 24.0 : 1.0;
}

QString readStdinLine(bool hideEcho)
{
    termios saved{};
    const bool tty = hideEcho && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QByteArray line;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        line.append(char(c));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputc('\n', stderr);
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

QString ApplyCommand::summary() const
{
    return QStringLiteral("deploy the TaskOverflow practical (database, cluster, task, service) in one go");
}

QString ApplyCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl apply taskoverflow [--password-stdin] [--stack NAME] [--poll-scale X] [--force]\n"
        "       deployctl apply taskoverflow --show terraform|cli|api [--stack NAME] [--reveal]\n\n"
        "Builds the practical's plan (security groups for 5432 and 6400, PostgreSQL database 'todo' for\n"
        "user 'administrator', log group, cluster, Fargate task definition 1024/2048 with the TaskOverflow\n"
        "image, service with one task and a public IP), runs it with one progress line per change, and ends\n"
        "by printing the running task's http://IP:6400. Safe to re-run: what exists with the same settings\n"
        "is reused; something with the same name and other settings stops the run before any change.\n"
        "Every resource is tagged deploy-console:stack=NAME (default: taskoverflow), so\n"
        "`deployctl teardown --stack NAME` removes it again.\n\n"
        "  --password-stdin  read the database master password from the first line of standard input\n"
        "                    (otherwise it is asked for on the terminal, without echo)\n"
        "  --stack NAME      the stack tag value (default taskoverflow)\n"
        "  --poll-scale X    poll X times faster than AWS needs (default: 24 on a loopback sandbox, else "
        "1)\n"
        "  --force           apply even when a pre-flight check fails (they run first, reading only:\n"
        "                    task size, ports open, the database reachable from the task, public IP,\n"
        "                    ECR image present, LabRole on a Learner Lab account)\n"
        "  --show FORMAT     print the plan and exit, changing nothing: 'terraform' (a main.tf in the\n"
        "                    practical's style; needs no account: LabRole, the default VPC and its subnets\n"
        "                    are data sources, the password a variable), 'cli' (AWS CLI commands) or 'api'\n"
        "                    (the calls); the last two read the account's default subnets and LabRole\n"
        "  --reveal          with --show: write the password (read as above) instead of masking it\n\n"
        "Exit status: 0 running, 2 usage, 3 a pre-flight check failed (nothing changed), 252 a form value\n"
        "is invalid (nothing sent), 254 AWS refused a step (what was created is listed), 255 no\n"
        "credentials or they expired.\n");
}

void ApplyCommand::start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    QString preset, stack = QStringLiteral("taskoverflow"), scale, show;
    bool passwordStdin = false, reveal = false, force = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--password-stdin")
            passwordStdin = true;
        else if (a == u"--stack" && i + 1 < args.size())
            stack = args[++i];
        else if (a == u"--poll-scale" && i + 1 < args.size())
            scale = args[++i];
        else if (a == u"--show" && i + 1 < args.size())
            show = args[++i];
        else if (a.startsWith(u"--show="))
            show = a.mid(7);
        else if (a == u"--reveal")
            reveal = true;
        else if (a == u"--force")
            force = true;
        else if (!a.startsWith(u"--") && preset.isEmpty())
            preset = a;
        else {
            ctx.err() << "deployctl apply: unexpected argument '" << a << "'\n\n" << usage();
            return finish(2);
        }
    }
    if (preset != u"taskoverflow") {
        ctx.err() << "deployctl apply: the preset to apply is 'taskoverflow'\n\n" << usage();
        return finish(2);
    }
    if (!scale.isEmpty() && scale.toDouble() <= 0) {
        ctx.err() << "deployctl apply: --poll-scale must be a positive number\n";
        return finish(2);
    }
    if (!show.isEmpty() && show != u"terraform" && show != u"cli" && show != u"api") {
        ctx.err() << "deployctl apply: --show takes terraform, cli or api\n\n" << usage();
        return finish(2);
    }
    if (reveal && show.isEmpty()) {
        ctx.err() << "deployctl apply: --reveal goes with --show\n\n" << usage();
        return finish(2);
    }
    if (!show.isEmpty())
        return showPlan(show, stack, passwordStdin, reveal, ctx, finish);
    if (!passwordStdin)
        ctx.err() << "Database master password: " << Qt::flush;
    const QString password = readStdinLine(!passwordStdin);
    if (password.isEmpty()) {
        ctx.err() << "deployctl apply: no database password given\n";
        return finish(2);
    }
    const double pollScale = pollScaleFor(ctx, scale);

    ctx.withClient([&ctx, finish, stack, password, pollScale, force](aws::AwsClient *client) {
        if (!client)
            return finish(255);
        QObject *context = ctx.callbackContext();
        ctx.out() << "Reading the account: default VPC, its subnets, LabRole…\n" << Qt::flush;
        plan::loadAccountDefaults(
            client, context,
            [&ctx, finish, stack, password, pollScale, client, context,
             force](const plan::AccountDefaults &defaults) {
                if (!defaults.error.isEmpty()) {
                    ctx.err() << "deployctl apply: " << masked(defaults.error, password) << '\n';
                    return finish(defaults.error.contains(u"Expired") ? 255 : 254);
                }
                plan::PracticalInputs in;
                in.stackName = stack;
                in.password = password;
                in.labRoleArn = defaults.labRoleArn;
                in.region = client->region();
                in.subnets = defaults.subnets;
                QString invalid;
                const plan::Plan p = plan::buildPracticalPlan(in, &invalid);
                if (!invalid.isEmpty()) {
                    ctx.err() << "deployctl apply: " << invalid << " (nothing was sent)\n";
                    return finish(252);
                }
                auto *runner = new plan::PlanRunner(client, context);
                runner->setPollScale(pollScale);
                runner->setPlan(p);
                ctx.out() << p.title << ": " << p.steps.size() << " steps\n" << Qt::flush;
                QObject::connect(
                    runner, &plan::PlanRunner::stepChanged, runner, [&ctx, runner, password](int index) {
                        ctx.out() << masked(runner->progressLine(index), password) << '\n' << Qt::flush;
                    });
                QObject::connect(runner, &plan::PlanRunner::failed, runner,
                                 [&ctx, finish, runner, password, stack] {
                                     ctx.err() << masked(runner->report(), password) << '\n'
                                               << "Remove what was created with: deployctl teardown --stack "
                                               << stack << '\n';
                                     finish(254);
                                 });
                QObject::connect(runner, &plan::PlanRunner::paused, runner,
                                 [&ctx, finish, runner, password](const QString &reason) {
                                     ctx.err() << "deployctl apply: the credentials were rejected (" << reason
                                               << "). Get fresh ones and run the same command again: what "
                                                  "exists is reused.\n"
                                               << masked(runner->report(), password) << '\n';
                                     finish(255);
                                 });
                QObject::connect(
                    runner, &plan::PlanRunner::finished, runner,
                    [&ctx, finish, runner, client, context, pollScale] {
                        const QJsonObject service = runner->outputs()
                                                        .value(QStringLiteral("createService"))
                                                        .value(u"service")
                                                        .toObject();
                        const QString cluster =
                            runner->plan().steps.last().params.value(u"cluster").toString();
                        const QString name = service.value(u"serviceName").toString();
                        ctx.out() << runner->report() << '\n' << Qt::flush;
                        findTaskAddress(
                            client, context, cluster, name, kIpAttempts, qMax(50, int(5000 / pollScale)),
                            [&ctx, finish](const QString &ip, const QStringList &, const QString &why) {
                                if (ip.isEmpty()) {
                                    ctx.err() << "deployctl apply: the service runs, but " << why
                                              << "; try `deployctl ip --cluster taskoverflow` shortly\n";
                                    return finish(254);
                                }
                                ctx.out() << "TaskOverflow is running at http://" << ip << ":6400\n"
                                          << Qt::flush;
                                finish(0);
                            });
                    });
                // Pre-flight: reads only; a failure stops here, before anything is created.
                auto *checker = new plan::PreflightChecker(client, context);
                QObject::connect(checker, &plan::PreflightChecker::finished, checker,
                                 [&ctx, finish, checker, runner, force,
                                  password](const QList<plan::PreflightCheck> &checks) {
                                     checker->deleteLater();
                                     qsizetype failed = 0;
                                     for (const plan::PreflightCheck &c : checks) {
                                         if (c.passed)
                                             continue;
                                         ++failed;
                                         ctx.err() << "Pre-flight: " << masked(c.message, password)
                                                   << "\n  Fix: " << c.fixSuggestion << '\n';
                                     }
                                     ctx.out() << "Pre-flight: " << (checks.size() - failed) << " of "
                                               << checks.size() << " checks passed\n"
                                               << Qt::flush;
                                     if (failed > 0 && !force) {
                                         ctx.err() << "deployctl apply: " << failed
                                                   << " pre-flight check(s) failed; nothing was changed. Fix "
                                                      "them, or run again with --force to apply anyway.\n";
                                         return finish(3);
                                     }
                                     runner->start();
                                 });
                checker->check(p);
            });
    });
}

} // namespace cli
