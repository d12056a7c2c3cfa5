// Reading the simulated CloudWatch Logs' events: GetLogEvents with AWS's
// forward/backward tokens, FilterLogEvents with filter patterns. The events
// themselves are written by the ECS simulation into each stream's "_events".
#include "LogsEvents.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <algorithm>

namespace aws::sandbox::logs {

namespace {

/// GetLogEvents' and FilterLogEvents' default and largest page.
constexpr int kMaxEvents = 10000;
constexpr qint64 kMaxResponseBytes = 1024 * 1024;
/// AWS's tokens are 56 digits; ours hold a timestamp and an ordinal.
constexpr int kTokenDigits = 56;
constexpr int kTimeDigits = 20;

const QString kBadToken = QStringLiteral("The specified nextToken is invalid.");

qint64 timeParam(const QJsonObject &params, const char *name, qint64 fallback)
{
    const QJsonValue v = params.value(QLatin1String(name));
    return v.isUndefined() || v.isNull() ? fallback : v.toInteger();
}

qint64 timestampOf(const QJsonObject &event)
{
    return event.value(u"timestamp").toInteger();
}

/// The first event at or after `time` (events sorted by timestamp).
qsizetype firstAtOrAfter(const QList<QJsonObject> &events, qint64 time)
{
    const auto it = std::lower_bound(events.cbegin(), events.cend(), time,
                                     [](const QJsonObject &e, qint64 t) { return timestampOf(e) < t; });
    return it - events.cbegin();
}

qsizetype firstAfter(const QList<QJsonObject> &events, qint64 time)
{
    const auto it = std::upper_bound(events.cbegin(), events.cend(), time,
                                     [](qint64 t, const QJsonObject &e) { return t < timestampOf(e); });
    return it - events.cbegin();
}

/// A place between events that stays put while the writer (ECS) appends
/// new events and drops the oldest ones, which plain indexes would not: the
/// timestamp of the event before it and how many events with that timestamp
/// come before it.
struct Anchor {
    qint64 timestamp = 0;
    qint64 ordinal = 0;
};

Anchor anchorAt(const QList<QJsonObject> &events, qsizetype index)
{
    if (index == 0)
        return {events.isEmpty() ? 0 : timestampOf(events.first()), 0};
    const qint64 t = timestampOf(events.at(index - 1));
    return {t, index - firstAtOrAfter(events, t)};
}

qsizetype indexOf(const QList<QJsonObject> &events, Anchor anchor)
{
    return std::min(firstAtOrAfter(events, anchor.timestamp) + anchor.ordinal,
                    firstAfter(events, anchor.timestamp));
}

/// An anchor as 56 digits, the length of AWS's tokens.
QString anchorDigits(Anchor a)
{
    return QString::number(a.timestamp).rightJustified(kTimeDigits, u'0') +
           QString::number(a.ordinal).rightJustified(kTokenDigits - kTimeDigits, u'0');
}

std::optional<Anchor> parseAnchorDigits(const QString &digits)
{
    bool okTime = false, okOrdinal = false;
    const Anchor a{digits.left(kTimeDigits).toLongLong(&okTime),
                   digits.mid(kTimeDigits).toLongLong(&okOrdinal)};
    if (digits.size() != kTokenDigits || !okTime || !okOrdinal)
        return std::nullopt;
    return a;
}

// ---- GetLogEvents ----

/// A position between events, and the direction a token reads from it.
struct Position {
    bool forward = true;
    qsizetype index = 0;
};

QString tokenFor(const QList<QJsonObject> &events, bool forward, qsizetype index)
{
    return (forward ? QStringLiteral("f/") : QStringLiteral("b/")) + anchorDigits(anchorAt(events, index));
}

std::optional<Position> parseToken(const QString &token, const QList<QJsonObject> &events)
{
    static const QRegularExpression re(QStringLiteral("\\A([fb])/([0-9]{56})\\z"));
    const QRegularExpressionMatch m = re.match(token);
    const auto anchor = m.hasMatch() ? parseAnchorDigits(m.captured(2)) : std::nullopt;
    if (!anchor)
        return std::nullopt;
    return Position{m.captured(1) == u"f", indexOf(events, *anchor)};
}

/// The events [from, to) one page holds, reading forward from `from` (or
/// backward from `to`) within [lo, hi), up to `limit` events and 1 MB.
std::pair<qsizetype, qsizetype> pageRange(const QList<QJsonObject> &events, Position at, qsizetype lo,
                                          qsizetype hi, int limit)
{
    const qsizetype start = std::clamp(at.index, lo, hi);
    qint64 bytes = 0;
    const auto fits = [&](qsizetype i, qsizetype count) {
        if (count >= limit || bytes + eventBytes(events.at(i)) > kMaxResponseBytes)
            return false;
        bytes += eventBytes(events.at(i));
        return true;
    };
    qsizetype from = start, to = start;
    if (at.forward) {
        while (to < hi && fits(to, to - from))
            ++to;
    } else {
        while (from > lo && fits(from - 1, to - from))
            --from;
    }
    return {from, to};
}

// ---- FilterLogEvents ----

/// CloudWatch's filter pattern for unstructured text: every plain term must
/// occur, no "-term" may, and at least one "?term" must when there are any;
/// "quoted phrases" are one term; matching is case-sensitive. JSON patterns
/// ("{ $.level = … }") and space-delimited ones ("[ip, user, …]") are not
/// interpreted: the whole pattern is matched as a substring, which finds
/// nothing for most of them rather than too much.
class FilterPattern {
public:
    explicit FilterPattern(const QString &pattern)
    {
        const QString p = pattern.trimmed();
        if (p.startsWith(u'{') || p.startsWith(u'[')) {
            m_all << p;
            return;
        }
        for (qsizetype i = 0; i < p.size();) {
            if (p.at(i).isSpace()) {
                ++i;
                continue;
            }
            QStringList *list = &m_all;
            if (p.at(i) == u'?' || p.at(i) == u'-') {
                list = p.at(i) == u'?' ? &m_any : &m_none;
                ++i;
            }
            const QString term = readTerm(p, i);
            if (!term.isEmpty())
                list->append(term);
        }
    }

    bool matches(const QString &message) const
    {
        const auto in = [&](const QString &t) { return message.contains(t); };
        return std::all_of(m_all.cbegin(), m_all.cend(), in) &&
               std::none_of(m_none.cbegin(), m_none.cend(), in) &&
               (m_any.isEmpty() || std::any_of(m_any.cbegin(), m_any.cend(), in));
    }

private:
    /// A "quoted phrase" (\" inside) or a word, from `i`, which moves past it.
    static QString readTerm(const QString &p, qsizetype &i)
    {
        QString term;
        if (i < p.size() && p.at(i) == u'"') {
            for (++i; i < p.size() && p.at(i) != u'"'; ++i) {
                if (p.at(i) == u'\\' && i + 1 < p.size())
                    ++i;
                term += p.at(i);
            }
            ++i; // the closing quote
            return term;
        }
        while (i < p.size() && !p.at(i).isSpace())
            term += p.at(i++);
        return term;
    }

    QStringList m_all, m_any, m_none;
};

/// AWS-shaped (56 digits), unique per event and the same on every call, so
/// clients can de-duplicate across pages: the timestamp, the stream, and the
/// event's place among the stream's events with that timestamp (not its
/// index, which moves when old events are dropped).
QString eventId(const QString &key, qint64 timestamp, qsizetype ordinal)
{
    const QByteArray h = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256);
    quint64 streamPart = 0;
    for (int i = 0; i < 8; ++i)
        streamPart = (streamPart << 8) | quint8(h.at(i));
    return QString::number(timestamp).rightJustified(20, u'0') +
           QString::number(streamPart % 1000000000000000000ULL).rightJustified(18, u'0') +
           QString::number(ordinal).rightJustified(18, u'0');
}

/// The streams FilterLogEvents searches: the named ones (unknown names are
/// skipped, as AWS does), those with the prefix, or all.
QStringList searchedStreams(const SimState &state, const QString &group, const QJsonObject &params)
{
    QStringList keys = streamKeys(state, group);
    if (params.contains(u"logStreamNames")) {
        QStringList named;
        for (const QJsonValue &v : params.value(u"logStreamNames").toArray())
            named << streamKey(group, v.toString());
        keys.erase(
            std::remove_if(keys.begin(), keys.end(), [&](const QString &k) { return !named.contains(k); }),
            keys.end());
    } else if (params.contains(u"logStreamNamePrefix")) {
        const QString prefix = streamKey(group, params.value(u"logStreamNamePrefix").toString());
        keys.erase(
            std::remove_if(keys.begin(), keys.end(), [&](const QString &k) { return !k.startsWith(prefix); }),
            keys.end());
    }
    return keys;
}

QList<QJsonObject> matchingEvents(const SimState &state, const QStringList &streams,
                                  const QJsonObject &params)
{
    const FilterPattern pattern(params.value(u"filterPattern").toString());
    // FilterLogEvents' endTime is inclusive (GetLogEvents' is not).
    const qint64 start = timeParam(params, "startTime", 0);
    const qint64 end = timeParam(params, "endTime", std::numeric_limits<qint64>::max());
    QList<QJsonObject> out;
    for (const QString &key : streams) {
        const QString stream = key.section(u'\n', 1);
        const QList<QJsonObject> events = eventsOf(state.logStreams.value(key));
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QJsonObject &e = events.at(i);
            const qint64 t = e.value(u"timestamp").toInteger();
            if (t < start || t > end || !pattern.matches(e.value(u"message").toString()))
                continue;
            QJsonObject hit = e;
            hit.insert(QStringLiteral("logStreamName"), stream);
            hit.insert(QStringLiteral("eventId"), eventId(key, t, i - firstAtOrAfter(events, t)));
            out << hit;
        }
    }
    // Interleaved by time across streams, as AWS always answers now.
    std::stable_sort(out.begin(), out.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"timestamp").toInteger() < b.value(u"timestamp").toInteger();
    });
    return out;
}

QString filterToken(const QList<QJsonObject> &events, qsizetype index)
{
    return QString::fromLatin1(("fle2:" + anchorDigits(anchorAt(events, index)).toLatin1()).toBase64());
}

std::optional<qsizetype> parseFilterToken(const QString &token, const QList<QJsonObject> &events)
{
    const QByteArray raw = QByteArray::fromBase64(token.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto anchor =
        raw.startsWith("fle2:") ? parseAnchorDigits(QString::fromLatin1(raw.mid(5))) : std::nullopt;
    if (!anchor)
        return std::nullopt;
    return indexOf(events, *anchor);
}

} // namespace

CallResult getLogEvents(SimContext &ctx, const QJsonObject &params)
{
    const auto group = existingGroup(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&group))
        return *e;
    const auto stream = ctx.state.logStreams.constFind(
        streamKey(std::get<QString>(group), params.value(u"logStreamName").toString()));
    if (stream == ctx.state.logStreams.cend())
        return streamNotFound();
    const QList<QJsonObject> events = eventsOf(*stream);
    // startTime inclusive, endTime exclusive: [lo, hi).
    const qsizetype lo = firstAtOrAfter(events, timeParam(params, "startTime", 0));
    const qsizetype hi =
        std::max(lo, params.contains(u"endTime") ? firstAtOrAfter(events, timeParam(params, "endTime", 0))
                                                 : events.size());
    // Without a token: the newest events, or the oldest with startFromHead.
    Position at = params.value(u"startFromHead").toBool() ? Position{true, lo} : Position{false, hi};
    if (params.contains(u"nextToken")) {
        const auto parsed = parseToken(params.value(u"nextToken").toString(), events);
        if (!parsed)
            return invalidParameter(kBadToken);
        at = *parsed;
    }
    const auto [from, to] = pageRange(events, at, lo, hi, params.value(u"limit").toInt(kMaxEvents));
    QJsonArray out;
    for (qsizetype i = from; i < to; ++i)
        out.append(events.at(i));
    // At either end the token asked with comes back: clients stop on that.
    return QJsonObject{{QStringLiteral("events"), out},
                       {QStringLiteral("nextForwardToken"), tokenFor(events, true, to)},
                       {QStringLiteral("nextBackwardToken"), tokenFor(events, false, from)}};
}

CallResult filterLogEvents(SimContext &ctx, const QJsonObject &params)
{
    const auto group = existingGroup(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&group))
        return *e;
    if (params.contains(u"logStreamNames") && params.contains(u"logStreamNamePrefix"))
        return invalidParameter(
            QStringLiteral("logStreamNames and logStreamNamePrefix are mutually exclusive "
                           "parameters."));
    if (params.contains(u"startTime") && params.contains(u"endTime") &&
        timeParam(params, "startTime", 0) > timeParam(params, "endTime", 0))
        return invalidParameter(QStringLiteral("endTime must be greater than or equal to startTime."));
    const QStringList streams = searchedStreams(ctx.state, std::get<QString>(group), params);
    const QList<QJsonObject> events = matchingEvents(ctx.state, streams, params);
    qsizetype offset = 0;
    if (params.contains(u"nextToken")) {
        const auto parsed = parseFilterToken(params.value(u"nextToken").toString(), events);
        if (!parsed)
            return invalidParameter(kBadToken);
        offset = *parsed;
    }
    const auto [from, to] =
        pageRange(events, Position{true, offset}, 0, events.size(), params.value(u"limit").toInt(kMaxEvents));
    QJsonArray out;
    for (qsizetype i = from; i < to; ++i)
        out.append(events.at(i));
    QJsonObject result{{QStringLiteral("events"), out}, {QStringLiteral("searchedLogStreams"), QJsonArray{}}};
    if (to < events.size())
        result.insert(QStringLiteral("nextToken"), filterToken(events, to));
    return result;
}

} // namespace aws::sandbox::logs
