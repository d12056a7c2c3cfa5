#pragma once
// The ec2 protocol: the query protocol with every list flattened (X.N),
// names from queryName / capitalized locationName, XML responses without a
// result wrapper (lists of <item>), errors as <Response><Errors><Error>.

#include "QueryCodec.h"

namespace aws {

class Ec2Protocol : public QueryCodec {
public:
    Ec2Protocol()
        : QueryCodec(QueryFlavor::Ec2)
    {}
};

} // namespace aws
