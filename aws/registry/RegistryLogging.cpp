#include "RegistryLogging.h"

Q_LOGGING_CATEGORY(lcRegistry, "dc.registry", QtWarningMsg)
