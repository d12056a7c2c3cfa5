#pragma once
// Runs a push to the test registry on the event loop (bounded wait on the
// finished signal) and checks a pushed image with skopeo, independently of
// our client: config digest and every layer's diff id.

#include "PushEngine.h"
#include "RegistryClient.h"

#include <QNetworkAccessManager>
#include <QStringList>

namespace testsupport {

struct PushRun {
    aws::registry::PushResult result;
    QList<QByteArray> requests; ///< "METHOD path" of every request sent
    qint64 wireBytes = 0;       ///< request body bytes handed to the network
    QByteArray manifest;
    int maxLayerProgressEvents = 0;
};

/// Pushes `image` through `registryUrl` with user/pass credentials.
PushRun runPush(const QString &registryUrl, aws::registry::SourceImage image,
                aws::registry::PushOptions options, const QString &user = QStringLiteral("user"),
                const QString &password = QStringLiteral("pass"),
                std::function<void(aws::registry::PushEngine *)> during = {});

/// What skopeo sees at docker://hostPort/repo:tag: the config digest and
/// the diff ids of the layers it pulls (decompressed and hashed here), or
/// an error in `error`.
struct PulledImage {
    QString configDigest;
    QStringList diffIds;
    QString manifestDigest;
    QString error;
};
PulledImage pullWithSkopeo(const QString &hostPort, const QString &repoTag, const QString &workDir);

} // namespace testsupport
