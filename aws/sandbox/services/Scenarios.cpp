#include "Scenarios.h"
namespace aws::sandbox {
void seedBaseAccount(SimContext &) {}
bool buildScenario(SandboxAccount &, const QString &, QString *) { return true; }
QStringList scenarioList() { return {QStringLiteral("empty"), QStringLiteral("taskoverflow"), QStringLiteral("large")}; }
}
