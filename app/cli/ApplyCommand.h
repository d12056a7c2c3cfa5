#pragma once
// `deployctl apply taskoverflow`: the practical in one command — the plan
// the TaskOverflow preset builds, run with progress lines, ending on the
// running task's http://IP:6400.

#include "Command.h"

namespace cli {

class ApplyCommand : public Command {
public:
    QString name() const override { return QStringLiteral("apply"); }
    QString summary() const override;
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;
};

/// How much faster than AWS to poll: `--poll-scale`, else 24 (the sandbox's
/// default speed) when the endpoint is on loopback, else 1. Shared with teardown.
double pollScaleFor(const CliContext &ctx, const QString &flagValue);
/// Reads one line from standard input (for --password-stdin and confirmations).
QString readStdinLine(bool hideEcho = false);

} // namespace cli
