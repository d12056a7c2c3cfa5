#include "DockerEngineSource.h"

#include "DockerArchiveSource.h"
#include "UnixHttpClient.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QUrl>

namespace aws::registry {

DockerEngineSource::DockerEngineSource(QString socketPath, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socketPath))
{}

QString DockerEngineSource::socketFromEnvironment(const QProcessEnvironment &env)
{
    const QString host = env.value(QStringLiteral("DOCKER_HOST"));
    if (host.startsWith(QLatin1String("unix://")))
        return host.mid(7);
    return QStringLiteral("/var/run/docker.sock");
}

QString DockerEngineSource::noEngine(const QString &why) const
{
    return QStringLiteral("no Docker engine answers at %1 (%2). Push from a file instead: a `docker save` "
                          "tarball, an OCI layout directory or an OCI archive.")
        .arg(m_socket, why);
}

void DockerEngineSource::ping(std::function<void(const QString &)> done)
{
    auto *http = new UnixHttpClient(m_socket, this);
    http->get("/_ping", nullptr, [this, http, done](const UnixHttpResponse &r) {
        http->deleteLater();
        if (!r.error.isEmpty())
            done(noEngine(r.error));
        else if (r.status != 200)
            done(noEngine(QStringLiteral("it answered HTTP %1 to /_ping").arg(r.status)));
        else
            done({});
    });
}

void DockerEngineSource::listImages(std::function<void(const QStringList &, const QString &)> done)
{
    auto *http = new UnixHttpClient(m_socket, this);
    http->get("/images/json", nullptr, [this, http, done](const UnixHttpResponse &r) {
        http->deleteLater();
        if (!r.error.isEmpty() || r.status != 200) {
            done({}, noEngine(r.error.isEmpty() ? QStringLiteral("HTTP %1").arg(r.status) : r.error));
            return;
        }
        QStringList names;
        for (const QJsonValue &img : QJsonDocument::fromJson(r.body).array())
            for (const QJsonValue &t : img.toObject().value(QStringLiteral("RepoTags")).toArray())
                if (t.toString() != QLatin1String("<none>:<none>"))
                    names << t.toString();
        done(names, {});
    });
}

void DockerEngineSource::exportImage(const QString &name, const QString &tempDir,
                                     std::function<void(SourceResult)> done)
{
    ping([this, name, tempDir, done](const QString &error) {
        if (!error.isEmpty()) {
            done(SourceResult::fail(error));
            return;
        }
        auto file = std::make_shared<QTemporaryFile>(QDir(tempDir.isEmpty() ? QDir::tempPath() : tempDir)
                                                         .filePath(QStringLiteral("dc-engine-XXXXXX.tar")));
        if (!file->open()) {
            done(SourceResult::fail(
                QStringLiteral("cannot write a temporary file: %1").arg(file->errorString())));
            return;
        }
        auto *http = new UnixHttpClient(m_socket, this);
        const QByteArray path = "/images/" + QUrl::toPercentEncoding(name) + "/get";
        http->get(path, file.get(), [http, file, name, done](const UnixHttpResponse &r) {
            http->deleteLater();
            if (!r.error.isEmpty()) {
                done(SourceResult::fail(
                    QStringLiteral("exporting %1 from the Docker engine failed: %2").arg(name, r.error)));
                return;
            }
            if (r.status != 200) {
                const QString msg =
                    QJsonDocument::fromJson(r.body).object().value(QStringLiteral("message")).toString();
                done(SourceResult::fail(
                    QStringLiteral("the Docker engine cannot export %1: %2")
                        .arg(name, msg.isEmpty() ? QStringLiteral("HTTP %1").arg(r.status) : msg)));
                return;
            }
            file->flush();
            SourceResult result = DockerArchiveSource::load(file->fileName(), name);
            if (!result.ok() && result.error.contains(QLatin1String("has no image called"))) {
                // An export by id or digest carries no matching RepoTag: take its only image.
                result = DockerArchiveSource::load(file->fileName());
            }
            if (result.ok())
                for (SourceLayer &l : result.image->layers)
                    l.open = [inner = l.open, file]() { return inner(); }; // the file lives while layers do
            done(std::move(result));
        });
    });
}

} // namespace aws::registry
