#include "EcrPushJob.h"

#include "Clipboard.h"

#include "AwsClient.h"
#include "DigestCache.h"
#include "DockerArchiveSource.h"
#include "DockerEngineSource.h"
#include "EcrAuthorization.h"
#include "EcrTexts.h"
#include "ImageRules.h"
#include "PushEngine.h"
#include "RegistryClient.h"
#include "Session.h"
#include "SourceLoader.h"

#include <QClipboard>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QtConcurrent/QtConcurrentRun>

using namespace aws::registry;

namespace {

/// What a file read yields: the image, or the names to pick from.
struct FileRead {
    SourceResult result;
    QStringList names; ///< images in a multi-image docker-archive
};

FileRead readFile(const QString &path, const QString &image)
{
    FileRead out;
    if (image.isEmpty() && QFileInfo(path).isFile()) {
        QString ignored;
        const QStringList names = DockerArchiveSource::imageNames(path, &ignored);
        if (names.size() > 1) {
            out.names = names;
            return out;
        }
    }
    out.result = SourceLoader::load(path, image);
    return out;
}

} // namespace

EcrPushJob::EcrPushJob(QObject *parent)
    : QObject(parent)
    , m_layers(new EcrLayerModel(this))
{
    if (Session *session = Session::instance())
        connect(session, &Session::clientChanged, this, &EcrPushJob::onClientChanged);
    m_engineSocket = DockerEngineSource::socketFromEnvironment(QProcessEnvironment::systemEnvironment());
    refreshEngine();
}

EcrPushJob::~EcrPushJob()
{
    ++m_run;
    dropEngine();
}

aws::AwsClient *EcrPushJob::client() const
{
    Session *session = Session::instance();
    return session ? session->client() : nullptr;
}

void EcrPushJob::onClientChanged()
{
    // Same client (a region switch keeps it): nothing to stop. Another
    // account: a push against the old one cannot go on.
    if (m_state != QLatin1String("pushing") || (m_client && m_client == client()))
        return;
    ++m_run;
    dropEngine();
    fail(tr("The account changed during the push (another account, or the sandbox stopped). Press Push to "
            "send the image to the account now connected."));
}

// --- the source -----------------------------------------------------------

void EcrPushJob::setSourceKind(const QString &kind)
{
    if (kind == m_sourceKind || (kind != QLatin1String("file") && kind != QLatin1String("engine")))
        return;
    m_sourceKind = kind;
    ++m_load;
    m_image.reset();
    m_layers->setLayers({});
    setSourceState(QStringLiteral("none"));
    emit sourceChanged();
    if (kind == QLatin1String("engine"))
        refreshEngine();
}

void EcrPushJob::setSourcePath(const QString &path)
{
    if (path == m_sourcePath)
        return;
    m_sourcePath = path;
    m_sourceImages.clear();
    m_sourceImage.clear();
    ++m_load;
    m_image.reset();
    m_layers->setLayers({});
    setSourceState(QStringLiteral("none"));
    emit sourceChanged();
}

void EcrPushJob::setSourceImage(const QString &name)
{
    if (name == m_sourceImage)
        return;
    m_sourceImage = name;
    emit sourceChanged();
    if (!m_sourceImages.isEmpty())
        loadSource();
}

void EcrPushJob::setEngineImage(const QString &name)
{
    if (name == m_engineImage)
        return;
    m_engineImage = name;
    ++m_load;
    m_image.reset();
    m_layers->setLayers({});
    setSourceState(QStringLiteral("none"));
    emit sourceChanged();
}

void EcrPushJob::chooseFile(const QUrl &url)
{
    setSourceKind(QStringLiteral("file"));
    setSourcePath(url.isLocalFile() ? url.toLocalFile() : url.toString());
    loadSource();
}

void EcrPushJob::setEngineSocket(const QString &path)
{
    if (path == m_engineSocket)
        return;
    m_engineSocket = path;
    refreshEngine();
}

void EcrPushJob::refreshEngine()
{
    // Asked again each time: the engine may have been started (or DOCKER_HOST pointed elsewhere) since.
    m_engineSocket = DockerEngineSource::socketFromEnvironment(QProcessEnvironment::systemEnvironment());
    // An export still running goes with the old engine object: its answer never comes.
    if (m_sourceKind == QLatin1String("engine") && m_sourceState == QLatin1String("loading")) {
        ++m_load;
        setSourceState(QStringLiteral("none"));
    }
    delete m_engineSource;
    m_engineSource = new DockerEngineSource(m_engineSocket, this);
    m_engineState = QStringLiteral("checking");
    m_engineText = tr("Looking for a Docker engine at %1…").arg(m_engineSocket);
    emit engineChanged();
    QPointer<DockerEngineSource> source = m_engineSource;
    m_engineSource->listImages([this, source](const QStringList &names, const QString &error) {
        if (source != m_engineSource)
            return;
        if (!error.isEmpty()) {
            m_engineState = QStringLiteral("absent");
            m_engineImages.clear();
            m_engineText = tr("No Docker engine answers at %1 — that is fine: push from a file instead (a "
                              "`docker save` tarball, an OCI archive or an OCI layout folder). To use an "
                              "engine, start Docker or set DOCKER_HOST=unix://… and press Look again.")
                               .arg(m_engineSocket);
        } else {
            m_engineState = QStringLiteral("ready");
            m_engineImages = names;
            m_engineText =
                names.isEmpty()
                    ? tr("The Docker engine at %1 holds no tagged image. Build or pull one, then "
                         "press Look again.")
                          .arg(m_engineSocket)
                    : tr("Docker engine at %1: %2.")
                          .arg(m_engineSocket, ecr::count(names.size(), tr("image"), tr("images")));
            if (!names.contains(m_engineImage))
                m_engineImage = names.value(0);
        }
        emit engineChanged();
        emit sourceChanged();
        emit canPushChanged();
    });
}

void EcrPushJob::loadSource()
{
    if (m_state == QLatin1String("pushing"))
        return;
    const int load = ++m_load;
    m_image.reset();
    m_layers->setLayers({});
    if (m_sourceKind == QLatin1String("engine")) {
        if (m_engineImage.isEmpty()) {
            setSourceState(QStringLiteral("error"), m_engineState == QLatin1String("absent")
                                                        ? m_engineText
                                                        : tr("Choose one of the engine's images first."));
            return;
        }
        setSourceState(QStringLiteral("loading"));
        m_engineSource->exportImage(m_engineImage, QString(), [this, load](SourceResult r) {
            if (load == m_load)
                applySource(std::move(r));
        });
        return;
    }
    const QString path = m_sourcePath.trimmed();
    if (path.isEmpty()) {
        setSourceState(QStringLiteral("error"), tr("Choose a file or folder to push from first."));
        return;
    }
    setSourceState(QStringLiteral("loading"));
    // Indexing a large tarball reads every header: off the GUI thread.
    auto *watcher = new QFutureWatcher<FileRead>(this);
    connect(watcher, &QFutureWatcher<FileRead>::finished, this, [this, watcher, load] {
        watcher->deleteLater();
        if (load != m_load)
            return;
        FileRead read = watcher->result();
        if (!read.names.isEmpty()) {
            m_sourceImages = read.names;
            emit sourceChanged();
            setSourceState(QStringLiteral("error"),
                           tr("This tarball holds %1: choose the one to push.")
                               .arg(ecr::count(read.names.size(), tr("image"), tr("images"))));
            return;
        }
        applySource(std::move(read.result));
    });
    watcher->setFuture(QtConcurrent::run(readFile, path, m_sourceImage));
}

void EcrPushJob::applySource(SourceResult r)
{
    if (!r.ok()) {
        setSourceState(QStringLiteral("error"), ecr::explainSourceError(r.error));
        return;
    }
    m_image = std::move(*r.image);
    QList<EcrLayerModel::Layer> rows;
    for (const SourceLayer &l : m_image->layers)
        rows.append({l.digest, l.size, QStringLiteral("waiting"), 0, l.size});
    m_layers->setLayers(rows);
    setSourceState(QStringLiteral("ready"));
}

void EcrPushJob::setSourceState(const QString &state, const QString &error)
{
    m_sourceState = state;
    m_sourceError = error;
    emit sourceStateChanged();
    emit canPushChanged();
}

QString EcrPushJob::sourceSummary() const
{
    if (!m_image)
        return {};
    const QString platform = QStringLiteral("%1/%2").arg(
        m_image->os.isEmpty() ? QStringLiteral("?") : m_image->os,
        m_image->architecture.isEmpty() ? QStringLiteral("?") : m_image->architecture);
    return QStringLiteral("%1 · %2 · %3 · %4 · %5")
        .arg(m_image->name.isEmpty() ? QFileInfo(m_sourcePath).fileName() : m_image->name, platform,
             ecr::count(m_image->layers.size(), tr("layer"), tr("layers")),
             ecr::bytesText(m_image->totalSize()),
             m_image->family == ManifestFamily::Oci ? tr("pushed as an OCI image")
                                                    : tr("pushed as a Docker image"));
}

QString EcrPushJob::architectureWarning() const
{
    if (!m_image)
        return {};
    const QString w = aws::registry::architectureWarning(m_image->architecture, m_image->os);
    return w.isEmpty() ? QString()
                       : tr("Careful: %1. It can be pushed, but a task using it will fail to start.").arg(w);
}

// --- where it goes --------------------------------------------------------

void EcrPushJob::setRepository(const QString &name)
{
    if (name == m_repository)
        return;
    m_repository = name;
    emit targetChanged();
    emit canPushChanged();
}

QString EcrPushJob::repositoryError() const
{
    return m_repository.isEmpty() ? QString() : ecr::checkRepositoryName(m_repository);
}

QString EcrPushJob::repositoryRule() const
{
    return ecr::repositoryNameRule();
}

QString EcrPushJob::repositoryNote() const
{
    if (m_repository.isEmpty() || !repositoryError().isEmpty())
        return {};
    if (m_knownUris.contains(m_repository))
        return tr("%1 exists: the image goes into it (with a mutable repository, a tag already there moves "
                  "to this image).")
            .arg(m_repository);
    return tr("%1 does not exist yet: Push creates it first (mutable tags, AES-256 encryption).")
        .arg(m_repository);
}

QStringList EcrPushJob::knownRepositories() const
{
    QStringList names = m_knownUris.keys();
    names.sort();
    return names;
}

void EcrPushJob::setKnownRepositories(const QHash<QString, QString> &uris)
{
    m_knownUris = uris;
    emit targetChanged();
}

void EcrPushJob::setTag(const QString &tag)
{
    if (tag == m_tag)
        return;
    m_tag = tag;
    emit targetChanged();
    emit canPushChanged();
}

QString EcrPushJob::tagError() const
{
    return ecr::checkTag(m_tag);
}

QString EcrPushJob::tagRule() const
{
    return ecr::tagRule();
}

QString EcrPushJob::targetUri() const
{
    if (m_repository.isEmpty() || !repositoryError().isEmpty() || !tagError().isEmpty())
        return {};
    const QString known = m_knownUris.value(m_repository);
    if (!known.isEmpty())
        return known + u':' + m_tag;
    Session *session = Session::instance();
    if (!session || session->accountId().isEmpty())
        return {};
    return ecr::imageUri(session->accountId(), session->region(), m_repository, m_tag);
}

// --- the push -------------------------------------------------------------

QString EcrPushJob::attention() const
{
    if (m_state == QLatin1String("pushing"))
        return tr("A push is running.");
    if (m_sourceState != QLatin1String("ready"))
        return m_sourceState == QLatin1String("loading") ? tr("Reading the image…")
                                                         : tr("Choose an image to push and press Read.");
    if (m_repository.isEmpty())
        return tr("Choose a repository or type the name of a new one.");
    if (!repositoryError().isEmpty())
        return repositoryError();
    if (!tagError().isEmpty())
        return tagError();
    if (!client())
        return tr("Connect an account or start the sandbox first.");
    return {};
}

bool EcrPushJob::canPush() const
{
    return attention().isEmpty();
}

double EcrPushJob::progress() const
{
    if (m_state == QLatin1String("done"))
        return 1.0;
    return m_total > 0 ? double(m_done) / double(m_total) : 0.0;
}

QString EcrPushJob::progressText() const
{
    if (m_total <= 0)
        return {};
    double rate = 0;
    if (m_samples.size() >= 2) {
        const auto &first = m_samples.first();
        const auto &last = m_samples.last();
        if (last.first > first.first)
            rate = double(last.second - first.second) * 1000.0 / double(last.first - first.first);
    }
    return ecr::progressText(m_done, m_total, m_state == QLatin1String("pushing") ? rate : 0);
}

void EcrPushJob::setState(const QString &state, const QString &text)
{
    m_state = state;
    m_stateText = text;
    emit stateChanged();
    emit canPushChanged();
}

void EcrPushJob::fail(const QString &error)
{
    m_error = error;
    setState(QStringLiteral("failed"), tr("The push did not finish."));
}

void EcrPushJob::start()
{
    if (!canPush())
        return;
    const int run = ++m_run;
    m_client = client();
    m_error.clear();
    m_imageUri.clear();
    m_digest.clear();
    m_done = m_total = 0;
    m_samples.clear();
    m_pushedRepository = m_repository;
    QList<EcrLayerModel::Layer> rows = m_layers->layers();
    for (auto &l : rows)
        l = {l.digest, l.size, QStringLiteral("waiting"), 0, l.size};
    m_layers->setLayers(rows);
    emit progressChanged();
    if (m_knownUris.contains(m_repository)) {
        setState(QStringLiteral("pushing"), tr("Asking ECR for a registry login…"));
        authorizeThenPush(run);
    } else {
        setState(QStringLiteral("pushing"), tr("Creating the repository %1…").arg(m_repository));
        createRepositoryThenPush(run);
    }
}

void EcrPushJob::createRepositoryThenPush(int run)
{
    m_client->call(
        QStringLiteral("ecr"), QStringLiteral("CreateRepository"),
        {{QStringLiteral("repositoryName"), m_pushedRepository}}, this, [this, run](const aws::Outcome &o) {
            if (run != m_run)
                return;
            if (!o.ok() && o.error->code != QLatin1String("RepositoryAlreadyExistsException")) {
                fail(ecr::explainAwsError(*o.error, tr("create the repository %1").arg(m_pushedRepository)));
                return;
            }
            if (o.ok()) {
                const QString uri =
                    o.output.value(u"repository").toObject().value(u"repositoryUri").toString();
                m_knownUris.insert(m_pushedRepository, uri);
                emit targetChanged();
            }
            setState(QStringLiteral("pushing"), tr("Asking ECR for a registry login…"));
            authorizeThenPush(run);
        });
}

void EcrPushJob::authorizeThenPush(int run)
{
    if (!m_client)
        return fail(tr("Not connected any more: connect the account again, then press Push."));
    fetchEcrAuthorization(m_client, this, [this, run](const EcrAuthorization &auth) {
        if (run != m_run)
            return;
        if (!auth.error.isEmpty()) {
            fail(tr("ECR did not hand out a registry login: %1. Check the account is connected and allowed "
                    "to use ECR, then press Push again.")
                     .arg(auth.error));
            return;
        }
        runEngine(run, auth.proxyEndpoint);
    });
}

void EcrPushJob::runEngine(int run, const QUrl &registry)
{
    if (!m_image)
        return fail(tr("The image is no longer loaded: press Read, then Push."));
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    auto *registryClient = new RegistryClient(registry, m_nam, this);
    // The provider asks ECR again when the 12-hour token runs out; it must
    // not outlive the account it was made for.
    QPointer<aws::AwsClient> account = m_client;
    registryClient->setCredentialsProvider(
        [account,
         registryClient](std::function<void(std::optional<RegistryCredentials>, const QString &)> done) {
            if (!account) {
                done(std::nullopt, QStringLiteral("the account is no longer connected"));
                return;
            }
            fetchEcrAuthorization(account, registryClient, [done](const EcrAuthorization &a) {
                if (!a.error.isEmpty())
                    done(std::nullopt, a.error);
                else
                    done(a.credentials, {});
            });
        });
    m_registry = registryClient;
    PushOptions options;
    options.repository = m_pushedRepository;
    options.tags = {m_tag};
    // The same cache as deployctl push: a re-push need not compress again to know its digests.
    options.digestCachePath = DigestCache::defaultPath();
    auto *engine = new PushEngine(registryClient, *m_image, options, registryClient);
    m_engine = engine;
    connect(engine, &PushEngine::layerStateChanged, this, [this, run](int i, PushEngine::LayerState s) {
        if (run == m_run)
            m_layers->setState(i, PushEngine::stateName(s));
    });
    connect(engine, &PushEngine::layerProgress, this, [this, run](int i, qint64 done, qint64 total) {
        if (run == m_run)
            onLayerProgress(i, done, total);
    });
    connect(engine, &PushEngine::progress, this, [this, run](qint64 done, qint64 total) {
        if (run == m_run)
            onProgress(done, total);
    });
    connect(engine, &PushEngine::finished, this, [this, run](const PushResult &r) {
        if (run == m_run)
            onFinished(r);
    });
    m_clock.start();
    setState(QStringLiteral("pushing"),
             tr("Checking every layer against its digest, then uploading to %1…").arg(m_pushedRepository));
    engine->start();
}

void EcrPushJob::onLayerProgress(int index, qint64 done, qint64 total)
{
    m_layers->setProgress(index, done, total);
}

void EcrPushJob::onProgress(qint64 done, qint64 total)
{
    if (m_total == 0 && total > 0)
        setState(QStringLiteral("pushing"), tr("Uploading to %1…").arg(m_pushedRepository));
    m_done = done;
    m_total = total;
    const qint64 now = m_clock.elapsed();
    m_samples.append({now, done});
    // The rate is over the last three seconds: steady, yet quick to follow a change.
    while (m_samples.size() > 2 && now - m_samples.first().first > 3000)
        m_samples.removeFirst();
    emit progressChanged();
}

void EcrPushJob::onFinished(const PushResult &r)
{
    const QString registryHost = m_registry ? m_registry->host() : QString();
    dropEngine();
    if (r.cancelled) {
        setState(
            QStringLiteral("cancelled"),
            tr("Push cancelled. Nothing was tagged; the image, repository and tag are still chosen — press "
               "Push to start again."));
        emit progressChanged();
        return;
    }
    if (!r.ok) {
        fail(ecr::explainPushError(r.error));
        emit progressChanged();
        return;
    }
    m_digest = r.manifestDigest;
    m_imageUri = targetUri();
    if (m_imageUri.isEmpty())
        m_imageUri = QStringLiteral("%1/%2:%3").arg(registryHost, m_pushedRepository, m_tag);
    const double secs = m_clock.elapsed() / 1000.0;
    setState(QStringLiteral("done"),
             tr("Pushed in %1 s: %2 sent, %3 already in the registry.")
                 .arg(QString::number(secs, 'f', 1), ecr::bytesText(r.bytesUploaded),
                      ecr::count(r.layersSkipped + r.layersMounted, tr("layer"), tr("layers"))));
    emit progressChanged();
    emit pushed(m_pushedRepository);
}

void EcrPushJob::cancel()
{
    if (m_state != QLatin1String("pushing"))
        return;
    if (m_engine) {
        m_engine->cancel(); // finished(cancelled) follows
        return;
    }
    // Still creating the repository or logging in: drop those answers.
    ++m_run;
    setState(QStringLiteral("cancelled"), tr("Push cancelled before any upload. Press Push to start again."));
}

void EcrPushJob::pushAnother()
{
    if (m_state == QLatin1String("pushing"))
        return;
    m_error.clear();
    m_imageUri.clear();
    m_digest.clear();
    m_done = m_total = 0;
    setState(QStringLiteral("idle"), {});
    emit progressChanged();
}

void EcrPushJob::dropEngine()
{
    if (m_registry) {
        m_registry->abortAll();
        m_registry->deleteLater(); // the push engine is its child
    }
    m_registry.clear();
    m_engine.clear();
}

void EcrPushJob::copyToClipboard(const QString &text) const
{
    copyToSystemClipboard(text);
}

void EcrPushJob::useInTaskDefinition()
{
    if (!m_imageUri.isEmpty())
        emit useImageRequested(m_imageUri);
}
