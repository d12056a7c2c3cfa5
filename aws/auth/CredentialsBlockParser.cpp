#include "CredentialsBlockParser.h"

#include <QRegularExpression>

namespace aws::auth {

namespace {

enum class Field { AccessKeyId, SecretAccessKey, SessionToken, Region, Ignored, Unknown };

// Keys are matched case-insensitively: botocore lower-cases ini keys, and a
// student who types `export aws_region=…` means the same thing.
Field fieldFor(const QString &lowerKey)
{
    if (lowerKey == u"aws_access_key_id")
        return Field::AccessKeyId;
    if (lowerKey == u"aws_secret_access_key")
        return Field::SecretAccessKey;
    if (lowerKey == u"aws_session_token" || lowerKey == u"aws_security_token")
        return Field::SessionToken;
    if (lowerKey == u"region" || lowerKey == u"aws_region" || lowerKey == u"aws_default_region")
        return Field::Region;
    // `aws configure` writes `output`; harmless, so it does not refuse the block.
    if (lowerKey == u"output" || lowerKey == u"aws_default_output")
        return Field::Ignored;
    return Field::Unknown;
}

QString fieldLabel(Field f)
{
    switch (f) {
    case Field::AccessKeyId:
        return QStringLiteral("aws_access_key_id");
    case Field::SecretAccessKey:
        return QStringLiteral("aws_secret_access_key");
    case Field::SessionToken:
        return QStringLiteral("aws_session_token");
    case Field::Region:
        return QStringLiteral("region");
    default:
        return {};
    }
}

// Text copied out of a web page carries non-breaking and zero-width spaces.
QString normaliseLine(QStringView raw)
{
    QString line = raw.toString();
    if (line.endsWith(u'\r'))
        line.chop(1);
    line.replace(QChar(0x00A0), u' ');
    line.remove(QChar(0x200B));
    line.remove(QChar(0xFEFF));
    return line.trimmed();
}

bool isBase64Char(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'+' ||
           c == u'/' || c == u'=';
}

PasteResult fail(int line, const QString &message)
{
    PasteResult r;
    r.error = {line, message};
    return r;
}

struct Seen {
    QString value;
    int line = 0;
};

} // namespace

QString PasteSummary::text() const
{
    QString s = QStringLiteral("Access key %1").arg(accessKeyId);
    s += hasSessionToken ? QStringLiteral(" with a session token")
                         : QStringLiteral(" without a session token");
    if (!region.isEmpty())
        s += QStringLiteral(", region %1").arg(region);
    if (looksLikeLearnerLab)
        s += QStringLiteral(" (AWS Academy Learner Lab)");
    return s;
}

PasteSummary ParsedCredentials::summary() const
{
    PasteSummary s;
    s.accessKeyId = credentials.accessKeyId;
    s.hasSessionToken = !credentials.sessionToken.isEmpty();
    s.region = region;
    s.profileName = profileName;
    s.looksLikeLearnerLab = looksLikeLearnerLab;
    return s;
}

bool CredentialsBlockParser::isValidAccessKeyId(QStringView id)
{
    if (id.size() < 16 || id.size() > 128)
        return false;
    for (QChar c : id) {
        if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')))
            return false;
    }
    return true;
}

bool CredentialsBlockParser::isValidSecretAccessKey(QStringView secret)
{
    if (secret.size() != 40)
        return false;
    for (QChar c : secret) {
        if (!isBase64Char(c) || c == u'=')
            return false;
    }
    return true;
}

bool CredentialsBlockParser::isValidSessionToken(QStringView token)
{
    if (token.size() < 16)
        return false;
    for (QChar c : token) {
        if (!isBase64Char(c))
            return false;
    }
    return true;
}

bool CredentialsBlockParser::isValidRegionName(QStringView region)
{
    static const QRegularExpression re(QStringLiteral("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$"));
    return re.match(region.toString()).hasMatch();
}

PasteResult CredentialsBlockParser::parse(QStringView text)
{
    // Which assignment styles this accepts, one per line:
    //   key = value            (ini, also `key: value` as botocore allows)
    //   export KEY=value       (sh), `set KEY=value` (cmd), `$Env:KEY="value"` (PowerShell)
    Seen seen[4];
    QString profileName;
    int headerLine = 0;
    int lineNo = 0;
    bool anything = false;

    const auto lines = text.split(u'\n');
    for (QStringView raw : lines) {
        ++lineNo;
        const QString line = normaliseLine(raw);
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        anything = true;

        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']'))
                return fail(lineNo,
                            QStringLiteral("Line %1 starts a section header with “[” but does not end "
                                           "with “]”.")
                                .arg(lineNo));
            if (headerLine != 0)
                return fail(lineNo,
                            QStringLiteral("Line %1 starts a second section ([…]). Paste one block of "
                                           "credentials at a time.")
                                .arg(lineNo));
            if (seen[0].line || seen[1].line || seen[2].line || seen[3].line)
                return fail(lineNo, QStringLiteral("Line %1 is a section header ([…]) after the keys; it "
                                                   "belongs at the top. Paste one block of credentials at a "
                                                   "time.")
                                        .arg(lineNo));
            headerLine = lineNo;
            QString name = line.mid(1, line.size() - 2).trimmed();
            // ~/.aws/config spells named profiles `[profile name]`.
            if (name.startsWith(QStringLiteral("profile ")))
                name = name.mid(8).trimmed();
            if (name.isEmpty())
                return fail(lineNo, QStringLiteral("The section header on line %1 has no name.").arg(lineNo));
            profileName = name;
            continue;
        }

        QString assignment = line;
        bool envStyle = false;
        for (const QString &prefix :
             {QStringLiteral("export "), QStringLiteral("set "), QStringLiteral("$env:")}) {
            if (assignment.startsWith(prefix, Qt::CaseInsensitive)) {
                assignment = assignment.mid(prefix.size()).trimmed();
                envStyle = true;
                break;
            }
        }
        qsizetype sep = assignment.indexOf(u'=');
        if (!envStyle) {
            const qsizetype colon = assignment.indexOf(u':');
            if (colon >= 0 && (sep < 0 || colon < sep))
                sep = colon;
        }
        static const QRegularExpression keyName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        if (sep <= 0 || !keyName.match(assignment.left(sep).trimmed()).hasMatch()) {
            // A long base64 run (which may itself end in "=") is most likely the
            // rest of a session token that a text box wrapped onto a new line.
            bool base64ish = true;
            for (QChar c : line)
                base64ish = base64ish && isBase64Char(c);
            if (base64ish && line.size() >= 16)
                return fail(lineNo, QStringLiteral("Line %1 is a long value without a name. If the session "
                                                   "token was split over several lines, copy the block again "
                                                   "so that it stays on one line.")
                                        .arg(lineNo));
            return fail(lineNo, QStringLiteral("Line %1 is not of the form “name = value”.").arg(lineNo));
        }
        const QString key = assignment.left(sep).trimmed().toLower();
        QString value = assignment.mid(sep + 1).trimmed();
        if (value.startsWith(u'"') || value.startsWith(u'\'')) {
            const QChar quote = value.front();
            if (value.size() < 2 || !value.endsWith(quote))
                return fail(lineNo, QStringLiteral("The value on line %1 opens a quote (%2) that is not "
                                                   "closed.")
                                        .arg(lineNo)
                                        .arg(quote));
            value = value.mid(1, value.size() - 2).trimmed();
        }

        const Field field = fieldFor(key);
        if (field == Field::Unknown)
            return fail(lineNo, QStringLiteral("Line %1 sets “%2”, which is not part of AWS credentials. "
                                               "Expected aws_access_key_id, aws_secret_access_key and "
                                               "aws_session_token (or the AWS_… variables).")
                                    .arg(lineNo)
                                    .arg(assignment.left(sep).trimmed()));
        if (field == Field::Ignored)
            continue;
        if (value.isEmpty())
            return fail(lineNo, QStringLiteral("Line %1 names %2 but gives no value.").arg(lineNo).arg(key));

        Seen &slot = seen[static_cast<int>(field)];
        if (slot.line != 0 && slot.value != value)
            return fail(lineNo, QStringLiteral("%1 is given twice with different values (lines %2 and %3). "
                                               "Paste one block of credentials at a time.")
                                    .arg(fieldLabel(field))
                                    .arg(slot.line)
                                    .arg(lineNo));
        if (slot.line == 0)
            slot = {value, lineNo};
    }

    if (!anything)
        return fail(0, QStringLiteral("Nothing was pasted. Copy the credentials block (in the Learner Lab: "
                                      "AWS Details → AWS CLI: Show) and paste it here."));

    const Seen &key = seen[static_cast<int>(Field::AccessKeyId)];
    const Seen &secret = seen[static_cast<int>(Field::SecretAccessKey)];
    const Seen &token = seen[static_cast<int>(Field::SessionToken)];
    const Seen &region = seen[static_cast<int>(Field::Region)];

    if (key.line == 0)
        return fail(0, QStringLiteral("The access key id is missing (aws_access_key_id=…). Copy the whole "
                                      "block."));
    if (secret.line == 0)
        return fail(0, QStringLiteral("The secret access key is missing (aws_secret_access_key=…). Copy the "
                                      "whole block."));
    if (!isValidAccessKeyId(key.value))
        return fail(key.line,
                    QStringLiteral("The access key id on line %1 is not valid: it should be 16 to 128 "
                                   "capital letters and digits (like ASIA… or AKIA…).")
                        .arg(key.line));
    if (!isValidSecretAccessKey(secret.value))
        return fail(secret.line, QStringLiteral("The secret access key on line %1 is not valid: it should be "
                                                "exactly 40 characters of letters, digits, “/” and “+” (it "
                                                "has %2). It may have been cut off while copying.")
                                     .arg(secret.line)
                                     .arg(secret.value.size()));
    if (token.line != 0 && !isValidSessionToken(token.value))
        return fail(token.line, QStringLiteral("The session token on line %1 is not valid: it should be one "
                                               "long run of letters, digits, “/”, “+” and “=”. It may have "
                                               "been cut off or broken while copying.")
                                    .arg(token.line));
    if (token.line == 0 && key.value.startsWith(QStringLiteral("ASIA")))
        return fail(key.line,
                    QStringLiteral("The access key on line %1 (ASIA…) is temporary and only works "
                                   "with its session token (aws_session_token=…), which is missing. "
                                   "Copy the whole block.")
                        .arg(key.line));
    if (region.line != 0 && !isValidRegionName(region.value))
        return fail(region.line, QStringLiteral("“%1” on line %2 is not an AWS region name (like us-east-1).")
                                     .arg(region.value)
                                     .arg(region.line));

    PasteResult r;
    r.ok = true;
    r.value.credentials.accessKeyId = key.value;
    r.value.credentials.secretAccessKey = secret.value;
    r.value.credentials.sessionToken = token.value;
    r.value.region = region.value;
    r.value.profileName = profileName;
    r.value.looksLikeLearnerLab = key.value.startsWith(QStringLiteral("ASIA")) && token.line != 0;
    return r;
}

} // namespace aws::auth
