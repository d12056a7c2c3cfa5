#pragma once
// An error from a call: a service error (code from the wire), a validation
// error (nothing was sent), or a transport failure. Carries what the SDKs'
// retry logic and our messages need.

#include <QJsonObject>
#include <QString>

namespace aws {

enum class RetryClass {
    None,       ///< do not retry
    Throttling, ///< retry with backoff, costs more retry quota
    Transient,  ///< 5xx, connection drops, timeouts
    ClockSkew,  ///< retry after correcting the clock offset
};

enum class ErrorKind {
    Service,     ///< the service answered with an error
    Validation,  ///< parameters did not match the model; nothing was sent
    Network,     ///< no (complete) HTTP response
    Credentials, ///< no usable credentials
    Protocol,    ///< the response could not be parsed
};

struct AwsError {
    ErrorKind kind = ErrorKind::Service;
    QString code;
    QString message;
    int httpStatus = 0;
    QString requestId;
    QString type;       ///< "Sender" / "Receiver" where the protocol says
    QJsonObject fields; ///< modeled members of the error shape
    RetryClass retry = RetryClass::None;

    /// "Code: message (request id …)" — the form deployctl prints.
    QString toString() const;
    bool isExpiredCredentials() const;
};

/// Classifies code/status into a retry class, as the SDKs' standard mode does.
RetryClass classifyRetry(const QString &code, int httpStatus);

} // namespace aws
