#pragma once
// One push of an image into an ECR repository, as the Images area shows it:
// the source (a docker-archive or OCI archive file, an OCI layout folder, or
// an image in a local Docker engine), the repository (created on the way
// when it does not exist) and the tag, each checked as typed; the layers
// with their sizes; progress per layer and overall (bytes, rate, time left);
// cancel; and at the end the image URI and digest, one click away from the
// task definition wizard. The registry work is aws/registry's PushEngine.

#include "EcrLayerModel.h"
#include "ImageSource.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QtQml/qqmlregistration.h>
#include <optional>

class QNetworkAccessManager;
namespace aws {
class AwsClient;
}
namespace aws::registry {
class PushEngine;
class RegistryClient;
class DockerEngineSource;
struct PushResult;
} // namespace aws::registry

class EcrPushJob : public QObject {
    Q_OBJECT
    QML_ELEMENT
    // --- the source
    /// "file" (a tarball or an OCI layout folder) or "engine" (a Docker engine).
    Q_PROPERTY(QString sourceKind READ sourceKind WRITE setSourceKind NOTIFY sourceChanged)
    /// The file or folder to read, as typed or chosen.
    Q_PROPERTY(QString sourcePath READ sourcePath WRITE setSourcePath NOTIFY sourceChanged)
    /// Images held by a multi-image `docker save` tarball (pick one); empty otherwise.
    Q_PROPERTY(QStringList sourceImages READ sourceImages NOTIFY sourceChanged)
    Q_PROPERTY(QString sourceImage READ sourceImage WRITE setSourceImage NOTIFY sourceChanged)
    /// "checking", "ready" or "absent".
    Q_PROPERTY(QString engineState READ engineState NOTIFY engineChanged)
    /// "Docker engine at /var/run/docker.sock: 4 images" or why there is none and what to do.
    Q_PROPERTY(QString engineText READ engineText NOTIFY engineChanged)
    Q_PROPERTY(QStringList engineImages READ engineImages NOTIFY engineChanged)
    Q_PROPERTY(QString engineImage READ engineImage WRITE setEngineImage NOTIFY sourceChanged)
    /// "none", "loading", "ready" or "error".
    Q_PROPERTY(QString sourceState READ sourceState NOTIFY sourceStateChanged)
    /// Why the source cannot be pushed, with what to choose instead; "" when fine.
    Q_PROPERTY(QString sourceError READ sourceError NOTIFY sourceStateChanged)
    /// "demo:latest · linux/amd64 · 3 layers · 1.2 MB · Docker image"
    Q_PROPERTY(QString sourceSummary READ sourceSummary NOTIFY sourceStateChanged)
    /// Set when the image will not run on Fargate (named architecture).
    Q_PROPERTY(QString architectureWarning READ architectureWarning NOTIFY sourceStateChanged)
    Q_PROPERTY(EcrLayerModel *layers READ layers CONSTANT)
    // --- where it goes
    Q_PROPERTY(QString repository READ repository WRITE setRepository NOTIFY targetChanged)
    Q_PROPERTY(QString repositoryError READ repositoryError NOTIFY targetChanged)
    Q_PROPERTY(QString repositoryRule READ repositoryRule CONSTANT)
    /// "web exists: the image goes into it …" / "web does not exist yet: Push creates it first …".
    Q_PROPERTY(QString repositoryNote READ repositoryNote NOTIFY targetChanged)
    /// The account's repository names (for the picker).
    Q_PROPERTY(QStringList knownRepositories READ knownRepositories NOTIFY targetChanged)
    Q_PROPERTY(QString tag READ tag WRITE setTag NOTIFY targetChanged)
    Q_PROPERTY(QString tagError READ tagError NOTIFY targetChanged)
    Q_PROPERTY(QString tagRule READ tagRule CONSTANT)
    /// The URI the image will have (or has): "<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>".
    Q_PROPERTY(QString targetUri READ targetUri NOTIFY targetChanged)
    // --- the push
    /// "idle", "pushing", "done", "failed" or "cancelled".
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    /// One line on what is happening or happened.
    Q_PROPERTY(QString stateText READ stateText NOTIFY stateChanged)
    Q_PROPERTY(bool canPush READ canPush NOTIFY canPushChanged)
    /// What is missing before Push is possible ("" when it is).
    Q_PROPERTY(QString attention READ attention NOTIFY canPushChanged)
    /// 0…1 over the bytes that must be sent.
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    /// "12.3 MB of 50.0 MB · 4.1 MB/s · about 9 s left"
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    /// After a push: the image URI with its tag, and the manifest digest.
    Q_PROPERTY(QString imageUri READ imageUri NOTIFY stateChanged)
    Q_PROPERTY(QString digest READ digest NOTIFY stateChanged)
    /// The failure in plain words with what to do; "" when none.
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
public:
    explicit EcrPushJob(QObject *parent = nullptr);
    ~EcrPushJob() override;

    /// Sets the path from a file dialog's URL and reads the image.
    Q_INVOKABLE void chooseFile(const QUrl &url);
    /// Reads the chosen source (file or engine image) and lists its layers.
    Q_INVOKABLE void loadSource();
    /// Asks the Docker engine again whether it is there and what it holds.
    Q_INVOKABLE void refreshEngine();
    Q_INVOKABLE void start();
    Q_INVOKABLE void cancel();
    /// Back to choosing, keeping source, repository and tag.
    Q_INVOKABLE void pushAnother();
    Q_INVOKABLE void copyToClipboard(const QString &text) const;
    /// Hands the pushed image's URI to the task definition wizard.
    Q_INVOKABLE void useInTaskDefinition();

    QString sourceKind() const { return m_sourceKind; }
    void setSourceKind(const QString &kind);
    QString sourcePath() const { return m_sourcePath; }
    void setSourcePath(const QString &path);
    QStringList sourceImages() const { return m_sourceImages; }
    QString sourceImage() const { return m_sourceImage; }
    void setSourceImage(const QString &name);
    QString engineState() const { return m_engineState; }
    QString engineText() const { return m_engineText; }
    QStringList engineImages() const { return m_engineImages; }
    QString engineImage() const { return m_engineImage; }
    void setEngineImage(const QString &name);
    QString sourceState() const { return m_sourceState; }
    QString sourceError() const { return m_sourceError; }
    QString sourceSummary() const;
    QString architectureWarning() const;
    EcrLayerModel *layers() const { return m_layers; }

    QString repository() const { return m_repository; }
    void setRepository(const QString &name);
    QString repositoryError() const;
    QString repositoryRule() const;
    QString repositoryNote() const;
    QStringList knownRepositories() const;
    /// The account's repositories (name → URI), from the repository list.
    void setKnownRepositories(const QHash<QString, QString> &uris);
    QString tag() const { return m_tag; }
    void setTag(const QString &tag);
    QString tagError() const;
    QString tagRule() const;
    QString targetUri() const;

    QString state() const { return m_state; }
    QString stateText() const { return m_stateText; }
    bool canPush() const;
    QString attention() const;
    double progress() const;
    QString progressText() const;
    QString imageUri() const { return m_imageUri; }
    QString digest() const { return m_digest; }
    QString error() const { return m_error; }

    /// Where the Docker engine is looked for (DOCKER_HOST or /var/run/docker.sock).
    QString engineSocket() const { return m_engineSocket; }
    void setEngineSocket(const QString &path);

signals:
    void sourceChanged();
    void engineChanged();
    void sourceStateChanged();
    void targetChanged();
    void stateChanged();
    void canPushChanged();
    void progressChanged();
    /// The image is in `repository` (the list should show it).
    void pushed(const QString &repository);
    /// "Use in task definition": the task definition wizard takes `uri`.
    void useImageRequested(const QString &uri);

private:
    aws::AwsClient *client() const;
    void onClientChanged();
    void setSourceState(const QString &state, const QString &error = {});
    void applySource(aws::registry::SourceResult result);
    void setState(const QString &state, const QString &text);
    void fail(const QString &error);
    void createRepositoryThenPush(int run);
    void authorizeThenPush(int run);
    void runEngine(int run, const QUrl &registry);
    void onLayerProgress(int index, qint64 done, qint64 total);
    void onProgress(qint64 done, qint64 total);
    void onFinished(const aws::registry::PushResult &result);
    void dropEngine();

    EcrLayerModel *m_layers;
    QString m_sourceKind = QStringLiteral("file");
    QString m_sourcePath;
    QStringList m_sourceImages;
    QString m_sourceImage;
    QString m_engineSocket;
    QString m_engineState = QStringLiteral("checking");
    QString m_engineText;
    QStringList m_engineImages;
    QString m_engineImage;
    aws::registry::DockerEngineSource *m_engineSource = nullptr;
    int m_load = 0; ///< numbers source reads, so a stale one is dropped
    QString m_sourceState = QStringLiteral("none");
    QString m_sourceError;
    std::optional<aws::registry::SourceImage> m_image;

    QString m_repository;
    QString m_tag = QStringLiteral("latest");
    QHash<QString, QString> m_knownUris;

    QPointer<aws::AwsClient> m_client; ///< the account the push runs against
    int m_run = 0;                     ///< numbers pushes, so a cancelled one's answers are dropped
    QString m_state = QStringLiteral("idle");
    QString m_stateText;
    QString m_error;
    QString m_imageUri;
    QString m_digest;
    QString m_pushedRepository;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<aws::registry::RegistryClient> m_registry;
    QPointer<aws::registry::PushEngine> m_engine;
    qint64 m_done = 0;
    qint64 m_total = 0;
    QElapsedTimer m_clock;
    QList<QPair<qint64, qint64>> m_samples; ///< (ms, bytes) over the last seconds, for the rate
};
