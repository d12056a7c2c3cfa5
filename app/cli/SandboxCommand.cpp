#include "SandboxCommand.h"

#include "StopSignals.h"

#include "SandboxAccount.h"
#include "server/SandboxServer.h"

#include <QCoreApplication>
#include <memory>
#include <unistd.h>

namespace cli {

namespace {

bool parseRate(const QString &text, double *out)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || v < 0.0 || v > 1.0)
        return false;
    *out = v;
    return true;
}

} // namespace

QString SandboxCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl sandbox [--port N] [--scenario empty|taskoverflow|large] [--time-scale X]\n"
        "                         [--state FILE] [fault flags]\n\n"
        "Runs the simulated AWS account on 127.0.0.1 and prints environment lines that point any AWS client\n"
        "at it (eval them, or copy them into another terminal):\n"
        "  AWS_ENDPOINT_URL=http://127.0.0.1:PORT  AWS_ACCESS_KEY_ID=…  AWS_SECRET_ACCESS_KEY=…  "
        "AWS_REGION=us-east-1\n"
        "Stops cleanly on Ctrl-C (SIGINT) or SIGTERM, saving --state FILE when given.\n\n"
        "  --port N             listen on this port (default: any free port)\n"
        "  --scenario S         empty (default), taskoverflow (the practical deployed), large (for "
        "benchmarks)\n"
        "  --time-scale X       simulated seconds per real second (default 24: an RDS database in ~20 s)\n"
        "  --state FILE         load the account from FILE when it exists; save to it on change and exit\n"
        "Faults, for demos of failure and for tests:\n"
        "  --throttle-rate R    answer this share (0..1) of API calls with throttling errors\n"
        "  --error-rate R       answer this share (0..1) with 500/503\n"
        "  --latency MS         add this delay to every answer\n"
        "  --drop-request N     drop the connection of the Nth request\n"
        "  --expire-credentials-after S   credentials expire S seconds after start\n"
        "  --seed N             seed for the fault rates (default 1)\n");
}

void SandboxCommand::start(const QStringList &argsIn, CliContext &ctx, std::function<void(int)> finish)
{
    aws::sandbox::SandboxOptions options;
    QStringList args = argsIn;
    auto fail = [&](const QString &why) {
        ctx.err() << "deployctl sandbox: " << why << "\n";
        finish(2);
    };
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        if (args.isEmpty())
            return fail(QStringLiteral("%1 needs a value (see --help)").arg(a));
        const QString v = args.takeFirst();
        bool ok = true;
        if (a == u"--port") {
            const uint p = v.toUInt(&ok);
            if (!ok || p > 65535)
                return fail(QStringLiteral("--port must be 0–65535, not '%1'").arg(v));
            options.port = static_cast<quint16>(p);
        } else if (a == u"--scenario") {
            if (!aws::sandbox::SandboxAccount::scenarioNames().contains(v))
                return fail(
                    QStringLiteral("unknown scenario '%1' (choose %2)")
                        .arg(v, aws::sandbox::SandboxAccount::scenarioNames().join(QStringLiteral(", "))));
            options.scenario = v;
        } else if (a == u"--time-scale") {
            options.timeScale = v.toDouble(&ok);
            if (!ok || options.timeScale <= 0)
                return fail(QStringLiteral("--time-scale must be a positive number, not '%1'").arg(v));
        } else if (a == u"--state") {
            options.stateFile = v;
        } else if (a == u"--throttle-rate") {
            if (!parseRate(v, &options.faults.throttleRate))
                return fail(QStringLiteral("--throttle-rate must be between 0 and 1"));
        } else if (a == u"--error-rate") {
            if (!parseRate(v, &options.faults.serverErrorRate))
                return fail(QStringLiteral("--error-rate must be between 0 and 1"));
        } else if (a == u"--latency") {
            options.faults.latencyMs = v.toInt(&ok);
            if (!ok || options.faults.latencyMs < 0)
                return fail(QStringLiteral("--latency must be milliseconds ≥ 0"));
        } else if (a == u"--drop-request") {
            options.faults.dropConnectionOnRequest = v.toInt(&ok);
            if (!ok || options.faults.dropConnectionOnRequest < 1)
                return fail(QStringLiteral("--drop-request must be a request number ≥ 1"));
        } else if (a == u"--expire-credentials-after") {
            const int s = v.toInt(&ok);
            if (!ok || s < 0)
                return fail(QStringLiteral("--expire-credentials-after must be seconds ≥ 0"));
            options.faults.credentialsExpireAt = QDateTime::currentDateTimeUtc().addSecs(s);
        } else if (a == u"--seed") {
            options.faults.seed = v.toUInt(&ok);
            if (!ok)
                return fail(QStringLiteral("--seed must be a whole number"));
        } else {
            return fail(QStringLiteral("unknown option '%1' (see --help)").arg(a));
        }
    }

    auto server = std::make_shared<aws::sandbox::SandboxServer>(options);
    if (!server->start()) {
        ctx.err() << "The sandbox could not start: " << server->errorString() << "\n";
        finish(1);
        return;
    }
    // The handlers first: whoever reads the lines below may stop us at once,
    // and --state must still be saved then.
    onStopSignal(QCoreApplication::instance(), [server, finish, &ctx]() mutable {
        server->stop();
        ctx.err() << "Sandbox stopped.\n";
        ctx.err().flush();
        finish(0);
    });
    for (const QString &line : server->environmentLines())
        ctx.out() << line << '\n';
    ctx.out().flush();
    ctx.err() << "Sandbox running at " << server->endpoint().toString() << " (scenario " << options.scenario
              << "). Ctrl-C stops it.\n";
    ctx.err().flush();
}

} // namespace cli
