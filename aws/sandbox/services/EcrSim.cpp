// The simulated ECR: repositories with ECR's naming rules and errors, the
// registry's credentials (GetAuthorizationToken), and the image calls from
// EcrImages.cpp.
#include "EcrSim.h"
#include "EcrImages.h"
#include "ServiceTable.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace aws::sandbox {

namespace {

using namespace ecr;

const QString kInvalidParameter = QStringLiteral("InvalidParameterException");
/// How long an ECR authorization token lasts.
constexpr double kTokenSeconds = 12 * 3600;
/// ECR's per-region repository quota.
constexpr int kMaxRepositories = 10000;
constexpr int kMaxTags = 50;

std::optional<AwsError> checkRepositoryName(const QString &name)
{
    static const QString pattern =
        QStringLiteral("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    static const QRegularExpression re(QStringLiteral("\\A(?:") + pattern + QStringLiteral(")\\z"));
    const QString prefix =
        QStringLiteral("Invalid parameter at 'repositoryName' failed to satisfy constraint: ");
    if (name.size() < 2)
        return clientError(kInvalidParameter,
                           prefix + QStringLiteral("'must have length greater than or equal to 2'"));
    if (name.size() > 256)
        return clientError(kInvalidParameter,
                           prefix + QStringLiteral("'must have length less than or equal to 256'"));
    if (!re.match(name).hasMatch())
        return clientError(kInvalidParameter,
                           prefix + QStringLiteral("'must satisfy regular expression '%1''").arg(pattern));
    return std::nullopt;
}

std::optional<AwsError> checkTags(const QJsonArray &tags)
{
    if (tags.size() > kMaxTags)
        return clientError(QStringLiteral("TooManyTagsException"),
                           QStringLiteral("The number of tags exceeds the limit of %1.").arg(kMaxTags));
    for (const QJsonValue &t : tags) {
        const QJsonObject tag = t.toObject();
        const QString key = tag.value(u"Key").toString();
        if (key.isEmpty() || key.size() > 128 || tag.value(u"Value").toString().size() > 256)
            return clientError(
                QStringLiteral("InvalidTagParameterException"),
                QStringLiteral("Tag keys must be 1 to 128 characters and tag values at most 256 "
                               "characters long."));
    }
    return checkTagKeys(tags, QStringLiteral("Key"), QStringLiteral("InvalidTagParameterException"));
}

/// An AWS-managed-key ARN for KMS encryption without a named key.
QString defaultKmsKey(SimContext &ctx)
{
    const QString h = ctx.hexId(32);
    return ctx.arn(QStringLiteral("kms"),
                   QStringLiteral("key/%1-%2-%3-%4-%5")
                       .arg(h.left(8), h.mid(8, 4), h.mid(12, 4), h.mid(16, 4), h.mid(20)));
}

std::variant<QJsonObject, AwsError> encryptionOf(SimContext &ctx, const QJsonObject &params)
{
    const QJsonObject in = params.value(u"encryptionConfiguration").toObject();
    const QString type = in.value(u"encryptionType").toString(QStringLiteral("AES256"));
    QJsonObject out{{QStringLiteral("encryptionType"), type}};
    if (type == u"AES256") {
        if (in.contains(u"kmsKey"))
            return clientError(
                kInvalidParameter,
                QStringLiteral("Invalid parameter at 'encryptionConfiguration' failed to satisfy "
                               "constraint: 'kmsKey can only be specified when encryptionType is "
                               "KMS'"));
        return out;
    }
    out.insert(QStringLiteral("kmsKey"), in.value(u"kmsKey").toString(defaultKmsKey(ctx)));
    return out;
}

CallResult createRepository(SimContext &ctx, const QJsonObject &params)
{
    const QString name = params.value(u"repositoryName").toString();
    if (auto e = checkRepositoryName(name))
        return *e;
    const QString registry = registryIdOf(ctx, params);
    if (registry != ctx.accountId())
        return clientError(kInvalidParameter,
                           QStringLiteral("Invalid parameter at 'registryId' failed to satisfy constraint: "
                                          "'registryId must be the caller's account id %1'")
                               .arg(ctx.accountId()));
    if (ctx.state.repositories.contains(name))
        return clientError(
            QStringLiteral("RepositoryAlreadyExistsException"),
            QStringLiteral("The repository with name '%1' already exists in the registry with id '%2'")
                .arg(name, registry));
    const QJsonArray tags = params.value(u"tags").toArray();
    if (auto e = checkTags(tags))
        return *e;
    if (ctx.state.repositories.size() >= kMaxRepositories)
        return clientError(QStringLiteral("LimitExceededException"),
                           QStringLiteral("The operation did not succeed because it would have exceeded a "
                                          "service limit for your account."));
    const auto encryption = encryptionOf(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&encryption))
        return *e;
    const QJsonObject repository{
        {QStringLiteral("repositoryArn"),
         ctx.arn(QStringLiteral("ecr"), QStringLiteral("repository/") + name)},
        {QStringLiteral("registryId"), registry},
        {QStringLiteral("repositoryName"), name},
        {QStringLiteral("repositoryUri"),
         QStringLiteral("%1.dkr.ecr.%2.amazonaws.com/%3").arg(registry, ctx.region(), name)},
        {QStringLiteral("createdAt"), ctx.now()},
        {QStringLiteral("imageTagMutability"),
         params.value(u"imageTagMutability").toString(QStringLiteral("MUTABLE"))},
        {QStringLiteral("imageScanningConfiguration"),
         QJsonObject{{QStringLiteral("scanOnPush"),
                      params.value(u"imageScanningConfiguration").toObject().value(u"scanOnPush").toBool()}}},
        {QStringLiteral("encryptionConfiguration"), std::get<QJsonObject>(encryption)},
        {QStringLiteral("_tags"), mergeTags({}, tags, QStringLiteral("Key"), QStringLiteral("Value"))}};
    ctx.state.repositories.insert(name, repository);
    return QJsonObject{{QStringLiteral("repository"), publicView(repository)}};
}

CallResult describeRepositories(SimContext &ctx, const QJsonObject &params)
{
    const QString registry = registryIdOf(ctx, params);
    QJsonArray found;
    if (params.contains(u"repositoryNames")) {
        if (params.contains(u"maxResults") || params.contains(u"nextToken"))
            return clientError(kInvalidParameter,
                               QStringLiteral("maxResults and nextToken cannot be used when "
                                              "repositories are specified with "
                                              "repositoryNames"));
        for (const QJsonValue &v : params.value(u"repositoryNames").toArray()) {
            QJsonObject one = params;
            one.insert(QStringLiteral("repositoryName"), v.toString());
            const auto repo = repositoryFor(ctx, one);
            if (const auto *e = std::get_if<AwsError>(&repo))
                return *e;
            found.append(publicView(std::get<QJsonObject>(repo)));
        }
        return QJsonObject{{QStringLiteral("repositories"), found}};
    }
    if (registry == ctx.accountId())
        for (const QJsonObject &r : std::as_const(ctx.state.repositories))
            found.append(publicView(r));
    const auto page =
        paginate(found, params.value(u"maxResults").toInt(), params.value(u"nextToken").toString(), 100,
                 clientError(kInvalidParameter, QStringLiteral("Invalid NextToken")));
    if (const auto *e = std::get_if<AwsError>(&page))
        return *e;
    QJsonObject out{{QStringLiteral("repositories"), std::get<Page>(page).items}};
    if (!std::get<Page>(page).nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), std::get<Page>(page).nextToken);
    return out;
}

CallResult deleteRepository(SimContext &ctx, const QJsonObject &params)
{
    const auto repo = repositoryFor(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&repo))
        return *e;
    const QJsonObject repository = std::get<QJsonObject>(repo);
    const QString name = repository.value(u"repositoryName").toString();
    const QStringList images = imageKeys(ctx.state, name);
    if (!images.isEmpty() && !params.value(u"force").toBool())
        return clientError(QStringLiteral("RepositoryNotEmptyException"),
                           QStringLiteral("The repository with name '%1' in registry with id '%2' cannot be "
                                          "deleted because it still contains images")
                               .arg(name, repository.value(u"registryId").toString()));
    for (const QString &key : images)
        ctx.state.images.remove(key);
    ctx.state.repositories.remove(name);
    return QJsonObject{{QStringLiteral("repository"), publicView(repository)}};
}

/// The repository a resource ARN names (arn:aws:ecr:REGION:ACCOUNT:repository/NAME),
/// or ECR's error: a malformed ARN is an invalid parameter, a repository that is
/// not there (or in another account or region, which are not simulated) is not found.
std::variant<QString, AwsError> repositoryOfArn(const SimContext &ctx, const QString &arn)
{
    static const QRegularExpression re(
        QStringLiteral(R"(\Aarn:aws[a-z-]*:ecr:([a-z0-9-]+):(\d{12}):repository/(.+)\z)"));
    const auto m = re.match(arn);
    if (!m.hasMatch())
        return clientError(kInvalidParameter,
                           QStringLiteral("Invalid parameter at 'resourceArn' failed to satisfy constraint: "
                                          "'Invalid ARN'"));
    const QString name = m.captured(3);
    if (m.captured(1) != ctx.region() || m.captured(2) != ctx.accountId() ||
        !ctx.state.repositories.contains(name))
        return repositoryNotFound(name, m.captured(2));
    return name;
}

CallResult listTagsForResource(SimContext &ctx, const QJsonObject &params)
{
    const auto repo = repositoryOfArn(ctx, params.value(u"resourceArn").toString());
    if (const auto *e = std::get_if<AwsError>(&repo))
        return *e;
    return QJsonObject{{QStringLiteral("tags"),
                        ctx.state.repositories.value(std::get<QString>(repo)).value(u"_tags").toArray()}};
}

/// Adds tags (a key that exists gets the new value); the 50-tag limit counts the result.
CallResult tagResource(SimContext &ctx, const QJsonObject &params)
{
    const auto repo = repositoryOfArn(ctx, params.value(u"resourceArn").toString());
    if (const auto *e = std::get_if<AwsError>(&repo))
        return *e;
    const QJsonArray added = params.value(u"tags").toArray();
    if (auto e = checkTags(added))
        return *e;
    QJsonObject &repository = ctx.state.repositories[std::get<QString>(repo)];
    const QJsonArray merged = mergeTags(repository.value(u"_tags").toArray(), added, QStringLiteral("Key"),
                                        QStringLiteral("Value"));
    if (auto e = checkTags(merged))
        return *e;
    repository.insert(QStringLiteral("_tags"), merged);
    return QJsonObject{};
}

/// 96 random bytes, base64url: as long and as unguessable as ECR's.
QString newRegistryPassword()
{
    quint32 words[24];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray raw(reinterpret_cast<const char *>(words), sizeof words);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString proxyEndpoint(const SimContext &ctx, const QString &registry)
{
    if (registry == ctx.accountId() && !ctx.state.registryEndpoint.isEmpty())
        return ctx.state.registryEndpoint;
    return QStringLiteral("https://%1.dkr.ecr.%2.amazonaws.com").arg(registry, ctx.region());
}

/// Each call issues a new password valid for 12 hours; earlier ones keep
/// working until they expire, as at AWS. Never logged: it opens the registry.
CallResult getAuthorizationToken(SimContext &ctx, const QJsonObject &params)
{
    auto &passwords = ctx.state.registryPasswords;
    for (auto it = passwords.begin(); it != passwords.end();)
        it = it.value() <= ctx.now() ? passwords.erase(it) : std::next(it);
    const QString password = newRegistryPassword();
    const double expires = ctx.now() + kTokenSeconds;
    passwords.insert(password, expires);
    const QString token = QString::fromLatin1(("AWS:" + password.toLatin1()).toBase64());
    QStringList registries;
    for (const QJsonValue &v : params.value(u"registryIds").toArray())
        registries << v.toString();
    if (registries.isEmpty())
        registries << ctx.accountId();
    QJsonArray data;
    for (const QString &registry : std::as_const(registries))
        data.append(QJsonObject{{QStringLiteral("authorizationToken"), token},
                                {QStringLiteral("expiresAt"), expires},
                                {QStringLiteral("proxyEndpoint"), proxyEndpoint(ctx, registry)}});
    return QJsonObject{{QStringLiteral("authorizationData"), data}};
}

/// Compares in time independent of where the strings differ.
bool sameSecret(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8(), y = b.toUtf8();
    if (x.size() != y.size())
        return false;
    char diff = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= char(x[i] ^ y[i]);
    return diff == 0;
}

} // namespace

ServiceTable ecrService()
{
    ServiceTable t{QStringLiteral("ecr"), {}, {}};
    t.operations.insert(QStringLiteral("CreateRepository"), createRepository);
    t.operations.insert(QStringLiteral("DescribeRepositories"), describeRepositories);
    t.operations.insert(QStringLiteral("DeleteRepository"), deleteRepository);
    t.operations.insert(QStringLiteral("DescribeImages"), ecr::describeImages);
    t.operations.insert(QStringLiteral("BatchDeleteImage"), ecr::batchDeleteImage);
    t.operations.insert(QStringLiteral("GetAuthorizationToken"), getAuthorizationToken);
    t.operations.insert(QStringLiteral("ListTagsForResource"), listTagsForResource);
    t.operations.insert(QStringLiteral("TagResource"), tagResource);
    return t;
}

bool ecrRepositoryExists(const SimState &state, const QString &repository)
{
    return state.repositories.contains(repository);
}

bool ecrCheckPassword(const SimContext &ctx, const QString &password)
{
    bool match = false;
    for (auto it = ctx.state.registryPasswords.cbegin(); it != ctx.state.registryPasswords.cend(); ++it)
        match = (sameSecret(password, it.key()) && ctx.now() < it.value()) || match;
    return match;
}

} // namespace aws::sandbox
