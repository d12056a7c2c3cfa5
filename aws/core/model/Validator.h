#pragma once
// Checks call parameters against the model before anything is sent, as
// botocore's validate.py does: required members, types, lengths and ranges,
// enums and patterns. The error names the member path, e.g.
// "containerDefinitions[0].portMappings[0].containerPort".

#include "ServiceModel.h"

#include <QJsonObject>
#include <QStringList>

namespace aws {

struct ValidationIssue {
    QString path;    ///< member path; empty for the input itself
    QString message; ///< what is wrong, in words
    QString toString() const;
};

class Validator {
public:
    /// All problems found in `params` for input shape `shape` (nullptr: the
    /// operation takes no input, so any parameter is unknown).
    static QList<ValidationIssue> validate(const Shape *shape, const QJsonObject &params);
};

} // namespace aws
