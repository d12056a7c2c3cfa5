#pragma once
// How deployctl prints an operation's output: JSON (timestamps as ISO 8601,
// as the AWS CLI prints them) or text (the AWS CLI's text layout: a row of
// tab-separated scalars per structure, lists of structures as rows headed by
// the list's name in upper case).

#include "CliContext.h"
#include "Shape.h"

#include <QJsonObject>

namespace cli {

/// Output with timestamp members (per the shape) turned into ISO 8601 strings.
QJsonObject presentable(const QJsonObject &output, const aws::Shape *shape);
QString toJsonText(const QJsonObject &output);
QString toText(const QJsonObject &output);
void writeOutput(CliContext &ctx, const QJsonObject &output, const aws::Shape *shape);

} // namespace cli
