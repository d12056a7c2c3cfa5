#pragma once
// Pushes one SourceImage to one repository: first asks the registry (HEAD)
// for every layer whose blob digest is known without reading it (stored
// layers; compressed ones through the digest cache), then prepares the
// layers it lacks on the worker pool (verify, compress, hash — all before a
// byte is uploaded), then uploads several layers at once (HEAD to skip, mount when known,
// monolithic PUT with a chunked fallback), retrying a layer on a dropped
// connection or 5xx with back-off, then the config and the manifest for
// each tag, and reads the manifest back to compare digests.

#include "ImageSource.h"
#include "LayerPreparer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <atomic>

namespace aws::registry {

class RegistryClient;

struct PushOptions {
    QString repository;
    QStringList tags{QStringLiteral("latest")};
    bool compress = true;
    int parallelUploads = 3;
    int maxAttempts = 5;
    int backoffBaseMs = 200;
    QString tempDir;           ///< for compressed layers; default: the system's
    QString mountFrom;         ///< a repository of the same registry that may hold the blobs
    bool forceChunked = false; ///< chunked upload even where monolithic works (tests)
    /// diff_id → compressed digest cache (DigestCache); empty: none.
    QString digestCachePath;
};

struct PushResult {
    bool ok = false;
    bool cancelled = false;
    QString error;
    QString manifestDigest;
    QString manifestMediaType;
    qint64 bytesUploaded = 0; ///< layer and config bytes actually sent
    int layersUploaded = 0;
    int layersSkipped = 0; ///< already in the registry
    int layersMounted = 0;
    int retries = 0;
    int layersPrepared = 0;   ///< read, verified (and compressed) here; the rest were in the registry
    qint64 bytesPrepared = 0; ///< source bytes of those layers
    qint64 bytesToSend = 0;   ///< what they became (compressed size)
    qint64 prepareMs = 0;     ///< wall time from the first layer read to the last prepared
};

class PushEngine : public QObject {
    Q_OBJECT
public:
    enum class LayerState {
        Waiting,
        Preparing,
        Checking,
        Uploading,
        Retrying,
        Done,
        Skipped,
        Mounted,
        Failed
    };
    Q_ENUM(LayerState)
    /// "waiting", "preparing", …, "done", "skipped", "mounted", "failed": the state's name in lower case.
    static QString stateName(LayerState state);

    PushEngine(RegistryClient *client, SourceImage image, PushOptions options, QObject *parent = nullptr);
    ~PushEngine() override;

    void start();
    void cancel();
    const SourceImage &image() const { return m_image; }
    const PushResult &result() const { return m_result; }
    /// The manifest that was pushed (after finished()).
    const QByteArray &manifest() const { return m_manifest; }
    /// Where layer `index` stands (after a cancel: Done/Skipped/Mounted are in the registry).
    LayerState layerState(int index) const { return m_slots.at(index).state; }
    /// Tags whose manifest the registry accepted so far (in PushOptions::tags order).
    int tagsPushed() const { return m_tagIndex; }

signals:
    void layerStateChanged(int index, aws::registry::PushEngine::LayerState state);
    /// Bytes of one layer sent (or prepared, while Preparing) of its total.
    void layerProgress(int index, qint64 done, qint64 total);
    /// Upload progress over all layers that must be sent.
    void progress(qint64 done, qint64 total);
    void message(const QString &line);
    void finished(const aws::registry::PushResult &result);

private:
    struct Slot {
        PreparedLayer prepared;
        LayerState state = LayerState::Waiting;
        int attempts = 0;
        qint64 sent = 0;
        bool skipped = false; ///< found in the registry before preparing
    };
    bool setUpConfig();
    void pumpChecks();
    void prepareAll();
    void onPrepared(int index, PrepareResult result);
    void pumpUploads();
    void uploadBlob(int index);
    void afterUploadStart(int index, const struct RegistryResponse &r);
    void blobDone(int index, const struct RegistryResponse &r);
    void retryOrFail(int index, const QString &why, bool transient = true);
    void setState(int index, LayerState s);
    void pushConfig();
    void pushManifests();
    void verifyManifest();
    QByteArray buildManifest(QString *mediaType) const;
    void fail(const QString &why);
    void emitProgress();

    RegistryClient *m_client;
    SourceImage m_image;
    PushOptions m_options;
    PushResult m_result;
    QList<Slot> m_slots;    ///< layers, then the config as the last slot
    QList<int> m_toCheck;   ///< layers to HEAD before preparing
    QList<int> m_toPrepare; ///< layers the registry lacks (or we cannot tell)
    int m_checksActive = 0;
    int m_prepared = 0;
    QElapsedTimer m_prepareClock;
    std::shared_ptr<class DigestCache> m_cache;
    int m_active = 0;
    QList<int> m_uploadOrder; ///< slots to upload, largest first
    int m_nextUpload = 0;     ///< into m_uploadOrder
    int m_tagIndex = 0;
    bool m_finished = false;
    bool m_transformed = false;
    QByteArray m_manifest;
    QString m_manifestType;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace aws::registry
