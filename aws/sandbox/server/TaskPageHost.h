#pragma once
// A page on each running task's simulated public IP: one small HTTP listener
// per (127.x.y.z, container port), opened when the task gets its address and
// closed when it loses it. Linux routes all of 127.0.0.0/8 to loopback, so
// any such address can be bound without configuration.

#include "../SandboxAccount.h"

#include <QHash>
#include <QObject>

namespace aws::sandbox::server {

class HttpServer;

class TaskPageHost : public QObject {
    Q_OBJECT
public:
    explicit TaskPageHost(QObject *parent = nullptr);
    ~TaskPageHost() override;

    /// Opens listeners for `address` (image: the first container's image, for the page).
    void add(const TaskAddress &address, const QString &image = {});
    void remove(const QString &taskArn);
    void clear();
    /// "ip:port" of every open listener.
    QStringList listening() const;

private:
    QHash<QString, QList<HttpServer *>> m_servers; ///< task ARN → listeners
};

/// The HTML a task page shows.
QByteArray taskPageHtml(const TaskAddress &address, const QString &image, int port);

} // namespace aws::sandbox::server
