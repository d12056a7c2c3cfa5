#include "AppInfo.h"

QString AppInfo::version() const
{
    return QStringLiteral(DC_VERSION);
}
