#pragma once
#include <QCoreApplication>
namespace cli {
int run(QCoreApplication &app);
}
