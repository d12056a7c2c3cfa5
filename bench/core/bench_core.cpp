// The AWS core's hot paths, side by side with botocore (botocore_bench.py
// does the same work on the same payloads). Run with bench/core/run.sh.
#include "ModelRegistry.h"
#include "ProtocolCodec.h"
#include "SigV4.h"
#include "Validator.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <benchmark/benchmark.h>

namespace {

QByteArray fixture(const char *name)
{
    QFile f(qEnvironmentVariable("DC_BENCH_FIXTURES") + u'/' + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s (run bench/core/run.sh)", name);
    return f.readAll();
}

void BM_Sign(benchmark::State &state)
{
    aws::sigv4::SigningParams p;
    p.credentials = {QStringLiteral("AKIDEXAMPLE"),
                     QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                     QStringLiteral("session-token-example"),
                     {}};
    p.region = QStringLiteral("us-east-1");
    p.service = QStringLiteral("ecs");
    p.time = QDateTime::currentDateTimeUtc();
    const QByteArray body =
        R"({"cluster":"taskoverflow","tasks":["arn:aws:ecs:us-east-1:123456789012:task/taskoverflow/0123"]})";
    for (auto _ : state) {
        aws::HttpRequest req;
        req.method = "POST";
        req.path = "/";
        req.host = "ecs.us-east-1.amazonaws.com";
        req.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeTasks"}};
        req.body = body;
        aws::sigv4::signRequest(req, p);
        benchmark::DoNotOptimize(req);
    }
}
BENCHMARK(BM_Sign);

// Validation included: botocore's serializer validates too.
void BM_SerializeRegisterTaskDefinition(benchmark::State &state)
{
    const auto model = aws::ModelRegistry::service(QStringLiteral("ecs"));
    const aws::Operation *op = model->operation(QStringLiteral("RegisterTaskDefinition"));
    const aws::ProtocolCodec *codec = aws::ProtocolCodec::forProtocol(model->metadata().protocol);
    const QJsonObject params =
        QJsonDocument::fromJson(fixture("register-task-definition-input.json")).object();
    for (auto _ : state) {
        auto issues = aws::Validator::validate(op->input.shape, params);
        benchmark::DoNotOptimize(issues);
        aws::HttpRequest req = codec->serializeRequest(*model, *op, params);
        benchmark::DoNotOptimize(req);
    }
}
BENCHMARK(BM_SerializeRegisterTaskDefinition);

void BM_ParseDescribeNetworkInterfaces1000(benchmark::State &state)
{
    const auto model = aws::ModelRegistry::service(QStringLiteral("ec2"));
    const aws::Operation *op = model->operation(QStringLiteral("DescribeNetworkInterfaces"));
    const aws::ProtocolCodec *codec = aws::ProtocolCodec::forProtocol(model->metadata().protocol);
    aws::HttpResponse resp;
    resp.body = fixture("describe-network-interfaces-1000.xml");
    for (auto _ : state) {
        auto r = codec->parseResponse(*model, *op, resp);
        if (!r.ok() || r.output.value(QStringLiteral("NetworkInterfaces")).toArray().size() != 1000)
            state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ParseDescribeNetworkInterfaces1000)->Unit(benchmark::kMillisecond);

void BM_ParseDescribeTasks100(benchmark::State &state)
{
    const auto model = aws::ModelRegistry::service(QStringLiteral("ecs"));
    const aws::Operation *op = model->operation(QStringLiteral("DescribeTasks"));
    const aws::ProtocolCodec *codec = aws::ProtocolCodec::forProtocol(model->metadata().protocol);
    aws::HttpResponse resp;
    resp.body = fixture("describe-tasks-100.json");
    for (auto _ : state) {
        auto r = codec->parseResponse(*model, *op, resp);
        if (!r.ok() || r.output.value(QStringLiteral("tasks")).toArray().size() != 100)
            state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ParseDescribeTasks100)->Unit(benchmark::kMicrosecond);

// The sandbox's side of the same two answers: writing them (no botocore
// counterpart; what a refresh of the `large` account costs the sandbox).
void writeAnswer(benchmark::State &state, const char *service, const char *operation, const char *fixtureName)
{
    const auto model = aws::ModelRegistry::service(QLatin1String(service));
    const aws::Operation *op = model->operation(QLatin1String(operation));
    const aws::ProtocolCodec *codec = aws::ProtocolCodec::forProtocol(model->metadata().protocol);
    aws::HttpResponse resp;
    resp.body = fixture(fixtureName);
    const QJsonObject output = codec->parseResponse(*model, *op, resp).output;
    for (auto _ : state) {
        aws::HttpResponse written = codec->serializeResponse(*model, *op, output, QStringLiteral("req-1"));
        benchmark::DoNotOptimize(written);
    }
}

void BM_WriteDescribeNetworkInterfaces1000(benchmark::State &state)
{
    writeAnswer(state, "ec2", "DescribeNetworkInterfaces", "describe-network-interfaces-1000.xml");
}
BENCHMARK(BM_WriteDescribeNetworkInterfaces1000)->Unit(benchmark::kMillisecond);

void BM_WriteDescribeTasks100(benchmark::State &state)
{
    writeAnswer(state, "ecs", "DescribeTasks", "describe-tasks-100.json");
}
BENCHMARK(BM_WriteDescribeTasks100)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
