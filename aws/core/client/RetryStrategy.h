#pragma once
// The SDKs' "standard" retry mode: up to 3 attempts, exponential backoff with
// full jitter capped at 20 s, a shared retry quota (500 tokens; a retry costs
// 5, a timeout 10; a success refunds), retrying throttling, transient and
// clock-skew errors only.

#include "../error/AwsError.h"

#include <QMutex>
#include <functional>

namespace aws {

class RetryStrategy {
public:
    struct Options {
        int maxAttempts = 3;
        double baseDelaySeconds = 1.0; ///< SDK default for non-throttling
        double throttlingBaseDelaySeconds = 1.0;
        double maxBackoffSeconds = 20.0;
        int initialQuota = 500;
        int retryCost = 5;
        int timeoutRetryCost = 10;
        int noRetryIncrement = 1;
    };

    RetryStrategy();
    explicit RetryStrategy(const Options &options, std::function<double()> random = {});

    /// Whether attempt number `attempt` (1-based, the one that just failed
    /// with `error`) should be retried. Takes quota when it says yes.
    bool shouldRetry(const AwsError &error, int attempt);
    /// Delay before attempt `attempt + 1`, in milliseconds.
    int delayMs(const AwsError &error, int attempt) const;
    /// Called when an attempt succeeds (refunds quota).
    void onSuccess(bool wasRetry);

    int quota() const;
    const Options &options() const { return m_options; }

private:
    Options m_options;
    std::function<double()> m_random;
    mutable QMutex m_mutex;
    int m_quota;
};

} // namespace aws
