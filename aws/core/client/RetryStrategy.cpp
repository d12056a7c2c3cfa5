#include "RetryStrategy.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace aws {

RetryStrategy::RetryStrategy()
    : RetryStrategy(Options{})
{}

RetryStrategy::RetryStrategy(const Options &options, std::function<double()> random)
    : m_options(options)
    , m_random(random ? std::move(random) : [] { return QRandomGenerator::global()->generateDouble(); })
    , m_quota(options.initialQuota)
{}

bool RetryStrategy::shouldRetry(const AwsError &error, int attempt)
{
    if (attempt >= m_options.maxAttempts)
        return false;
    if (error.kind == ErrorKind::Validation || error.kind == ErrorKind::Credentials)
        return false;
    if (error.retry == RetryClass::None)
        return false;
    const bool timeout = error.kind == ErrorKind::Network;
    const int cost = timeout ? m_options.timeoutRetryCost : m_options.retryCost;
    QMutexLocker lock(&m_mutex);
    if (m_quota < cost)
        return false; // quota exhausted: fail fast instead of piling on
    m_quota -= cost;
    return true;
}

int RetryStrategy::delayMs(const AwsError &error, int attempt) const
{
    const double base = error.retry == RetryClass::Throttling ? m_options.throttlingBaseDelaySeconds
                                                              : m_options.baseDelaySeconds;
    const double exp = base * std::pow(2.0, attempt - 1);
    const double seconds = std::min(m_random() * exp, m_options.maxBackoffSeconds);
    return static_cast<int>(std::lround(seconds * 1000.0));
}

void RetryStrategy::onSuccess(bool wasRetry)
{
    QMutexLocker lock(&m_mutex);
    m_quota = std::min(m_options.initialQuota,
                       m_quota + (wasRetry ? m_options.retryCost : m_options.noRetryIncrement));
}

int RetryStrategy::quota() const
{
    QMutexLocker lock(&m_mutex);
    return m_quota;
}

} // namespace aws
