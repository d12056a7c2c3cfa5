#pragma once
// What a simulated service works with during one call or tick: the state,
// the clock, the account's identity, and the shared helpers every service
// needs (ids, ARNs, errors, pagination, tags).

#include "../SandboxAccount.h"
#include "../SimClock.h"
#include "SimState.h"

#include <QJsonArray>
#include <functional>

namespace aws::sandbox {

struct SimContext {
    SimState &state;
    SimClock &clock;
    const SandboxAccount::Options &options;
    /// Reports a task's public address appearing (true) or going away.
    std::function<void(const TaskAddress &, bool)> addressChanged;

    double now() const { return clock.now(); }
    /// When an AWS duration of `awsSeconds` that starts now ends.
    double after(double awsSeconds) const { return clock.after(awsSeconds); }
    const QString &accountId() const { return options.accountId; }
    const QString &region() const { return options.region; }

    /// `length` lower-case hex digits, unique in this account and the same
    /// sequence on every run (tests and screenshots stay stable).
    QString hexId(int length);
    /// "arn:aws:<service>:<region>:<account>:<resource>" (region empty for IAM).
    QString arn(const QString &service, const QString &resource, bool regional = true) const;
    /// A simulated public address: 127.x.y.z (x ≥ 16), unique among live tasks.
    QString newPublicIp();
    QString newPrivateIp(const QString &subnetCidr);
};

// ---- errors ----
/// A client (4xx, "Sender") error with the service's code.
AwsError clientError(const QString &code, const QString &message, int status = 400);
/// A server (5xx, "Receiver") error.
AwsError serverError(const QString &code, const QString &message, int status = 500);

// ---- pagination ----
/// One page of `items`: honours `maxResults` (0: all, capped by `cap`) and an
/// opaque `token` from a previous page. On a token we did not issue, returns
/// the error `badTokenError`.
struct Page {
    QJsonArray items;
    QString nextToken; ///< empty on the last page
};
std::variant<Page, AwsError> paginate(const QJsonArray &items, int maxResults, const QString &token,
                                      int defaultSize, const AwsError &badTokenError);

// ---- tags ----
/// [{Key,Value}] or [{key,value}] lists merged (later wins) and removed.
QJsonArray mergeTags(const QJsonArray &existing, const QJsonArray &added, const QString &keyName,
                     const QString &valueName);
/// The rule every service shares: no key may start with "aws:".
std::optional<AwsError> checkTagKeys(const QJsonArray &tags, const QString &keyName, const QString &code);

} // namespace aws::sandbox
