#pragma once
// Logging categories of the AWS core. `deployctl --debug` turns on
// dc.aws.wire (redacted request/response traces).

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAwsClient)
Q_DECLARE_LOGGING_CATEGORY(lcAwsWire)
Q_DECLARE_LOGGING_CATEGORY(lcAwsRetry)
