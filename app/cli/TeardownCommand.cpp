#include "TeardownCommand.h"

#include "ApplyCommand.h"
#include "PlanRunner.h"
#include "TeardownPlanner.h"

namespace cli {

QString TeardownCommand::summary() const
{
    return QStringLiteral("delete everything a stack created (found by its deploy-console tags)");
}

QString TeardownCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl teardown (--stack NAME | --all) [--yes] [--poll-scale X]\n\n"
        "Finds the resources tagged deploy-console:stack=NAME (--all: everything tagged\n"
        "deploy-console:created-by) and deletes them in order: services scaled to 0 and deleted, their\n"
        "tasks stopped, task definitions deregistered, clusters deleted, databases deleted WITHOUT a final\n"
        "snapshot, network interfaces released, security groups deleted, the stack's log groups deleted,\n"
        "the stack's ECR repositories deleted with their images (repositories it did not create are kept).\n"
        "Each database is deleted only when confirmed: type its name when asked, or pass --yes.\n"
        "Ends with what is left (nothing, or what and why).\n\n"
        "  --yes          confirm deleting the stack's databases without asking\n"
        "  --poll-scale X poll X times faster than AWS needs (default: 24 on a loopback sandbox, else 1)\n\n"
        "Exit status: 0 nothing left, 1 something was kept (an unconfirmed database) or could not be\n"
        "deleted, 2 usage, 254 a service error, 255 no credentials or they expired.\n");
}

void TeardownCommand::start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    QString stack, scale;
    bool all = false, yes = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--stack" && i + 1 < args.size())
            stack = args[++i];
        else if (a == u"--all")
            all = true;
        else if (a == u"--yes")
            yes = true;
        else if (a == u"--poll-scale" && i + 1 < args.size())
            scale = args[++i];
        else {
            ctx.err() << "deployctl teardown: unexpected argument '" << a << "'\n\n" << usage();
            return finish(2);
        }
    }
    if (stack.isEmpty() == !all) {
        ctx.err() << "deployctl teardown: give --stack NAME or --all\n\n" << usage();
        return finish(2);
    }
    if (!scale.isEmpty() && scale.toDouble() <= 0) {
        ctx.err() << "deployctl teardown: --poll-scale must be a positive number\n";
        return finish(2);
    }
    const double pollScale = pollScaleFor(ctx, scale);
    ctx.withClient([&ctx, finish, stack, yes, pollScale](aws::AwsClient *client) {
        if (!client)
            return finish(255);
        auto *planner = new plan::TeardownPlanner(client, ctx.callbackContext());
        planner->setStack(stack);
        auto scanFailed = [&ctx, finish](const QString &error) {
            ctx.err() << "deployctl teardown: could not read the account: " << error << '\n';
            finish(error.contains(u"Expired") ? 255 : 254);
        };
        QObject::connect(planner, &plan::TeardownPlanner::scanFailed, planner, scanFailed);
        QObject::connect(
            planner, &plan::TeardownPlanner::scanned, planner,
            [&ctx, finish, planner, client, yes, pollScale] {
                // The first scan: what to delete. The second (after the run) feeds the report.
                QObject::disconnect(planner, &plan::TeardownPlanner::scanned, planner, nullptr);
                const auto found = planner->found();
                ctx.out() << "Found " << found.size() << " resource(s):\n";
                for (const auto &f : found)
                    ctx.out() << "  " << f.kind << ' ' << f.name << '\n';
                ctx.out() << Qt::flush;
                for (const QString &db : planner->databases()) {
                    if (yes) {
                        planner->confirmDatabase(db);
                        continue;
                    }
                    ctx.err() << "Delete database " << db
                              << " without a final snapshot? Type its name to confirm (Enter keeps it): "
                              << Qt::flush;
                    if (readStdinLine() == db)
                        planner->confirmDatabase(db);
                }
                for (const QString &k : planner->kept())
                    ctx.out() << "Kept: " << k << '\n';
                auto *runner = new plan::PlanRunner(client, planner);
                runner->setPollScale(pollScale);
                runner->setPlan(planner->buildPlan());
                QObject::connect(runner, &plan::PlanRunner::stepChanged, runner, [&ctx, runner](int index) {
                    ctx.out() << runner->progressLine(index) << '\n' << Qt::flush;
                });
                auto report = [&ctx, finish, planner, runner] {
                    const QString failure = runner->state() == plan::PlanRunner::RunState::Finished
                                                ? QString()
                                                : runner->failure();
                    QObject::connect(planner, &plan::TeardownPlanner::scanned, planner,
                                     [&ctx, finish, planner, failure] {
                                         const QString text = planner->finalReport(failure);
                                         ctx.out() << text << '\n' << Qt::flush;
                                         if (!failure.isEmpty())
                                             return finish(failure.contains(u"Expired") ? 255 : 254);
                                         finish(planner->found().isEmpty() ? 0 : 1);
                                     });
                    planner->scan();
                };
                QObject::connect(runner, &plan::PlanRunner::finished, runner, report);
                QObject::connect(runner, &plan::PlanRunner::failed, runner, report);
                QObject::connect(
                    runner, &plan::PlanRunner::paused, runner, [&ctx, finish](const QString &why) {
                        ctx.err() << "deployctl teardown: the credentials were rejected (" << why
                                  << "). Get fresh ones and run it again: it continues with what is left.\n";
                        finish(255);
                    });
                runner->start();
            });
        planner->scan();
    });
}

} // namespace cli
