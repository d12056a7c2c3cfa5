#include "CallCommand.h"
#include "Command.h"
#include "IdentityCommand.h"

namespace cli {

QList<CommandFactory> allCommands()
{
    return {
        [] { return std::make_unique<IdentityCommand>(); },
        [] { return std::make_unique<CallCommand>(); },
    };
}

} // namespace cli
