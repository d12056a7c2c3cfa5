#pragma once
// AWS credentials as SigV4 needs them. Where they come from (environment,
// profiles, the keyring, a pasted Learner Lab block) is aws/auth's concern.

#include <QDateTime>
#include <QString>

namespace aws {

struct Credentials {
    QString accessKeyId;
    QString secretAccessKey; ///< never logged; see aws/core/client/Redaction.h
    QString sessionToken;    ///< empty for long-term keys
    QDateTime expiration;    ///< invalid when unknown
    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
};

} // namespace aws
