// Endpoint resolution against AWS's own endpoint-rule test cases: every case
// for standard (non-FIPS, non-dual-stack) endpoints of our seven services.
#include "Conformance.h"
#include "EndpointResolver.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

namespace {

struct ServiceInfo {
    const char *dir;
    const char *endpointPrefix;
    const char *serviceId;
    const char *signingName;
};

const ServiceInfo kServices[] = {
    {"ec2", "ec2", "EC2", "ec2"},
    {"ecs", "ecs", "ECS", "ecs"},
    {"ecr", "api.ecr", "ECR", "ecr"},
    {"rds", "rds", "RDS", "rds"},
    {"logs", "logs", "CloudWatch Logs", "logs"},
    {"iam", "iam", "IAM", "iam"},
    {"sts", "sts", "STS", "sts"},
};

aws::EndpointResolver conformanceResolver()
{
    return aws::EndpointResolver(
        testsupport::readConformanceJson(QStringLiteral("endpoints/partitions.json")).object(),
        testsupport::readConformanceJson(QStringLiteral("endpoints/endpoints.json")).object());
}

} // namespace

class TestEndpoints : public QObject {
    Q_OBJECT
private slots:
    void conformance_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("serviceId");
        QTest::addColumn<QString>("signingName");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QJsonObject>("expect");
        if (!QFileInfo(testsupport::conformanceDir()).isDir()) {
            QTest::newRow("no-conformance-dir")
                << QString() << QString() << QString() << QJsonObject() << QJsonObject();
            return;
        }
        for (const auto &s : kServices) {
            const QJsonArray cases = testsupport::readConformanceJson(
                                         QStringLiteral("endpoints/endpoint-tests/%1/endpoint-tests-1.json")
                                             .arg(QString::fromLatin1(s.dir)))
                                         .object()
                                         .value(QStringLiteral("testCases"))
                                         .toArray();
            int i = 0;
            for (const auto &c : cases) {
                const QJsonObject tc = c.toObject();
                QTest::addRow("%s-%d", s.dir, i++)
                    << QString::fromLatin1(s.endpointPrefix) << QString::fromLatin1(s.serviceId)
                    << QString::fromLatin1(s.signingName) << tc.value(QStringLiteral("params")).toObject()
                    << tc.value(QStringLiteral("expect")).toObject();
            }
        }
    }

    void conformance()
    {
        REQUIRE_CONFORMANCE_DIR();
        QFETCH(QString, prefix);
        QFETCH(QString, serviceId);
        QFETCH(QString, signingName);
        QFETCH(QJsonObject, params);
        QFETCH(QJsonObject, expect);
        if (params.value(QStringLiteral("UseFIPS")).toBool() ||
            params.value(QStringLiteral("UseDualStack")).toBool())
            QSKIP("FIPS and dual-stack endpoints: Deploy Console resolves standard endpoints only");
        if (params.value(QStringLiteral("UseGlobalEndpoint")).toBool() &&
            !params.contains(QStringLiteral("Endpoint")))
            QSKIP("STS legacy global-endpoint mode (sts_regional_endpoints=legacy) is not offered; "
                  "the SDKs' default, regional STS, is tested");

        aws::EndpointResolver resolver = conformanceResolver();
        // The rule set's Endpoint parameter is what --endpoint-url sets.
        if (params.contains(QStringLiteral("Endpoint")))
            resolver.setEndpointOverride(QUrl(params.value(QStringLiteral("Endpoint")).toString()));
        QString error;
        const auto ep = resolver.resolve(prefix, serviceId, signingName,
                                         params.value(QStringLiteral("Region")).toString(), &error);
        if (expect.contains(QStringLiteral("error"))) {
            QVERIFY2(!ep, qPrintable(expect.value(QStringLiteral("error")).toString()));
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(ep, qPrintable(error));
        const QJsonObject endpoint = expect.value(QStringLiteral("endpoint")).toObject();
        QCOMPARE(ep->url.toString(), endpoint.value(QStringLiteral("url")).toString());
        const QJsonObject scheme = endpoint.value(QStringLiteral("properties"))
                                       .toObject()
                                       .value(QStringLiteral("authSchemes"))
                                       .toArray()
                                       .first()
                                       .toObject();
        if (scheme.contains(QStringLiteral("signingRegion")))
            QCOMPARE(ep->signingRegion, scheme.value(QStringLiteral("signingRegion")).toString());
    }

    void overridePrecedence()
    {
        REQUIRE_CONFORMANCE_DIR();
        aws::EndpointResolver r = conformanceResolver();
        QProcessEnvironment env;
        env.insert(QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("http://127.0.0.1:1000"));
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_ECS"), QStringLiteral("http://127.0.0.1:2000"));
        env.insert(QStringLiteral("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"),
                   QStringLiteral("http://127.0.0.1:3000"));
        r.setEnvironment(env);
        QString err;
        QCOMPARE(r.resolve("ecs", "ECS", "ecs", "us-east-1", &err)->url.toString(),
                 QStringLiteral("http://127.0.0.1:2000"));
        QCOMPARE(r.resolve("logs", "CloudWatch Logs", "logs", "us-east-1", &err)->url.port(), 3000);
        QCOMPARE(r.resolve("rds", "RDS", "rds", "us-east-1", &err)->url.port(), 1000);
        r.setEndpointOverride(QUrl(QStringLiteral("http://127.0.0.1:4000")));
        QCOMPARE(r.resolve("ecs", "ECS", "ecs", "us-east-1", &err)->url.port(), 4000);
        // The override keeps the region's scope for signing.
        QCOMPARE(r.resolve("ecs", "ECS", "ecs", "us-west-2", &err)->signingRegion,
                 QStringLiteral("us-west-2"));

        aws::EndpointResolver ignoring = conformanceResolver();
        env.insert(QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), QStringLiteral("true"));
        ignoring.setEnvironment(env);
        QCOMPARE(ignoring.resolve("ecs", "ECS", "ecs", "us-east-1", &err)->url.toString(),
                 QStringLiteral("https://ecs.us-east-1.amazonaws.com"));
    }

    void badRegionsExplained_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << ""
                               << "No region is set";
        QTest::newRow("garbage") << "Mars Base 1"
                                 << "not a valid region name";
        QTest::newRow("unknown shape") << "moon-1"
                                       << "is not an AWS region";
    }

    void badRegionsExplained()
    {
        REQUIRE_CONFORMANCE_DIR();
        QFETCH(QString, region);
        QFETCH(QString, expected);
        QString err;
        QVERIFY(!conformanceResolver().resolve("ecs", "ECS", "ecs", region, &err));
        QVERIFY2(err.contains(expected), qPrintable(err));
    }

    void globalAndScopedServices()
    {
        REQUIRE_CONFORMANCE_DIR();
        QString err;
        const auto iam = conformanceResolver().resolve("iam", "IAM", "iam", "us-west-2", &err);
        QCOMPARE(iam->url.toString(), QStringLiteral("https://iam.amazonaws.com"));
        QCOMPARE(iam->signingRegion, QStringLiteral("us-east-1"));
        const auto ecr = conformanceResolver().resolve("api.ecr", "ECR", "ecr", "us-east-1", &err);
        QCOMPARE(ecr->url.toString(), QStringLiteral("https://api.ecr.us-east-1.amazonaws.com"));
        QCOMPARE(ecr->signingRegion, QStringLiteral("us-east-1"));
        // A region not published yet, but of AWS's shape, still resolves.
        QCOMPARE(conformanceResolver().resolve("ecs", "ECS", "ecs", "us-east-9", &err)->url.host(),
                 QStringLiteral("ecs.us-east-9.amazonaws.com"));
    }
};

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
