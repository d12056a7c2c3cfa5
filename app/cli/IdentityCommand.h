#pragma once
#include "Command.h"

namespace cli {

/// `deployctl identity`: who the credentials belong to (STS GetCallerIdentity).
class IdentityCommand : public Command {
public:
    QString name() const override { return QStringLiteral("identity"); }
    QString summary() const override
    {
        return QStringLiteral("show the account and role the credentials belong to");
    }
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;
};

} // namespace cli
