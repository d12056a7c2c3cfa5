#pragma once
// The OCI distribution protocol, client side, on QNetworkAccessManager
// (asynchronous, on the thread that owns it): ping, blob HEAD, cross-repo
// mount, monolithic and chunked uploads, manifests. Handles the 401 dance
// (Basic, Bearer token per scope, expired ECR tokens) so callers do not.

#include "RegistryAuth.h"

#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace aws::registry {

struct RegistryResponse {
    int status = 0; ///< 0: no HTTP answer (see networkError)
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorText; ///< what went wrong, for the user
    QByteArray body;   ///< small bodies only (errors, manifests, tokens)
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
    /// Dropped connection, timeout, 5xx or 429: worth retrying.
    bool transient() const;
    bool ok() const { return status >= 200 && status < 300; }
    /// "HTTP 404 BLOB_UNKNOWN: blob unknown to registry" or the network error.
    QString describe() const;
};

struct RegistryRequest {
    RegistryRequest() = default;
    RegistryRequest(QByteArray m, QUrl u)
        : method(std::move(m))
        , url(std::move(u))
    {}
    QByteArray method;
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /// A large body (a layer): opened fresh for every attempt.
    std::function<std::unique_ptr<QIODevice>()> bodyDevice;
    qint64 bodySize = -1;
    QStringList scopes; ///< Bearer scopes ("repository:app:pull,push")
    std::function<void(qint64 sent, qint64 total)> uploadProgress;
};

class RegistryClient : public QObject {
    Q_OBJECT
public:
    enum class UploadMode { Monolithic, Chunked };

    /// `base` is the registry's root ("https://123.dkr.ecr.us-east-1.amazonaws.com").
    RegistryClient(const QUrl &base, QNetworkAccessManager *nam, QObject *parent = nullptr);

    void setCredentialsProvider(CredentialsProvider provider) { m_provider = std::move(provider); }
    /// Extra CA certificates trusted for this registry (self-signed test CA).
    void setCaCertificates(const QList<QSslCertificate> &certs) { m_caCerts = certs; }
    QUrl baseUrl() const { return m_base; }
    QString host() const;
    /// Chunk size for chunked uploads; ECR refuses parts under 5 MB.
    void setChunkSize(qint64 bytes) { m_chunkSize = qMax<qint64>(bytes, 5 * 1024 * 1024); }
    qint64 chunkSize() const { return m_chunkSize; }

    using Done = std::function<void(const RegistryResponse &)>;

    /// Sends one request, answering a 401 by (re)authenticating and sending
    /// it once more. `context` going away drops the callback.
    void send(RegistryRequest request, QObject *context, Done done);

    // The protocol's steps, each one request (plus any auth round trip).
    void ping(QObject *context, Done done);
    void headBlob(const QString &repo, const QString &digest, QObject *context, Done done);
    /// POST /blobs/uploads/ — with `mountFrom`, asks to mount `digest` from
    /// that repository (201: mounted; 202: an upload session instead).
    void startUpload(const QString &repo, const QString &digest, const QString &mountFrom, QObject *context,
                     Done done);
    /// One PUT ?digest= carrying the whole blob.
    void putBlob(const QUrl &location, const QString &digest,
                 std::function<std::unique_ptr<QIODevice>()> body, qint64 size,
                 std::function<void(qint64, qint64)> progress, QObject *context, Done done);
    /// PATCH parts of chunkSize() then a closing PUT ?digest=; 201 or 202 per part.
    void uploadChunked(const QString &repo, const QUrl &location, const QString &digest,
                       std::function<std::unique_ptr<QIODevice>()> body, qint64 size,
                       std::function<void(qint64, qint64)> progress, QObject *context, Done done);
    void putManifest(const QString &repo, const QString &reference, const QByteArray &manifest,
                     const QString &mediaType, QObject *context, Done done);
    void getManifest(const QString &repo, const QString &reference, QObject *context, Done done);

    /// The upload URL a 202 names, resolved against the registry.
    QUrl location(const RegistryResponse &r) const;
    QUrl url(const QString &path) const;

    /// Aborts every request in flight (cancel).
    void abortAll();
    /// Bytes of request bodies handed to the network (layers and manifests).
    qint64 bytesSent() const { return m_bytesSent; }

signals:
    /// A request went out (method and path only: never a header).
    void requestSent(const QByteArray &method, const QString &path);

private:
    struct Pending;
    void attempt(std::shared_ptr<Pending> p);
    void authenticate(std::shared_ptr<Pending> p, const AuthChallenge &challenge);
    void fetchBearer(std::shared_ptr<Pending> p, const AuthChallenge &challenge);
    void withCredentials(bool forceRefresh, std::function<void(bool ok, const QString &error)> then);
    QByteArray authorizationFor(const QStringList &scopes) const;
    void chunkStep(std::shared_ptr<struct ChunkState> s);

    QUrl m_base;
    QNetworkAccessManager *m_nam;
    CredentialsProvider m_provider;
    std::optional<RegistryCredentials> m_credentials;
    AuthChallenge m_challenge;
    QHash<QString, QByteArray> m_bearer; ///< token per sorted scope list
    QList<QSslCertificate> m_caCerts;
    QList<QPointer<QNetworkReply>> m_live;
    qint64 m_chunkSize = 8 * 1024 * 1024;
    qint64 m_bytesSent = 0;
    int m_credentialsGeneration = 0; ///< bumped on every renewal
    bool m_fetchingCredentials = false;
    QList<std::function<void(bool, const QString &)>> m_credentialWaiters;
};

} // namespace aws::registry
