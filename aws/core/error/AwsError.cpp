#include "AwsError.h"

#include <QSet>

namespace aws {

QString AwsError::toString() const
{
    QString s = code.isEmpty() ? message : (message.isEmpty() ? code : code + QStringLiteral(": ") + message);
    if (!requestId.isEmpty())
        s += QStringLiteral(" (request id %1)").arg(requestId);
    return s;
}

bool AwsError::isExpiredCredentials() const
{
    static const QSet<QString> codes{
        QStringLiteral("ExpiredToken"),         QStringLiteral("ExpiredTokenException"),
        QStringLiteral("InvalidClientTokenId"), QStringLiteral("UnrecognizedClientException"),
        QStringLiteral("RequestExpired"),
    };
    return codes.contains(code);
}

RetryClass classifyRetry(const QString &code, int httpStatus)
{
    // Lists from the SDKs' standard retry mode (botocore/data/_retry.json).
    static const QSet<QString> throttling{
        QStringLiteral("Throttling"),
        QStringLiteral("ThrottlingException"),
        QStringLiteral("ThrottledException"),
        QStringLiteral("RequestThrottledException"),
        QStringLiteral("TooManyRequestsException"),
        QStringLiteral("ProvisionedThroughputExceededException"),
        QStringLiteral("TransactionInProgressException"),
        QStringLiteral("RequestLimitExceeded"),
        QStringLiteral("BandwidthLimitExceeded"),
        QStringLiteral("LimitExceededException"),
        QStringLiteral("RequestThrottled"),
        QStringLiteral("SlowDown"),
        QStringLiteral("PriorRequestNotComplete"),
        QStringLiteral("EC2ThrottledException"),
    };
    static const QSet<QString> transient{
        QStringLiteral("RequestTimeout"),          QStringLiteral("RequestTimeoutException"),
        QStringLiteral("PriorRequestNotComplete"), QStringLiteral("InternalError"),
        QStringLiteral("InternalFailure"),         QStringLiteral("ServiceUnavailable"),
        QStringLiteral("InternalServerError"),     QStringLiteral("InternalServerException"),
    };
    static const QSet<QString> skew{
        QStringLiteral("RequestTimeTooSkewed"),
        QStringLiteral("RequestExpired"),
        QStringLiteral("InvalidSignatureException"),
        QStringLiteral("SignatureDoesNotMatch"),
        QStringLiteral("AuthFailure"),
        QStringLiteral("RequestInTheFuture"),
    };
    if (throttling.contains(code))
        return RetryClass::Throttling;
    if (transient.contains(code))
        return RetryClass::Transient;
    if (skew.contains(code))
        return RetryClass::ClockSkew;
    if (httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504)
        return RetryClass::Transient;
    if (httpStatus == 429)
        return RetryClass::Throttling;
    return RetryClass::None;
}

} // namespace aws
