#pragma once
// Waits for a service's running task to have a public IP: asks the
// inventory until the task's address is ready (a task can be RUNNING before
// its ENI's public IP is attached). Used after a plan creates a service, by
// the window and by `deployctl apply`.

#include <QObject>
#include <QString>
#include <functional>

namespace aws {
class AwsClient;
}

/// `done(ip, urls, "")` with the address and its http://IP:PORT per port
/// mapping, or `done("", {}, why)` after `attempts`
/// tries `intervalMs` apart; runs in `context`.
void findTaskAddress(
    aws::AwsClient *client, QObject *context, const QString &cluster, const QString &service, int attempts,
    int intervalMs, std::function<void(const QString &ip, const QStringList &urls, const QString &why)> done);
