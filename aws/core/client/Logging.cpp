#include "Logging.h"

Q_LOGGING_CATEGORY(lcAwsClient, "dc.aws.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAwsWire, "dc.aws.wire", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAwsRetry, "dc.aws.retry", QtInfoMsg)
