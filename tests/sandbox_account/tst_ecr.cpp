// The simulated ECR: repository rules and errors, images pushed through the
// registry's hooks (tag moves, immutability, manifest lists), DescribeImages,
// BatchDeleteImage's partial failures, and the registry password's lifetime.
#include "SimTestUtil.h"

#include <QCryptographicHash>

using namespace aws::sandbox;
using simtest::errorCode;
using simtest::ok;

namespace {

QString sha256(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

/// A Docker v2 image manifest with a config and `layers` (each `layerSize` bytes).
QByteArray imageManifest(const QString &seed, int layers = 2, qint64 layerSize = 1000)
{
    QJsonArray ls;
    for (int i = 0; i < layers; ++i)
        ls.append(QJsonObject{{"mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip"},
                              {"size", layerSize},
                              {"digest", sha256(seed.toUtf8() + "/layer" + QByteArray::number(i))}});
    const QJsonObject doc{
        {"schemaVersion", 2},
        {"mediaType", "application/vnd.docker.distribution.manifest.v2+json"},
        {"config", QJsonObject{{"mediaType", "application/vnd.docker.container.image.v1+json"},
                               {"size", 150},
                               {"digest", sha256(seed.toUtf8() + "/config")}}},
        {"layers", ls}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QByteArray indexManifest(const QStringList &children)
{
    QJsonArray ms;
    for (const QString &c : children)
        ms.append(QJsonObject{{"mediaType", "application/vnd.docker.distribution.manifest.v2+json"},
                              {"size", 500},
                              {"digest", c},
                              {"platform", QJsonObject{{"architecture", "amd64"}, {"os", "linux"}}}});
    return QJsonDocument(
               QJsonObject{{"schemaVersion", 2},
                           {"mediaType", "application/vnd.docker.distribution.manifest.list.v2+json"},
                           {"manifests", ms}})
        .toJson(QJsonDocument::Compact);
}

/// Pushes `manifest` as the registry does (tag empty: by digest); the error
/// code, or "" on success.
QString push(SandboxAccount &a, const QString &repo, const QByteArray &manifest, const QString &tag,
             QString *digest = nullptr, qint64 size = 2000)
{
    StoredImage image;
    image.repository = repo;
    image.digest = sha256(manifest);
    image.mediaType = QJsonDocument::fromJson(manifest).object().value("mediaType").toString();
    image.manifest = manifest;
    image.sizeBytes = size;
    image.pushedAt = QDateTime::currentDateTimeUtc();
    if (!tag.isEmpty())
        image.tags = {tag};
    if (digest)
        *digest = image.digest;
    const auto error = a.putImage(image, tag);
    return error ? error->code : QString();
}

QJsonObject tagId(const QString &tag)
{
    return {{"imageTag", tag}};
}

QJsonObject digestId(const QString &digest)
{
    return {{"imageDigest", digest}};
}

QJsonArray imageDetails(SandboxAccount &a, const QString &repo, const QJsonObject &extra = {})
{
    QJsonObject params = extra;
    params.insert("repositoryName", repo);
    return ok(a, "ecr", "DescribeImages", params).value("imageDetails").toArray();
}

QStringList tagsOf(const QJsonValue &detail)
{
    QStringList tags;
    for (const QJsonValue &t : detail["imageTags"].toArray())
        tags << t.toString();
    return tags;
}

QJsonObject detailOf(SandboxAccount &a, const QString &repo, const QString &digest)
{
    const QJsonArray d = imageDetails(a, repo, {{"imageIds", QJsonArray{digestId(digest)}}});
    return d.isEmpty() ? QJsonObject{} : d[0].toObject();
}

QString passwordOf(const QJsonObject &tokenResult)
{
    const QByteArray decoded = QByteArray::fromBase64(
        tokenResult["authorizationData"][0]["authorizationToken"].toString().toLatin1());
    return decoded.startsWith("AWS:") ? QString::fromLatin1(decoded.mid(4)) : QString();
}

} // namespace

class TestEcr : public QObject {
    Q_OBJECT

    SandboxAccount::Options options;

    void createRepo(SandboxAccount &a, const QString &name, const QJsonObject &extra = {})
    {
        QJsonObject params = extra;
        params.insert("repositoryName", name);
        ok(a, "ecr", "CreateRepository", params);
    }

private slots:
    void repositoryNamesFollowEcrRules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("practical") << "taskoverflow" << true;
        QTest::newRow("namespaced") << "cli/web" << true;
        QTest::newRow("separators") << "my.app-1_x/web2" << true;
        QTest::newRow("two chars") << "ab" << true;
        QTest::newRow("256 chars") << QString(256, u'a') << true;
        QTest::newRow("upper case") << "Bad_Name" << false;
        QTest::newRow("one char") << "a" << false;
        QTest::newRow("257 chars") << QString(257, u'a') << false;
        QTest::newRow("leading dash") << "-web" << false;
        QTest::newRow("trailing slash") << "web/" << false;
        QTest::newRow("empty segment") << "a//b" << false;
        QTest::newRow("double separator") << "web__x" << false;
        QTest::newRow("space") << "my web" << false;
    }

    void repositoryNamesFollowEcrRules()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        SandboxAccount a(options);
        aws::AwsError e;
        QCOMPARE(errorCode(a, "ecr", "CreateRepository", {{"repositoryName", name}}, &e),
                 valid ? QString() : QStringLiteral("InvalidParameterException"));
        if (!valid)
            QCOMPARE(e.httpStatus, 400);
        else
            QCOMPARE(
                ok(a, "ecr", "DescribeRepositories", {{"repositoryNames", QJsonArray{name}}})["repositories"]
                    .toArray()
                    .size(),
                1);
    }

    void createRepositoryAnswersAsEcr()
    {
        SandboxAccount a(options);
        const double before = a.clock().now();
        const QJsonObject repo =
            ok(a, "ecr", "CreateRepository", {{"repositoryName", "cli/web"}}).value("repository").toObject();
        QCOMPARE(repo["repositoryName"].toString(), QStringLiteral("cli/web"));
        QCOMPARE(repo["registryId"].toString(), QStringLiteral("123456789012"));
        QCOMPARE(repo["repositoryUri"].toString(),
                 QStringLiteral("123456789012.dkr.ecr.us-east-1.amazonaws.com/cli/web"));
        QCOMPARE(repo["repositoryArn"].toString(),
                 QStringLiteral("arn:aws:ecr:us-east-1:123456789012:repository/cli/web"));
        QVERIFY(repo["createdAt"].toDouble() >= before - 1 &&
                repo["createdAt"].toDouble() <= a.clock().now() + 1);
        QCOMPARE(repo["imageTagMutability"].toString(), QStringLiteral("MUTABLE"));
        QCOMPARE(repo["imageScanningConfiguration"]["scanOnPush"].toBool(), false);
        QCOMPARE(repo["encryptionConfiguration"].toObject(), QJsonObject({{"encryptionType", "AES256"}}));
        for (const QString &key : repo.keys())
            QVERIFY2(!key.startsWith(u'_'), qPrintable(key));

        aws::AwsError e;
        QCOMPARE(errorCode(a, "ecr", "CreateRepository", {{"repositoryName", "cli/web"}}, &e),
                 QStringLiteral("RepositoryAlreadyExistsException"));
        QCOMPARE(e.message,
                 QStringLiteral("The repository with name 'cli/web' already exists in the registry with "
                                "id '123456789012'"));

        const QJsonObject locked = ok(a, "ecr", "CreateRepository",
                                      {{"repositoryName", "locked"},
                                       {"imageTagMutability", "IMMUTABLE"},
                                       {"imageScanningConfiguration", QJsonObject{{"scanOnPush", true}}},
                                       {"encryptionConfiguration", QJsonObject{{"encryptionType", "KMS"}}}})
                                       .value("repository")
                                       .toObject();
        QCOMPARE(locked["imageTagMutability"].toString(), QStringLiteral("IMMUTABLE"));
        QVERIFY(locked["imageScanningConfiguration"]["scanOnPush"].toBool());
        QCOMPARE(locked["encryptionConfiguration"]["encryptionType"].toString(), QStringLiteral("KMS"));
        QVERIFY(locked["encryptionConfiguration"]["kmsKey"].toString().startsWith(
            "arn:aws:kms:us-east-1:123456789012:key/"));
        const QString key = QStringLiteral("arn:aws:kms:us-east-1:123456789012:key/my-key");
        QCOMPARE(ok(a, "ecr", "CreateRepository",
                    {{"repositoryName", "mine"},
                     {"encryptionConfiguration", QJsonObject{{"encryptionType", "KMS"}, {"kmsKey", key}}}})
                     .value("repository")["encryptionConfiguration"]["kmsKey"]
                     .toString(),
                 key);
        QCOMPARE(errorCode(a, "ecr", "CreateRepository",
                           {{"repositoryName", "aes"},
                            {"encryptionConfiguration",
                             QJsonObject{{"encryptionType", "AES256"}, {"kmsKey", key}}}}),
                 QStringLiteral("InvalidParameterException"));
        QCOMPARE(errorCode(a, "ecr", "CreateRepository",
                           {{"repositoryName", "other"}, {"registryId", "210987654321"}}),
                 QStringLiteral("InvalidParameterException"));
    }

    void repositoryTagsFollowEcrRules()
    {
        SandboxAccount a(options);
        createRepo(a, "tagged",
                   {{"tags", QJsonArray{QJsonObject{{"Key", "course"}, {"Value", "csse6400"}}}}});
        QCOMPARE(errorCode(a, "ecr", "CreateRepository",
                           {{"repositoryName", "reserved"},
                            {"tags", QJsonArray{QJsonObject{{"Key", "aws:owner"}, {"Value", "x"}}}}}),
                 QStringLiteral("InvalidTagParameterException"));
        QJsonArray many;
        for (int i = 0; i < 51; ++i)
            many.append(QJsonObject{{"Key", QStringLiteral("k%1").arg(i)}, {"Value", "v"}});
        QCOMPARE(errorCode(a, "ecr", "CreateRepository", {{"repositoryName", "many"}, {"tags", many}}),
                 QStringLiteral("TooManyTagsException"));
        // Refused creations leave nothing behind.
        QCOMPARE(ok(a, "ecr", "DescribeRepositories")["repositories"].toArray().size(), 1);
    }

    void repositoryTagsAreListedAndAddedByArn()
    {
        SandboxAccount a(options);
        createRepo(a, "tagged",
                   {{"tags", QJsonArray{QJsonObject{{"Key", "course"}, {"Value", "csse6400"}}}}});
        const QString arn =
            ok(a, "ecr", "DescribeRepositories")["repositories"][0]["repositoryArn"].toString();
        QCOMPARE(ok(a, "ecr", "ListTagsForResource", {{"resourceArn", arn}})["tags"].toArray(),
                 (QJsonArray{QJsonObject{{"Key", "course"}, {"Value", "csse6400"}}}));
        // TagResource adds and overwrites; tags it does not name stay.
        ok(a, "ecr", "TagResource",
           {{"resourceArn", arn},
            {"tags", QJsonArray{QJsonObject{{"Key", "course"}, {"Value", "csse7400"}},
                                QJsonObject{{"Key", "deploy-console:stack"}, {"Value", "web"}}}}});
        QCOMPARE(ok(a, "ecr", "ListTagsForResource", {{"resourceArn", arn}})["tags"].toArray(),
                 (QJsonArray{QJsonObject{{"Key", "course"}, {"Value", "csse7400"}},
                             QJsonObject{{"Key", "deploy-console:stack"}, {"Value", "web"}}}));
        // An untagged repository lists an empty tag list.
        createRepo(a, "plain");
        const QString plain = arn.section(u'/', 0, 0) + QStringLiteral("/plain");
        QCOMPARE(ok(a, "ecr", "ListTagsForResource", {{"resourceArn", plain}})["tags"].toArray(),
                 QJsonArray{});

        aws::AwsError error;
        QCOMPARE(errorCode(a, "ecr", "ListTagsForResource", {{"resourceArn", "web"}}, &error),
                 QStringLiteral("InvalidParameterException"));
        QVERIFY2(error.message.contains(u"resourceArn"), qPrintable(error.message));
        QCOMPARE(errorCode(a, "ecr", "ListTagsForResource",
                           {{"resourceArn", arn.section(u'/', 0, 0) + QStringLiteral("/gone")}}, &error),
                 QStringLiteral("RepositoryNotFoundException"));
        QVERIFY2(error.message.contains(u"'gone'"), qPrintable(error.message));
        QCOMPARE(errorCode(a, "ecr", "TagResource",
                           {{"resourceArn", arn},
                            {"tags", QJsonArray{QJsonObject{{"Key", "aws:owner"}, {"Value", "x"}}}}}),
                 QStringLiteral("InvalidTagParameterException"));
        QJsonArray many;
        for (int i = 0; i < 49; ++i)
            many.append(QJsonObject{{"Key", QStringLiteral("k%1").arg(i)}, {"Value", "v"}});
        // 2 tags there + 49 new = 51: over the limit, and nothing is added.
        QCOMPARE(errorCode(a, "ecr", "TagResource", {{"resourceArn", arn}, {"tags", many}}),
                 QStringLiteral("TooManyTagsException"));
        QCOMPARE(ok(a, "ecr", "ListTagsForResource", {{"resourceArn", arn}})["tags"].toArray().size(), 2);
    }

    void describeRepositoriesByNameAndByPage()
    {
        SandboxAccount a(options);
        for (int i = 0; i < 5; ++i)
            createRepo(a, QStringLiteral("repo%1").arg(i));
        const QJsonArray two = ok(a, "ecr", "DescribeRepositories",
                                  {{"repositoryNames", QJsonArray{"repo3", "repo1"}}})["repositories"]
                                   .toArray();
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[0]["repositoryName"].toString(), QStringLiteral("repo3"));
        aws::AwsError e;
        QCOMPARE(errorCode(a, "ecr", "DescribeRepositories",
                           {{"repositoryNames", QJsonArray{"repo1", "nope"}}}, &e),
                 QStringLiteral("RepositoryNotFoundException"));
        QCOMPARE(
            e.message,
            QStringLiteral(
                "The repository with name 'nope' does not exist in the registry with id '123456789012'"));
        QCOMPARE(errorCode(a, "ecr", "DescribeRepositories",
                           {{"repositoryNames", QJsonArray{"repo1"}}, {"maxResults", 1}}),
                 QStringLiteral("InvalidParameterException"));

        QStringList seen;
        QString token;
        int pages = 0;
        do {
            QJsonObject params{{"maxResults", 2}};
            if (!token.isEmpty())
                params.insert("nextToken", token);
            const QJsonObject page = ok(a, "ecr", "DescribeRepositories", params);
            QVERIFY(page["repositories"].toArray().size() <= 2);
            for (const QJsonValue &r : page["repositories"].toArray())
                seen << r["repositoryName"].toString();
            token = page["nextToken"].toString();
            ++pages;
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen, QStringList({"repo0", "repo1", "repo2", "repo3", "repo4"}));
        QCOMPARE(errorCode(a, "ecr", "DescribeRepositories", {{"nextToken", "garbage"}}),
                 QStringLiteral("InvalidParameterException"));
        QCOMPARE(errorCode(a, "ecr", "DescribeRepositories", {{"maxResults", 0}}),
                 QStringLiteral("InvalidParameterException"));
    }

    void pushedImageIsDescribedAndServed()
    {
        SandboxAccount a(options);
        createRepo(a, "web");
        QVERIFY(a.repositoryExists("web"));
        QVERIFY(!a.repositoryExists("nope"));
        const QByteArray manifest = imageManifest("web-v1");
        QString digest;
        QCOMPARE(push(a, "web", manifest, "latest", &digest, 123456), QString());

        const QJsonArray details = imageDetails(a, "web");
        QCOMPARE(details.size(), 1);
        const QJsonObject d = details[0].toObject();
        QCOMPARE(d["registryId"].toString(), QStringLiteral("123456789012"));
        QCOMPARE(d["repositoryName"].toString(), QStringLiteral("web"));
        QCOMPARE(d["imageDigest"].toString(), digest);
        QCOMPARE(tagsOf(d), QStringList{"latest"});
        QCOMPARE(d["imageSizeInBytes"].toInteger(), 123456);
        QVERIFY(qAbs(d["imagePushedAt"].toDouble() - a.clock().now()) < 5);
        QCOMPARE(d["imageManifestMediaType"].toString(),
                 QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
        QCOMPARE(d["artifactMediaType"].toString(),
                 QStringLiteral("application/vnd.docker.container.image.v1+json"));
        for (const QString &key : d.keys())
            QVERIFY2(!key.startsWith(u'_'), qPrintable(key));

        for (const QString &ref : {QStringLiteral("latest"), digest}) {
            const auto found = a.findImage("web", ref);
            QVERIFY(found);
            QCOMPARE(found->manifest, manifest); // byte for byte: clients check the digest
            QCOMPARE(found->digest, digest);
            QCOMPARE(found->tags, QStringList{"latest"});
            QCOMPARE(found->mediaType, d["imageManifestMediaType"].toString());
        }
        QVERIFY(!a.findImage("web", "v2"));
        QVERIFY(!a.findImage("web", sha256("other")));
        QVERIFY(!a.findImage("nope", "latest"));

        QStringList blobs{sha256("web-v1/config"), sha256("web-v1/layer0"), sha256("web-v1/layer1")};
        blobs.sort();
        QCOMPARE(a.referencedBlobs("web"), blobs);
        QVERIFY(a.referencedBlobs("nope").isEmpty());
    }

    void pushesThatEcrRefuses()
    {
        SandboxAccount a(options);
        createRepo(a, "web");
        QCOMPARE(push(a, "nope", imageManifest("x"), "latest"),
                 QStringLiteral("RepositoryNotFoundException"));
        QCOMPARE(push(a, "web", imageManifest("x"), "bad tag"), QStringLiteral("InvalidParameterException"));
        QCOMPARE(push(a, "web", imageManifest("x"), ".hidden"), QStringLiteral("InvalidParameterException"));
        QCOMPARE(push(a, "web", imageManifest("x"), QString(129, u'a')),
                 QStringLiteral("InvalidParameterException"));
        StoredImage bad;
        bad.repository = "web";
        bad.digest = "md5:abc";
        bad.manifest = imageManifest("x");
        QVERIFY(a.putImage(bad, "v1"));
        QVERIFY(imageDetails(a, "web").isEmpty());
    }

    void mutableTagsMoveToTheNewestPush()
    {
        SandboxAccount a(options);
        createRepo(a, "web");
        QString first, second;
        QCOMPARE(push(a, "web", imageManifest("one"), "latest", &first), QString());
        QCOMPARE(push(a, "web", imageManifest("one"), "v1"), QString());
        QCOMPARE(tagsOf(detailOf(a, "web", first)), QStringList({"latest", "v1"}));
        a.clock().advance(60);
        QCOMPARE(push(a, "web", imageManifest("two"), "latest", &second), QString());
        QCOMPARE(tagsOf(detailOf(a, "web", first)), QStringList{"v1"});
        QCOMPARE(tagsOf(detailOf(a, "web", second)), QStringList{"latest"});
        QCOMPARE(a.findImage("web", "latest")->digest, second);

        // The older image loses its last tag but stays, untagged.
        QCOMPARE(push(a, "web", imageManifest("two"), "v1"), QString());
        const QJsonObject untagged = detailOf(a, "web", first);
        QVERIFY(!untagged.contains("imageTags"));
        QCOMPARE(imageDetails(a, "web", {{"filter", QJsonObject{{"tagStatus", "UNTAGGED"}}}}).size(), 1);
        QCOMPARE(imageDetails(a, "web", {{"filter", QJsonObject{{"tagStatus", "TAGGED"}}}})
                     .at(0)["imageDigest"]
                     .toString(),
                 second);
        QCOMPARE(imageDetails(a, "web", {{"filter", QJsonObject{{"tagStatus", "ANY"}}}}).size(), 2);

        // A push by digest of a known manifest changes nothing, not even its push time.
        const double pushedAt = detailOf(a, "web", second)["imagePushedAt"].toDouble();
        a.clock().advance(60);
        QCOMPARE(push(a, "web", imageManifest("two"), QString()), QString());
        QCOMPARE(tagsOf(detailOf(a, "web", second)), QStringList({"latest", "v1"}));
        QCOMPARE(detailOf(a, "web", second)["imagePushedAt"].toDouble(), pushedAt);
        // Oldest first.
        QCOMPARE(imageDetails(a, "web").at(0)["imageDigest"].toString(), first);
    }

    void immutableTagsCannotBeOverwritten()
    {
        SandboxAccount a(options);
        createRepo(a, "locked", {{"imageTagMutability", "IMMUTABLE"}});
        QString first;
        QCOMPARE(push(a, "locked", imageManifest("one"), "v1", &first), QString());
        QString second;
        StoredImage image;
        image.repository = "locked";
        image.manifest = imageManifest("two");
        image.digest = sha256(image.manifest);
        image.tags = {"v1"};
        const auto error = a.putImage(image, "v1");
        QVERIFY(error);
        QCOMPARE(error->code, QStringLiteral("ImageTagAlreadyExistsException"));
        QCOMPARE(error->message,
                 QStringLiteral("The image tag 'v1' already exists in the 'locked' repository and "
                                "cannot be overwritten because the repository is immutable."));
        QCOMPARE(a.findImage("locked", "v1")->digest, first);
        QVERIFY(!a.findImage("locked", image.digest)); // a refused push stores nothing
        // The same image again under the same tag, or under a new tag, is fine.
        QCOMPARE(push(a, "locked", imageManifest("one"), "v1"), QString());
        QCOMPARE(push(a, "locked", imageManifest("two"), "v2", &second), QString());
        QCOMPARE(tagsOf(detailOf(a, "locked", first)), QStringList{"v1"});
        QCOMPARE(tagsOf(detailOf(a, "locked", second)), QStringList{"v2"});
    }

    void describeImagesByIdAndByPage()
    {
        SandboxAccount a(options);
        createRepo(a, "web");
        QStringList digests;
        for (int i = 0; i < 5; ++i) {
            QString d;
            QCOMPARE(push(a, "web", imageManifest(QString::number(i)), QStringLiteral("v%1").arg(i), &d),
                     QString());
            digests << d;
            a.clock().advance(1);
        }
        const QJsonArray some = imageDetails(
            a, "web", {{"imageIds", QJsonArray{tagId("v3"), digestId(digests[1]), tagId("v3")}}});
        QCOMPARE(some.size(), 2);
        QCOMPARE(imageDetails(
                     a, "web",
                     {{"imageIds", QJsonArray{QJsonObject{{"imageDigest", digests[2]}, {"imageTag", "v2"}}}}})
                     .size(),
                 1);
        aws::AwsError e;
        QCOMPARE(errorCode(a, "ecr", "DescribeImages",
                           {{"repositoryName", "web"}, {"imageIds", QJsonArray{tagId("v1"), tagId("none")}}},
                           &e),
                 QStringLiteral("ImageNotFoundException"));
        QCOMPARE(e.message,
                 QStringLiteral("The image with imageId {imageDigest:'null', imageTag:'none'} does not "
                                "exist within the repository with name 'web' in the registry with id "
                                "'123456789012'"));
        QCOMPARE(
            errorCode(a, "ecr", "DescribeImages",
                      {{"repositoryName", "web"}, {"imageIds", QJsonArray{digestId(sha256("nothing"))}}}),
            QStringLiteral("ImageNotFoundException"));
        QCOMPARE(errorCode(a, "ecr", "DescribeImages",
                           {{"repositoryName", "web"}, {"imageIds", QJsonArray{digestId("not-a-digest")}}}),
                 QStringLiteral("InvalidParameterException"));
        QCOMPARE(
            errorCode(a, "ecr", "DescribeImages",
                      {{"repositoryName", "web"}, {"imageIds", QJsonArray{tagId("v1")}}, {"maxResults", 2}}),
            QStringLiteral("InvalidParameterException"));
        QCOMPARE(errorCode(a, "ecr", "DescribeImages", {{"repositoryName", "nope"}}),
                 QStringLiteral("RepositoryNotFoundException"));

        QStringList seen;
        QJsonObject page = ok(a, "ecr", "DescribeImages", {{"repositoryName", "web"}, {"maxResults", 3}});
        for (const QJsonValue &d : page["imageDetails"].toArray())
            seen << d["imageDigest"].toString();
        QVERIFY(page.contains("nextToken"));
        page = ok(a, "ecr", "DescribeImages",
                  {{"repositoryName", "web"}, {"maxResults", 3}, {"nextToken", page["nextToken"]}});
        for (const QJsonValue &d : page["imageDetails"].toArray())
            seen << d["imageDigest"].toString();
        QVERIFY(!page.contains("nextToken"));
        QCOMPARE(seen, digests); // every image once, oldest first
        QCOMPARE(errorCode(a, "ecr", "DescribeImages", {{"repositoryName", "web"}, {"nextToken", "x"}}),
                 QStringLiteral("InvalidParameterException"));
    }

    void batchDeleteImageReportsEachId()
    {
        SandboxAccount a(options);
        createRepo(a, "web");
        QString multi, single, other;
        QCOMPARE(push(a, "web", imageManifest("multi"), "latest", &multi), QString());
        QCOMPARE(push(a, "web", imageManifest("multi"), "v1"), QString());
        QCOMPARE(push(a, "web", imageManifest("single"), "v2", &single), QString());
        QCOMPARE(push(a, "web", imageManifest("other"), "v3", &other), QString());
        QCOMPARE(push(a, "web", imageManifest("other"), "v4"), QString());

        const QJsonObject result =
            ok(a, "ecr", "BatchDeleteImage",
               {{"repositoryName", "web"},
                {"imageIds", QJsonArray{tagId("latest"), tagId("v2"), digestId(other), tagId("none"),
                                        QJsonObject{{"imageDigest", multi}, {"imageTag", "v2"}},
                                        digestId("not-a-digest"), QJsonObject{}, digestId(sha256("gone"))}}});
        // By tag: only the tag goes while the image has others; with its last tag, the image.
        QCOMPARE(tagsOf(detailOf(a, "web", multi)), QStringList{"v1"});
        QVERIFY(!a.findImage("web", single));
        // By digest: the whole image, reported once per tag.
        QVERIFY(!a.findImage("web", other));
        QJsonArray expectedIds{QJsonObject{{"imageDigest", multi}, {"imageTag", "latest"}},
                               QJsonObject{{"imageDigest", single}, {"imageTag", "v2"}},
                               QJsonObject{{"imageDigest", other}, {"imageTag", "v3"}},
                               QJsonObject{{"imageDigest", other}, {"imageTag", "v4"}}};
        QCOMPARE(result["imageIds"].toArray(), expectedIds);
        QStringList codes;
        for (const QJsonValue &f : result["failures"].toArray()) {
            codes << f["failureCode"].toString();
            QVERIFY(!f["failureReason"].toString().isEmpty());
            QVERIFY(f.toObject().contains("imageId"));
        }
        QCOMPARE(codes, QStringList({"ImageNotFound", "ImageTagDoesNotMatchDigest", "InvalidImageDigest",
                                     "MissingDigestAndTag", "ImageNotFound"}));
        QCOMPARE(result["failures"][0]["imageId"].toObject(), tagId("none"));

        // Deleting the same tag twice: the second finds nothing.
        const QJsonObject twice =
            ok(a, "ecr", "BatchDeleteImage",
               {{"repositoryName", "web"}, {"imageIds", QJsonArray{tagId("v1"), tagId("v1")}}});
        QCOMPARE(twice["imageIds"].toArray().size(), 1);
        QCOMPARE(twice["failures"][0]["failureCode"].toString(), QStringLiteral("ImageNotFound"));
        QVERIFY(imageDetails(a, "web").isEmpty());
        QCOMPARE(errorCode(a, "ecr", "BatchDeleteImage",
                           {{"repositoryName", "nope"}, {"imageIds", QJsonArray{tagId("x")}}}),
                 QStringLiteral("RepositoryNotFoundException"));
    }

    void manifestListsKeepTheirChildren()
    {
        SandboxAccount a(options);
        createRepo(a, "multi");
        QString amd, arm, index;
        QCOMPARE(push(a, "multi", imageManifest("amd64"), QString(), &amd), QString());
        QCOMPARE(push(a, "multi", imageManifest("arm64"), QString(), &arm), QString());
        QCOMPARE(push(a, "multi", indexManifest({amd, arm}), "latest", &index, 0), QString());
        const QJsonObject d = detailOf(a, "multi", index);
        QCOMPARE(d["imageManifestMediaType"].toString(),
                 QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json"));
        QVERIFY(!d.contains("artifactMediaType"));
        const QStringList blobs = a.referencedBlobs("multi");
        QVERIFY(blobs.contains(amd));
        QVERIFY(blobs.contains(arm));
        QVERIFY(blobs.contains(sha256("arm64/layer1")));

        QJsonObject r = ok(a, "ecr", "BatchDeleteImage",
                           {{"repositoryName", "multi"}, {"imageIds", QJsonArray{digestId(amd)}}});
        QCOMPARE(r["failures"][0]["failureCode"].toString(), QStringLiteral("ImageReferencedByManifestList"));
        QVERIFY(r["failures"][0]["failureReason"].toString().contains(index));
        QVERIFY(a.findImage("multi", amd));
        r = ok(a, "ecr", "BatchDeleteImage",
               {{"repositoryName", "multi"}, {"imageIds", QJsonArray{tagId("latest"), digestId(amd)}}});
        QCOMPARE(r["imageIds"].toArray().size(), 2);
        QVERIFY(r["failures"].toArray().isEmpty());
        QVERIFY(!a.referencedBlobs("multi").contains(amd));
    }

    void deleteRepositoryNeedsForceWhenImagesRemain()
    {
        SandboxAccount a(options);
        createRepo(a, "web");
        createRepo(a, "web/api");
        QCOMPARE(push(a, "web", imageManifest("one"), "latest"), QString());
        QCOMPARE(push(a, "web/api", imageManifest("api"), "latest"), QString());
        aws::AwsError e;
        QCOMPARE(errorCode(a, "ecr", "DeleteRepository", {{"repositoryName", "web"}}, &e),
                 QStringLiteral("RepositoryNotEmptyException"));
        QCOMPARE(e.message,
                 QStringLiteral("The repository with name 'web' in registry with id '123456789012' cannot "
                                "be deleted because it still contains images"));
        QVERIFY(a.repositoryExists("web"));
        const QJsonObject deleted =
            ok(a, "ecr", "DeleteRepository", {{"repositoryName", "web"}, {"force", true}})["repository"]
                .toObject();
        QCOMPARE(deleted["repositoryName"].toString(), QStringLiteral("web"));
        QVERIFY(!a.repositoryExists("web"));
        QVERIFY(!a.findImage("web", "latest"));
        QVERIFY(a.findImage("web/api", "latest")); // another repository's images stay
        QCOMPARE(errorCode(a, "ecr", "DeleteRepository", {{"repositoryName", "web"}}),
                 QStringLiteral("RepositoryNotFoundException"));
        // Re-created, it starts empty.
        createRepo(a, "web");
        QVERIFY(imageDetails(a, "web").isEmpty());
        QCOMPARE(ok(a, "ecr", "BatchDeleteImage",
                    {{"repositoryName", "web/api"}, {"imageIds", QJsonArray{tagId("latest")}}})["imageIds"]
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(ok(a, "ecr", "DeleteRepository", {{"repositoryName", "web/api"}})
                     .value("repository")["repositoryName"]
                     .toString(),
                 QStringLiteral("web/api"));
    }

    void imagesSurviveSaveAndLoad()
    {
        SandboxAccount a(options);
        createRepo(a, "web");
        const QByteArray manifest = imageManifest("saved");
        QCOMPARE(push(a, "web", manifest, "latest"), QString());
        SandboxAccount b(options);
        QString error;
        QVERIFY2(b.loadState(a.saveState(), &error), qPrintable(error));
        QVERIFY(b.repositoryExists("web"));
        QCOMPARE(b.findImage("web", "latest")->manifest, manifest);
        QCOMPARE(imageDetails(b, "web"), imageDetails(a, "web"));
    }

    void authorizationTokenOpensTheRegistryFor12Hours()
    {
        SandboxAccount a(options);
        QVERIFY(!a.checkRegistryPassword(QString())); // nothing issued yet
        QVERIFY(!a.checkRegistryPassword("guess"));
        const double before = a.clock().now();
        const QJsonObject first = ok(a, "ecr", "GetAuthorizationToken");
        const QJsonObject data = first["authorizationData"][0].toObject();
        QCOMPARE(data["proxyEndpoint"].toString(),
                 QStringLiteral("https://123456789012.dkr.ecr.us-east-1.amazonaws.com"));
        QVERIFY(qAbs(data["expiresAt"].toDouble() - (before + 12 * 3600)) < 5);
        const QString password = passwordOf(first);
        QVERIFY2(password.size() >= 100, qPrintable(QString::number(password.size())));
        QVERIFY(QRegularExpression("^[A-Za-z0-9_-]+$").match(password).hasMatch());
        QVERIFY(a.checkRegistryPassword(password));
        QVERIFY(!a.checkRegistryPassword(password.left(password.size() - 1)));
        QVERIFY(!a.checkRegistryPassword(password + "x"));

        // A new token does not end the old one: each lasts its 12 hours.
        a.setRegistryEndpoint("http://127.0.0.1:45678");
        const QJsonObject second = ok(a, "ecr", "GetAuthorizationToken");
        QCOMPARE(second["authorizationData"][0]["proxyEndpoint"].toString(),
                 QStringLiteral("http://127.0.0.1:45678"));
        const QString fresh = passwordOf(second);
        QVERIFY(fresh != password);
        QVERIFY(a.checkRegistryPassword(fresh));
        QVERIFY(a.checkRegistryPassword(password));

        a.clock().advance(11 * 3600);
        QVERIFY(a.checkRegistryPassword(fresh));
        a.clock().advance(3600 + 1);
        QVERIFY(!a.checkRegistryPassword(fresh));
        QVERIFY(!a.checkRegistryPassword(password));
        QVERIFY(a.checkRegistryPassword(passwordOf(ok(a, "ecr", "GetAuthorizationToken"))));
    }
};

QTEST_GUILESS_MAIN(TestEcr)
#include "tst_ecr.moc"
