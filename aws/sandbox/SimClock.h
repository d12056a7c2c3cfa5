#pragma once
// The sandbox's clock. Timestamps are real (wall) time, so that "created two
// minutes ago" reads true; lifecycles are sped up instead: an AWS duration of
// d seconds takes d / timeScale wall seconds. advance() jumps ahead (for
// scenarios that start "settled" and for tests).

#include <QDateTime>
#include <QElapsedTimer>

namespace aws::sandbox {

class SimClock {
public:
    explicit SimClock(double timeScale)
        : m_scale(timeScale > 0 ? timeScale : 1.0)
    {}

    /// Now, in epoch seconds (fractional).
    double now() const { return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0 + m_offset; }
    /// When something that takes `awsSeconds` at AWS, starting now, finishes here.
    double after(double awsSeconds) const { return now() + awsSeconds / m_scale; }
    double timeScale() const { return m_scale; }
    /// Moves the clock forward by `seconds` of wall time.
    void advance(double seconds) { m_offset += seconds; }
    double offset() const { return m_offset; }
    void setOffset(double offset) { m_offset = offset; }

private:
    double m_scale;
    double m_offset = 0;
};

} // namespace aws::sandbox
