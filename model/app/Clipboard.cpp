#include "Clipboard.h"

#include <QClipboard>
#include <QGuiApplication>

void copyToSystemClipboard(const QString &text)
{
    if (auto *app = qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        app->clipboard()->setText(text);
}
