#pragma once
// The AWS query protocol (RDS, IAM, STS): form-encoded requests with lists
// as X.member.N, XML responses inside <OpResponse><OpResult>, errors as
// <ErrorResponse><Error>.

#include "QueryCodec.h"

namespace aws {

class QueryProtocol : public QueryCodec {
public:
    QueryProtocol()
        : QueryCodec(QueryFlavor::Query)
    {}
};

} // namespace aws
