#pragma once
#include "Command.h"

namespace cli {

/// `deployctl credentials import|list|remove`: the accounts Deploy Console
/// saves (secrets in the system keyring, the rest in its settings).
class CredentialsCommand : public Command {
public:
    QString name() const override { return QStringLiteral("credentials"); }
    QString summary() const override { return QStringLiteral("import, list and remove saved accounts"); }
    QString usage() const override;
    void start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish) override;

private:
    void import(const QStringList &args, CliContext &ctx, std::function<void(int)> finish);
    void list(CliContext &ctx, std::function<void(int)> finish);
    void remove(const QStringList &args, CliContext &ctx, std::function<void(int)> finish);
};

} // namespace cli
