#pragma once
// The named profiles of ~/.aws/credentials and ~/.aws/config (or the files
// AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE name), merged as botocore
// merges them. Read only: Deploy Console never writes these files.

#include "IniFile.h"
#include "core/sigv4/Credentials.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <optional>

namespace aws::auth {

struct Profile {
    QString name;
    QString region;
    /// Keys written in the credentials file (preferred) or the config file.
    aws::Credentials staticCredentials;
    /// The file those keys came from, shown as "~/.aws/credentials"; empty when none.
    QString keysFile;
    QString credentialProcess; ///< the command, when set
    /// Set when the profile needs something Deploy Console does not do yet
    /// (role_arn, SSO, web identity), as a sentence with a way out.
    QString unsupported;
    bool hasStaticKeys() const { return staticCredentials.isValid(); }
};

class ProfileStore {
public:
    /// Reads both files at once. `environment` gives HOME and the two AWS_* file variables.
    explicit ProfileStore(const QProcessEnvironment &environment);

    /// Re-reads both files (e.g. after the student edited them).
    void reload();

    QString credentialsPath() const { return m_credentialsPath; }
    QString configPath() const { return m_configPath; }
    /// `path` with $HOME shown as "~".
    QString displayPath(const QString &path) const;

    /// Profile names from both files, sorted, "default" first.
    QStringList profileNames() const;
    std::optional<Profile> profile(const QString &name) const;
    /// Why a file could not be used (one sentence each, with the line); empty when all is well.
    QStringList problems() const { return m_problems; }

private:
    void load(const QString &path, bool isConfig);

    QProcessEnvironment m_env;
    QString m_home;
    QString m_credentialsPath;
    QString m_configPath;
    IniFile m_credentials;
    IniFile m_config;
    QStringList m_problems;
};

} // namespace aws::auth
