#pragma once
// Ctrl-C and SIGTERM for commands that must stop cleanly (deployctl push
// cancels its uploads, deployctl sandbox saves its state): the signal reaches
// the event loop through a socket pair — write() is the one safe thing a
// signal handler can do — and `then` runs there once. A second signal while
// that runs ends the process the default way, so a stuck clean-up can still
// be interrupted.

#include <QObject>
#include <functional>

namespace cli {

/// Installs the handlers; `then` runs in `context`'s thread, once.
void onStopSignal(QObject *context, std::function<void()> then);

} // namespace cli
