#include "JsonProtocol.h"

#include "JsonEventStream.h"
#include "JsonMembers.h"
#include "JsonParser.h"
#include "JsonReader.h"
#include "JsonWriter.h"

#include <QJsonDocument>

namespace aws {

namespace {

const QByteArray kTargetHeader = QByteArrayLiteral("X-Amz-Target");
const QByteArray kRequestIdHeader = QByteArrayLiteral("x-amzn-RequestId");

bool isBlank(const QByteArray &body)
{
    for (char c : body)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return false;
    return true;
}

AwsError serverError(const QString &code, const QString &message)
{
    AwsError e;
    e.code = code;
    e.message = message;
    e.httpStatus = 400;
    e.type = QStringLiteral("Sender");
    return e;
}

QString substituteHostLabels(const QString &prefix, const QJsonObject &params)
{
    QString out;
    out.reserve(prefix.size());
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        const qsizetype close = prefix[i] == u'{' ? prefix.indexOf(u'}', i) : -1;
        if (close < 0) {
            out += prefix[i];
            continue;
        }
        out += params.value(prefix.mid(i + 1, close - i - 1)).toString();
        i = close;
    }
    return out;
}

} // namespace

QByteArray JsonProtocol::contentType(const ServiceModel &model)
{
    const QString &v = model.metadata().jsonVersion;
    return "application/x-amz-json-" + (v.isEmpty() ? QByteArrayLiteral("1.0") : v.toLatin1());
}

QString JsonProtocol::sanitizeErrorCode(QString code)
{
    // Coral sends "namespace#Code" and sometimes a ":http://…" suffix.
    const qsizetype colon = code.indexOf(u':');
    if (colon >= 0)
        code.truncate(colon);
    const qsizetype hash = code.lastIndexOf(u'#');
    if (hash >= 0)
        code.remove(0, hash + 1);
    return code.trimmed();
}

// ---- client side ----

HttpRequest JsonProtocol::serializeRequest(const ServiceModel &model, const Operation &op,
                                           const QJsonObject &params, QString *hostPrefix) const
{
    HttpRequest req;
    req.method = "POST";
    req.path = op.requestUri.isEmpty() ? QByteArrayLiteral("/") : op.requestUri.toUtf8();
    if (op.input.shape) {
        req.body.reserve(256);
        json::ShapeWriter(req.body).writeStructure(params, *op.input.shape, true);
    } else {
        req.body = "{}"; // always an object, for forward compatibility (Smithy's rule)
    }
    req.headers.reserve(3);
    req.headers.append({kTargetHeader, (model.metadata().targetPrefix + u'.' + op.name).toUtf8()});
    req.headers.append({QByteArrayLiteral("Content-Type"), contentType(model)});
    req.headers.append({QByteArrayLiteral("Content-Length"), QByteArray::number(req.body.size())});
    if (hostPrefix)
        *hostPrefix = op.hostPrefix.isEmpty() ? QString() : substituteHostLabels(op.hostPrefix, params);
    return req;
}

AwsError JsonProtocol::parseError(const ServiceModel &model, const HttpResponse &response)
{
    AwsError e;
    e.kind = ErrorKind::Service;
    e.httpStatus = response.status;
    e.requestId = QString::fromLatin1(headerValue(response.headers, kRequestIdHeader));

    const auto parsedBody =
        isBlank(response.body) ? std::nullopt : json::parseObject(response.body, nullptr, nullptr);
    const bool parsed = parsedBody.has_value();
    const QJsonObject body = parsedBody.value_or(QJsonObject());

    QString code = QString::fromUtf8(headerValue(response.headers, QByteArrayLiteral("X-Amzn-Errortype")));
    if (code.isEmpty())
        code = body.value(u"__type").toString();
    if (code.isEmpty())
        code = body.value(u"code").toString();
    code = sanitizeErrorCode(code);
    if (code.isEmpty())
        code = QString::number(response.status); // what botocore reports when nothing names the error
    e.code = code;

    if (parsed) {
        for (const auto key : {u"message", u"Message", u"errorMessage"}) {
            const QJsonValue m = body.value(QStringView(key));
            if (m.isString()) {
                e.message = m.toString();
                break;
            }
        }
    } else if (!isBlank(response.body)) {
        // A proxy's HTML page or a truncated body: keep its start for the user.
        e.message = QString::fromUtf8(response.body.left(512)).trimmed();
    }

    const Shape *shape = model.errorShape(code);
    if (shape && parsed)
        e.fields = json::parseObject(response.body, shape, nullptr).value_or(QJsonObject());
    if (shape)
        e.type = shape->fault ? QStringLiteral("Receiver") : QStringLiteral("Sender");
    else
        e.type = response.status >= 500 ? QStringLiteral("Receiver") : QStringLiteral("Sender");
    e.retry = classifyRetry(code, response.status);
    return e;
}

ParseResult JsonProtocol::parseResponse(const ServiceModel &model, const Operation &op,
                                        const HttpResponse &response) const
{
    ParseResult result;
    if (response.status >= 300) {
        result.error = parseError(model, response);
        return result;
    }
    const Shape *shape = op.output.shape;
    if (!shape || isBlank(response.body))
        return result; // no output, or an empty body: an empty output

    auto protocolError = [&](const QString &message) {
        AwsError e;
        e.kind = ErrorKind::Protocol;
        e.code = QStringLiteral("InvalidResponse");
        e.message = message;
        e.httpStatus = response.status;
        e.requestId = QString::fromLatin1(headerValue(response.headers, kRequestIdHeader));
        e.retry = RetryClass::None;
        result.error = e;
        return result;
    };

    if (const ShapeRef *stream = json::eventStreamMember(shape)) {
        QString err;
        const auto messages = json::decodeEventStream(response.body, &err);
        if (!messages)
            return protocolError(err);
        QString code, message;
        if (!json::eventStreamToOutput(*messages, *shape, *stream, result.output, &code, &message)) {
            if (code.isEmpty())
                return protocolError(message);
            AwsError e;
            e.code = code;
            e.message = message;
            e.httpStatus = response.status;
            e.retry = classifyRetry(code, response.status);
            result.error = e;
        }
        return result;
    }

    // One pass from the bytes to the output, typed by the shape.
    QJsonParseError pe;
    std::optional<QJsonObject> output = json::parseObject(response.body, shape, &pe);
    if (!output)
        return protocolError(QStringLiteral("response body is not a JSON object: %1").arg(pe.errorString()));
    result.output = std::move(*output);
    return result;
}

// ---- server side ----

ServerParseResult JsonProtocol::parseRequest(const ServiceModel &model, const HttpRequest &request) const
{
    ServerParseResult r;
    const QString target = QString::fromUtf8(headerValue(request.headers, kTargetHeader));
    const qsizetype dot = target.lastIndexOf(u'.');
    const QString prefix = dot < 0 ? QString() : target.left(dot);
    const QString name = dot < 0 ? target : target.mid(dot + 1);
    const Operation *op = nullptr;
    if (prefix == model.metadata().targetPrefix)
        op = model.operation(name);
    if (!op) {
        r.error = serverError(QStringLiteral("UnknownOperationException"),
                              target.isEmpty() ? QStringLiteral("Missing X-Amz-Target header")
                                               : QStringLiteral("Unknown operation %1").arg(target));
        return r;
    }
    r.request.operation = op;
    if (isBlank(request.body))
        return r; // the services accept a missing body as {}

    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        r.error = serverError(
            QStringLiteral("SerializationException"),
            pe.error != QJsonParseError::NoError
                ? QStringLiteral("Malformed JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString())
                : QStringLiteral("Start of structure or map found where not expected."));
        return r;
    }
    if (!op->input.shape)
        return r;
    json::ShapeReader reader(true);
    r.request.params = reader.readStructure(doc.object(), *op->input.shape);
    if (reader.failed()) {
        r.request.params = {};
        r.error = serverError(QStringLiteral("SerializationException"), reader.error());
    }
    return r;
}

HttpResponse JsonProtocol::serializeResponse(const ServiceModel &model, const Operation &op,
                                             const QJsonObject &output, const QString &requestId) const
{
    HttpResponse resp;
    resp.status = 200;
    if (op.output.shape) {
        resp.body.reserve(1024);
        json::ShapeWriter(resp.body).writeStructure(output, *op.output.shape);
    } else {
        resp.body = "{}";
    }
    resp.headers.reserve(3);
    resp.headers.append({kRequestIdHeader, requestId.toLatin1()});
    resp.headers.append({QByteArrayLiteral("Content-Type"), contentType(model)});
    resp.headers.append({QByteArrayLiteral("Content-Length"), QByteArray::number(resp.body.size())});
    return resp;
}

HttpResponse JsonProtocol::serializeError(const ServiceModel &model, const AwsError &error,
                                          const QString &requestId) const
{
    HttpResponse resp;
    const Shape *shape = model.errorShape(error.code);
    resp.status = error.httpStatus > 0 ? error.httpStatus
                                       : (shape && shape->errorHttpStatus > 0 ? shape->errorHttpStatus : 400);

    // {"__type":"Code","message":"…", <modeled members>} — what ECS, ECR and
    // Logs send; botocore takes the code from __type and the message from
    // "message" or "Message".
    json::ShapeWriter w(resp.body);
    resp.body += '{';
    bool first = true;
    w.writeKey(u"__type", first);
    w.writeString(error.code);
    const bool fieldsHaveMessage = error.fields.contains(u"message") || error.fields.contains(u"Message");
    if (!fieldsHaveMessage && !error.message.isEmpty()) {
        w.writeKey(u"message", first);
        w.writeString(error.message);
    }
    qsizetype cursor = 0;
    for (auto it = error.fields.begin(); it != error.fields.end(); ++it) {
        const QString key = it.key();
        if (key == u"__type" || it.value().isNull())
            continue;
        const ShapeRef *m = shape ? json::findMember(*shape, key, cursor) : nullptr;
        w.writeKey(key, first);
        if (m && m->shape)
            w.writeValue(it.value(), *m);
        else
            w.writeGeneric(it.value());
    }
    resp.body += '}';

    resp.headers.reserve(3);
    resp.headers.append({kRequestIdHeader, requestId.toLatin1()});
    resp.headers.append({QByteArrayLiteral("Content-Type"), contentType(model)});
    resp.headers.append({QByteArrayLiteral("Content-Length"), QByteArray::number(resp.body.size())});
    return resp;
}

} // namespace aws
