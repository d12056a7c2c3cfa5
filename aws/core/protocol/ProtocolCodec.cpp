#include "ProtocolCodec.h"

#include "Ec2Protocol.h"
#include "JsonProtocol.h"
#include "QueryProtocol.h"

namespace aws {

const ProtocolCodec *ProtocolCodec::forProtocol(const QString &protocol)
{
    static const QueryProtocol query;
    static const Ec2Protocol ec2;
    static const JsonProtocol json;
    if (protocol == u"query")
        return &query;
    if (protocol == u"ec2")
        return &ec2;
    if (protocol == u"json")
        return &json;
    return nullptr;
}

} // namespace aws
