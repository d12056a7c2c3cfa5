#pragma once
// --screenshot: a picture of the window once the account has been read and
// drawn. A fixed delay would catch the large account half-read on a slow
// machine, and waste seconds on the empty one; benchmarks measure the memory
// of the app at exactly this point.

#include <QString>

class LiveAccount;
class QQuickWindow;

/// Saves `window` to `file` after the first snapshot of `live` has been shown
/// (or after `limitMs`, with a warning), then quits with 0, or 1 when saving failed.
void saveScreenshotWhenLoaded(QQuickWindow *window, LiveAccount *live, const QString &file,
                              int limitMs = 60000);
