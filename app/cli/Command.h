#pragma once
// One deployctl sub-command. Commands run asynchronously on the event loop
// and report their exit status through finish().

#include "CliContext.h"

#include <QStringList>
#include <functional>
#include <memory>

namespace cli {

class Command {
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0; ///< one line, for `deployctl --help`
    virtual QString usage() const = 0;   ///< full help text for `deployctl NAME --help`
    /// Starts the command with its own arguments (global options removed).
    /// Must eventually call `finish(exitCode)` exactly once.
    virtual void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) = 0;
};

using CommandFactory = std::function<std::unique_ptr<Command>()>;

/// Every command deployctl knows, in the order --help lists them.
QList<CommandFactory> allCommands();

} // namespace cli
