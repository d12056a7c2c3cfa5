#include "CallCommand.h"

#include "ModelRegistry.h"
#include "OutputWriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace cli {

QString CallCommand::usage() const
{
    return QStringLiteral(
               "Usage: deployctl call SERVICE OPERATION [JSON | @FILE | -]\n\n"
               "Calls one AWS operation and prints its output as JSON (or text with --output text).\n"
               "JSON is the operation's input, as in the AWS API reference; @FILE reads it from a file,\n"
               "- from standard input. Parameters are checked against the service model before anything\n"
               "is sent. Timestamps print as ISO 8601; blobs as base64.\n\n"
               "Services: %1\n"
               "Example: deployctl call ecs ListClusters\n"
               "         deployctl call ec2 DescribeSecurityGroups '{\"GroupNames\":[\"default\"]}'\n")
        .arg(aws::ModelRegistry::services().join(QStringLiteral(", ")));
}

void CallCommand::start(const QStringList &argsIn, CliContext &ctx, std::function<void(int)> finish)
{
    QStringList args = argsIn;
    if (args.size() < 2 || args.size() > 3) {
        ctx.err() << "deployctl call: expected SERVICE OPERATION [JSON]\n\n" << usage();
        finish(2);
        return;
    }
    const QString service = args.at(0);
    const QString operation = args.at(1);
    QJsonObject params;
    if (args.size() == 3) {
        QByteArray text = args.at(2).toUtf8();
        if (text.startsWith('@') || text == "-") {
            QFile f;
            bool opened = false;
            if (text == "-")
                opened = f.open(stdin, QIODevice::ReadOnly);
            else {
                f.setFileName(QString::fromUtf8(text.mid(1)));
                opened = f.open(QIODevice::ReadOnly);
            }
            if (!opened) {
                ctx.err() << "deployctl call: cannot read " << text.mid(1) << ": " << f.errorString() << '\n';
                finish(2);
                return;
            }
            text = f.readAll();
        }
        QJsonParseError perr{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            ctx.err() << "deployctl call: the parameters are not a JSON object"
                      << (perr.error != QJsonParseError::NoError
                              ? QStringLiteral(" (%1 at offset %2)").arg(perr.errorString()).arg(perr.offset)
                              : QString())
                      << ". Example: '{\"clusters\":[\"taskoverflow\"]}'\n";
            finish(2);
            return;
        }
        params = doc.object();
    }

    // Validation first, so a wrong member never needs credentials or a network.
    if (auto err = aws::AwsClient::validateCall(service, operation, params)) {
        ctx.printError(*err);
        finish(252);
        return;
    }
    ctx.withClient([&ctx, finish, service, operation, params](aws::AwsClient *client) {
        if (!client) {
            finish(255);
            return;
        }
        const auto model = aws::ModelRegistry::service(service);
        const aws::Shape *outShape = model->operation(operation)->output.shape;
        client->call(service, operation, params, nullptr, [&ctx, finish, outShape](const aws::Outcome &o) {
            if (!o.ok()) {
                ctx.printError(*o.error);
                finish(o.error->kind == aws::ErrorKind::Validation ? 252 : 254);
                return;
            }
            writeOutput(ctx, o.output, outShape);
            finish(0);
        });
    });
}

} // namespace cli
