#pragma once
// EC2's Filters parameter: [{Name, Values}], every filter must match (AND),
// any value of a filter may match (OR), values take * and ? wildcards. Each
// Describe names the filters it knows; tag:<key> and tag-key work everywhere.

#include "SimContext.h"

#include <functional>

namespace aws::sandbox::ec2 {

/// A filter's values for one record (several for list-valued fields).
using FilterField = std::function<QStringList(const QJsonObject &record)>;
using FilterFields = QHash<QString, FilterField>;

/// InvalidParameterValue for a filter name the call does not know.
std::optional<AwsError> checkFilters(const QJsonArray &filters, const FilterFields &fields);
bool matchesFilters(const QJsonObject &record, const QJsonArray &filters, const FilterFields &fields);

/// A field read from a top-level member ("true"/"false" for booleans, digits for numbers).
FilterField member(const QString &name);
/// A field read from each element of a list member.
FilterField listMember(const QString &list, const QString &name);

/// Describe by ids and filters with EC2's errors: ids that do not look like
/// `prefix-<hex>` → `<errorStem>.Malformed`, ids that do not exist →
/// `<errorStem>.NotFound`, then Filters and MaxResults/NextToken.
struct DescribeSpec {
    const Records *table = nullptr;
    QString idsParam;     ///< "VpcIds"
    QString idPrefix;     ///< "vpc"
    QString errorStem;    ///< "InvalidVpcID"
    QString noun;         ///< "vpc ID", for the NotFound message
    QString resultMember; ///< "Vpcs"
    FilterFields filters;
};
CallResult describe(const DescribeSpec &spec, const QJsonObject &params);

/// Whether `id` looks like `prefix-` followed by 8 or 17 hex digits.
bool isWellFormedId(const QString &id, const QString &prefix);

} // namespace aws::sandbox::ec2
