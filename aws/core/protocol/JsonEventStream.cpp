#include "JsonEventStream.h"

#include "JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <array>

namespace aws::json {

namespace {

quint32 crc32(const char *data, qsizetype len)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 c = 0xFFFFFFFFu;
    for (qsizetype i = 0; i < len; ++i)
        c = table[(c ^ static_cast<quint8>(data[i])) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

quint64 be(const char *p, int n)
{
    quint64 v = 0;
    for (int i = 0; i < n; ++i)
        v = (v << 8) | static_cast<quint8>(p[i]);
    return v;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool parseHeaders(const char *p, const char *end, QHash<QString, QString> &headers, QString *error)
{
    while (p < end) {
        const int nameLen = static_cast<quint8>(*p++);
        if (end - p < nameLen + 1)
            return fail(error, QStringLiteral("truncated event header"));
        const QString name = QString::fromUtf8(p, nameLen);
        p += nameLen;
        const int type = static_cast<quint8>(*p++);
        // Fixed sizes per value type; 6 (bytes) and 7 (string) carry a length.
        static constexpr int sizes[] = {0, 0, 1, 2, 4, 8, -1, -1, 8, 16};
        if (type > 9)
            return fail(error, QStringLiteral("unknown event header type %1").arg(type));
        qsizetype len = sizes[type];
        if (len < 0) {
            if (end - p < 2)
                return fail(error, QStringLiteral("truncated event header"));
            len = static_cast<qsizetype>(be(p, 2));
            p += 2;
        }
        if (end - p < len)
            return fail(error, QStringLiteral("truncated event header"));
        if (type == 7)
            headers.insert(name, QString::fromUtf8(p, len));
        else if (type == 0 || type == 1)
            headers.insert(name, type == 0 ? QStringLiteral("true") : QStringLiteral("false"));
        p += len;
    }
    return true;
}

QJsonValue parsePayloadJson(const QByteArray &payload, bool *ok)
{
    if (payload.trimmed().isEmpty()) {
        *ok = true;
        return QJsonObject();
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &pe);
    *ok = pe.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

// The model does not tell us (Shape has no eventpayload trait), so the
// payload's home is inferred: raw bytes go to the event's blob (or string)
// member; a JSON object whose keys are not the event's own members belongs
// to its single structure member.
QJsonObject eventValue(const EventMessage &m, const Shape &event, bool *ok)
{
    *ok = true;
    const QString contentType = m.headers.value(QStringLiteral(":content-type"));
    const bool isJson = contentType.contains(u"json") || (contentType.isEmpty() && m.payload.startsWith('{'));
    ShapeReader reader(false);
    if (!isJson) {
        for (const ShapeRef &member : event.members) {
            if (member.shape && member.shape->type == ShapeType::Blob)
                return {{member.name, QString::fromLatin1(m.payload.toBase64())}};
        }
        for (const ShapeRef &member : event.members) {
            if (member.shape && member.shape->type == ShapeType::String)
                return {{member.name, QString::fromUtf8(m.payload)}};
        }
        return {};
    }
    const QJsonObject body = parsePayloadJson(m.payload, ok).toObject();
    if (!*ok)
        return {};
    bool matchesOwnMembers = body.isEmpty();
    for (auto it = body.begin(); it != body.end() && !matchesOwnMembers; ++it)
        matchesOwnMembers = event.memberNamed(it.key()) != nullptr;
    if (!matchesOwnMembers && event.members.size() == 1 && event.members.first().shape &&
        event.members.first().shape->type == ShapeType::Structure) {
        const ShapeRef &member = event.members.first();
        return {{member.name, reader.readStructure(body, *member.shape)}};
    }
    return reader.readStructure(body, event);
}

bool badPayload(const QString &eventType, QString *errorCode, QString *errorMessage)
{
    errorCode->clear();
    *errorMessage = QStringLiteral("event '%1' does not carry a JSON object").arg(eventType);
    return false;
}

} // namespace

std::optional<QList<EventMessage>> decodeEventStream(const QByteArray &body, QString *error)
{
    QList<EventMessage> out;
    const char *p = body.constData();
    const char *end = p + body.size();
    while (p < end) {
        if (end - p < 16) {
            fail(error, QStringLiteral("truncated event stream message"));
            return std::nullopt;
        }
        const qsizetype total = static_cast<qsizetype>(be(p, 4));
        const qsizetype headersLen = static_cast<qsizetype>(be(p + 4, 4));
        if (total < 16 || total > end - p || headersLen > total - 16) {
            fail(error, QStringLiteral("bad event stream message length"));
            return std::nullopt;
        }
        if (crc32(p, 8) != be(p + 8, 4) || crc32(p, total - 4) != be(p + total - 4, 4)) {
            fail(error, QStringLiteral("event stream CRC mismatch"));
            return std::nullopt;
        }
        EventMessage m;
        if (!parseHeaders(p + 12, p + 12 + headersLen, m.headers, error))
            return std::nullopt;
        m.payload = QByteArray(p + 12 + headersLen, total - 16 - headersLen);
        out.append(std::move(m));
        p += total;
    }
    return out;
}

bool eventStreamToOutput(const QList<EventMessage> &messages, const Shape &outputShape,
                         const ShapeRef &streamMember, QJsonObject &output, QString *errorCode,
                         QString *errorMessage)
{
    QJsonArray events;
    for (const EventMessage &m : messages) {
        const QString messageType = m.headers.value(QStringLiteral(":message-type"));
        if (messageType == u"exception" || messageType == u"error") {
            bool ok = false;
            const QJsonObject body = parsePayloadJson(m.payload, &ok).toObject();
            *errorCode = messageType == u"error" ? m.headers.value(QStringLiteral(":error-code"))
                                                 : m.headers.value(QStringLiteral(":exception-type"));
            *errorMessage = messageType == u"error"
                                ? m.headers.value(QStringLiteral(":error-message"))
                                : body.value(u"message").toString(body.value(u"Message").toString());
            return false;
        }
        const QString eventType = m.headers.value(QStringLiteral(":event-type"));
        bool ok = false;
        if (eventType == u"initial-response") {
            const QJsonObject body = parsePayloadJson(m.payload, &ok).toObject();
            if (!ok)
                return badPayload(eventType, errorCode, errorMessage);
            const QJsonObject initial = ShapeReader(false).readStructure(body, outputShape);
            for (auto it = initial.begin(); it != initial.end(); ++it)
                if (it.key() != streamMember.name)
                    output.insert(it.key(), it.value());
            continue;
        }
        const ShapeRef *event = streamMember.shape->memberNamed(eventType);
        if (!event || !event->shape)
            continue; // an event this model does not know: skip, as the SDKs do
        const QJsonObject value = eventValue(m, *event->shape, &ok);
        if (!ok)
            return badPayload(eventType, errorCode, errorMessage);
        events.append(QJsonObject{{eventType, value}});
    }
    output.insert(streamMember.name, events);
    return true;
}

} // namespace aws::json
