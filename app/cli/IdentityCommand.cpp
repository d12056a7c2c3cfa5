#include "IdentityCommand.h"

#include "OutputWriter.h"

#include <QJsonObject>

namespace cli {

QString IdentityCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl identity\n\n"
        "Asks AWS (STS GetCallerIdentity) which account, user or role the credentials belong\n"
        "to, and says where the credentials came from.\n");
}

void IdentityCommand::start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    if (!args.isEmpty()) {
        ctx.err() << "deployctl identity: takes no arguments (got '" << args.join(u' ') << "')\n";
        finish(2);
        return;
    }
    ctx.withClient([&ctx, finish](aws::AwsClient *client) {
        if (!client) {
            finish(255);
            return;
        }
        client->call(QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"), {}, nullptr,
                     [&ctx, finish](const aws::Outcome &o) {
                         if (!o.ok()) {
                             ctx.printError(*o.error);
                             finish(254);
                             return;
                         }
                         QJsonObject out = o.output;
                         out.insert(QStringLiteral("CredentialSource"), ctx.credentialSource());
                         out.insert(QStringLiteral("Region"), ctx.region());
                         if (ctx.options().output == OutputFormat::Json) {
                             ctx.out() << toJsonText(out);
                         } else {
                             ctx.out()
                                 << "Account\t" << out.value(QStringLiteral("Account")).toString() << '\n'
                                 << "Arn\t" << out.value(QStringLiteral("Arn")).toString() << '\n'
                                 << "UserId\t" << out.value(QStringLiteral("UserId")).toString() << '\n'
                                 << "Region\t" << ctx.region() << '\n'
                                 << "Credentials\t" << ctx.credentialSource() << '\n';
                         }
                         finish(0);
                     });
    });
}

} // namespace cli
