#pragma once
// What every deployctl command shares: the global options, the output
// writer, and an AWS client built from them and the environment.

#include "AwsClient.h"

#include <QProcessEnvironment>
#include <QTextStream>
#include <memory>

namespace cli {

enum class OutputFormat { Json, Text, Table };

struct GlobalOptions {
    QString region;
    QString endpointUrl;
    QString profile;
    QString account;
    OutputFormat output = OutputFormat::Json;
    bool debug = false;
};

class CliContext {
public:
    CliContext(GlobalOptions options, QProcessEnvironment env);
    ~CliContext();

    const GlobalOptions &options() const { return m_options; }
    const QProcessEnvironment &environment() const { return m_env; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    /// The region in effect: --region, AWS_REGION, AWS_DEFAULT_REGION, else us-east-1.
    QString region() const;
    /// Where the credentials came from, for `deployctl identity`.
    QString credentialSource() const { return m_credentialSource; }
    /// The client, created on first use. Returns nullptr and prints why when
    /// it cannot be built (no credentials, bad endpoint URL).
    aws::AwsClient *client();

    /// Prints an AWS error the way deployctl does: "Code: message (request id …)".
    void printError(const aws::AwsError &error);

private:
    GlobalOptions m_options;
    QProcessEnvironment m_env;
    QTextStream m_out;
    QTextStream m_err;
    QString m_credentialSource;
    std::unique_ptr<aws::AwsClient> m_client;
};

} // namespace cli
