#pragma once
// Helpers for in-process tests of the simulated account.

#include "SandboxAccount.h"
#include "SimClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

namespace simtest {

/// The output of a call that must succeed (fails the test otherwise).
inline QJsonObject ok(aws::sandbox::SandboxAccount &account, const QString &service, const QString &op,
                      const QJsonObject &params = {})
{
    const auto r = account.call(service, op, params);
    if (const auto *e = std::get_if<aws::AwsError>(&r)) {
        QTest::qFail(qPrintable(QStringLiteral("%1 %2 failed: %3 %4").arg(service, op, e->code, e->message)),
                     __FILE__, __LINE__);
        return {};
    }
    return std::get<QJsonObject>(r);
}

/// The error code of a call that must fail ("" when it succeeded).
inline QString errorCode(aws::sandbox::SandboxAccount &account, const QString &service, const QString &op,
                         const QJsonObject &params = {}, aws::AwsError *out = nullptr)
{
    const auto r = account.call(service, op, params);
    if (const auto *e = std::get_if<aws::AwsError>(&r)) {
        if (out)
            *out = *e;
        return e->code;
    }
    return {};
}

/// Moves the simulated clock on by `awsSeconds` of AWS time, ticking on the way.
inline void runFor(aws::sandbox::SandboxAccount &account, double awsSeconds, double stepAwsSeconds = 5)
{
    const double scale = account.clock().timeScale();
    for (double t = 0; t < awsSeconds; t += stepAwsSeconds) {
        account.clock().advance(stepAwsSeconds / scale);
        account.tick();
    }
}

} // namespace simtest
