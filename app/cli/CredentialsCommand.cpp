#include "CredentialsCommand.h"

#include "AccountStore.h"
#include "CredentialsBlockParser.h"
#include "LearnerLab.h"
#include "OutputWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace cli {

QString CredentialsCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl credentials import [--name NAME] [--file FILE]\n"
        "       deployctl credentials list\n"
        "       deployctl credentials remove NAME\n\n"
        "import  reads a Learner Lab block (AWS Details → AWS CLI → Show), a ~/.aws/credentials section or\n"
        "        `export AWS_…=` lines from FILE or standard input, and saves it: the secret key and "
        "session\n"
        "        token go to the system keyring only, never to a file.\n"
        "list    shows saved accounts (name, region, access key id, Learner Lab, saved at).\n"
        "remove  forgets an account and deletes its keyring entries.\n"
        "Use a saved account with --account NAME on any command.\n");
}

void CredentialsCommand::start(const QStringList &argsIn, CliContext &ctx, std::function<void(int)> finish)
{
    QStringList args = argsIn;
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    if (sub == u"import")
        return import(args, ctx, std::move(finish));
    if (sub == u"list" && args.isEmpty())
        return list(ctx, std::move(finish));
    if (sub == u"remove")
        return remove(args, ctx, std::move(finish));
    ctx.err() << "deployctl credentials: expected import, list or remove\n\n" << usage();
    finish(2);
}

void CredentialsCommand::import(const QStringList &argsIn, CliContext &ctx, std::function<void(int)> finish)
{
    QStringList args = argsIn;
    QString name;
    QString file;
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        if ((a == u"--name" || a == u"--file") && !args.isEmpty())
            (a == u"--name" ? name : file) = args.takeFirst();
        else {
            ctx.err() << "deployctl credentials import: unexpected '" << a << "'\n\n" << usage();
            finish(2);
            return;
        }
    }
    QFile f;
    const bool opened = file.isEmpty() ? f.open(stdin, QIODevice::ReadOnly)
                                       : (f.setFileName(file), f.open(QIODevice::ReadOnly));
    if (!opened) {
        ctx.err() << "Cannot read " << (file.isEmpty() ? QStringLiteral("standard input") : file) << ": "
                  << f.errorString() << '\n';
        finish(2);
        return;
    }
    const QString text = QString::fromUtf8(f.readAll());
    const aws::auth::PasteResult parsed = aws::auth::CredentialsBlockParser::parse(text);
    if (!parsed.ok) {
        ctx.err() << "These credentials were not saved: " << parsed.error.message << '\n';
        finish(2);
        return;
    }
    const aws::auth::ParsedCredentials &p = parsed.value;
    if (name.isEmpty())
        name = p.looksLikeLearnerLab ? QStringLiteral("learner-lab")
                                     : (p.profileName.isEmpty() ? QStringLiteral("default") : p.profileName);
    QString why;
    if (!aws::auth::AccountStore::isValidName(name, &why)) {
        ctx.err() << "The account name '" << name << "' cannot be used: " << why << '\n';
        finish(2);
        return;
    }
    aws::auth::SavedAccount account;
    account.name = name;
    account.region = !p.region.isEmpty()
                         ? p.region
                         : (p.looksLikeLearnerLab ? aws::auth::learnerlab::defaultRegion() : ctx.region());
    account.accessKeyId = p.credentials.accessKeyId;
    account.learnerLab = p.looksLikeLearnerLab;
    ctx.out() << "Understood: " << p.summary().text() << '\n';
    ctx.out().flush();
    ctx.accounts().save(account, p.credentials, ctx.callbackContext(),
                        [&ctx, finish, name](const aws::auth::SecretStoreResult &r) {
                            if (!r.ok()) {
                                ctx.err() << "Not saved: " << r.message << '\n';
                                finish(1);
                                return;
                            }
                            ctx.out() << "Saved account '" << name << "'. Use it with: deployctl --account "
                                      << name << " identity\n";
                            finish(0);
                        });
}

void CredentialsCommand::list(CliContext &ctx, std::function<void(int)> finish)
{
    const auto accounts = ctx.accounts().accounts();
    if (ctx.options().output == OutputFormat::Json) {
        QJsonArray arr;
        for (const auto &a : accounts)
            arr.append(QJsonObject{{QStringLiteral("name"), a.name},
                                   {QStringLiteral("region"), a.region},
                                   {QStringLiteral("accessKeyId"), a.accessKeyId},
                                   {QStringLiteral("learnerLab"), a.learnerLab},
                                   {QStringLiteral("savedAt"), a.savedAt.toUTC().toString(Qt::ISODate)}});
        ctx.out() << toJsonText(QJsonObject{{QStringLiteral("accounts"), arr}});
    } else {
        if (accounts.isEmpty())
            ctx.out()
                << "No saved accounts. Import one with: deployctl credentials import < credentials.txt\n";
        for (const auto &a : accounts)
            ctx.out() << a.name << '\t' << a.region << '\t' << a.accessKeyId << '\t'
                      << (a.learnerLab ? "learner-lab" : "account") << '\t'
                      << a.savedAt.toUTC().toString(Qt::ISODate) << '\n';
    }
    finish(0);
}

void CredentialsCommand::remove(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    if (args.size() != 1) {
        ctx.err() << "deployctl credentials remove: expected one account name\n";
        finish(2);
        return;
    }
    const QString name = args.first();
    if (!ctx.accounts().account(name)) {
        ctx.err() << "There is no saved account '" << name << "'. `deployctl credentials list` shows them.\n";
        finish(1);
        return;
    }
    ctx.accounts().remove(
        name, ctx.callbackContext(), [&ctx, finish, name](const aws::auth::SecretStoreResult &r) {
            if (!r.ok() && r.problem != aws::auth::KeyringProblem::NotFound) {
                ctx.err() << "Removed '" << name
                          << "' from the list, but its keyring entry could not be deleted: " << r.message
                          << '\n';
                finish(1);
                return;
            }
            ctx.out() << "Removed account '" << name << "' and its keyring entries.\n";
            finish(0);
        });
}

} // namespace cli
