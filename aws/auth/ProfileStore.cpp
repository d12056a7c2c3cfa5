#include "ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace aws::auth {

namespace {

QString expandHome(const QString &path, const QString &home)
{
    if (path == u"~")
        return home;
    if (path.startsWith(QStringLiteral("~/")))
        return home + path.mid(1);
    return path;
}

// botocore: "[profile name]" in config (whitespace-separated, exactly two
// words); "[default]" is the default profile; other sections are not profiles.
QString configProfileName(const QString &section)
{
    if (section == u"default")
        return section;
    if (!section.startsWith(QStringLiteral("profile")))
        return {};
    const QStringList parts = section.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (parts.size() == 2 && parts[0] == u"profile")
        return parts[1];
    return {};
}

const IniSection *configSection(const IniFile &config, const QString &profile)
{
    for (const IniSection &s : config.sections()) {
        if (configProfileName(s.name) == profile)
            return &s;
    }
    return nullptr;
}

} // namespace

ProfileStore::ProfileStore(const QProcessEnvironment &environment)
    : m_env(environment)
{
    reload();
}

QString ProfileStore::displayPath(const QString &path) const
{
    if (!m_home.isEmpty() && path.startsWith(m_home + u'/'))
        return QStringLiteral("~") + path.mid(m_home.size());
    return path;
}

void ProfileStore::reload()
{
    m_home = m_env.value(QStringLiteral("HOME"));
    const QString creds = m_env.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"));
    const QString config = m_env.value(QStringLiteral("AWS_CONFIG_FILE"));
    m_credentialsPath =
        QDir::cleanPath(expandHome(creds.isEmpty() ? QStringLiteral("~/.aws/credentials") : creds, m_home));
    m_configPath =
        QDir::cleanPath(expandHome(config.isEmpty() ? QStringLiteral("~/.aws/config") : config, m_home));
    m_problems.clear();
    m_credentials = IniFile();
    m_config = IniFile();
    load(m_credentialsPath, false);
    load(m_configPath, true);
}

void ProfileStore::load(const QString &path, bool isConfig)
{
    QFile file(path);
    if (!file.exists())
        return; // a missing file is normal
    if (!file.open(QIODevice::ReadOnly)) {
        m_problems.append(QStringLiteral("%1 cannot be read: %2").arg(displayPath(path), file.errorString()));
        return;
    }
    IniFile ini = IniFile::parse(QString::fromUtf8(file.readAll()));
    if (!ini.ok()) {
        // Like botocore, a file with an error is not used at all.
        for (const IniError &e : ini.errors())
            m_problems.append(QStringLiteral("%1 %2").arg(displayPath(path), e.message));
        return;
    }
    (isConfig ? m_config : m_credentials) = std::move(ini);
}

QStringList ProfileStore::profileNames() const
{
    QStringList names;
    for (const IniSection &s : m_credentials.sections())
        names.append(s.name);
    for (const IniSection &s : m_config.sections()) {
        const QString n = configProfileName(s.name);
        if (!n.isEmpty())
            names.append(n);
    }
    names.removeDuplicates();
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        if ((a == u"default") != (b == u"default"))
            return a == u"default";
        return a < b;
    });
    return names;
}

std::optional<Profile> ProfileStore::profile(const QString &name) const
{
    const IniSection *cred = m_credentials.section(name);
    const IniSection *conf = configSection(m_config, name);
    if (!cred && !conf)
        return std::nullopt;

    // botocore merges the credentials file over the config file, key by key.
    const auto get = [cred, conf](const QString &key) {
        if (cred && cred->value(key))
            return cred->text(key);
        return conf ? conf->text(key) : QString();
    };

    Profile p;
    p.name = name;
    p.region = get(QStringLiteral("region"));
    p.credentialProcess = get(QStringLiteral("credential_process"));

    const auto keysFrom = [](const IniSection *s) {
        aws::Credentials c;
        if (!s)
            return c;
        c.accessKeyId = s->text(QStringLiteral("aws_access_key_id"));
        c.secretAccessKey = s->text(QStringLiteral("aws_secret_access_key"));
        c.sessionToken = s->text(QStringLiteral("aws_session_token"));
        if (c.sessionToken.isEmpty())
            c.sessionToken = s->text(QStringLiteral("aws_security_token"));
        return c;
    };
    // Provider order as in botocore: credentials-file keys, then
    // credential_process, then config-file keys.
    const aws::Credentials fromCreds = keysFrom(cred);
    const aws::Credentials fromConf = keysFrom(conf);
    if (fromCreds.isValid()) {
        p.staticCredentials = fromCreds;
        p.keysFile = displayPath(m_credentialsPath);
    } else if (p.credentialProcess.isEmpty() && fromConf.isValid()) {
        p.staticCredentials = fromConf;
        p.keysFile = displayPath(m_configPath);
    }

    if (!p.hasStaticKeys() && p.credentialProcess.isEmpty()) {
        const QString how = QStringLiteral("Export temporary keys with `aws configure export-credentials "
                                           "--profile %1 --format env` and paste them, or add keys to the "
                                           "profile.")
                                .arg(name);
        if (!get(QStringLiteral("role_arn")).isEmpty())
            p.unsupported =
                QStringLiteral("Profile %1 assumes a role (role_arn), which Deploy Console does not "
                               "do yet. ")
                    .arg(name) +
                how;
        else if (!get(QStringLiteral("sso_session")).isEmpty() ||
                 !get(QStringLiteral("sso_start_url")).isEmpty())
            p.unsupported = QStringLiteral("Profile %1 signs in with IAM Identity Center (SSO), which Deploy "
                                           "Console does not do yet. ")
                                .arg(name) +
                            how;
        else if (!get(QStringLiteral("web_identity_token_file")).isEmpty())
            p.unsupported =
                QStringLiteral("Profile %1 uses a web identity token, which Deploy Console does not do yet. ")
                    .arg(name) +
                how;
    }
    return p;
}

} // namespace aws::auth
