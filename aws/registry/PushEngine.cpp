#include "PushEngine.h"

#include <QMetaEnum>

#include "Digest.h"
#include "DigestCache.h"
#include "MediaTypes.h"
#include "RegistryClient.h"
#include "RegistryLogging.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QThreadPool>
#include <QTimer>

namespace aws::registry {

PushEngine::PushEngine(RegistryClient *client, SourceImage image, PushOptions options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_image(std::move(image))
    , m_options(std::move(options))
{
    if (m_options.tempDir.isEmpty())
        m_options.tempDir = QDir::tempPath();
    m_slots.resize(m_image.layers.size() + 1);
}

PushEngine::~PushEngine()
{
    // Workers check the flag and their results go nowhere once we are gone.
    m_cancel->store(true);
}

void PushEngine::start()
{
    emit message(QStringLiteral("Checking %1 layer(s) of %2").arg(m_image.layers.size()).arg(m_image.name));
    if (!setUpConfig())
        return;
    if (!m_options.digestCachePath.isEmpty())
        m_cache = std::make_shared<DigestCache>(m_options.digestCachePath);
    // A layer whose blob digest is known without reading it is asked for
    // first: if the registry has it, it is neither read nor compressed.
    for (qsizetype i = 0; i < m_image.layers.size(); ++i) {
        const SourceLayer &layer = m_image.layers.at(i);
        std::optional<PreparedLayer> known;
        if (layer.compressed || !m_options.compress)
            known = LayerPreparer::asStored(layer, m_image.family);
        else if (m_cache && !layer.diffId.isEmpty())
            if (const auto blob = m_cache->lookup(layer.diffId))
                known = LayerPreparer::asCompressed(layer, m_image.family, blob->digest, blob->size);
        if (known && isSha256Digest(known->digest)) {
            m_slots[i].prepared = *known;
            m_toCheck << static_cast<int>(i);
        } else {
            m_toPrepare << static_cast<int>(i);
        }
    }
    // Can we talk to it at all (TLS, credentials)? Before minutes of compressing.
    m_client->ping(this, [this](const RegistryResponse &r) {
        if (m_finished)
            return;
        if (!r.ok() && !r.transient() && r.status != 404) {
            fail(QStringLiteral("%1: %2").arg(m_client->host(), r.describe()));
            return;
        }
        pumpChecks(); // a passing glitch is retried where it matters, per layer
    });
}

void PushEngine::cancel()
{
    if (m_finished)
        return;
    m_cancel->store(true);
    m_client->abortAll();
    m_result.cancelled = true;
    fail(QStringLiteral("cancelled"));
}

bool PushEngine::setUpConfig()
{
    // The config is small and already hashed by the source.
    Slot &config = m_slots.last();
    config.prepared.digest = m_image.configDigest;
    config.prepared.size = m_image.config.size();
    config.prepared.mediaType =
        m_image.family == ManifestFamily::Docker ? media::dockerConfig : media::ociConfig;
    const QByteArray bytes = m_image.config;
    config.prepared.open = [bytes]() -> std::unique_ptr<QIODevice> {
        auto b = std::make_unique<QBuffer>();
        b->setData(bytes);
        return b;
    };
    if (sha256Digest(bytes) != m_image.configDigest) {
        fail(QStringLiteral("the image config does not match its digest %1").arg(m_image.configDigest));
        return false;
    }
    return true;
}

void PushEngine::pumpChecks()
{
    constexpr int kParallelChecks = 6;
    while (!m_finished && m_checksActive < kParallelChecks && !m_toCheck.isEmpty()) {
        const int index = m_toCheck.takeFirst();
        ++m_checksActive;
        setState(index, LayerState::Checking);
        m_client->headBlob(m_options.repository, m_slots[index].prepared.digest, this,
                           [this, index](const RegistryResponse &r) {
                               if (m_finished)
                                   return;
                               --m_checksActive;
                               Slot &slot = m_slots[index];
                               if (r.status == 200) {
                                   ++m_result.layersSkipped;
                                   slot.skipped = true;
                                   slot.sent = slot.prepared.size;
                                   m_transformed |= slot.prepared.transformed;
                                   setState(index, LayerState::Skipped);
                                   emit layerProgress(index, slot.prepared.size, slot.prepared.size);
                               } else if (r.status == 404 || r.transient()) {
                                   // Missing (or no clear answer: the upload step asks again, with retries).
                                   m_toPrepare << index;
                                   setState(index, LayerState::Waiting);
                               } else {
                                   fail(r.describe());
                                   return;
                               }
                               pumpChecks();
                           });
    }
    if (!m_finished && m_checksActive == 0 && m_toCheck.isEmpty())
        prepareAll();
}

void PushEngine::prepareAll()
{
    if (m_toPrepare.isEmpty()) {
        emit message(QStringLiteral("Pushing to %1/%2").arg(m_client->host(), m_options.repository));
        emitProgress();
        pumpUploads();
        return;
    }
    // Largest first, for the same reason as the uploads (one layer per worker).
    std::stable_sort(m_toPrepare.begin(), m_toPrepare.end(),
                     [this](int a, int b) { return m_image.layers.at(a).size > m_image.layers.at(b).size; });
    m_prepareClock.start();
    QPointer<PushEngine> self(this);
    for (const int index : std::as_const(m_toPrepare)) {
        setState(index, LayerState::Preparing);
        const SourceLayer layer = m_image.layers.at(index);
        const auto cancel = m_cancel;
        const ManifestFamily family = m_image.family;
        const bool compress = m_options.compress;
        const QString tempDir = m_options.tempDir;
        QThreadPool::globalInstance()->start([self, layer, cancel, family, compress, tempDir, index] {
            qint64 lastReported = 0;
            auto progress = [&](qint64 done) {
                if (done - lastReported < 8 * 1024 * 1024 && done != layer.size)
                    return;
                lastReported = done;
                QMetaObject::invokeMethod(qApp, [self, index, done, total = layer.size] {
                    if (self)
                        emit self->layerProgress(index, done, total);
                });
            };
            PrepareResult r =
                LayerPreparer::prepare(layer, index, family, compress, tempDir, cancel.get(), progress);
            QMetaObject::invokeMethod(qApp, [self, index, r = std::move(r)]() mutable {
                if (self)
                    self->onPrepared(index, std::move(r));
            });
        });
    }
}

void PushEngine::onPrepared(int index, PrepareResult r)
{
    if (m_finished)
        return;
    if (!r.layer) {
        fail(r.error);
        return;
    }
    m_slots[index].prepared = *r.layer;
    m_transformed |= r.layer->transformed;
    ++m_result.layersPrepared;
    m_result.bytesPrepared += m_image.layers.at(index).size;
    m_result.bytesToSend += r.layer->size;
    if (m_cache && r.layer->temp) // compressed here: remember what it became
        m_cache->insert(r.layer->diffId, CachedBlob{r.layer->digest, r.layer->size});
    setState(index, LayerState::Waiting);
    if (++m_prepared < m_toPrepare.size())
        return;
    // Every layer to send is proven good: only now does anything go to the registry.
    m_result.prepareMs = m_prepareClock.elapsed();
    const double secs = qMax<qint64>(1, m_result.prepareMs) / 1000.0;
    emit message(QStringLiteral("Prepared %1 layer(s) in %2 s: %3 MB read (%4 MB/s), %5 MB to send")
                     .arg(m_result.layersPrepared)
                     .arg(secs, 0, 'f', 2)
                     .arg(m_result.bytesPrepared / 1e6, 0, 'f', 1)
                     .arg(m_result.bytesPrepared / 1e6 / secs, 0, 'f', 1)
                     .arg(m_result.bytesToSend / 1e6, 0, 'f', 1));
    emit message(QStringLiteral("Pushing to %1/%2").arg(m_client->host(), m_options.repository));
    emitProgress();
    pumpUploads();
}

void PushEngine::pumpUploads()
{
    if (m_uploadOrder.isEmpty() && m_nextUpload == 0) {
        // Largest first: the registry takes each upload on one core, so a big
        // layer started last would finish alone while the other core idles.
        for (int i = 0; i < m_slots.size(); ++i)
            if (!m_slots[i].skipped)
                m_uploadOrder << i;
        std::stable_sort(m_uploadOrder.begin(), m_uploadOrder.end(), [this](int a, int b) {
            return m_slots[a].prepared.size > m_slots[b].prepared.size;
        });
    }
    while (!m_finished && m_active < m_options.parallelUploads && m_nextUpload < m_uploadOrder.size()) {
        ++m_active;
        uploadBlob(m_uploadOrder.at(m_nextUpload++));
    }
    if (!m_finished && m_active == 0 && m_nextUpload >= m_uploadOrder.size())
        pushManifests();
}

void PushEngine::setState(int index, LayerState s)
{
    m_slots[index].state = s;
    if (index < m_image.layers.size())
        emit layerStateChanged(index, s);
}

void PushEngine::uploadBlob(int index)
{
    Slot &slot = m_slots[index];
    slot.sent = 0;
    setState(index, LayerState::Checking);
    m_client->headBlob(
        m_options.repository, slot.prepared.digest, this, [this, index](const RegistryResponse &r) {
            if (m_finished)
                return;
            if (r.status == 200) {
                ++m_result.layersSkipped;
                setState(index, LayerState::Skipped);
                blobDone(index, r);
                return;
            }
            if (r.status != 404) {
                retryOrFail(index, r.describe(), r.transient());
                return;
            }
            setState(index, LayerState::Uploading);
            const QString digest = m_slots[index].prepared.digest;
            m_client->startUpload(m_options.repository, digest, m_options.mountFrom, this,
                                  [this, index](const RegistryResponse &r) { afterUploadStart(index, r); });
        });
}

void PushEngine::afterUploadStart(int index, const RegistryResponse &r)
{
    if (m_finished)
        return;
    if (r.status == 201) { // mounted from another repository
        ++m_result.layersMounted;
        setState(index, LayerState::Mounted);
        blobDone(index, r);
        return;
    }
    if (r.status != 202) {
        retryOrFail(index, r.describe(), r.transient());
        return;
    }
    const QUrl location = m_client->location(r);
    const PreparedLayer &p = m_slots[index].prepared;
    auto progress = [this, index](qint64 sent, qint64 total) {
        m_slots[index].sent = sent;
        if (index < m_image.layers.size())
            emit layerProgress(index, sent, total);
        emitProgress();
    };
    auto done = [this, index](const RegistryResponse &r) {
        if (m_finished)
            return;
        if (r.status == 201 || r.status == 204) {
            m_result.bytesUploaded += m_slots[index].prepared.size;
            ++m_result.layersUploaded;
            setState(index, LayerState::Done);
            blobDone(index, r);
        } else if (r.status == 413 && !m_options.forceChunked) {
            // A registry (or a proxy in front of it) that limits request sizes: go chunked.
            m_options.forceChunked = true;
            retryOrFail(index, QStringLiteral("the registry refused one large upload; switching to chunks"));
        } else if (r.status == 404 &&
                   (r.body.contains("BLOB_UPLOAD_UNKNOWN") || r.body.contains("BLOB_UPLOAD_INVALID"))) {
            // The upload session died with a cut connection (or a resend of the
            // cut request reached it after the registry dropped it): start over.
            retryOrFail(index, r.describe());
        } else {
            retryOrFail(index, r.describe(), r.transient());
        }
    };
    if (m_options.forceChunked)
        m_client->uploadChunked(m_options.repository, location, p.digest, p.open, p.size, progress, this,
                                done);
    else
        m_client->putBlob(location, p.digest, p.open, p.size, progress, this, done);
}

void PushEngine::blobDone(int index, const RegistryResponse &)
{
    m_slots[index].sent = m_slots[index].prepared.size;
    if (index < m_image.layers.size())
        emit layerProgress(index, m_slots[index].prepared.size, m_slots[index].prepared.size);
    emitProgress();
    --m_active;
    pumpUploads();
}

void PushEngine::retryOrFail(int index, const QString &why, bool transient)
{
    Slot &slot = m_slots[index];
    const bool isConfig = index == m_slots.size() - 1;
    const QString what = isConfig ? QStringLiteral("the config") : QStringLiteral("layer %1").arg(index + 1);
    if (m_cancel->load())
        return;
    if (!transient) {
        fail(QStringLiteral("%1: %2").arg(what, why));
        return;
    }
    if (++slot.attempts >= m_options.maxAttempts) {
        fail(QStringLiteral("%1 failed after %2 attempts: %3").arg(what).arg(slot.attempts).arg(why));
        return;
    }
    ++m_result.retries;
    setState(index, LayerState::Retrying);
    // Full-jitter exponential back-off, as the SDKs do.
    const int cap = m_options.backoffBaseMs << qMin(slot.attempts, 6);
    const int delay = static_cast<int>(QRandomGenerator::global()->bounded(cap / 2, cap + 1));
    emit message(QStringLiteral("%1: %2 — retrying in %3 ms").arg(what, why).arg(delay));
    QTimer::singleShot(delay, this, [this, index] {
        if (!m_finished)
            uploadBlob(index); // from HEAD: the registry may have kept it after all
    });
}

QByteArray PushEngine::buildManifest(QString *mediaType) const
{
    if (m_image.family == ManifestFamily::Oci && !m_transformed && !m_image.originalManifest.isEmpty()) {
        // Unchanged OCI image: the same bytes keep the same digest.
        *mediaType = media::ociManifest;
        return m_image.originalManifest;
    }
    const bool docker = m_image.family == ManifestFamily::Docker;
    QJsonArray layers;
    for (qsizetype i = 0; i < m_image.layers.size(); ++i) {
        const PreparedLayer &p = m_slots[i].prepared;
        layers.append(QJsonObject{{QStringLiteral("mediaType"), p.mediaType},
                                  {QStringLiteral("size"), p.size},
                                  {QStringLiteral("digest"), p.digest}});
    }
    const PreparedLayer &c = m_slots.last().prepared;
    QJsonObject m{{QStringLiteral("schemaVersion"), 2},
                  {QStringLiteral("config"), QJsonObject{{QStringLiteral("mediaType"), c.mediaType},
                                                         {QStringLiteral("size"), c.size},
                                                         {QStringLiteral("digest"), c.digest}}},
                  {QStringLiteral("layers"), layers}};
    *mediaType = docker ? media::dockerManifest : media::ociManifest;
    m.insert(QStringLiteral("mediaType"), *mediaType);
    return QJsonDocument(m).toJson(QJsonDocument::Indented);
}

void PushEngine::pushManifests()
{
    if (m_tagIndex == 0) {
        m_manifest = buildManifest(&m_manifestType);
        m_result.manifestDigest = sha256Digest(m_manifest);
        m_result.manifestMediaType = m_manifestType;
    }
    if (m_tagIndex >= m_options.tags.size()) {
        verifyManifest();
        return;
    }
    const QString tag = m_options.tags.at(m_tagIndex);
    m_client->putManifest(
        m_options.repository, tag, m_manifest, m_manifestType, this, [this, tag](const RegistryResponse &r) {
            if (m_finished)
                return;
            if (r.status != 201) {
                if (r.transient() && ++m_slots.last().attempts < m_options.maxAttempts) {
                    QTimer::singleShot(m_options.backoffBaseMs, this, [this] { pushManifests(); });
                    return;
                }
                fail(QStringLiteral("the registry refused the manifest for '%1': %2").arg(tag, r.describe()));
                return;
            }
            const QByteArray said = r.header("Docker-Content-Digest");
            if (!said.isEmpty() && QString::fromLatin1(said) != m_result.manifestDigest) {
                fail(QStringLiteral("the registry stored the manifest as %1, we sent %2")
                         .arg(QString::fromLatin1(said), m_result.manifestDigest));
                return;
            }
            emit message(QStringLiteral("Tagged %1").arg(tag));
            ++m_tagIndex;
            pushManifests();
        });
}

void PushEngine::verifyManifest()
{
    m_client->getManifest(
        m_options.repository, m_options.tags.value(0), this, [this](const RegistryResponse &r) {
            if (m_finished)
                return;
            if (r.status != 200) {
                fail(QStringLiteral("the pushed manifest cannot be read back: %1").arg(r.describe()));
                return;
            }
            const QString got = sha256Digest(r.body);
            if (got != m_result.manifestDigest) {
                fail(QStringLiteral("the manifest read back hashes to %1, we pushed %2")
                         .arg(got, m_result.manifestDigest));
                return;
            }
            m_finished = true;
            m_result.ok = true;
            emit finished(m_result);
        });
}

void PushEngine::emitProgress()
{
    qint64 done = 0, total = 0;
    for (const Slot &s : m_slots) {
        total += s.prepared.size;
        done += s.sent;
    }
    emit progress(done, total);
}

void PushEngine::fail(const QString &why)
{
    if (m_finished)
        return;
    m_finished = true;
    m_cancel->store(true);
    m_client->abortAll();
    m_result.ok = false;
    m_result.error = why;
    for (qsizetype i = 0; i < m_image.layers.size(); ++i)
        if (m_slots[i].state != LayerState::Done && m_slots[i].state != LayerState::Skipped &&
            m_slots[i].state != LayerState::Mounted)
            setState(static_cast<int>(i), LayerState::Failed);
    emit finished(m_result);
}

QString PushEngine::stateName(LayerState state)
{
    return QString::fromLatin1(QMetaEnum::fromType<LayerState>().valueToKey(int(state))).toLower();
}

} // namespace aws::registry
