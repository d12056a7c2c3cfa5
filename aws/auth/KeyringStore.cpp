#include "KeyringStore.h"

#include "KeyringErrorClassifier.h"
#include "KeyringProbe.h"
#include "SecretRedactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <qt6keychain/keychain.h>

namespace aws::auth {

namespace {

// The job that timed out, until it finishes and deletes itself (QPointer then clears).
QPointer<QKeychain::Job> g_stuckJob;

QByteArray encode(const StoredSecret &secret)
{
    QJsonObject o;
    o.insert(QStringLiteral("version"), 1);
    o.insert(QStringLiteral("secretAccessKey"), secret.secretAccessKey);
    if (!secret.sessionToken.isEmpty())
        o.insert(QStringLiteral("sessionToken"), secret.sessionToken);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool decode(const QByteArray &data, StoredSecret *secret)
{
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    secret->secretAccessKey = o.value(QStringLiteral("secretAccessKey")).toString();
    secret->sessionToken = o.value(QStringLiteral("sessionToken")).toString();
    return !secret->secretAccessKey.isEmpty();
}

} // namespace

KeyringStore::KeyringStore(QObject *parent)
    : KeyringStore(Options(), parent)
{}

KeyringStore::KeyringStore(Options options, QObject *parent)
    : SecretStore(parent)
    , m_options(std::move(options))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KeyringStore::onTimeout);
}

KeyringStore::~KeyringStore()
{
    // A job still running inside QtKeychain finishes (and deletes itself) on its
    // own; only our connections to it must go.
    if (m_job)
        m_job->disconnect(this);
}

bool KeyringStore::isStuck()
{
    return !g_stuckJob.isNull();
}

QString KeyringStore::entryKey(const QString &account)
{
    return QStringLiteral("account/") + account;
}

void KeyringStore::write(const QString &account, const StoredSecret &secret, QObject *context, Done done)
{
    SecretRedactor::instance().registerSecret(secret.secretAccessKey);
    SecretRedactor::instance().registerSecret(secret.sessionToken);
    Request r;
    r.kind = Kind::Write;
    r.account = account;
    r.payload = encode(secret);
    r.context = context ? context : this;
    r.done = std::move(done);
    enqueue(std::move(r));
}

void KeyringStore::read(const QString &account, QObject *context, ReadDone done)
{
    Request r;
    r.kind = Kind::Read;
    r.account = account;
    r.context = context ? context : this;
    r.readDone = std::move(done);
    enqueue(std::move(r));
}

void KeyringStore::remove(const QString &account, QObject *context, Done done)
{
    Request r;
    r.kind = Kind::Remove;
    r.account = account;
    r.context = context ? context : this;
    r.done = std::move(done);
    enqueue(std::move(r));
}

void KeyringStore::probe(QObject *context, Done done)
{
    Request r;
    r.kind = Kind::Probe;
    r.context = context ? context : this;
    r.done = std::move(done);
    enqueue(std::move(r));
}

void KeyringStore::enqueue(Request request)
{
    m_queue.append(std::move(request));
    if (!m_busy) {
        m_busy = true;
        // Started from the event loop, so that no callback runs inside write()/read().
        QMetaObject::invokeMethod(this, &KeyringStore::startNext, Qt::QueuedConnection);
    }
}

void KeyringStore::startNext()
{
    while (!m_queue.isEmpty() && !m_queue.head().context)
        m_queue.dequeue(); // its caller is gone
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    m_busy = true;
    m_current = m_queue.dequeue();

    if (isStuck()) {
        SecretStoreResult r = SecretStoreResult::failure(
            KeyringProblem::Timeout,
            QStringLiteral("an earlier keyring request is still waiting for an answer"), timeoutSeconds());
        complete(r);
        return;
    }

    m_timer.start(m_options.timeoutMs);
    auto *probe = new KeyringProbe(m_options.environment, m_options.timeoutMs, this);
    m_probe = probe;
    // The probe may already be gone when this runs (our own timeout deleted it
    // while its answer was queued): hence the guard, and no use of a raw pointer.
    probe->start(this, [this, guard = QPointer<KeyringProbe>(probe)](const SecretStoreResult &result) {
        if (!guard || m_probe != guard)
            return; // timed out meanwhile; already answered
        guard->deleteLater();
        m_probe = nullptr;
        if (!result.ok() || m_current.kind == Kind::Probe)
            complete(result);
        else
            startJob();
    });
}

void KeyringStore::startJob()
{
    QKeychain::Job *job = nullptr;
    switch (m_current.kind) {
    case Kind::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_options.service);
        w->setTextData(QString::fromUtf8(m_current.payload));
        job = w;
        break;
    }
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(m_options.service);
        break;
    case Kind::Remove:
        job = new QKeychain::DeletePasswordJob(m_options.service);
        break;
    case Kind::Probe:
        return;
    }
    // Never QtKeychain's plain-text fallback: a secret must not land in a file.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(entryKey(m_current.account));
    m_job = job;
    connect(job, &QKeychain::Job::finished, this, &KeyringStore::onJobFinished);
    job->start();
}

void KeyringStore::onJobFinished(QKeychain::Job *job)
{
    if (job != m_job)
        return;
    m_job = nullptr;
    const int error = job->error();
    const QString text = job->errorString();

    if (error == QKeychain::NoError) {
        StoredSecret secret;
        if (m_current.kind == Kind::Read) {
            const QByteArray data = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
            if (!decode(data, &secret)) {
                complete(SecretStoreResult::failure(KeyringProblem::Other,
                                                    QStringLiteral("the saved keyring entry is damaged")));
                return;
            }
            SecretRedactor::instance().registerSecret(secret.secretAccessKey);
            SecretRedactor::instance().registerSecret(secret.sessionToken);
        }
        complete(SecretStoreResult::success(), secret);
        return;
    }

    const KeyringProblem problem = KeyringErrorClassifier::classify(error, text);
    if (problem == KeyringProblem::NotFound && m_current.kind == Kind::Remove) {
        complete(SecretStoreResult::success()); // already gone: what remove() wanted
        return;
    }
    complete(SecretStoreResult::failure(problem, text, timeoutSeconds()));
}

void KeyringStore::onTimeout()
{
    if (m_job) {
        // Cannot cancel or delete it (libsecret holds a raw pointer to it); let it
        // finish and delete itself, and refuse new work until it has.
        m_job->disconnect(this);
        g_stuckJob = m_job;
        m_job = nullptr;
    }
    if (m_probe) {
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    complete(SecretStoreResult::failure(
        KeyringProblem::Timeout,
        QStringLiteral("no answer from the Secret Service within %1 ms").arg(m_options.timeoutMs),
        timeoutSeconds()));
}

void KeyringStore::complete(const SecretStoreResult &result, const StoredSecret &secret)
{
    m_timer.stop();
    Request request = std::move(m_current);
    m_current = Request();
    if (request.context) {
        if (request.kind == Kind::Read) {
            auto done = request.readDone;
            QMetaObject::invokeMethod(
                request.context.data(), [done, result, secret] { done(result, secret); },
                Qt::QueuedConnection);
        } else {
            auto done = request.done;
            QMetaObject::invokeMethod(
                request.context.data(), [done, result] { done(result); }, Qt::QueuedConnection);
        }
    }
    QMetaObject::invokeMethod(this, &KeyringStore::startNext, Qt::QueuedConnection);
}

} // namespace aws::auth
