// Server side of the query/ec2 codec, used by the sandbox: read a form
// request, write the XML documents the real services send. Botocore (the
// AWS CLI) parses these, so the element layout follows what its parsers
// expect: <OpResponse><OpResult>…</OpResult><ResponseMetadata> for query,
// <OpResponse><requestId>… for ec2, and the two error envelopes.

#include "QueryCodec.h"
#include "QueryForm.h"
#include "XmlShapeWriter.h"

namespace aws {

namespace {

QString responseNamespace(const ServiceMetadata &meta, QueryFlavor flavor)
{
    QString ns = meta.xmlNamespace;
    if (ns.isEmpty()) {
        ns = flavor == QueryFlavor::Ec2
                 ? QStringLiteral("http://ec2.amazonaws.com/doc/%1/").arg(meta.apiVersion)
                 : QStringLiteral("https://%1.amazonaws.com/doc/%2/")
                       .arg(meta.endpointPrefix, meta.apiVersion);
    }
    if (!ns.endsWith(u'/'))
        ns += u'/';
    return ns;
}

AwsError senderError(const QString &code, const QString &message)
{
    AwsError e;
    e.kind = ErrorKind::Service;
    e.code = code;
    e.message = message;
    e.httpStatus = 400;
    e.type = QStringLiteral("Sender");
    return e;
}

void setXmlHeaders(HttpResponse &resp, QueryFlavor flavor, const QString &requestId)
{
    setHeader(resp.headers, "Content-Type",
              flavor == QueryFlavor::Ec2 ? QByteArray("text/xml;charset=UTF-8") : QByteArray("text/xml"));
    setHeader(resp.headers, "Content-Length", QByteArray::number(resp.body.size()));
    if (!requestId.isEmpty())
        setHeader(resp.headers, "x-amzn-RequestId", requestId.toUtf8());
}

} // namespace

ServerParseResult QueryCodec::parseRequest(const ServiceModel &model, const HttpRequest &request) const
{
    ServerParseResult res;
    // The query protocol may also come as a GET with the form in the URL.
    const query::FormPairs pairs = query::formDecode(request.body.isEmpty() ? request.query() : request.body);
    QString action;
    QString version;
    for (const auto &[k, v] : pairs) {
        if (k == u"Action")
            action = v;
        else if (k == u"Version")
            version = v;
    }
    const Operation *op = action.isEmpty() ? nullptr : model.operation(action);
    if (!op) {
        res.error =
            senderError(QStringLiteral("InvalidAction"),
                        action.isEmpty()
                            ? QStringLiteral("The request must contain the parameter Action.")
                            : QStringLiteral("The action %1 is not valid for this web service.").arg(action));
        return res;
    }
    res.request.operation = op;
    if (op->input.shape) {
        QString error;
        auto params = query::decodeStructure(pairs, *op->input.shape, m_flavor, &error);
        if (!params) {
            res.error = senderError(m_flavor == QueryFlavor::Ec2 ? QStringLiteral("InvalidParameterValue")
                                                                 : QStringLiteral("ValidationError"),
                                    error);
            return res;
        }
        res.request.params = *params;
    }
    return res;
}

HttpResponse QueryCodec::serializeResponse(const ServiceModel &model, const Operation &op,
                                           const QJsonObject &output, const QString &requestId) const
{
    HttpResponse resp;
    resp.status = 200;
    xml::Writer w(resp.body);
    w.startDocument();
    w.startElement(op.name + QStringLiteral("Response"));
    w.defaultNamespace(responseNamespace(model.metadata(), m_flavor));
    xml::ShapeWriter members(w, m_flavor);
    const Shape *shape = op.output.shape;
    if (m_flavor == QueryFlavor::Ec2) {
        w.textElement(u"requestId", requestId);
        if (shape)
            members.writeMembers(*shape, output);
    } else {
        if (shape && !op.resultWrapper.isEmpty()) {
            w.startElement(op.resultWrapper);
            members.writeMembers(*shape, output);
            w.endElement();
        } else if (shape) {
            members.writeMembers(*shape, output);
        }
        w.startElement(u"ResponseMetadata");
        w.textElement(u"RequestId", requestId);
        w.endElement();
    }
    w.endDocument();
    setXmlHeaders(resp, m_flavor, requestId);
    return resp;
}

HttpResponse QueryCodec::serializeError(const ServiceModel &model, const AwsError &error,
                                        const QString &requestId) const
{
    // The sandbox may name an error by its shape (NoSuchEntityException);
    // the wire carries the shape's error code (NoSuchEntity).
    const Shape *shape = error.code.isEmpty() ? nullptr : model.errorShape(error.code);
    const QString code = shape && !shape->errorCode.isEmpty() ? shape->errorCode : error.code;

    HttpResponse resp;
    resp.status = error.httpStatus > 0 ? error.httpStatus
                                       : (shape && shape->errorHttpStatus > 0 ? shape->errorHttpStatus : 400);
    QString type = error.type;
    if (type.isEmpty())
        type = resp.status >= 500 || (shape && shape->fault) ? QStringLiteral("Receiver")
                                                             : QStringLiteral("Sender");
    static const QStringList envelope{QStringLiteral("Code"), QStringLiteral("Message"),
                                      QStringLiteral("Type"), QStringLiteral("message")};

    xml::Writer w(resp.body);
    w.startDocument();
    if (m_flavor == QueryFlavor::Ec2) {
        w.startElement(u"Response");
        w.startElement(u"Errors");
        w.startElement(u"Error");
        w.textElement(u"Code", code);
        w.textElement(u"Message", error.message);
        if (shape)
            xml::ShapeWriter(w, m_flavor).writeMembers(*shape, error.fields, envelope);
        w.endElement();
        w.endElement();
        w.textElement(u"RequestID", requestId);
        w.endElement();
    } else {
        w.startElement(u"ErrorResponse");
        w.defaultNamespace(responseNamespace(model.metadata(), m_flavor));
        w.startElement(u"Error");
        w.textElement(u"Type", type);
        w.textElement(u"Code", code);
        w.textElement(u"Message", error.message);
        if (shape)
            xml::ShapeWriter(w, m_flavor).writeMembers(*shape, error.fields, envelope);
        w.endElement();
        w.textElement(u"RequestId", requestId);
        w.endElement();
    }
    w.endDocument();
    setXmlHeaders(resp, m_flavor, requestId);
    return resp;
}

} // namespace aws
