// The simulated CloudWatch Logs: log groups with their naming rules and
// errors, and the streams the ECS simulation writes for awslogs tasks
// (events are read in LogsEvents.cpp).
#include "LogsEvents.h"
#include "ServiceTable.h"

#include <QRegularExpression>
#include <algorithm>

namespace aws::sandbox {

namespace logs {

namespace {

constexpr qsizetype kPerEvent = 3; ///< timestamp, ingestionTime, message (see appendEvent)

constexpr int kDefaultDescribeLimit = 50;

std::optional<AwsError> checkGroupName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("\\A[\\.\\-_/#A-Za-z0-9]+\\z"));
    if (name.isEmpty() || name.size() > 512 || !re.match(name).hasMatch())
        return invalidParameter(
            QStringLiteral("1 validation error detected: Value '%1' at 'logGroupName' failed "
                           "to satisfy constraint: Member must satisfy regular expression "
                           "pattern: [\\.\\-_/#A-Za-z0-9]+ and have length between 1 and 512")
                .arg(name));
    // CloudWatch keeps "aws/…" for the log groups AWS services create.
    if (name.startsWith(u"aws/"))
        return invalidParameter(QStringLiteral("Log group names cannot start with 'aws/'."));
    return std::nullopt;
}

std::optional<AwsError> checkLimit(const QJsonObject &params)
{
    if (!params.contains(u"limit"))
        return std::nullopt;
    const qint64 limit = params.value(u"limit").toInteger();
    if (limit < 1 || limit > kDefaultDescribeLimit)
        return invalidParameter(QStringLiteral("1 validation error detected: Value '%1' at 'limit' failed to "
                                               "satisfy constraint: Member must have value between 1 and 50")
                                    .arg(limit));
    return std::nullopt;
}

/// Logs tags are a map; the "aws:" rule is the one every service shares.
std::optional<AwsError> checkTags(const QJsonObject &tags)
{
    QJsonArray list;
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it)
        list.append(QJsonObject{{QStringLiteral("key"), it.key()}});
    return checkTagKeys(list, QStringLiteral("key"), QStringLiteral("InvalidParameterException"));
}

qint64 nowMs(const SimContext &ctx)
{
    return qint64(ctx.now() * 1000);
}

/// What the group holds, counted from its streams' events (the ECS
/// simulation appends events without touching the group).
qint64 storedBytes(const SimState &state, const QString &group)
{
    qint64 bytes = 0;
    // The stored events as they are (see appendEvent): eventsOf() would copy and sort them all.
    for (const QString &key : streamKeys(state, group)) {
        const QJsonArray events = state.logStreams.value(key).value(u"_events").toArray();
        for (qsizetype i = kPerEvent - 1; i < events.size(); i += kPerEvent) // the messages
            bytes += events.at(i).toString().toUtf8().size();
    }
    return bytes;
}

QJsonObject groupView(const SimContext &ctx, const QJsonObject &record)
{
    const QString name = record.value(u"logGroupName").toString();
    QJsonObject view = publicView(record);
    view.insert(QStringLiteral("storedBytes"), storedBytes(ctx.state, name));
    // Groups that awslogs-create-group made carry only "arn".
    if (!view.contains(u"logGroupArn"))
        view.insert(QStringLiteral("logGroupArn"),
                    ctx.arn(QStringLiteral("logs"), QStringLiteral("log-group:") + name));
    return view;
}

/// A stream as DescribeLogStreams returns it. The event times come from the
/// events themselves, whoever wrote the record.
QJsonObject streamView(const SimContext &ctx, const QString &key, const QJsonObject &record)
{
    const QString group = key.section(u'\n', 0, 0);
    const QString name = key.section(u'\n', 1);
    QJsonObject view = publicView(record);
    view.insert(QStringLiteral("logStreamName"), name);
    if (!view.contains(u"arn"))
        view.insert(
            QStringLiteral("arn"),
            ctx.arn(QStringLiteral("logs"), QStringLiteral("log-group:%1:log-stream:%2").arg(group, name)));
    const QList<QJsonObject> events = eventsOf(record);
    if (!events.isEmpty()) {
        qint64 ingested = 0;
        for (const QJsonObject &e : events)
            ingested = std::max(ingested, e.value(u"ingestionTime").toInteger());
        view.insert(QStringLiteral("firstEventTimestamp"), events.first().value(u"timestamp"));
        view.insert(QStringLiteral("lastEventTimestamp"), events.last().value(u"timestamp"));
        view.insert(QStringLiteral("lastIngestionTime"), ingested);
        if (!view.contains(u"creationTime"))
            view.insert(QStringLiteral("creationTime"), events.first().value(u"ingestionTime"));
    }
    if (!view.contains(u"creationTime"))
        view.insert(QStringLiteral("creationTime"), 0);
    // Deprecated and always 0 at AWS.
    view.insert(QStringLiteral("storedBytes"), 0);
    return view;
}

CallResult pageOf(const QJsonArray &items, const QJsonObject &params, const QString &member)
{
    const auto page = paginate(items, params.value(u"limit").toInt(), params.value(u"nextToken").toString(),
                               kDefaultDescribeLimit,
                               invalidParameter(QStringLiteral("The specified nextToken is "
                                                               "invalid.")));
    if (const auto *e = std::get_if<AwsError>(&page))
        return *e;
    QJsonObject out{{member, std::get<Page>(page).items}};
    if (!std::get<Page>(page).nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), std::get<Page>(page).nextToken);
    return out;
}

CallResult createLogGroup(SimContext &ctx, const QJsonObject &params)
{
    const QString name = params.value(u"logGroupName").toString();
    if (auto e = checkGroupName(name))
        return *e;
    if (ctx.state.logGroups.contains(name))
        return clientError(QStringLiteral("ResourceAlreadyExistsException"),
                           QStringLiteral("The specified log group already exists"));
    const QJsonObject tags = params.value(u"tags").toObject();
    if (auto e = checkTags(tags))
        return *e;
    const QString arn = ctx.arn(QStringLiteral("logs"), QStringLiteral("log-group:") + name);
    QJsonObject group{
        {QStringLiteral("logGroupName"), name},   {QStringLiteral("creationTime"), nowMs(ctx)},
        {QStringLiteral("metricFilterCount"), 0}, {QStringLiteral("arn"), arn + QStringLiteral(":*")},
        {QStringLiteral("logGroupArn"), arn},     {QStringLiteral("storedBytes"), 0},
        {QStringLiteral("_tags"), tags}};
    if (params.contains(u"kmsKeyId"))
        group.insert(QStringLiteral("kmsKeyId"), params.value(u"kmsKeyId"));
    ctx.state.logGroups.insert(name, group);
    return QJsonObject{};
}

CallResult describeLogGroups(SimContext &ctx, const QJsonObject &params)
{
    if (params.contains(u"logGroupNamePrefix") && params.contains(u"logGroupNamePattern"))
        return invalidParameter(
            QStringLiteral("LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters."));
    if (auto e = checkLimit(params))
        return *e;
    const QString prefix = params.value(u"logGroupNamePrefix").toString();
    // logGroupNamePattern is a case-sensitive substring search.
    const QString pattern = params.value(u"logGroupNamePattern").toString();
    QJsonArray groups;
    for (auto it = ctx.state.logGroups.lowerBound(prefix);
         it != ctx.state.logGroups.cend() && it.key().startsWith(prefix); ++it)
        if (it.key().contains(pattern))
            groups.append(groupView(ctx, *it));
    return pageOf(groups, params, QStringLiteral("logGroups"));
}

CallResult deleteLogGroup(SimContext &ctx, const QJsonObject &params)
{
    const auto group = existingGroup(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&group))
        return *e;
    for (const QString &key : streamKeys(ctx.state, std::get<QString>(group)))
        ctx.state.logStreams.remove(key);
    ctx.state.logGroups.remove(std::get<QString>(group));
    return QJsonObject{};
}

CallResult describeLogStreams(SimContext &ctx, const QJsonObject &params)
{
    const auto group = existingGroup(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&group))
        return *e;
    const bool byTime = params.value(u"orderBy").toString() == u"LastEventTime";
    const QString prefix = params.value(u"logStreamNamePrefix").toString();
    if (byTime && params.contains(u"logStreamNamePrefix"))
        return invalidParameter(QStringLiteral("Cannot order by LastEventTime with a logStreamNamePrefix."));
    if (auto e = checkLimit(params))
        return *e;
    QList<QJsonObject> streams;
    for (const QString &key : streamKeys(ctx.state, std::get<QString>(group)))
        if (key.section(u'\n', 1).startsWith(prefix))
            streams << streamView(ctx, key, ctx.state.logStreams.value(key));
    if (byTime) // streams without events first, as their last event time is "never"
        std::stable_sort(streams.begin(), streams.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"lastEventTimestamp").toInteger() < b.value(u"lastEventTimestamp").toInteger();
        });
    if (params.value(u"descending").toBool())
        std::reverse(streams.begin(), streams.end());
    QJsonArray items;
    for (const QJsonObject &s : std::as_const(streams))
        items.append(s);
    return pageOf(items, params, QStringLiteral("logStreams"));
}

/// The group name in "arn:aws:logs:<region>:<account>:log-group:<name>[:*]"
/// when the ARN is this account's, else "".
QString groupFromArn(const SimContext &ctx, const QString &arn)
{
    const QString prefix = ctx.arn(QStringLiteral("logs"), QStringLiteral("log-group:"));
    if (!arn.startsWith(prefix))
        return {};
    QString name = arn.mid(prefix.size());
    if (name.endsWith(u":*"))
        name.chop(2);
    return name;
}

} // namespace

AwsError invalidParameter(const QString &message)
{
    return clientError(QStringLiteral("InvalidParameterException"), message);
}

AwsError groupNotFound()
{
    return clientError(QStringLiteral("ResourceNotFoundException"),
                       QStringLiteral("The specified log group does not exist."));
}

AwsError streamNotFound()
{
    return clientError(QStringLiteral("ResourceNotFoundException"),
                       QStringLiteral("The specified log stream does not exist."));
}

std::variant<QString, AwsError> existingGroup(const SimContext &ctx, const QJsonObject &params)
{
    const bool byName = params.contains(u"logGroupName");
    if (byName && params.contains(u"logGroupIdentifier"))
        return invalidParameter(
            QStringLiteral("LogGroup name and LogGroup ARN are mutually exclusive parameters."));
    QString name =
        params.value(byName ? QStringLiteral("logGroupName") : QStringLiteral("logGroupIdentifier"))
            .toString();
    if (!byName && name.startsWith(u"arn:"))
        name = groupFromArn(ctx, name);
    if (name.isEmpty() || !ctx.state.logGroups.contains(name))
        return groupNotFound();
    return name;
}

QString streamKey(const QString &group, const QString &stream)
{
    return group + u'\n' + stream;
}

QStringList streamKeys(const SimState &state, const QString &group)
{
    // Group names cannot hold '\n', so the prefix is one group's streams.
    const QString prefix = group + u'\n';
    QStringList keys;
    for (auto it = state.logStreams.lowerBound(prefix);
         it != state.logStreams.cend() && it.key().startsWith(prefix); ++it)
        keys << it.key();
    return keys;
}

void appendEvent(QJsonObject &stream, qint64 timestamp, qint64 ingestionTime, const QString &message,
                 int keepAtMost)
{
    QJsonArray events = stream.value(u"_events").toArray();
    stream.remove(QStringLiteral("_events")); // drop the shared copy so the append does not detach
    events.append(timestamp);
    events.append(ingestionTime);
    events.append(message);
    while (events.size() > keepAtMost * kPerEvent)
        for (qsizetype i = 0; i < kPerEvent; ++i)
            events.removeFirst();
    stream.insert(QStringLiteral("_events"), events);
}

QList<QJsonObject> eventsOf(const QJsonObject &stream)
{
    const QJsonArray flat = stream.value(u"_events").toArray();
    QList<QJsonObject> events;
    events.reserve(flat.size() / kPerEvent);
    for (qsizetype i = 0; i + kPerEvent <= flat.size(); i += kPerEvent)
        events << QJsonObject{{QStringLiteral("timestamp"), flat.at(i).toInteger()},
                              {QStringLiteral("message"), flat.at(i + 2).toString()},
                              {QStringLiteral("ingestionTime"), flat.at(i + 1).toInteger()}};
    // Writers append in time order; sorting anyway keeps reads right if not.
    std::stable_sort(events.begin(), events.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"timestamp").toInteger() < b.value(u"timestamp").toInteger();
    });
    return events;
}

QJsonObject streamToFile(const QJsonObject &stream)
{
    if (!stream.contains(u"_events"))
        return stream;
    QJsonArray events;
    for (const QJsonObject &e : eventsOf(stream))
        events.append(e);
    QJsonObject file = stream;
    file.insert(QStringLiteral("_events"), events);
    return file;
}

std::optional<QJsonObject> streamFromFile(const QJsonObject &stream, QString *why)
{
    if (!stream.contains(u"_events"))
        return stream;
    QJsonObject record = stream;
    record.remove(QStringLiteral("_events"));
    const QJsonArray events = stream.value(u"_events").toArray();
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject e = events.at(i).toObject();
        if (!e.value(u"message").isString()) {
            *why = QStringLiteral("event %1 is not an object with a message").arg(i);
            return std::nullopt;
        }
        const qint64 timestamp = e.value(u"timestamp").toInteger();
        appendEvent(record, timestamp, e.value(u"ingestionTime").toInteger(timestamp),
                    e.value(u"message").toString(), int(events.size()));
    }
    return record;
}

qint64 eventBytes(const QJsonObject &event)
{
    return event.value(u"message").toString().toUtf8().size() + 26;
}

} // namespace logs

ServiceTable logsService()
{
    ServiceTable t{QStringLiteral("logs"), {}, {}};
    t.operations.insert(QStringLiteral("CreateLogGroup"), logs::createLogGroup);
    t.operations.insert(QStringLiteral("DescribeLogGroups"), logs::describeLogGroups);
    t.operations.insert(QStringLiteral("DeleteLogGroup"), logs::deleteLogGroup);
    t.operations.insert(QStringLiteral("DescribeLogStreams"), logs::describeLogStreams);
    t.operations.insert(QStringLiteral("GetLogEvents"), logs::getLogEvents);
    t.operations.insert(QStringLiteral("FilterLogEvents"), logs::filterLogEvents);
    return t;
}

} // namespace aws::sandbox
