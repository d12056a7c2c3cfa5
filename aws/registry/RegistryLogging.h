#pragma once
// Logging category of the registry client: method and path only, never a
// header (Authorization carries the registry token).

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRegistry)
