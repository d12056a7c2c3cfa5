#pragma once
// Injected time, so signing, retries and expiry are testable without waiting.

#include <QDateTime>
#include <functional>

namespace aws {

struct Clock {
    std::function<QDateTime()> now = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace aws
