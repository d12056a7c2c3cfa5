#pragma once
// `deployctl push`: an image from a file (docker-archive, OCI layout or
// archive) or a Docker engine into ECR — or any v2 registry with --registry.

#include "Command.h"

namespace cli {

class PushCommand : public Command {
public:
    QString name() const override { return QStringLiteral("push"); }
    QString summary() const override;
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;
};

} // namespace cli
