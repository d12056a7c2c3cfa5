#pragma once
#include "Command.h"

namespace cli {

/// `deployctl sandbox`: runs the simulated AWS account standalone and prints
/// the environment lines that point any AWS client at it.
class SandboxCommand : public Command {
public:
    QString name() const override { return QStringLiteral("sandbox"); }
    QString summary() const override
    {
        return QStringLiteral("run the simulated AWS account (for demos and tests)");
    }
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;
};

} // namespace cli
