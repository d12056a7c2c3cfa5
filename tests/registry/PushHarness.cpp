#include "PushHarness.h"

#include "TestImages.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace aws::registry;

namespace testsupport {

PushRun runPush(const QString &registryUrl, SourceImage image, PushOptions options, const QString &user,
                const QString &password, std::function<void(PushEngine *)> during)
{
    PushRun run;
    QNetworkAccessManager nam;
    RegistryClient client(QUrl(registryUrl), &nam);
    client.setCredentialsProvider([user, password](auto done) {
        done(RegistryCredentials{user, password, {}}, {});
    });
    QObject::connect(&client, &RegistryClient::requestSent,
                     [&run](const QByteArray &method, const QString &path) {
                         run.requests << method + ' ' + path.toUtf8();
                     });
    PushEngine engine(&client, std::move(image), std::move(options));
    QObject::connect(&engine, &PushEngine::layerProgress,
                     [&run](int, qint64, qint64) { ++run.maxLayerProgressEvents; });
    if (during)
        during(&engine);
    QSignalSpy finished(&engine, &PushEngine::finished);
    engine.start();
    if (!finished.wait(240000)) {
        run.result.error = QStringLiteral("the push did not finish in time");
        return run;
    }
    run.result = engine.result();
    run.manifest = engine.manifest();
    run.wireBytes = client.bytesSent();
    return run;
}

PulledImage pullWithSkopeo(const QString &hostPort, const QString &repoTag, const QString &workDir)
{
    PulledImage out;
    const QString dir = workDir + QStringLiteral("/pulled");
    QDir(dir).removeRecursively();
    const QString ref = QStringLiteral("docker://%1/%2").arg(hostPort, repoTag);
    runTool(QStringLiteral("skopeo"),
            {QStringLiteral("copy"), QStringLiteral("--src-creds"), QStringLiteral("user:pass"),
             QStringLiteral("--src-tls-verify=false"), ref, QStringLiteral("dir:") + dir},
            &out.error);
    if (!out.error.isEmpty())
        return out;
    QFile m(dir + QStringLiteral("/manifest.json"));
    if (!m.open(QIODevice::ReadOnly)) {
        out.error = QStringLiteral("skopeo wrote no manifest");
        return out;
    }
    const QByteArray raw = m.readAll();
    out.manifestDigest =
        QStringLiteral("sha256:") +
        QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex());
    const QJsonObject manifest = QJsonDocument::fromJson(raw).object();
    out.configDigest =
        manifest.value(QStringLiteral("config")).toObject().value(QStringLiteral("digest")).toString();
    for (const QJsonValue &l : manifest.value(QStringLiteral("layers")).toArray()) {
        const QString file = dir + u'/' + l.toObject().value(QStringLiteral("digest")).toString().mid(7);
        const bool gz =
            l.toObject().value(QStringLiteral("mediaType")).toString().contains(QLatin1String("gzip"));
        const QByteArray sum =
            runTool(QStringLiteral("sh"),
                    {QStringLiteral("-c"),
                     (gz ? QStringLiteral("gzip -dc '%1' | sha256sum") : QStringLiteral("sha256sum < '%1'"))
                         .arg(file)},
                    &out.error);
        if (!out.error.isEmpty())
            return out;
        out.diffIds << QStringLiteral("sha256:") + QString::fromLatin1(sum.left(64));
    }
    return out;
}

} // namespace testsupport
