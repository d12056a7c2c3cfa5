#pragma once
// The OCI distribution API at /v2/, behind ECR's Basic auth ("AWS" and the
// password from GetAuthorizationToken). Blobs live in a BlobStore; manifests
// go to the account (putImage), so pushed images show in DescribeImages.

#include "BlobStore.h"
#include "HttpServer.h"

namespace aws::sandbox {
class SandboxAccount;
}

namespace aws::sandbox::server {

class RegistryService {
public:
    explicit RegistryService(SandboxAccount &account);

    static bool handles(const HttpRequest &request);
    void handle(const IncomingRequest &request, HttpResponder responder);

    BlobStore &blobs() { return m_blobs; }

private:
    bool authorized(const HttpRequest &request) const;
    HttpResponse blob(const QString &repo, const QString &digest, bool head, HttpResponder &responder);
    HttpResponse startUpload(const QString &repo, const IncomingRequest &request);
    HttpResponse upload(const QString &repo, const QString &uuid, const IncomingRequest &request);
    HttpResponse putManifest(const QString &repo, const QString &reference, const IncomingRequest &request);
    HttpResponse getManifest(const QString &repo, const QString &reference, bool head);
    HttpResponse tags(const QString &repo);

    SandboxAccount &m_account;
    BlobStore m_blobs;
};

} // namespace aws::sandbox::server
