#pragma once
#include "Command.h"

namespace cli {

/// `deployctl call SERVICE OPERATION [JSON]`: any operation in the model list.
class CallCommand : public Command {
public:
    QString name() const override { return QStringLiteral("call"); }
    QString summary() const override { return QStringLiteral("call any AWS operation Deploy Console knows"); }
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;
};

} // namespace cli
