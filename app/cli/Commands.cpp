#include "CallCommand.h"
#include "Command.h"
#include "CredentialsCommand.h"
#include "IdentityCommand.h"
#include "SandboxCommand.h"

namespace cli {

QList<CommandFactory> allCommands()
{
    return {
        [] { return std::make_unique<IdentityCommand>(); },
        [] { return std::make_unique<CallCommand>(); },
        [] { return std::make_unique<CredentialsCommand>(); },
        [] { return std::make_unique<SandboxCommand>(); },
    };
}

} // namespace cli
