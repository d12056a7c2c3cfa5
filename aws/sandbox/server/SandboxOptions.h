#pragma once
// How a SandboxServer starts: what `deployctl sandbox` flags and the app set.

#include "../../core/sigv4/Credentials.h"
#include "FaultOptions.h"

#include <QString>
#include <optional>

namespace aws::sandbox::server {

struct SandboxOptions {
    quint16 port = 0; ///< 0 = ephemeral (always 127.0.0.1)
    QString scenario = QStringLiteral("empty");
    double timeScale = 24.0; ///< simulated seconds per wall second
    QString region = QStringLiteral("us-east-1");
    QString stateFile; ///< loaded at start when it exists, saved on change and stop
    FaultOptions faults;
    std::optional<Credentials> credentials; ///< fixed credentials; random per run otherwise
    int tickIntervalMs = 250;               ///< how often the simulated clock moves lifecycles on
    int saveDebounceMs = 1000;              ///< state file writes are coalesced over this
    bool serveTaskPages = true;             ///< listen on each running task's 127.x address
};

} // namespace aws::sandbox::server
