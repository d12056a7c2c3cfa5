#pragma once
// The query protocol and its ec2 variant share one codec; this is the switch
// between their few differences (list naming and flattening, error envelope,
// result wrapper, request id element).

namespace aws {

enum class QueryFlavor {
    Query,
    Ec2,
};

} // namespace aws
