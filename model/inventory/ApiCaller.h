#pragma once
// How the inventory reaches AWS: one function, so the engine runs against the
// real client in the product and against an in-process fake in unit tests.

#include "AwsClient.h"

#include <functional>

namespace inventory {

struct ApiCaller {
    using Done = std::function<void(const aws::Outcome &)>;
    /// Sends one call (or, with `paginate`, follows the paginator to the end);
    /// `done` runs in `context`'s thread unless `context` died.
    std::function<void(const QString &service, const QString &operation, const QJsonObject &params,
                       bool paginate, QObject *context, Done done)>
        send;

    static ApiCaller forClient(aws::AwsClient *client)
    {
        return {[client](const QString &s, const QString &o, const QJsonObject &p, bool paginate,
                         QObject *ctx, Done done) {
            if (paginate)
                client->paginate(s, o, p, ctx, std::move(done));
            else
                client->call(s, o, p, ctx, std::move(done));
        }};
    }
};

/// A single-shot timer the engine's polling uses; tests inject a manual one.
class PollTimer {
public:
    virtual ~PollTimer() = default;
    virtual void start(int ms, std::function<void()> fire) = 0;
    virtual void stop() = 0;
};

} // namespace inventory
