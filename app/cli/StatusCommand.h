#pragma once
#include "Command.h"

namespace cli {

class StatusCommand : public Command {
public:
    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override;
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;
};

} // namespace cli
