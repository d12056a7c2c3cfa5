// The simulated CloudWatch Logs: log group rules and errors, streams as the
// ECS simulation writes them, GetLogEvents' tokens to the end in both
// directions, and FilterLogEvents' patterns and pages.
#include "SimTestUtil.h"

using namespace aws::sandbox;
using simtest::errorCode;
using simtest::ok;

namespace {

/// One event: `at` ms after a fixed start, ingested a second later.
QJsonObject logEvent(qint64 at, const QString &message)
{
    const qint64 t = 1700000000000 + at;
    return {{"timestamp", t}, {"message", message}, {"ingestionTime", t + 1000}};
}

constexpr qint64 kStart = 1700000000000;

/// Adds streams with events the way the ECS simulation does: records in the
/// state's logStreams table (tests reach the state only through a saved file).
/// With `dropOldest`, that many of a stream's oldest events go first, as ECS
/// keeps only a stream's latest events.
void addStreams(SandboxAccount &a, const QString &group, const QHash<QString, QJsonArray> &streams,
                int dropOldest = 0)
{
    QJsonObject state = a.saveState();
    QJsonObject tables = state["tables"].toObject();
    QJsonObject records = tables["logStreams"].toObject();
    for (auto it = streams.cbegin(); it != streams.cend(); ++it) {
        QJsonObject record = records.value(group + u'\n' + it.key()).toObject();
        QJsonArray events = record["_events"].toArray();
        for (int i = 0; i < dropOldest && !events.isEmpty(); ++i)
            events.removeFirst();
        for (const QJsonValue &e : it.value())
            events.append(e);
        record.insert("logStreamName", it.key());
        record.insert("creationTime", kStart);
        record.insert("_events", events);
        records.insert(group + u'\n' + it.key(), record);
    }
    tables.insert("logStreams", records);
    state.insert("tables", tables);
    QString error;
    QVERIFY2(a.loadState(state, &error), qPrintable(error));
}

QJsonArray numberedEvents(int count, int firstNumber = 0)
{
    QJsonArray events;
    for (int i = firstNumber; i < firstNumber + count; ++i)
        events.append(logEvent(i * 1000, QStringLiteral("line %1").arg(i)));
    return events;
}

QStringList messages(const QJsonArray &events)
{
    QStringList out;
    for (const QJsonValue &e : events)
        out << e["message"].toString();
    return out;
}

QStringList numbered(int from, int to)
{
    QStringList out;
    for (int i = from; i < to; ++i)
        out << QStringLiteral("line %1").arg(i);
    return out;
}

QJsonObject get(SandboxAccount &a, const QString &stream, QJsonObject params = {})
{
    params.insert("logGroupName", "/app");
    params.insert("logStreamName", stream);
    return ok(a, "logs", "GetLogEvents", params);
}

QStringList filterMessages(SandboxAccount &a, QJsonObject params)
{
    params.insert("logGroupName", "/app");
    return messages(ok(a, "logs", "FilterLogEvents", params)["events"].toArray());
}

} // namespace

class TestLogs : public QObject {
    Q_OBJECT

    SandboxAccount::Options options;

private slots:
    void logGroupNamesFollowCloudWatchRules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("practical") << "/taskoverflow/todo" << true;
        QTest::newRow("all allowed symbols") << "my.app-1_x#2/Web" << true;
        QTest::newRow("aws service style") << "/aws/lambda/fn" << true;
        QTest::newRow("512 chars") << QString(512, u'a') << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("513 chars") << QString(513, u'a') << false;
        QTest::newRow("space") << "my group" << false;
        QTest::newRow("colon") << "app:web" << false;
        QTest::newRow("star") << "app*" << false;
        QTest::newRow("non-ascii") << "café" << false;
        QTest::newRow("reserved aws/") << "aws/mine" << false;
    }

    void logGroupNamesFollowCloudWatchRules()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        SandboxAccount a(options);
        aws::AwsError e;
        QCOMPARE(errorCode(a, "logs", "CreateLogGroup", {{"logGroupName", name}}, &e),
                 valid ? QString() : QStringLiteral("InvalidParameterException"));
        QCOMPARE(ok(a, "logs", "DescribeLogGroups")["logGroups"].toArray().size(), valid ? 1 : 0);
        if (!valid)
            QCOMPARE(e.httpStatus, 400);
    }

    void logGroupLifecycle()
    {
        SandboxAccount a(options);
        const double before = a.clock().now();
        QCOMPARE(ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/cli/test"}}), QJsonObject{});
        const QJsonArray groups = ok(a, "logs", "DescribeLogGroups")["logGroups"].toArray();
        QCOMPARE(groups.size(), 1);
        const QJsonObject g = groups[0].toObject();
        QCOMPARE(g["logGroupName"].toString(), QStringLiteral("/cli/test"));
        QCOMPARE(g["arn"].toString(),
                 QStringLiteral("arn:aws:logs:us-east-1:123456789012:log-group:/cli/test:*"));
        QCOMPARE(g["logGroupArn"].toString(),
                 QStringLiteral("arn:aws:logs:us-east-1:123456789012:log-group:/cli/test"));
        QVERIFY(qAbs(g["creationTime"].toInteger() - qint64(before * 1000)) < 5000); // milliseconds
        QCOMPARE(g["storedBytes"].toInteger(), 0);
        QCOMPARE(g["metricFilterCount"].toInt(), 0);
        QVERIFY(!g.contains("retentionInDays")); // "never expire" is shown by its absence
        for (const QString &key : g.keys())
            QVERIFY2(!key.startsWith(u'_'), qPrintable(key));

        aws::AwsError e;
        QCOMPARE(errorCode(a, "logs", "CreateLogGroup", {{"logGroupName", "/cli/test"}}, &e),
                 QStringLiteral("ResourceAlreadyExistsException"));
        QCOMPARE(e.message, QStringLiteral("The specified log group already exists"));
        QCOMPARE(errorCode(a, "logs", "CreateLogGroup",
                           {{"logGroupName", "/tagged"}, {"tags", QJsonObject{{"aws:owner", "me"}}}}),
                 QStringLiteral("InvalidParameterException"));
        QCOMPARE(ok(a, "logs", "CreateLogGroup",
                    {{"logGroupName", "/tagged"}, {"tags", QJsonObject{{"course", "x"}}}}),
                 QJsonObject{});

        addStreams(a, "/cli/test", {{"s1", numberedEvents(3)}});
        QCOMPARE(ok(a, "logs", "DeleteLogGroup", {{"logGroupName", "/cli/test"}}), QJsonObject{});
        QCOMPARE(errorCode(a, "logs", "DeleteLogGroup", {{"logGroupName", "/cli/test"}}, &e),
                 QStringLiteral("ResourceNotFoundException"));
        QCOMPARE(e.message, QStringLiteral("The specified log group does not exist."));
        // Its streams went with it: a new group of the same name starts empty.
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/cli/test"}});
        QVERIFY(ok(a, "logs", "DescribeLogStreams", {{"logGroupName", "/cli/test"}})["logStreams"]
                    .toArray()
                    .isEmpty());
    }

    void groupsMadeByAwslogsDescribeLikeOthers()
    {
        SandboxAccount a(options);
        // The shape ECS writes for awslogs-create-group: no logGroupArn.
        QJsonObject state = a.saveState();
        QJsonObject tables = state["tables"].toObject();
        tables.insert(
            "logGroups",
            QJsonObject{
                {"/ecs/web", QJsonObject{{"logGroupName", "/ecs/web"},
                                         {"creationTime", kStart},
                                         {"arn", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*"},
                                         {"storedBytes", 0},
                                         {"metricFilterCount", 0}}}});
        state.insert("tables", tables);
        QVERIFY(a.loadState(state));
        addStreams(a, "/ecs/web", {{"ecs/web/1", numberedEvents(2)}});
        const QJsonObject g =
            ok(a, "logs", "DescribeLogGroups").value("logGroups").toArray().at(0).toObject();
        QCOMPARE(g["logGroupArn"].toString(),
                 QStringLiteral("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web"));
        QCOMPARE(g["storedBytes"].toInteger(), 12); // "line 0" + "line 1"
        QCOMPARE(errorCode(a, "logs", "CreateLogGroup", {{"logGroupName", "/ecs/web"}}),
                 QStringLiteral("ResourceAlreadyExistsException"));
    }

    void describeLogGroupsByPrefixAndPage()
    {
        SandboxAccount a(options);
        for (int i = 0; i < 7; ++i)
            ok(a, "logs", "CreateLogGroup", {{"logGroupName", QStringLiteral("/p/%1").arg(i)}});
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/q/Web"}});
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/pp"}});
        QCOMPARE(
            ok(a, "logs", "DescribeLogGroups", {{"logGroupNamePrefix", "/p/"}})["logGroups"].toArray().size(),
            7);
        QCOMPARE(
            ok(a, "logs", "DescribeLogGroups", {{"logGroupNamePrefix", "/p"}})["logGroups"].toArray().size(),
            8);
        QCOMPARE(
            ok(a, "logs", "DescribeLogGroups", {{"logGroupNamePrefix", "/x"}})["logGroups"].toArray().size(),
            0);
        // The pattern is a case-sensitive substring.
        QCOMPARE(ok(a, "logs", "DescribeLogGroups", {{"logGroupNamePattern", "Web"}})["logGroups"]
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(ok(a, "logs", "DescribeLogGroups", {{"logGroupNamePattern", "web"}})["logGroups"]
                     .toArray()
                     .size(),
                 0);
        QCOMPARE(errorCode(a, "logs", "DescribeLogGroups",
                           {{"logGroupNamePattern", "Web"}, {"logGroupNamePrefix", "/q"}}),
                 QStringLiteral("InvalidParameterException"));

        QStringList names;
        QString token;
        int pages = 0;
        do {
            QJsonObject params{{"logGroupNamePrefix", "/p/"}, {"limit", 3}};
            if (!token.isEmpty())
                params.insert("nextToken", token);
            const QJsonObject page = ok(a, "logs", "DescribeLogGroups", params);
            for (const QJsonValue &g : page["logGroups"].toArray())
                names << g["logGroupName"].toString();
            token = page["nextToken"].toString();
            ++pages;
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(names, QStringList({"/p/0", "/p/1", "/p/2", "/p/3", "/p/4", "/p/5", "/p/6"}));
        for (int bad : {0, 51, -1})
            QCOMPARE(errorCode(a, "logs", "DescribeLogGroups", {{"limit", bad}}),
                     QStringLiteral("InvalidParameterException"));
        QCOMPARE(errorCode(a, "logs", "DescribeLogGroups", {{"nextToken", "garbage"}}),
                 QStringLiteral("InvalidParameterException"));
    }

    void describeLogStreamsAsEcsWroteThem()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        addStreams(a, "/app",
                   {{"ecs/web/aaa", QJsonArray{logEvent(5000, "a1"), logEvent(9000, "a2")}},
                    {"ecs/web/bbb", QJsonArray{logEvent(1000, "b1"), logEvent(20000, "bbbb")}},
                    {"ecs/worker/ccc", QJsonArray{logEvent(2000, "c1")}},
                    {"empty", QJsonArray{}}});
        const QJsonArray streams =
            ok(a, "logs", "DescribeLogStreams", {{"logGroupName", "/app"}})["logStreams"].toArray();
        QCOMPARE(streams.size(), 4);
        QCOMPARE(streams[0]["logStreamName"].toString(), QStringLiteral("ecs/web/aaa")); // by name by default
        const QJsonObject b = streams[1].toObject();
        QCOMPARE(b["firstEventTimestamp"].toInteger(), kStart + 1000);
        QCOMPARE(b["lastEventTimestamp"].toInteger(), kStart + 20000);
        QCOMPARE(b["lastIngestionTime"].toInteger(), kStart + 21000);
        QCOMPARE(b["creationTime"].toInteger(), kStart);
        QCOMPARE(b["arn"].toString(),
                 QStringLiteral("arn:aws:logs:us-east-1:123456789012:log-group:/app:log-stream:ecs/web/bbb"));
        QVERIFY(!b.contains("_events"));
        QVERIFY(!streams[3].toObject().contains("lastEventTimestamp"));
        // The group counts the bytes its streams hold.
        QCOMPARE(ok(a, "logs", "DescribeLogGroups")["logGroups"][0]["storedBytes"].toInteger(),
                 2 + 2 + 2 + 4 + 2);

        const auto names = [&](const QJsonObject &params) {
            QJsonObject p = params;
            p.insert("logGroupName", "/app");
            QStringList out;
            for (const QJsonValue &s : ok(a, "logs", "DescribeLogStreams", p)["logStreams"].toArray())
                out << s["logStreamName"].toString();
            return out;
        };
        QCOMPARE(names({{"logStreamNamePrefix", "ecs/web/"}}), QStringList({"ecs/web/aaa", "ecs/web/bbb"}));
        QCOMPARE(names({{"logStreamNamePrefix", "ecs/web/"}, {"descending", true}}),
                 QStringList({"ecs/web/bbb", "ecs/web/aaa"}));
        QCOMPARE(names({{"orderBy", "LastEventTime"}, {"descending", true}}),
                 QStringList({"ecs/web/bbb", "ecs/web/aaa", "ecs/worker/ccc", "empty"}));
        QCOMPARE(names({{"orderBy", "LastEventTime"}}),
                 QStringList({"empty", "ecs/worker/ccc", "ecs/web/aaa", "ecs/web/bbb"}));
        QCOMPARE(
            errorCode(
                a, "logs", "DescribeLogStreams",
                {{"logGroupName", "/app"}, {"orderBy", "LastEventTime"}, {"logStreamNamePrefix", "ecs"}}),
            QStringLiteral("InvalidParameterException"));

        QJsonObject page = ok(a, "logs", "DescribeLogStreams", {{"logGroupName", "/app"}, {"limit", 3}});
        QCOMPARE(page["logStreams"].toArray().size(), 3);
        page = ok(a, "logs", "DescribeLogStreams",
                  {{"logGroupName", "/app"}, {"limit", 3}, {"nextToken", page["nextToken"]}});
        QCOMPARE(page["logStreams"][0]["logStreamName"].toString(), QStringLiteral("empty"));
        QVERIFY(!page.contains("nextToken"));
        QCOMPARE(errorCode(a, "logs", "DescribeLogStreams", {{"logGroupName", "/app"}, {"limit", 0}}),
                 QStringLiteral("InvalidParameterException"));

        aws::AwsError e;
        QCOMPARE(errorCode(a, "logs", "DescribeLogStreams", {{"logGroupName", "/nope"}}, &e),
                 QStringLiteral("ResourceNotFoundException"));
        QCOMPARE(e.message, QStringLiteral("The specified log group does not exist."));
        // A group whose name starts like another's does not see its streams.
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/ap"}});
        QVERIFY(
            ok(a, "logs", "DescribeLogStreams", {{"logGroupName", "/ap"}})["logStreams"].toArray().isEmpty());
    }

    void stateFilesKeepOneObjectPerEvent()
    {
        // Memory holds a stream's events compactly; a saved state file shows
        // them as CloudWatch does, and loads back to the same reads.
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        addStreams(a, "/app", {{"web", numberedEvents(3)}});
        const QJsonObject saved = a.saveState();
        const QJsonObject stream = saved["tables"]["logStreams"]["/app\nweb"].toObject();
        QCOMPARE(stream["_events"].toArray(), numberedEvents(3));

        SandboxAccount b(options);
        QString error;
        QVERIFY2(b.loadState(saved, &error), qPrintable(error));
        QCOMPARE(get(b, "web", {{"startFromHead", true}})["events"].toArray(), numberedEvents(3));
        QCOMPARE(b.saveState()["tables"], saved["tables"]);

        QJsonObject broken = saved, tables = saved["tables"].toObject(),
                    streams = tables["logStreams"].toObject();
        QJsonObject bad = stream;
        bad.insert("_events", QJsonArray{logEvent(0, "fine"), 42});
        streams.insert("/app\nweb", bad);
        tables.insert("logStreams", streams);
        broken.insert("tables", tables);
        SandboxAccount c(options);
        QVERIFY(!c.loadState(broken, &error));
        QCOMPARE(error, QStringLiteral(
                            "the state's log stream \"/app\nweb\": event 1 is not an object with a message"));
    }

    void getLogEventsReadsForwardToTheEnd()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        addStreams(a, "/app", {{"web", numberedEvents(25)}});
        static const QRegularExpression forward("^f/[0-9]{56}$"), backward("^b/[0-9]{56}$");

        QStringList read;
        QJsonObject page = get(a, "web", {{"startFromHead", true}, {"limit", 10}});
        QVERIFY(forward.match(page["nextForwardToken"].toString()).hasMatch());
        QVERIFY(backward.match(page["nextBackwardToken"].toString()).hasMatch());
        QCOMPARE(page["events"][0].toObject(), logEvent(0, "line 0"));
        int calls = 1;
        QString token;
        while (true) {
            read << messages(page["events"].toArray());
            const QString next = page["nextForwardToken"].toString();
            if (next == token)
                break; // the same token back: the end, as the CLI and SDKs stop
            token = next;
            page = get(a, "web", {{"nextToken", token}, {"limit", 10}});
            QVERIFY(++calls < 10);
        }
        QCOMPARE(calls, 4); // 10 + 10 + 5 + the empty answer at the end
        QCOMPARE(read, numbered(0, 25));

        // Events written later are read on with the last forward token.
        addStreams(a, "/app", {{"web", numberedEvents(3, 25)}});
        page = get(a, "web", {{"nextToken", token}});
        QCOMPARE(messages(page["events"].toArray()), numbered(25, 28));
        QVERIFY(page["nextForwardToken"].toString() != token);

        aws::AwsError e;
        QCOMPARE(
            errorCode(a, "logs", "GetLogEvents", {{"logGroupName", "/app"}, {"logStreamName", "nope"}}, &e),
            QStringLiteral("ResourceNotFoundException"));
        QCOMPARE(e.message, QStringLiteral("The specified log stream does not exist."));
        QCOMPARE(
            errorCode(a, "logs", "GetLogEvents", {{"logGroupName", "/nope"}, {"logStreamName", "web"}}, &e),
            QStringLiteral("ResourceNotFoundException"));
        QCOMPARE(e.message, QStringLiteral("The specified log group does not exist."));
        for (const char *bad : {"garbage", "f/abc", "x/0001", "f/99999"})
            QCOMPARE(errorCode(a, "logs", "GetLogEvents",
                               {{"logGroupName", "/app"}, {"logStreamName", "web"}, {"nextToken", bad}}),
                     QStringLiteral("InvalidParameterException"));
    }

    void tokensAndIdsSurviveOldEventsBeingDropped()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        addStreams(a, "/app", {{"web", numberedEvents(20)}});
        const QString end = get(a, "web")["nextForwardToken"].toString();
        QJsonObject filtered = ok(a, "logs", "FilterLogEvents", {{"logGroupName", "/app"}, {"limit", 15}});
        const QString idOf15 = filtered["events"][14]["eventId"].toString();
        // ECS keeps a stream's latest events: 10 old ones go, 5 new ones come.
        addStreams(a, "/app", {{"web", numberedEvents(5, 20)}}, 10);
        QCOMPARE(messages(get(a, "web", {{"nextToken", end}})["events"].toArray()), numbered(20, 25));
        // FilterLogEvents' token goes on after line 14, and ids stay the same.
        const QJsonObject rest = ok(a, "logs", "FilterLogEvents",
                                    {{"logGroupName", "/app"}, {"nextToken", filtered["nextToken"]}});
        QCOMPARE(messages(rest["events"].toArray()), numbered(15, 25));
        filtered =
            ok(a, "logs", "FilterLogEvents", {{"logGroupName", "/app"}, {"filterPattern", "\"line 14\""}});
        QCOMPARE(filtered["events"][0]["eventId"].toString(), idOf15);
    }

    void eventsWithTheSameTimestampAreReadOnce()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        QJsonArray burst;
        for (int i = 0; i < 7; ++i)
            burst.append(logEvent(1000, QStringLiteral("line %1").arg(i)));
        addStreams(a, "/app", {{"web", burst}});
        QStringList read;
        QJsonObject page = get(a, "web", {{"startFromHead", true}, {"limit", 3}});
        for (int calls = 0; calls < 5 && !page["events"].toArray().isEmpty(); ++calls) {
            read << messages(page["events"].toArray());
            page = get(a, "web", {{"nextToken", page["nextForwardToken"]}, {"limit", 3}});
        }
        QCOMPARE(read, numbered(0, 7));
        QSet<QString> ids;
        for (const QJsonValue &e :
             ok(a, "logs", "FilterLogEvents", {{"logGroupName", "/app"}})["events"].toArray())
            ids.insert(e["eventId"].toString());
        QCOMPARE(ids.size(), 7);
    }

    void getLogEventsStartsAtTheTailAndReadsBackward()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        addStreams(a, "/app", {{"web", numberedEvents(25)}});
        // Without startFromHead: the newest events, oldest of them first.
        QJsonObject page = get(a, "web", {{"limit", 10}});
        QCOMPARE(messages(page["events"].toArray()), numbered(15, 25));
        const QString endToken = page["nextForwardToken"].toString();
        QCOMPARE(get(a, "web", {{"nextToken", endToken}})["nextForwardToken"].toString(), endToken);
        QVERIFY(get(a, "web", {{"nextToken", endToken}})["events"].toArray().isEmpty());

        QStringList read = messages(page["events"].toArray());
        QString token = page["nextBackwardToken"].toString();
        for (int calls = 0;; ++calls) {
            QVERIFY(calls < 10);
            page = get(a, "web", {{"nextToken", token}, {"limit", 10}});
            read = messages(page["events"].toArray()) + read;
            if (page["nextBackwardToken"].toString() == token)
                break;
            token = page["nextBackwardToken"].toString();
        }
        QCOMPARE(read, numbered(0, 25));
        // Default: everything up to 10,000 events.
        QCOMPARE(get(a, "web")["events"].toArray().size(), 25);
    }

    void getLogEventsTimeWindow()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        addStreams(a, "/app", {{"web", numberedEvents(10)}});
        // startTime inclusive, endTime exclusive.
        QCOMPARE(messages(get(a, "web",
                              {{"startTime", kStart + 3000},
                               {"endTime", kStart + 6000},
                               {"startFromHead", true}})["events"]
                              .toArray()),
                 numbered(3, 6));
        QCOMPARE(messages(get(a, "web", {{"startTime", kStart + 3000}, {"endTime", kStart + 6000}})["events"]
                              .toArray()),
                 numbered(3, 6));
        QCOMPARE(messages(get(a, "web", {{"startTime", kStart + 8500}})["events"].toArray()),
                 numbered(9, 10));
        QVERIFY(get(a, "web", {{"startTime", kStart + 6000}, {"endTime", kStart + 3000}})["events"]
                    .toArray()
                    .isEmpty());
    }

    void getLogEventsStopsAtOneMegabyte()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        QJsonArray big;
        for (int i = 0; i < 15; ++i)
            big.append(logEvent(i, QString(100 * 1024, QChar(u'a' + i))));
        addStreams(a, "/app", {{"web", big}});
        // 10 × (100 KB + 26 bytes) fits in 1 MB; 11 do not.
        const QJsonObject first = get(a, "web", {{"startFromHead", true}});
        QCOMPARE(first["events"].toArray().size(), 10);
        const QJsonObject rest = get(a, "web", {{"nextToken", first["nextForwardToken"]}});
        QCOMPARE(rest["events"].toArray().size(), 5);
        QCOMPARE(rest["events"][0]["message"].toString().at(0), QChar(u'a' + 10));
    }

    void filterLogEventsMatchesPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("expected");
        const QStringList all{"GET /health 200", "ERROR db timeout", "WARN slow query", "ERROR disk full",
                              "GET /todos 500 ERROR"};
        QTest::newRow("empty") << "" << all;
        QTest::newRow("blank") << "   " << all;
        QTest::newRow("one term") << "ERROR"
                                  << QStringList{"ERROR db timeout", "ERROR disk full",
                                                 "GET /todos 500 ERROR"};
        QTest::newRow("all terms") << "ERROR timeout" << QStringList{"ERROR db timeout"};
        QTest::newRow("case-sensitive") << "error" << QStringList{};
        QTest::newRow("quoted phrase") << "\"GET /health\"" << QStringList{"GET /health 200"};
        QTest::newRow("either") << "?WARN ?timeout" << QStringList{"ERROR db timeout", "WARN slow query"};
        QTest::newRow("exclusion") << "ERROR -disk"
                                   << QStringList{"ERROR db timeout", "GET /todos 500 ERROR"};
        QTest::newRow("json pattern as substring") << "{ $.level = \"ERROR\" }" << QStringList{};
    }

    void filterLogEventsMatchesPatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, expected);
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        addStreams(a, "/app",
                   {{"web/1", QJsonArray{logEvent(1, "GET /health 200"), logEvent(3, "WARN slow query"),
                                         logEvent(5, "GET /todos 500 ERROR")}},
                    {"web/2", QJsonArray{logEvent(2, "ERROR db timeout"), logEvent(4, "ERROR disk full")}}});
        QCOMPARE(filterMessages(a, {{"filterPattern", pattern}}), expected);
    }

    void filterLogEventsInterleavesStreamsAndPages()
    {
        SandboxAccount a(options);
        ok(a, "logs", "CreateLogGroup", {{"logGroupName", "/app"}});
        QJsonArray odd, even;
        for (int i = 0; i < 30; ++i)
            (i % 2 ? odd : even).append(logEvent(i * 1000, QStringLiteral("line %1").arg(i)));
        addStreams(a, "/app",
                   {{"ecs/web/even", even}, {"ecs/web/odd", odd}, {"other", numberedEvents(2, 100)}});

        const QJsonArray events = ok(a, "logs", "FilterLogEvents",
                                     {{"logGroupName", "/app"}, {"logStreamNamePrefix", "ecs/"}})["events"]
                                      .toArray();
        QCOMPARE(messages(events), numbered(0, 30)); // interleaved by time
        QCOMPARE(events[1]["logStreamName"].toString(), QStringLiteral("ecs/web/odd"));
        QCOMPARE(events[1]["timestamp"].toInteger(), kStart + 1000);
        QCOMPARE(events[1]["ingestionTime"].toInteger(), kStart + 2000);
        QSet<QString> ids;
        for (const QJsonValue &e : events) {
            QVERIFY(QRegularExpression("^[0-9]{56}$").match(e["eventId"].toString()).hasMatch());
            ids.insert(e["eventId"].toString());
        }
        QCOMPARE(ids.size(), 30);

        QCOMPARE(filterMessages(a, {{"logStreamNames", QJsonArray{"ecs/web/odd", "missing"}}, {"limit", 3}}),
                 QStringList({"line 1", "line 3", "line 5"}));
        QCOMPARE(filterMessages(a, {}).size(), 32);
        // Both ends inclusive.
        QCOMPARE(filterMessages(a, {{"startTime", kStart + 2000}, {"endTime", kStart + 4000}}),
                 numbered(2, 5));
        QCOMPARE(errorCode(a, "logs", "FilterLogEvents",
                           {{"logGroupName", "/app"},
                            {"logStreamNames", QJsonArray{"other"}},
                            {"logStreamNamePrefix", "o"}}),
                 QStringLiteral("InvalidParameterException"));
        QCOMPARE(errorCode(a, "logs", "FilterLogEvents", {{"logGroupName", "/nope"}}),
                 QStringLiteral("ResourceNotFoundException"));

        QStringList read;
        QSet<QString> pageIds;
        QString token;
        int pages = 0;
        do {
            QJsonObject params{{"logGroupName", "/app"}, {"limit", 7}};
            if (!token.isEmpty())
                params.insert("nextToken", token);
            const QJsonObject page = ok(a, "logs", "FilterLogEvents", params);
            read << messages(page["events"].toArray());
            for (const QJsonValue &e : page["events"].toArray())
                pageIds.insert(e["eventId"].toString());
            token = page["nextToken"].toString();
            ++pages;
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(pages, 5); // 7 + 7 + 7 + 7 + 4
        QCOMPARE(read.size(), 32);
        QCOMPARE(pageIds.size(), 32);
        QCOMPARE(
            errorCode(a, "logs", "FilterLogEvents", {{"logGroupName", "/app"}, {"nextToken", "garbage"}}),
            QStringLiteral("InvalidParameterException"));
    }
};

QTEST_GUILESS_MAIN(TestLogs)
#include "tst_logs.moc"
