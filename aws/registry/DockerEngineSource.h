#pragma once
// A running Docker engine as an image source, through its Unix socket and
// the Engine API (no Docker CLI): `/_ping`, `/images/json` to list,
// `/images/{name}/get` to export a docker-archive, streamed to a temporary
// file that lives as long as the image's layers do.

#include "ImageSource.h"

#include <QObject>
#include <QProcessEnvironment>

namespace aws::registry {

class DockerEngineSource : public QObject {
    Q_OBJECT
public:
    explicit DockerEngineSource(QString socketPath, QObject *parent = nullptr);
    /// DOCKER_HOST=unix://PATH, else /var/run/docker.sock. A tcp:// host is
    /// not supported (an exposed engine without TLS is not something to use).
    static QString socketFromEnvironment(const QProcessEnvironment &env);
    QString socketPath() const { return m_socket; }

    void ping(std::function<void(const QString &error)> done);
    /// RepoTags of every image the engine holds.
    void listImages(std::function<void(const QStringList &names, const QString &error)> done);
    /// Exports `name` and reads it as a docker-archive.
    void exportImage(const QString &name, const QString &tempDir, std::function<void(SourceResult)> done);

private:
    QString noEngine(const QString &why) const;
    QString m_socket;
};

} // namespace aws::registry
