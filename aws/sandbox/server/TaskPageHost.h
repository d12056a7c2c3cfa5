#pragma once
// A page on each running task's simulated public IP: one small HTTP listener
// per (127.x.y.z, container port), opened when the task gets its address and
// closed when it loses it. Linux routes all of 127.0.0.0/8 to loopback, so
// any such address can be bound without configuration.
//
// The listeners live on a thread of their own. Every listener is a socket the
// event loop polls on each pass; the `large` account's 2,000 of them on the
// API server's thread (or the app's GUI thread, with the in-process sandbox)
// made every API request wait — ListTasks took 230 ms instead of 2 ms.

#include "../SandboxAccount.h"

#include <QHash>
#include <QObject>
#include <QThread>
#include <functional>

namespace aws::sandbox::server {

class HttpServer;

class TaskPageHost : public QObject {
    Q_OBJECT
public:
    explicit TaskPageHost(QObject *parent = nullptr);
    ~TaskPageHost() override;

    /// Opens listeners for `address` (image: the first container's image, for
    /// the page); they accept connections when this returns.
    void add(const TaskAddress &address, const QString &image = {});
    void remove(const QString &taskArn);
    void clear();
    /// "ip:port" of every open listener.
    QStringList listening() const;

private:
    /// Runs `work` on the listeners' thread and waits for it: callers see each
    /// change done, and `m_servers` is only ever touched there.
    void onListenerThread(const std::function<void()> &work) const;
    void removeNow(const QString &taskArn);
    void clearNow();

    QThread m_thread;
    QObject *m_context; ///< lives on m_thread: where the listeners are created and run
    QHash<QString, QList<HttpServer *>> m_servers; ///< task ARN → listeners
};

/// The HTML a task page shows.
QByteArray taskPageHtml(const TaskAddress &address, const QString &image, int port);

} // namespace aws::sandbox::server
