#include "EcrTexts.h"

#include "ImageRules.h"

#include <QCoreApplication>
#include <cmath>

namespace ecr {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ecr", text);
}

} // namespace

QString registryHost(const QString &accountId, const QString &region)
{
    return QStringLiteral("%1.dkr.ecr.%2.amazonaws.com").arg(accountId, region);
}

QString imageUri(const QString &accountId, const QString &region, const QString &repository,
                 const QString &tag)
{
    return QStringLiteral("%1/%2:%3").arg(registryHost(accountId, region), repository, tag);
}

QStringList pushCommands(const QString &accountId, const QString &region, const QString &repository)
{
    const QString host = registryHost(accountId, region);
    const QString uri = host + u'/' + repository;
    return {
        QStringLiteral("aws ecr get-login-password --region %1 | docker login --username AWS "
                       "--password-stdin %2")
            .arg(region, host),
        QStringLiteral("docker build -t %1 .").arg(repository),
        QStringLiteral("docker tag %1:latest %2:latest").arg(repository, uri),
        QStringLiteral("docker push %1:latest").arg(uri),
    };
}

QString repositoryNameRule()
{
    return tr("2–256 characters: lowercase letters and digits, separated by '.', '_', '-' or '/' "
              "(for example team/web-app)");
}

QString tagRule()
{
    return tr("1–128 characters: letters, digits, '_', '.' and '-', not starting with '.' or '-'");
}

QString checkRepositoryName(const QString &name)
{
    if (name.isEmpty())
        return tr("Type a name for the repository.");
    if (name.size() < 2)
        return tr("A repository name needs at least 2 characters.");
    if (name.size() > 256)
        return tr("A repository name has at most 256 characters (this one has %1).").arg(name.size());
    if (name != name.toLower())
        return tr("Use lowercase letters only: ECR refuses capitals in repository names.");
    if (!aws::registry::checkRepositoryName(name).isEmpty()) {
        if (name.startsWith(u'/') || name.endsWith(u'/') || name.contains(QLatin1String("//")))
            return tr("A '/' separates two parts of the name; it cannot start, end or repeat.");
        return tr("Only lowercase letters and digits, with single '.', '_', '-' or '/' between them; "
                  "the name starts and ends with a letter or digit.");
    }
    return {};
}

QString checkTag(const QString &tag)
{
    if (tag.isEmpty())
        return tr("Type a tag, such as latest or v1.");
    if (tag.size() > 128)
        return tr("A tag has at most 128 characters (this one has %1).").arg(tag.size());
    if (!aws::registry::checkTag(tag).isEmpty()) {
        if (tag.startsWith(u'.') || tag.startsWith(u'-'))
            return tr("A tag cannot start with '.' or '-'.");
        return tr("Only letters, digits, '_', '.' and '-' are allowed in a tag (no spaces, ':' or '/').");
    }
    return {};
}

QString count(qint64 n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString bytesText(qint64 bytes)
{
    static const char *units[] = {"B", "KB", "MB", "GB", "TB"};
    double b = double(qMax<qint64>(bytes, 0));
    int u = 0;
    while (b >= 1000 && u < 4) {
        b /= 1000;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(b, 0, 'f', u == 0 ? 0 : 1).arg(QLatin1String(units[u]));
}

QString durationText(qint64 seconds)
{
    if (seconds < 60)
        return tr("about %1 s").arg(qMax<qint64>(seconds, 1));
    if (seconds < 3600)
        return tr("about %1 min").arg((seconds + 30) / 60);
    return tr("about %1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString progressText(qint64 done, qint64 total, double bytesPerSecond)
{
    QString text = tr("%1 of %2").arg(bytesText(done), bytesText(total));
    if (bytesPerSecond > 0 && std::isfinite(bytesPerSecond)) {
        text += QStringLiteral(" · %1/s").arg(bytesText(qint64(bytesPerSecond)));
        if (total > done)
            text += QStringLiteral(" · ") +
                    tr("%1 left").arg(durationText(qint64(std::ceil((total - done) / bytesPerSecond))));
    }
    return text;
}

QString explainAwsError(const aws::AwsError &e, const QString &action)
{
    const QString head = tr("Could not %1.").arg(action);
    auto with = [&](const QString &why) { return head + u' ' + why; };
    if (e.isExpiredCredentials())
        return with(tr("Your credentials have expired or were refused — paste fresh credentials "
                       "(Learner Lab: AWS Details → AWS CLI: Show), then try again."));
    switch (e.kind) {
    case aws::ErrorKind::Network:
        return with(tr("AWS did not answer (%1). Check your network connection, then try again.")
                        .arg(e.message.isEmpty() ? e.code : e.message));
    case aws::ErrorKind::Credentials:
        return with(tr("There are no usable credentials — connect an account or start the sandbox."));
    case aws::ErrorKind::Validation:
        return with(tr("A value was refused before anything was sent: %1").arg(e.message));
    case aws::ErrorKind::Protocol:
        return with(tr("AWS sent an answer that could not be read (%1). Try again.").arg(e.message));
    case aws::ErrorKind::Service:
        break;
    }
    const QString &c = e.code;
    if (c == QLatin1String("RepositoryAlreadyExistsException"))
        return with(tr("A repository with that name already exists in this account and region. Pick "
                       "another name, or push into the existing one."));
    if (c == QLatin1String("RepositoryNotFoundException"))
        return with(tr("The repository no longer exists (someone may have deleted it). Refresh the list."));
    if (c == QLatin1String("RepositoryNotEmptyException"))
        return with(tr("The repository still holds images. Delete them first, or delete the "
                       "repository with its images."));
    if (c == QLatin1String("ImageNotFoundException"))
        return with(tr("The image is no longer there. Refresh the list."));
    if (c == QLatin1String("AccessDeniedException") || c == QLatin1String("AccessDenied") ||
        c == QLatin1String("UnauthorizedOperation"))
        return with(tr("Your account is not allowed to do this (%1). A Learner Lab allows ECR; check the "
                       "region is us-east-1 or us-west-2.")
                        .arg(e.message));
    if (c == QLatin1String("LimitExceededException"))
        return with(tr("The account has reached an ECR limit: %1. Delete repositories or images you no "
                       "longer need.")
                        .arg(e.message));
    if (c == QLatin1String("KmsException"))
        return with(tr("The KMS key could not be used: %1. Choose AES-256 or another key.").arg(e.message));
    if (c == QLatin1String("InvalidParameterException") || c == QLatin1String("ValidationException"))
        return with(tr("AWS refused a value: %1").arg(e.message));
    if (e.retry == aws::RetryClass::Throttling)
        return with(tr("AWS is asking to slow down. Wait a few seconds, then try again."));
    if (e.httpStatus >= 500)
        return with(tr("AWS had an internal problem (%1). Try again in a moment.").arg(e.code));
    return with(tr("AWS said: %1 (%2).").arg(e.message.isEmpty() ? tr("no details") : e.message, c));
}

QString explainPushError(const QString &error)
{
    const QString said = tr("The push stopped: %1.").arg(error);
    auto has = [&](const char *what) { return error.contains(QLatin1String(what), Qt::CaseInsensitive); };
    if (has("TAG_INVALID") || has("immutable") || has("ImageTagAlreadyExists"))
        return said + u' ' +
               tr("This tag already names another image and the repository's tags are immutable: choose "
                  "another tag (such as v2), then press Push.");
    if (has("UNAUTHORIZED") || has("DENIED") || has("HTTP 401") || has("HTTP 403") || has("expired"))
        return said + u' ' +
               tr("The registry refused the login. If your lab session ended, paste fresh credentials; then "
                  "press Push again.");
    if (has("NAME_UNKNOWN") || has("RepositoryNotFound"))
        return said + u' ' +
               tr("The repository is gone (deleted meanwhile?). Refresh the list or type a new name, then "
                  "press Push.");
    if (has("digest") && (has("does not match") || has("hashes to")))
        return said + u' ' +
               tr("The image file does not match what it claims to hold (damaged or cut short?). Save or "
                  "export the image again and choose the new file.");
    return said + u' ' +
           tr("Nothing you chose is lost — check the network and press Push to try again; layers that "
              "already reached the registry are not sent twice.");
}

QString explainSourceError(const QString &error)
{
    return tr("This source cannot be pushed: %1. Choose a `docker save` or `podman save` tarball, an OCI "
              "archive (.tar) or an OCI image layout folder.")
        .arg(error);
}

} // namespace ecr
