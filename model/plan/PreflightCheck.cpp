#include "PreflightCheck.h"

#include <QVariantMap>

namespace plan {

bool isValidFargateSize(int cpu, int mem)
{
    auto stepped = [mem](int lo, int hi, int step) {
        return mem >= lo && mem <= hi && (mem - lo) % step == 0;
    };
    switch (cpu) {
    case 256:
        return mem == 512 || mem == 1024 || mem == 2048;
    case 512:
        return stepped(1024, 4096, 1024);
    case 1024:
        return stepped(2048, 8192, 1024);
    case 2048:
        return stepped(4096, 16384, 1024);
    case 4096:
        return stepped(8192, 30720, 1024);
    case 8192:
        return stepped(16384, 61440, 4096);
    case 16384:
        return stepped(32768, 122880, 8192);
    default:
        return false;
    }
}

PreflightCheck checkFargateSize(int cpu, int memoryMiB)
{
    PreflightCheck c;
    c.id = QStringLiteral("fargate-size");
    c.passed = isValidFargateSize(cpu, memoryMiB);
    c.message =
        c.passed ? QStringLiteral("Fargate task size %1 CPU / %2 MiB is valid").arg(cpu).arg(memoryMiB)
                 : QStringLiteral("Fargate does not offer %1 CPU units with %2 MiB").arg(cpu).arg(memoryMiB);
    if (!c.passed) {
        // AWS would answer "ClientException: Invalid 'cpu' setting for task."
        c.fixSuggestion = QStringLiteral("Use 1024 CPU units with 2048 MiB (the practical's size)");
        c.fixActionId = QStringLiteral("set-fargate-size-1024-2048");
    }
    return c;
}

} // namespace plan

namespace plan {

bool allPassed(const QList<PreflightCheck> &checks)
{
    for (const PreflightCheck &c : checks)
        if (!c.passed)
            return false;
    return true;
}

QVariantList toVariantList(const QList<PreflightCheck> &checks)
{
    QVariantList out;
    for (const PreflightCheck &c : checks)
        out.append(QVariantMap{{QStringLiteral("id"), c.id},
                               {QStringLiteral("passed"), c.passed},
                               {QStringLiteral("message"), c.message},
                               {QStringLiteral("fixSuggestion"), c.fixSuggestion},
                               {QStringLiteral("fixActionId"), c.fixActionId},
                               {QStringLiteral("fixParams"), c.fixParams.toVariantMap()}});
    return out;
}

} // namespace plan
