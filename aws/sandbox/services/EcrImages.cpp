// The simulated ECR's images: what the registry records on a push
// (ecrPutImage), what it serves back (ecrFindImage, ecrReferencedBlobs), and
// the image API calls (DescribeImages, BatchDeleteImage).
#include "EcrImages.h"
#include "EcrSim.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

namespace aws::sandbox {

namespace ecr {

namespace {

const QString kInvalidParameter = QStringLiteral("InvalidParameterException");

bool isSha256Digest(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("\\Asha256:[a-f0-9]{64}\\z"));
    return re.match(s).hasMatch();
}

/// The digest syntax ECR checks in image ids (any algorithm).
bool isDigestSyntax(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("\\A[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+\\z"));
    return re.match(s).hasMatch();
}

/// The registry's tag grammar: what `docker push` can create.
bool isPushableTag(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("\\A[A-Za-z0-9_][A-Za-z0-9._-]{0,127}\\z"));
    return re.match(s).hasMatch();
}

QStringList tagsOf(const QJsonObject &image)
{
    QStringList tags;
    for (const QJsonValue &t : image.value(u"imageTags").toArray())
        tags << t.toString();
    return tags;
}

/// ECR leaves imageTags out for an untagged image rather than sending [].
void setTags(QJsonObject &image, const QStringList &tags)
{
    if (tags.isEmpty())
        image.remove(QStringLiteral("imageTags"));
    else
        image.insert(QStringLiteral("imageTags"), QJsonArray::fromStringList(tags));
}

QByteArray manifestOf(const QJsonObject &image)
{
    return QByteArray::fromBase64(image.value(u"_manifest").toString().toLatin1());
}

/// The key of the image in `repository` that carries `tag`, or "".
QString keyOfTag(const SimState &state, const QString &repository, const QString &tag)
{
    for (const QString &key : imageKeys(state, repository))
        if (tagsOf(state.images.value(key)).contains(tag))
            return key;
    return {};
}

/// The manifest's media type: the registry's Content-Type (without
/// parameters), else the manifest's own field, else OCI's by shape.
QString manifestMediaType(const StoredImage &image, const QJsonObject &doc)
{
    QString type = image.mediaType.section(u';', 0, 0).trimmed();
    if (type.isEmpty())
        type = doc.value(u"mediaType").toString();
    if (type.isEmpty())
        type = doc.contains(u"manifests") ? QStringLiteral("application/vnd.oci.image.index.v1+json")
                                          : QStringLiteral("application/vnd.oci.image.manifest.v1+json");
    return type;
}

QJsonObject newImageRecord(const SimContext &ctx, const StoredImage &image)
{
    const QJsonObject doc = QJsonDocument::fromJson(image.manifest).object();
    QJsonObject record{{QStringLiteral("registryId"), ctx.accountId()},
                       {QStringLiteral("repositoryName"), image.repository},
                       {QStringLiteral("imageDigest"), image.digest},
                       {QStringLiteral("imageSizeInBytes"), image.sizeBytes},
                       // The account's clock, not image.pushedAt: tests and
                       // scenarios move the clock, and "pushed" must not
                       // read earlier than the repository's creation.
                       {QStringLiteral("imagePushedAt"), ctx.now()},
                       {QStringLiteral("imageManifestMediaType"), manifestMediaType(image, doc)},
                       // Base64 because the digest covers the exact bytes.
                       {QStringLiteral("_manifest"), QString::fromLatin1(image.manifest.toBase64())}};
    // An index has no config; a single image's artifact type is its config's.
    const QString artifact = doc.value(u"config").toObject().value(u"mediaType").toString();
    if (!doc.contains(u"manifests") && !artifact.isEmpty())
        record.insert(QStringLiteral("artifactMediaType"), artifact);
    return record;
}

/// The digests a manifest refers to: an index's child manifests, or an
/// image's config and layers.
QStringList referencedDigests(const QByteArray &manifest)
{
    const QJsonObject doc = QJsonDocument::fromJson(manifest).object();
    QStringList out;
    if (doc.contains(u"manifests")) {
        for (const QJsonValue &m : doc.value(u"manifests").toArray())
            out << m.toObject().value(u"digest").toString();
    } else {
        out << doc.value(u"config").toObject().value(u"digest").toString();
        for (const QJsonValue &l : doc.value(u"layers").toArray())
            out << l.toObject().value(u"digest").toString();
    }
    out.removeAll(QString());
    return out;
}

/// The index (manifest list) in `repository` that lists `digest`, or "".
QString referencingIndex(const SimState &state, const QString &repository, const QString &digest)
{
    for (const QString &key : imageKeys(state, repository)) {
        const QJsonObject image = state.images.value(key);
        if (image.value(u"imageDigest").toString() == digest)
            continue;
        const QByteArray manifest = manifestOf(image);
        if (QJsonDocument::fromJson(manifest).object().contains(u"manifests") &&
            referencedDigests(manifest).contains(digest))
            return image.value(u"imageDigest").toString();
    }
    return {};
}

/// Where an image id points, or why it points nowhere (as BatchDeleteImage's
/// failureCode/failureReason).
struct Lookup {
    QString key;
    QString failureCode;
    QString failureReason;
};

Lookup lookup(const SimState &state, const QString &repository, const QJsonObject &imageId)
{
    const QString digest = imageId.value(u"imageDigest").toString();
    const QString tag = imageId.value(u"imageTag").toString();
    const auto fail = [](const char *code, const char *reason) {
        return Lookup{{}, QString::fromLatin1(code), QString::fromLatin1(reason)};
    };
    if (digest.isEmpty() && tag.isEmpty())
        return fail("MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null");
    if (!digest.isEmpty() && !isDigestSyntax(digest))
        return fail("InvalidImageDigest", "Invalid request parameters: image digest should satisfy the regex "
                                          "'[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
    if (digest.isEmpty()) {
        const QString key = keyOfTag(state, repository, tag);
        return key.isEmpty() ? fail("ImageNotFound", "Requested image not found") : Lookup{key, {}, {}};
    }
    const QString key = imageKey(repository, digest);
    if (!state.images.contains(key))
        return fail("ImageNotFound", "Requested image not found");
    if (!tag.isEmpty() && !tagsOf(state.images.value(key)).contains(tag))
        return fail("ImageTagDoesNotMatchDigest",
                    "Invalid request parameters: given tag does not map to the given digest");
    return Lookup{key, {}, {}};
}

QString describeImageId(const QJsonObject &imageId)
{
    const auto part = [&](const char *name) {
        const QJsonValue v = imageId.value(QLatin1String(name));
        return v.isString() ? QStringLiteral("'%1'").arg(v.toString()) : QStringLiteral("'null'");
    };
    return QStringLiteral("{imageDigest:%1, imageTag:%2}").arg(part("imageDigest"), part("imageTag"));
}

/// The images named by `imageIds` (each once), or ImageNotFoundException.
std::variant<QStringList, AwsError> keysForIds(const SimContext &ctx, const QJsonObject &repository,
                                               const QJsonArray &imageIds)
{
    const QString name = repository.value(u"repositoryName").toString();
    QStringList keys;
    for (const QJsonValue &v : imageIds) {
        const QJsonObject id = v.toObject();
        const Lookup found = lookup(ctx.state, name, id);
        if (found.failureCode == u"InvalidImageDigest" || found.failureCode == u"MissingDigestAndTag")
            return clientError(kInvalidParameter, found.failureReason);
        if (found.key.isEmpty())
            return clientError(
                QStringLiteral("ImageNotFoundException"),
                QStringLiteral("The image with imageId %1 does not exist within the repository "
                               "with name '%2' in the registry with id '%3'")
                    .arg(describeImageId(id), name, ctx.accountId()));
        if (!keys.contains(found.key))
            keys << found.key;
    }
    return keys;
}

bool matchesTagStatus(const QJsonObject &image, const QString &status)
{
    const bool tagged = image.contains(u"imageTags");
    return status == u"TAGGED" ? tagged : status == u"UNTAGGED" ? !tagged : true;
}

/// The ids BatchDeleteImage reports for a whole image: one per tag (or the
/// bare digest when untagged).
void appendDeletedIds(QJsonArray &out, const QJsonObject &image)
{
    const QString digest = image.value(u"imageDigest").toString();
    const QStringList tags = tagsOf(image);
    if (tags.isEmpty())
        out.append(QJsonObject{{QStringLiteral("imageDigest"), digest}});
    for (const QString &t : tags)
        out.append(QJsonObject{{QStringLiteral("imageDigest"), digest}, {QStringLiteral("imageTag"), t}});
}

} // namespace

QString registryIdOf(const SimContext &ctx, const QJsonObject &params)
{
    return params.value(u"registryId").toString(ctx.accountId());
}

AwsError repositoryNotFound(const QString &name, const QString &registryId)
{
    return clientError(
        QStringLiteral("RepositoryNotFoundException"),
        QStringLiteral("The repository with name '%1' does not exist in the registry with id '%2'")
            .arg(name, registryId));
}

std::variant<QJsonObject, AwsError> repositoryFor(const SimContext &ctx, const QJsonObject &params)
{
    const QString name = params.value(u"repositoryName").toString();
    const QString registry = registryIdOf(ctx, params);
    // Other accounts' registries are not simulated: nothing is found there.
    const auto it = ctx.state.repositories.constFind(name);
    if (registry != ctx.accountId() || it == ctx.state.repositories.cend())
        return repositoryNotFound(name, registry);
    return *it;
}

QString imageKey(const QString &repository, const QString &digest)
{
    return repository + u'@' + digest;
}

QStringList imageKeys(const SimState &state, const QString &repository)
{
    // '@' never occurs in a repository name, so the prefix is unambiguous.
    const QString prefix = repository + u'@';
    QStringList keys;
    for (auto it = state.images.lowerBound(prefix); it != state.images.cend() && it.key().startsWith(prefix);
         ++it)
        keys << it.key();
    return keys;
}

CallResult describeImages(SimContext &ctx, const QJsonObject &params)
{
    const auto repo = repositoryFor(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&repo))
        return *e;
    const QJsonObject repository = std::get<QJsonObject>(repo);
    const bool byIds = params.contains(u"imageIds");
    if (byIds && (params.contains(u"maxResults") || params.contains(u"nextToken")))
        return clientError(kInvalidParameter, QStringLiteral("maxResults and nextToken cannot be used when "
                                                             "images are specified with imageIds"));
    QStringList keys;
    if (byIds) {
        const auto found = keysForIds(ctx, repository, params.value(u"imageIds").toArray());
        if (const auto *e = std::get_if<AwsError>(&found))
            return *e;
        keys = std::get<QStringList>(found);
    } else {
        keys = imageKeys(ctx.state, repository.value(u"repositoryName").toString());
    }
    const QString status =
        params.value(u"filter").toObject().value(u"tagStatus").toString(QStringLiteral("ANY"));
    QList<QJsonObject> images;
    for (const QString &key : std::as_const(keys))
        if (const QJsonObject image = ctx.state.images.value(key); matchesTagStatus(image, status))
            images << publicView(image);
    // Oldest first, so that pages stay stable while new images are pushed.
    std::stable_sort(images.begin(), images.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"imagePushedAt").toDouble() < b.value(u"imagePushedAt").toDouble();
    });
    QJsonArray all;
    for (const QJsonObject &i : std::as_const(images))
        all.append(i);
    const auto page =
        paginate(all, params.value(u"maxResults").toInt(), params.value(u"nextToken").toString(), 100,
                 clientError(kInvalidParameter, QStringLiteral("Invalid NextToken")));
    if (const auto *e = std::get_if<AwsError>(&page))
        return *e;
    QJsonObject out{{QStringLiteral("imageDetails"), std::get<Page>(page).items}};
    if (!std::get<Page>(page).nextToken.isEmpty())
        out.insert(QStringLiteral("nextToken"), std::get<Page>(page).nextToken);
    return out;
}

CallResult batchDeleteImage(SimContext &ctx, const QJsonObject &params)
{
    const auto repo = repositoryFor(ctx, params);
    if (const auto *e = std::get_if<AwsError>(&repo))
        return *e;
    const QString name = std::get<QJsonObject>(repo).value(u"repositoryName").toString();
    QJsonArray deleted, failures;
    const auto failure = [&](const QJsonObject &id, const QString &code, const QString &reason) {
        failures.append(QJsonObject{{QStringLiteral("imageId"), id},
                                    {QStringLiteral("failureCode"), code},
                                    {QStringLiteral("failureReason"), reason}});
    };
    for (const QJsonValue &v : params.value(u"imageIds").toArray()) {
        const QJsonObject id = v.toObject();
        const Lookup found = lookup(ctx.state, name, id);
        if (found.key.isEmpty()) {
            failure(id, found.failureCode, found.failureReason);
            continue;
        }
        QJsonObject image = ctx.state.images.value(found.key);
        const QString digest = image.value(u"imageDigest").toString();
        QStringList tags = tagsOf(image);
        // By tag alone, ECR removes the tag; the image goes with its last tag.
        if (!id.contains(u"imageDigest") && tags.size() > 1) {
            const QString tag = id.value(u"imageTag").toString();
            tags.removeAll(tag);
            setTags(image, tags);
            ctx.state.images.insert(found.key, image);
            deleted.append(
                QJsonObject{{QStringLiteral("imageDigest"), digest}, {QStringLiteral("imageTag"), tag}});
            continue;
        }
        if (const QString index = referencingIndex(ctx.state, name, digest); !index.isEmpty()) {
            failure(id, QStringLiteral("ImageReferencedByManifestList"),
                    QStringLiteral("Requested image referenced by manifest list: [%1]").arg(index));
            continue;
        }
        appendDeletedIds(deleted, image);
        ctx.state.images.remove(found.key);
    }
    return QJsonObject{{QStringLiteral("imageIds"), deleted}, {QStringLiteral("failures"), failures}};
}

} // namespace ecr

using namespace ecr;

std::optional<AwsError> ecrPutImage(SimContext &ctx, const StoredImage &image, const QString &tag)
{
    const QJsonObject repository = ctx.state.repositories.value(image.repository);
    if (repository.isEmpty())
        return repositoryNotFound(image.repository, ctx.accountId());
    if (!isSha256Digest(image.digest))
        return clientError(kInvalidParameter,
                           QStringLiteral("Invalid parameter at 'imageDigest' failed to satisfy constraint: "
                                          "'must satisfy regular expression 'sha256:[a-f0-9]{64}''"));
    QStringList wanted = image.tags;
    if (!tag.isEmpty())
        wanted << tag;
    wanted.removeDuplicates();
    const QString key = imageKey(image.repository, image.digest);
    const bool immutable = repository.value(u"imageTagMutability").toString() == u"IMMUTABLE";
    // Every tag is checked before anything moves: a refused push changes nothing.
    for (const QString &t : std::as_const(wanted)) {
        if (!isPushableTag(t))
            return clientError(kInvalidParameter,
                               QStringLiteral("Invalid parameter at 'imageTag' failed to satisfy constraint: "
                                              "'must satisfy regular expression '[A-Za-z0-9_][A-Za-z0-9._-]"
                                              "{0,127}''"));
        const QString holder = keyOfTag(ctx.state, image.repository, t);
        if (immutable && !holder.isEmpty() && holder != key)
            return clientError(QStringLiteral("ImageTagAlreadyExistsException"),
                               QStringLiteral("The image tag '%1' already exists in the '%2' repository and "
                                              "cannot be overwritten because the repository is immutable.")
                                   .arg(t, image.repository));
    }
    for (const QString &t : std::as_const(wanted)) {
        // A mutable tag moves: the older image keeps its other tags (or none).
        const QString holder = keyOfTag(ctx.state, image.repository, t);
        if (holder.isEmpty() || holder == key)
            continue;
        QJsonObject old = ctx.state.images.value(holder);
        QStringList oldTags = tagsOf(old);
        oldTags.removeAll(t);
        setTags(old, oldTags);
        ctx.state.images.insert(holder, old);
    }
    // Pushing the same manifest again keeps its first push time.
    QJsonObject record = ctx.state.images.value(key, newImageRecord(ctx, image));
    QStringList tags = tagsOf(record);
    for (const QString &t : std::as_const(wanted))
        if (!tags.contains(t))
            tags << t;
    setTags(record, tags);
    ctx.state.images.insert(key, record);
    return std::nullopt;
}

std::optional<StoredImage> ecrFindImage(const SimState &state, const QString &repository,
                                        const QString &reference)
{
    const QString key = reference.startsWith(u"sha256:") ? imageKey(repository, reference)
                                                         : keyOfTag(state, repository, reference);
    const auto it = state.images.constFind(key);
    if (key.isEmpty() || it == state.images.cend())
        return std::nullopt;
    StoredImage image;
    image.repository = repository;
    image.digest = it->value(u"imageDigest").toString();
    image.tags = tagsOf(*it);
    image.mediaType = it->value(u"imageManifestMediaType").toString();
    image.manifest = manifestOf(*it);
    image.sizeBytes = it->value(u"imageSizeInBytes").toInteger();
    image.pushedAt =
        QDateTime::fromMSecsSinceEpoch(qint64(it->value(u"imagePushedAt").toDouble() * 1000), Qt::UTC);
    return image;
}

QStringList ecrReferencedBlobs(const SimState &state, const QString &repository)
{
    QStringList blobs;
    for (const QString &key : imageKeys(state, repository))
        blobs << referencedDigests(manifestOf(state.images.value(key)));
    blobs.removeDuplicates();
    blobs.sort();
    return blobs;
}

} // namespace aws::sandbox
