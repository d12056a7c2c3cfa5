#pragma once
// Calls into SandboxAccount hooks that are being added alongside this server
// (setRegistryEndpoint, checkRegistryPassword). Templates so the checks stay
// dependent: until the account has a hook the fallback compiles instead.

#include <QString>
#include <optional>

namespace aws::sandbox::server {

/// Tells the account the registry's endpoint (for GetAuthorizationToken's proxyEndpoint).
template <typename Account> void setRegistryEndpoint(Account &account, const QString &endpoint)
{
    if constexpr (requires { account.setRegistryEndpoint(endpoint); })
        account.setRegistryEndpoint(endpoint);
}

/// The account's verdict on a registry password, or nullopt when it has no such hook.
template <typename Account>
std::optional<bool> checkRegistryPassword(Account &account, const QString &password)
{
    if constexpr (requires { account.checkRegistryPassword(password); })
        return bool(account.checkRegistryPassword(password));
    else
        return std::nullopt;
}

} // namespace aws::sandbox::server
