#pragma once
// An in-process sandbox ("empty" account, fast clock) with a real AwsClient
// pointed at it, and a blocking call helper for test assertions (the event
// loop keeps running while it waits; bounded, no sleeps).

#include "AwsClient.h"
#include "server/SandboxServer.h"

#include <memory>

class SandboxFixture {
public:
    /// Starts the sandbox; false with `error` set when it cannot listen.
    bool start(QString *error, double timeScale = 2000);
    void stop();

    aws::sandbox::SandboxServer &server() { return *m_server; }
    aws::AwsClient &client() { return *m_client; }
    double timeScale() const { return m_timeScale; }

    /// Calls and waits up to `timeoutMs` for the outcome.
    aws::Outcome call(const QString &service, const QString &operation, const QJsonObject &params = {},
                      int timeoutMs = 20000);
    /// Security group ids in the account, sorted (the default VPC's "default" included).
    QStringList securityGroupIds();
    /// Records an (empty) image under `repository:tag` as a push would, without a registry;
    /// "" or why ECR refused it.
    QString putImage(const QString &repository, const QString &tag);
    /// A compact listing of everything a plan could create, to compare "before" and "after".
    QStringList inventory();

private:
    std::unique_ptr<aws::sandbox::SandboxServer> m_server;
    std::unique_ptr<aws::AwsClient> m_client;
    double m_timeScale = 2000;
};
