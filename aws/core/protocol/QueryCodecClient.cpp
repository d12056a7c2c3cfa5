// Client side of the query/ec2 codec: form-encoded requests and XML
// responses (success and error).

#include "QueryCodec.h"
#include "QueryForm.h"
#include "XmlShapeReader.h"

#include <QXmlStreamReader>

namespace aws {

namespace {

QString expandHostPrefix(const Operation &op, const QJsonObject &params)
{
    QString prefix = op.hostPrefix;
    if (!op.input.shape)
        return prefix;
    for (const ShapeRef &m : op.input.shape->members) {
        if (m.hostLabel)
            prefix.replace(u'{' + m.name + u'}', params.value(m.name).toString());
    }
    return prefix;
}

QByteArray requestIdHeader(const HttpHeaders &headers)
{
    QByteArray id = headerValue(headers, "x-amzn-RequestId");
    if (id.isEmpty())
        id = headerValue(headers, "x-amz-request-id");
    return id;
}

template <typename Name> bool isRequestIdElement(Name name)
{
    return name == QLatin1String("RequestId") || name == QLatin1String("RequestID") ||
           name == QLatin1String("requestId");
}

/// Reads a success document: the output (inside query's result wrapper, or
/// the root's children for ec2) and the request id. False when the text
/// could not be converted (invalid UTF-8).
template <typename Reader>
bool readSuccess(Reader &r, const Operation &op, QueryFlavor flavor, ParseResult &res)
{
    xml::BasicShapeReader<Reader> reader(r);
    const Shape *shape = op.output.shape;
    if (!r.readNextStartElement())
        return true;
    // Request id: <requestId> among ec2's members, <ResponseMetadata> after
    // query's result wrapper.
    const typename xml::BasicShapeReader<Reader>::ExtraElement metadata = [&res](Reader &x) {
        if (isRequestIdElement(x.name())) {
            res.requestId = xml::readText(x);
            return true;
        }
        if (x.name() == QLatin1String("ResponseMetadata")) {
            while (x.readNextStartElement()) {
                if (isRequestIdElement(x.name()))
                    res.requestId = xml::readText(x);
                else
                    x.skipCurrentElement();
            }
            return true;
        }
        return false;
    };
    const bool wrapped = flavor == QueryFlavor::Query && shape && !op.resultWrapper.isEmpty();
    if (wrapped) {
        while (r.readNextStartElement()) {
            if (r.name() == op.resultWrapper)
                res.output = reader.readStructure(*shape);
            else if (!metadata(r))
                r.skipCurrentElement();
        }
    } else if (shape) {
        res.output = reader.readStructure(*shape, metadata);
    } else {
        while (r.readNextStartElement()) {
            if (!metadata(r))
                r.skipCurrentElement();
        }
    }
    return !reader.failed();
}

/// Positions the reader on the first <Error> element: the root itself, a
/// child of the root (query's <ErrorResponse>) or a child of <Errors>
/// (ec2's <Response><Errors>).
bool seekToError(QXmlStreamReader &r)
{
    if (!r.readNextStartElement())
        return false;
    if (r.name() == u"Error")
        return true;
    while (r.readNextStartElement()) {
        if (r.name() == u"Error")
            return true;
        if (r.name() == u"Errors") {
            while (r.readNextStartElement()) {
                if (r.name() == u"Error")
                    return true;
                r.skipCurrentElement();
            }
            continue;
        }
        r.skipCurrentElement();
    }
    return false;
}

/// RequestId (query), RequestID (ec2 errors) or requestId (ec2) among the
/// root's children, or inside <ResponseMetadata>.
QString findRequestId(const QByteArray &body)
{
    QXmlStreamReader r(body);
    if (!r.readNextStartElement())
        return {};
    while (r.readNextStartElement()) {
        if (isRequestIdElement(r.name()))
            return r.readElementText(QXmlStreamReader::SkipChildElements);
        if (r.name() == u"ResponseMetadata") {
            while (r.readNextStartElement()) {
                if (isRequestIdElement(r.name()))
                    return r.readElementText(QXmlStreamReader::SkipChildElements);
                r.skipCurrentElement();
            }
            continue;
        }
        r.skipCurrentElement();
    }
    return {};
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return QStringLiteral("HTTP status %1").arg(status);
    }
}

} // namespace

HttpRequest QueryCodec::serializeRequest(const ServiceModel &model, const Operation &op,
                                         const QJsonObject &params, QString *hostPrefix) const
{
    HttpRequest req;
    req.method = op.httpMethod.toLatin1();
    req.path = op.requestUri.isEmpty() ? QByteArray("/") : op.requestUri.toUtf8();
    query::FormPairs pairs{{QStringLiteral("Action"), op.name},
                           {QStringLiteral("Version"), model.metadata().apiVersion}};
    if (op.input.shape)
        query::encodeStructure(pairs, *op.input.shape, params, QString(), m_flavor);
    req.body = query::formEncode(pairs);
    // What botocore sends; the services accept it with or without charset.
    setHeader(req.headers, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    setHeader(req.headers, "Content-Length", QByteArray::number(req.body.size()));
    if (hostPrefix)
        *hostPrefix = expandHostPrefix(op, params);
    return req;
}

ParseResult QueryCodec::parseResponse(const ServiceModel &model, const Operation &op,
                                      const HttpResponse &response) const
{
    if (response.status >= 300)
        return parseError(model, response);

    ParseResult res;
    res.requestId = QString::fromLatin1(requestIdHeader(response.headers));
    if (response.body.trimmed().isEmpty())
        return res;

    // The fast reader handles what the services send; anything it declines
    // is read again by QXmlStreamReader, the reference.
    {
        xml::XmlPullParser fast(response.body);
        if (readSuccess(fast, op, m_flavor, res) && !fast.hasError())
            return res;
    }
    res.output = QJsonObject();
    QXmlStreamReader r(response.body);
    const bool converted = readSuccess(r, op, m_flavor, res);
    if (r.hasError() || !converted) {
        AwsError e;
        e.kind = ErrorKind::Protocol;
        e.code = QStringLiteral("MalformedResponse");
        e.message = QStringLiteral("Unable to parse the %1 response: %2")
                        .arg(op.name, r.hasError() ? r.errorString() : QStringLiteral("invalid text"));
        e.httpStatus = response.status;
        e.requestId = res.requestId;
        res.error = e;
    }
    return res;
}

ParseResult QueryCodec::parseError(const ServiceModel &model, const HttpResponse &response) const
{
    AwsError e;
    e.kind = ErrorKind::Service;
    e.httpStatus = response.status;
    e.requestId = QString::fromLatin1(requestIdHeader(response.headers));

    bool found = false;
    {
        QXmlStreamReader r(response.body);
        if (seekToError(r)) {
            found = true;
            while (r.readNextStartElement()) {
                const QStringView n = r.name();
                if (n == u"Code")
                    e.code = r.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
                else if (n == u"Message")
                    e.message = r.readElementText(QXmlStreamReader::IncludeChildElements);
                else if (n == u"Type")
                    e.type = r.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
                else
                    r.skipCurrentElement();
            }
        }
        if (r.hasError() && e.code.isEmpty())
            found = false;
    }

    if (found && !e.code.isEmpty()) {
        // Modeled members of the error shape, read from the same <Error>.
        if (const Shape *shape = model.errorShape(e.code); shape && !shape->members.isEmpty()) {
            QXmlStreamReader r(response.body);
            if (seekToError(r))
                e.fields = xml::ShapeReader(r).readStructure(*shape);
        }
        const QString id = findRequestId(response.body);
        if (!id.isEmpty())
            e.requestId = id;
    } else {
        // Not the protocol's error document (a proxy's HTML page, an empty
        // 503): the status is all there is to go on, as in botocore.
        e.code = QString::number(response.status);
        const QString text = QString::fromUtf8(response.body).trimmed();
        e.message = text.isEmpty() ? reasonPhrase(response.status) : text.left(512);
    }
    e.retry = classifyRetry(e.code, e.httpStatus);

    ParseResult res;
    res.requestId = e.requestId;
    res.error = e;
    return res;
}

} // namespace aws
