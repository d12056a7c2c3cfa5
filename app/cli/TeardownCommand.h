#pragma once
// `deployctl teardown --stack NAME`: finds what the stack consists of by its
// deploy-console tags, deletes it in dependency order with progress lines,
// and ends with a report that nothing is left (or what is, and why).

#include "Command.h"

namespace cli {

class TeardownCommand : public Command {
public:
    QString name() const override { return QStringLiteral("teardown"); }
    QString summary() const override;
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;
};

} // namespace cli
