#include "FaultOptions.h"

namespace aws::sandbox::server {

void FaultInjector::setOptions(const FaultOptions &options)
{
    m_options = options;
    m_random.seed(options.seed);
    m_count = 0; // "the Nth request" counts from here, so tests can arm a drop mid-run
}

FailureMode FaultInjector::next(bool api, const QDateTime &now)
{
    ++m_count;
    // Draw both numbers for every request so one rate's change does not shift
    // the other's sequence.
    const double throttleDraw = m_random.generateDouble();
    const double errorDraw = m_random.generateDouble();
    if (m_options.dropConnectionOnRequest > 0 && m_count == m_options.dropConnectionOnRequest)
        return FailureMode::FailDropConnection;
    if (!api)
        return FailureMode::FailNone;
    if (m_options.credentialsExpireAt.isValid() && now >= m_options.credentialsExpireAt)
        return FailureMode::FailExpiredCredentials;
    if (throttleDraw < m_options.throttleRate)
        return FailureMode::FailThrottle;
    if (errorDraw < m_options.serverErrorRate)
        return errorDraw < m_options.serverErrorRate / 2 ? FailureMode::FailInternalError
                                                         : FailureMode::FailServiceUnavailable;
    return FailureMode::FailNone;
}

} // namespace aws::sandbox::server
