#include "ApplyCommand.h"
#include "CallCommand.h"
#include "Command.h"
#include "CredentialsCommand.h"
#include "IdentityCommand.h"
#include "IpCommand.h"
#include "LogsCommand.h"
#include "PushCommand.h"
#include "SandboxCommand.h"
#include "StatusCommand.h"
#include "TeardownCommand.h"

namespace cli {

QList<CommandFactory> allCommands()
{
    return {
        [] { return std::make_unique<IdentityCommand>(); },
        [] { return std::make_unique<CallCommand>(); },
        [] { return std::make_unique<CredentialsCommand>(); },
        [] { return std::make_unique<SandboxCommand>(); },
        [] { return std::make_unique<StatusCommand>(); },
        [] { return std::make_unique<IpCommand>(); },
        [] { return std::make_unique<LogsCommand>(); },
        [] { return std::make_unique<ApplyCommand>(); },
        [] { return std::make_unique<TeardownCommand>(); },
        [] { return std::make_unique<PushCommand>(); },
    };
}

} // namespace cli
