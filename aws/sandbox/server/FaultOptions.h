#pragma once
// Faults the sandbox injects on demand, named after QGroundControl's MockLink
// failure modes (FailNone, …): one mode is chosen per request, deterministically
// from the seed and the request's position.

#include <QDateTime>
#include <QRandomGenerator>

namespace aws::sandbox::server {

enum class FailureMode {
    FailNone,
    FailThrottle,           ///< Throttling / ThrottlingException / RequestLimitExceeded
    FailInternalError,      ///< 500 InternalFailure (ec2: InternalError)
    FailServiceUnavailable, ///< 503 ServiceUnavailable (ec2: Unavailable)
    FailDropConnection,     ///< close the socket without an answer
    FailExpiredCredentials, ///< ExpiredToken / ExpiredTokenException
};

struct FaultOptions {
    double throttleRate = 0.0;       ///< 0..1 of API requests answered with throttling
    double serverErrorRate = 0.0;    ///< 0..1 of API requests answered 500 or 503 (half each)
    int latencyMs = 0;               ///< added before every answer (API and registry)
    int dropConnectionOnRequest = 0; ///< N > 0: the Nth request after setFaults() is dropped
    QDateTime credentialsExpireAt;   ///< valid: from then on every API call gets ExpiredToken
    quint32 seed = 1;                ///< makes the rates reproducible
};

/// Picks the failure mode for each request in turn.
class FaultInjector {
public:
    void setOptions(const FaultOptions &options);
    const FaultOptions &options() const { return m_options; }
    /// `api` = false for registry requests (only latency and drops apply there).
    FailureMode next(bool api, const QDateTime &now = QDateTime::currentDateTimeUtc());
    int requestCount() const { return m_count; }

private:
    FaultOptions m_options;
    QRandomGenerator m_random{1};
    int m_count = 0;
};

} // namespace aws::sandbox::server
