// Responses captured from EC2, IAM, RDS and STS (botocore's
// response-parsing/xml files), parsed with the real service models.

#include "Conformance.h"
#include "XmlTestSupport.h"
#include "protocol/Ec2Protocol.h"
#include "protocol/QueryProtocol.h"

#include <QDir>
#include <QtTest>

using namespace aws;

namespace {

/// botocore skips these: their policy documents are URL-encoded JSON that
/// its test decodes before comparing, which is not the parser's job.
const QHash<QString, QString> kBotocoreSkips = {
    {QStringLiteral("iam-get-user-policy"),
     QStringLiteral("skipped as botocore does: the expected PolicyDocument is URL- and JSON-decoded")},
    {QStringLiteral("iam-list-roles"),
     QStringLiteral(
         "skipped as botocore does: the expected AssumeRolePolicyDocument is URL- and JSON-decoded")},
};

const ProtocolCodec *codecFor(const QString &protocol) {
    static const QueryProtocol query;
    static const Ec2Protocol ec2;
    if (protocol == u"ec2")
        return &ec2;
    if (protocol == u"query")
        return &query;
    return nullptr;
}

/// The operation whose snake_case name is the kebab name with '-' → '_'.
/// Comparing with separators removed is enough to find it; ambiguity fails.
const Operation *operationForKebab(const ServiceModel &model, const QString &kebab, QString *error) {
    const QString want = QString(kebab).remove(u'-');
    const Operation *found = nullptr;
    for (const Operation &op : model.operations()) {
        if (op.name.compare(want, Qt::CaseInsensitive) != 0)
            continue;
        if (found) {
            *error = QStringLiteral("%1 matches both %2 and %3").arg(kebab, found->name, op.name);
            return nullptr;
        }
        found = &op;
    }
    if (!found)
        *error = QStringLiteral("no operation for %1").arg(kebab);
    return found;
}

} // namespace

class ResponseParsingXmlTest : public QObject {
    Q_OBJECT
private slots:
    void parse_data() {
        REQUIRE_CONFORMANCE_DIR();
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isError");
        int count = 0;
        for (const QString &kind : {QStringLiteral("responses"), QStringLiteral("errors")}) {
            const QDir dir(testsupport::conformanceDir() + QStringLiteral("/response-parsing/xml/") + kind);
            for (const QString &xml : dir.entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name)) {
                const QString service = xml.section(u'-', 0, 0);
                if (service != u"ec2" && service != u"iam" && service != u"rds" && service != u"sts")
                    continue;
                QTest::newRow(qPrintable(kind + u'/' + xml)) << dir.filePath(xml) << (kind == u"errors");
                ++count;
            }
        }
        QVERIFY2(count > 0, "no response-parsing files found");
    }

    void parse() {
        QFETCH(QString, path);
        QFETCH(bool, isError);
        const QString base = QFileInfo(path).completeBaseName();
        if (kBotocoreSkips.contains(base))
            QSKIP(qPrintable(kBotocoreSkips.value(base)));
        const QString service = base.section(u'-', 0, 0);
        const QString kebab = base.section(u'-', 1);

        QString error;
        const auto model = xmltest::realModel(service, &error);
        QVERIFY2(model, qPrintable(error));
        const Operation *op = operationForKebab(*model, kebab, &error);
        QVERIFY2(op, qPrintable(error));
        const ProtocolCodec *codec = codecFor(model->metadata().protocol);
        QVERIFY(codec);

        HttpResponse resp;
        resp.status = isError ? 400 : 200;
        resp.body = testsupport::readFile(path);
        QVERIFY(!resp.body.isEmpty());
        const QJsonObject expected =
            QJsonDocument::fromJson(testsupport::readFile(path.chopped(4) + QStringLiteral(".json")))
                .object();
        QVERIFY(!expected.isEmpty());

        const ParseResult parsed = codec->parseResponse(*model, *op, resp);
        const QString expectedId =
            expected.value(u"ResponseMetadata").toObject().value(u"RequestId").toString();
        if (isError) {
            QVERIFY2(!parsed.ok(), "error response parsed as a success");
            const QJsonObject e = expected.value(u"Error").toObject();
            QCOMPARE(parsed.error->code, e.value(u"Code").toString());
            QCOMPARE(parsed.error->message, e.value(u"Message").toString());
            QCOMPARE(parsed.error->type, e.value(u"Type").toString());
            QCOMPARE(parsed.error->requestId, expectedId);
            QCOMPARE(parsed.error->httpStatus, 400);
            return;
        }
        QVERIFY2(parsed.ok(), qPrintable(parsed.error ? parsed.error->toString() : QString()));
        QCOMPARE(parsed.requestId, expectedId);
        QJsonObject want = expected;
        want.remove(u"ResponseMetadata");
        const QJsonValue converted = xmltest::rawTimestampsToEpoch(op->output, want);
        const QString d = xmltest::diff(converted, parsed.output);
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }
};

QTEST_GUILESS_MAIN(ResponseParsingXmlTest)
#include "tst_response_parsing_xml.moc"
