#pragma once
// "Paste to connect": understands what a student copies — the Learner Lab
// "AWS CLI" block, a ~/.aws/credentials section, or `export AWS_…=` lines —
// and refuses anything else with a reason and a line number, before anything
// is stored.

#include "core/sigv4/Credentials.h"

#include <QString>
#include <QStringView>

namespace aws::auth {

/// What the paste dialog shows: never the secret, never the token.
struct PasteSummary {
    QString accessKeyId;
    bool hasSessionToken = false;
    QString region;      ///< empty when the block named none
    QString profileName; ///< from a `[name]` header; empty when none
    bool looksLikeLearnerLab = false;
    /// One line for the UI, e.g. "Access key ASIAEXAMPLE… with a session token (AWS Academy Learner Lab)".
    QString text() const;
};

/// A block that parsed.
struct ParsedCredentials {
    aws::Credentials credentials;
    QString region;      ///< from `region=` / AWS_REGION / AWS_DEFAULT_REGION
    QString profileName; ///< from a `[name]` / `[profile name]` header: a suggested account name
    /// An ASIA… (temporary) key with a session token: what the Learner Lab hands out.
    bool looksLikeLearnerLab = false;
    PasteSummary summary() const;
};

/// Why a block was refused.
struct PasteError {
    int line = 0;    ///< 1-based; 0 when the problem is the block as a whole
    QString message; ///< a sentence a student understands, naming the line
};

struct PasteResult {
    bool ok = false;
    ParsedCredentials value; ///< valid when ok
    PasteError error;        ///< set when !ok
};

class CredentialsBlockParser {
public:
    static PasteResult parse(QStringView text);

    /// 16–128 of A-Z0-9, as IAM documents access key ids.
    static bool isValidAccessKeyId(QStringView id);
    /// 40 characters of A-Za-z0-9/+ (what IAM and STS hand out).
    static bool isValidSecretAccessKey(QStringView secret);
    /// Base64 characters only, at least 16 of them.
    static bool isValidSessionToken(QStringView token);
    /// e.g. us-east-1, eu-central-2, us-gov-west-1.
    static bool isValidRegionName(QStringView region);
};

} // namespace aws::auth
