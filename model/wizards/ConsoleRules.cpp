#include "ConsoleRules.h"

#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>

namespace wizards::rules {
namespace {

bool matches(const QString &pattern, const QString &v)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    return re.match(v).hasMatch();
}

QString rdsIdentifierLike(const QString &v, int max, const QString &what)
{
    if (v.isEmpty() || v.size() > max)
        return QStringLiteral("%1 must be 1–%2 characters").arg(what).arg(max);
    if (!v.at(0).isLetter() || v.at(0).unicode() > 127)
        return QStringLiteral("%1 must start with a letter").arg(what);
    if (!matches(QStringLiteral("[A-Za-z0-9-]+"), v))
        return QStringLiteral("Only letters, digits and hyphens");
    if (v.endsWith(u'-'))
        return QStringLiteral("Cannot end with a hyphen");
    if (v.contains(QStringLiteral("--")))
        return QStringLiteral("Cannot contain two consecutive hyphens");
    return {};
}

// Characters EC2 accepts in group names and descriptions (VPC groups).
const QString kSgChars = QStringLiteral("[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]*");

} // namespace

QString dbInstanceIdentifier(const QString &v)
{
    return rdsIdentifierLike(v, 63, QStringLiteral("Identifier"));
}

QString masterUsername(const QString &v)
{
    if (v.isEmpty() || v.size() > 16)
        return QStringLiteral("Username must be 1–16 characters");
    if (!matches(QStringLiteral("[A-Za-z][A-Za-z0-9_]*"), v))
        return QStringLiteral("Start with a letter; letters, digits, underscores only");
    // RDS refuses PostgreSQL's own role names and its internal admin names.
    static const QStringList reserved = {QStringLiteral("postgres"),     QStringLiteral("rdsadmin"),
                                         QStringLiteral("rdsrepladmin"), QStringLiteral("rds_superuser"),
                                         QStringLiteral("admin"),        QStringLiteral("root"),
                                         QStringLiteral("public"),       QStringLiteral("user"),
                                         QStringLiteral("select"),       QStringLiteral("all")};
    if (reserved.contains(v.toLower()))
        return QStringLiteral("'%1' is a reserved word").arg(v);
    return {};
}

QString masterPassword(const QString &v)
{
    if (v.size() < 8 || v.size() > 128)
        return QStringLiteral("Password must be 8–128 characters");
    for (QChar c : v) {
        if (c.unicode() <= 32 || c.unicode() >= 127)
            return c == u' ' ? QStringLiteral("No spaces") : QStringLiteral("Printable ASCII only");
        if (c == u'/' || c == u'\'' || c == u'"' || c == u'@')
            return QStringLiteral("Cannot contain / ' \" or @");
    }
    return {};
}

QString dbName(const QString &v)
{
    if (v.isEmpty())
        return {};
    if (v.size() > 63)
        return QStringLiteral("Database name must be at most 63 characters");
    if (!matches(QStringLiteral("[A-Za-z][A-Za-z0-9_]*"), v))
        return QStringLiteral("Start with a letter; letters, digits, underscores only");
    return {};
}

QString allocatedStorage(const QString &storageType, int gib)
{
    int lo = 20, hi = 65536;
    if (storageType == u"io1" || storageType == u"io2")
        lo = 100;
    else if (storageType == u"standard")
        lo = 5, hi = 3072;
    if (gib < lo || gib > hi)
        return QStringLiteral("Storage must be %1–%2 GiB").arg(lo).arg(hi);
    return {};
}

QString maxAllocatedStorage(int allocated, int max)
{
    if (max == 0)
        return {};
    if (max > 65536)
        return QStringLiteral("Maximum storage must be at most 65536 GiB");
    // "At least 10 % more" in integer GiB: 20 → 22, 100 → 110.
    if (max <= allocated || qint64(max) * 10 < qint64(allocated) * 11)
        return QStringLiteral("Maximum must be at least 10 % above allocated storage");
    return {};
}

QString securityGroupName(const QString &v)
{
    if (v.isEmpty() || v.size() > 255)
        return QStringLiteral("Name must be 1–255 characters");
    if (v.startsWith(QStringLiteral("sg-"), Qt::CaseInsensitive))
        return QStringLiteral("Name cannot start with sg-");
    if (!matches(kSgChars, v))
        return QStringLiteral("Letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only");
    return {};
}

QString securityGroupDescription(const QString &v)
{
    if (v.isEmpty() || v.size() > 255)
        return QStringLiteral("Description is required, at most 255 characters");
    if (!matches(kSgChars, v))
        return QStringLiteral("Letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only");
    return {};
}

QString portRange(int from, int to)
{
    if (from < 0 || from > 65535 || to < 0 || to > 65535)
        return QStringLiteral("Ports are 0–65535");
    if (from > to)
        return QStringLiteral("The first port must not exceed the last");
    return {};
}

QString cidr(const QString &v)
{
    const auto parts = v.split(u'/');
    if (parts.size() != 2)
        return QStringLiteral("A CIDR block such as 0.0.0.0/0 or ::/0");
    QHostAddress addr;
    if (!addr.setAddress(parts[0]) || parts[0].contains(u'%'))
        return QStringLiteral("Not an IPv4 or IPv6 address");
    bool ok = false;
    const int prefix = parts[1].toInt(&ok);
    const int maxPrefix = addr.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
    if (!ok || parts[1].isEmpty() || !parts[1].front().isDigit() || prefix < 0 || prefix > maxPrefix)
        return QStringLiteral("Prefix length must be 0–%1").arg(maxPrefix);
    if (addr.protocol() == QAbstractSocket::IPv4Protocol && parts[0].count(u'.') != 3)
        return QStringLiteral("Not an IPv4 or IPv6 address");
    return {};
}

QString ruleDescription(const QString &v)
{
    if (v.size() > 255)
        return QStringLiteral("At most 255 characters");
    if (!matches(kSgChars, v))
        return QStringLiteral("Letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only");
    return {};
}

QString ecsName(const QString &v, const QString &what)
{
    if (v.isEmpty() || v.size() > 255)
        return QStringLiteral("%1 must be 1–255 characters").arg(what);
    if (!matches(QStringLiteral("[A-Za-z0-9_-]+"), v))
        return QStringLiteral("Letters, digits, hyphens and underscores only");
    return {};
}

QString containerPort(int port)
{
    if (port < 1 || port > 65535)
        return QStringLiteral("Container port must be 1–65535");
    return {};
}

QString envName(const QString &v)
{
    return v.trimmed().isEmpty() ? QStringLiteral("Name is required") : QString();
}

QString fargateSize(int cpu, int memory)
{
    struct Row {
        int cpu, lo, hi, step;
    };
    static const Row rows[] = {{512, 1024, 4096, 1024},    {1024, 2048, 8192, 1024},
                               {2048, 4096, 16384, 1024},  {4096, 8192, 30720, 1024},
                               {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192}};
    if (cpu == 256)
        return (memory == 512 || memory == 1024 || memory == 2048)
                   ? QString()
                   : QStringLiteral("0.25 vCPU allows 512, 1024 or 2048 MiB");
    for (const Row &r : rows)
        if (r.cpu == cpu)
            return (memory >= r.lo && memory <= r.hi && (memory - r.lo) % r.step == 0)
                       ? QString()
                       : QStringLiteral("%1 vCPU allows %2–%3 MiB in steps of %4")
                             .arg(cpu / 1024.0)
                             .arg(r.lo)
                             .arg(r.hi)
                             .arg(r.step);
    return QStringLiteral("Invalid 'cpu' setting for task");
}

QString clientToken(const QString &v)
{
    if (v.size() > 32)
        return QStringLiteral("At most 32 characters");
    for (QChar c : v)
        if (c.unicode() > 127)
            return QStringLiteral("ASCII only");
    return {};
}

QString tagKey(const QString &v)
{
    if (v.isEmpty() || v.size() > 128)
        return QStringLiteral("Tag key must be 1–128 characters");
    if (v.startsWith(QStringLiteral("aws:"), Qt::CaseInsensitive))
        return QStringLiteral("Tag keys cannot start with aws:");
    return {};
}

QString tagValue(const QString &v)
{
    return v.size() > 256 ? QStringLiteral("Tag value must be at most 256 characters") : QString();
}

static QString range(int v, int lo, int hi, const QString &what)
{
    return (v < lo || v > hi) ? QStringLiteral("%1 must be %2–%3").arg(what).arg(lo).arg(hi) : QString();
}

QString healthInterval(int s)
{
    return range(s, 5, 30, QStringLiteral("Interval"));
}
QString healthTimeout(int s)
{
    return range(s, 2, 60, QStringLiteral("Timeout"));
}
QString healthStartPeriod(int s)
{
    return range(s, 0, 300, QStringLiteral("Start period"));
}
QString healthRetries(int n)
{
    return range(n, 1, 10, QStringLiteral("Retries"));
}
QString ephemeralStorage(int gib)
{
    return range(gib, 21, 200, QStringLiteral("Ephemeral storage"));
}

QString ecrRepositoryName(const QString &v)
{
    if (v.size() < 2 || v.size() > 256)
        return QStringLiteral("Repository name must be 2–256 characters");
    if (!matches(QStringLiteral("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*"), v))
        return QStringLiteral("Lower-case letters and digits, separated by . _ - or /");
    return {};
}

QString imageTag(const QString &v)
{
    if (!matches(QStringLiteral("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}"), v))
        return QStringLiteral("1–128 letters, digits, _ . -; not starting with . or -");
    return {};
}

QString passwordStrength(const QString &p)
{
    int kinds = 0;
    kinds += std::any_of(p.begin(), p.end(), [](QChar c) { return c.isLower(); });
    kinds += std::any_of(p.begin(), p.end(), [](QChar c) { return c.isUpper(); });
    kinds += std::any_of(p.begin(), p.end(), [](QChar c) { return c.isDigit(); });
    kinds += std::any_of(p.begin(), p.end(), [](QChar c) { return !c.isLetterOrNumber(); });
    if (p.size() >= 14 && kinds >= 3)
        return QStringLiteral("Strong");
    if (p.size() >= 10 && kinds >= 2)
        return QStringLiteral("Fair");
    return QStringLiteral("Weak");
}

QString ruleText(const QString &key)
{
    static const QHash<QString, QString> texts = {
        {QStringLiteral("sg.name"), QStringLiteral("1–255 characters; not starting with sg-")},
        {QStringLiteral("sg.description"), QStringLiteral("Required; up to 255 characters")},
        {QStringLiteral("sg.vpc"), QStringLiteral("The default VPC unless you choose another")},
        {QStringLiteral("sg.rules"),
         QStringLiteral("Ports 0–65535; source is a CIDR such as 0.0.0.0/0 or a security group (sg-…)")},
        {QStringLiteral("rds.identifier"),
         QStringLiteral("1–63 letters, digits or hyphens; starts with a letter")},
        {QStringLiteral("rds.username"), QStringLiteral("1–16 letters, digits, _; starts with a letter")},
        {QStringLiteral("rds.password"),
         QStringLiteral("8–128 printable characters except / ' \" @ and space")},
        {QStringLiteral("rds.newGroup"),
         QStringLiteral("Leave empty to use only the groups above; a name creates a group with 5432 open")},
        {QStringLiteral("ecs.newGroup"),
         QStringLiteral(
             "Leave empty to use only the groups above; a name creates a group with the port below open")},
        {QStringLiteral("rds.dbName"), QStringLiteral("Letters, digits, _; starts with a letter")},
        {QStringLiteral("rds.storage"), QStringLiteral("gp2/gp3: 20–65536 GiB")},
        {QStringLiteral("ecs.name"), QStringLiteral("1–255 letters, digits, hyphens, underscores")},
    };
    return texts.value(key);
}

} // namespace wizards::rules
