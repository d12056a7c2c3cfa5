#include "RenderingChoice.h"

#include <QDir>
#include <QQuickWindow>
#include <QSGRendererInterface>

QString chooseRenderingBackend()
{
    if (qEnvironmentVariableIsSet("QT_QUICK_BACKEND") || qEnvironmentVariableIsSet("QSG_RHI_BACKEND"))
        return {};
    // No GPU render node: Mesa would rasterize OpenGL in software. Asking the
    // driver itself would load it (tens of MB) just to hear "llvmpipe".
    const bool gpu =
        !QDir(QStringLiteral("/dev/dri")).entryList({QStringLiteral("renderD*")}, QDir::System).isEmpty();
    if (gpu)
        return QStringLiteral("opengl");
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    return QStringLiteral("software");
}
