// Validator::validate() on RegisterTaskDefinition parameters: the issues and
// the member paths they name. Each case is checked on the parameters as
// QJsonDocument reads them (UTF-8 text in Qt's storage) and as they come out
// of QVariant (QString-made: 8-bit ASCII or UTF-16), since the validator
// reads keys and strings in place, in whichever form Qt keeps them.

#include "ModelRegistry.h"
#include "Validator.h"

#include <QJsonDocument>
#include <QtTest>

using namespace aws;

class TestValidator : public QObject {
    Q_OBJECT
private slots:
    void issues_data();
    void issues();
};

void TestValidator::issues_data()
{
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QStringList>("expected");
    const QByteArray container = R"({"name":"app","image":"nginx","essential":true,"memory":512,)"
                                 R"("portMappings":[{"containerPort":80,"protocol":"tcp"}]})";
    const QString members = QStringLiteral(
        "(expected one of: containerDefinitions, cpu, ephemeralStorage, executionRoleArn, family, "
        "inferenceAccelerators, ipcMode, memory, networkMode, pidMode, placementConstraints, "
        "proxyConfiguration, requiresCompatibilities, runtimePlatform, tags, taskRoleArn, volumes)");
    auto row = [&](const char *name, const QByteArray &params, const QStringList &expected) {
        QTest::newRow(name) << params << expected;
    };
    row("valid",
        R"({"family":"web","containerDefinitions":[)" + container +
            R"(],"cpu":"256",)"
            R"("networkMode":"awsvpc","tags":[{"key":"team","value":"caf\u00e9"}],)"
            R"("volumes":[{"name":"v","dockerVolumeConfiguration":{"labels":{"a":"b"}}}]})",
        {});
    row("missing required", R"({"cpu":"256"})", {"family: is required", "containerDefinitions: is required"});
    row("null required", R"({"family":null,"containerDefinitions":[]})", {"family: is required"});
    row("unknown member", R"({"family":"f","containerDefinitions":[],"bogus":1})",
        {"bogus: is not a parameter here " + members});
    row("wrong types",
        R"({"family":5,"containerDefinitions":{},"cpu":true,"tags":"x","volumes":[{"name":[]}]})",
        {"containerDefinitions: must be a list, not an object", "cpu: must be a string, not a boolean",
         "family: must be a string, not a number", "tags: must be a list, not a string",
         "volumes[0].name: must be a string, not a list"});
    row("nested path",
        R"({"family":"f","containerDefinitions":[{"name":"a","portMappings":[{"containerPort":1.5},)"
        R"({"containerPort":"80","protocol":"sctp"}]}]})",
        {"containerDefinitions[0].portMappings[0].containerPort: must be a whole number, not 1.5",
         "containerDefinitions[0].portMappings[1].containerPort: must be a whole number, not a string",
         "containerDefinitions[0].portMappings[1].protocol: must be one of: tcp, udp"});
    row("enum", R"({"family":"f","containerDefinitions":[],"networkMode":"bridged"})",
        {"networkMode: must be one of: bridge, host, awsvpc, none"});
    row("lengths and patterns",
        R"({"family":"f","containerDefinitions":[],"tags":[{"key":"","value":"v"},)"
        R"({"key":"caf\u00e9\u20ac","value":"\ud83d\ude00"},{"key":"bad\u0001key"},)"
        R"({"key":")" +
            QByteArray(129, 'k') + R"("}]})",
        {"tags[0].key: must be at least 1 character(s) long",
         // U+20AC and U+1F600 are symbols, outside \p{L}\p{Z}\p{N}.
         "tags[1].key: does not match the pattern ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
         "tags[1].value: does not match the pattern ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
         "tags[2].key: does not match the pattern ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
         "tags[3].key: must be at most 128 character(s) long, is 129"});
    row("maps",
        R"({"family":"f","containerDefinitions":[{"name":"a","dockerLabels":{"k":1,"\u00e9":"v"},)"
        R"("logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":["x"]}}}]})",
        {"containerDefinitions[0].dockerLabels[\"k\"]: must be a string, not a number",
         "containerDefinitions[0].logConfiguration.options[\"awslogs-group\"]: must be a string, not a "
         "list"});
    row("non-ASCII keys", "{\"family\":\"f\",\"containerDefinitions\":[],\"caf\xc3\xa9\":1,\"\\u20ac\":2}",
        {"caf\u00e9: is not a parameter here " + members, "\u20ac: is not a parameter here " + members});
}

void TestValidator::issues()
{
    QFETCH(QByteArray, params);
    QFETCH(QStringList, expected);
    const auto ecs = ModelRegistry::service(QStringLiteral("ecs"));
    QVERIFY(ecs);
    const Shape *shape = ecs->operation(QStringLiteral("RegisterTaskDefinition"))->input.shape;
    QJsonParseError error;
    const QJsonObject parsed = QJsonDocument::fromJson(params, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject made = QJsonObject::fromVariantMap(parsed.toVariantMap());
    for (const QJsonObject &p : {parsed, made}) {
        QStringList got;
        for (const ValidationIssue &i : Validator::validate(shape, p))
            got << i.toString();
        QCOMPARE(got, expected);
    }
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
