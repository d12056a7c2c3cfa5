#include "TaskPageHost.h"

#include "HttpServer.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSandboxTasks, "dc.sandbox.tasks")

namespace aws::sandbox::server {

TaskPageHost::TaskPageHost(QObject *parent)
    : QObject(parent)
    , m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("task pages"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

TaskPageHost::~TaskPageHost()
{
    onListenerThread([this] {
        clearNow();
        delete m_context;
    });
    m_thread.quit();
    m_thread.wait();
}

void TaskPageHost::onListenerThread(const std::function<void()> &work) const
{
    QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
}

void TaskPageHost::add(const TaskAddress &address, const QString &image)
{
    onListenerThread([&] {
        removeNow(address.taskArn);
        QList<HttpServer *> servers;
        for (int port : address.ports) {
            // The page is written when asked for: 2,000 tasks' pages held
            // 4 MB that a class mostly never opens.
            auto *server = new HttpServer(
                [address, image, port](const RequestPtr &request, HttpResponder responder) {
                    HttpResponse r;
                    const QByteArray path = request->http.pathOnly();
                    if (path == "/health" || path == "/healthz") {
                        setHeader(r.headers, "Content-Type", "text/plain");
                        r.body = "ok\n";
                    } else {
                        setHeader(r.headers, "Content-Type", "text/html; charset=utf-8");
                        r.body = taskPageHtml(address, image, port);
                    }
                    responder.send(r);
                },
                m_context);
            QString error;
            if (!server->listen(QHostAddress(address.publicIp), quint16(port), &error)) {
                // Typical: a port below 1024 without root. The task still "runs".
                qCWarning(lcSandboxTasks).noquote()
                    << "cannot serve task" << address.taskId << "page on"
                    << address.publicIp + u':' + QString::number(port) << "-" << error;
                delete server;
                continue;
            }
            servers.append(server);
        }
        m_servers.insert(address.taskArn, servers);
    });
}

void TaskPageHost::remove(const QString &taskArn)
{
    onListenerThread([&] { removeNow(taskArn); });
}

void TaskPageHost::clear()
{
    onListenerThread([this] { clearNow(); });
}

void TaskPageHost::removeNow(const QString &taskArn)
{
    for (HttpServer *s : m_servers.take(taskArn))
        delete s;
}

void TaskPageHost::clearNow()
{
    for (const auto &servers : std::as_const(m_servers))
        qDeleteAll(servers);
    m_servers.clear();
}

QStringList TaskPageHost::listening() const
{
    QStringList out;
    onListenerThread([&] {
        for (const auto &servers : m_servers)
            for (const HttpServer *s : servers)
                out << s->address().toString() + u':' + QString::number(s->port());
    });
    return out;
}

QByteArray taskPageHtml(const TaskAddress &address, const QString &image, int port)
{
    const QString id = address.taskId.toHtmlEscaped();
    const QString title = QStringLiteral("TaskOverflow — sandbox task %1").arg(id);
    const bool taskOverflow = image.contains(u"taskoverflow", Qt::CaseInsensitive);
    QString body;
    if (taskOverflow) {
        body = QStringLiteral(
                   "<header><h1>TaskOverflow</h1><p class=sub>Your to-do list, served by a sandbox Fargate "
                   "task</p></header><ul class=todo><li>Create the security group</li><li>Create the RDS "
                   "database <code>todo</code></li><li>Push the image to ECR</li><li class=done>Run the "
                   "service on Fargate</li></ul><p class=meta>task <code>%1</code> · %2:%3 · image "
                   "<code>%4</code></p>")
                   .arg(id, address.publicIp, QString::number(port), image.toHtmlEscaped());
    } else {
        body =
            QStringLiteral("<h1>%1</h1><p>Container port %2 of this simulated task answers here.</p>"
                           "<p class=meta>%3:%2%4</p>")
                .arg(title, QString::number(port), address.publicIp,
                     image.isEmpty() ? QString()
                                     : QStringLiteral(" · image <code>%1</code>").arg(image.toHtmlEscaped()));
    }
    const QString html =
        QStringLiteral("<!doctype html><html lang=en><head><meta charset=utf-8><title>%1</title><style>"
                       "body{font-family:sans-serif;max-width:40em;margin:3em auto;color:#222}"
                       "h1{color:#d35400}.sub,.meta{color:#666}.todo li{margin:.4em 0}"
                       ".done{text-decoration:line-through}code{background:#f4f4f4;padding:0 .2em}"
                       "footer{margin-top:3em;font-size:.85em;color:#888}</style></head><body>%2"
                       "<footer>Sandbox — simulated AWS; nothing here exists in a real account.</footer>"
                       "</body></html>\n")
            .arg(title, body);
    return html.toUtf8();
}

} // namespace aws::sandbox::server
