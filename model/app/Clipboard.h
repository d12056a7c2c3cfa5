#pragma once
// The system clipboard for the models' "Copy" actions (QML has no clipboard
// API). Does nothing without a GUI application (deployctl, model tests).

#include <QString>

void copyToSystemClipboard(const QString &text);
