#include "EcrRepositoryModel.h"

#include "Clipboard.h"

#include "AwsClient.h"
#include "EcrTexts.h"
#include "Session.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace {

QDateTime timeOf(const QJsonValue &v)
{
    if (v.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble() * 1000.0), Qt::UTC);
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QString timeText(const QJsonValue &v)
{
    const QDateTime t = timeOf(v);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString shortDigest(const QString &digest)
{
    const qsizetype colon = digest.indexOf(u':');
    return digest.mid(colon + 1, 12);
}

} // namespace

EcrRepositoryModel::EcrRepositoryModel(QObject *parent)
    : KeyedRowModel(parent)
{
    if (Session *session = Session::instance())
        connect(session, &Session::clientChanged, this, &EcrRepositoryModel::onClientChanged);
    m_client = client();
    if (m_client)
        refresh();
}

QHash<int, QByteArray> EcrRepositoryModel::roleNames() const
{
    return {{NameRole, "name"},
            {UriRole, "uri"},
            {ArnRole, "arn"},
            {TagMutabilityRole, "tagMutability"},
            {ScanOnPushRole, "scanOnPush"},
            {EncryptionRole, "encryption"},
            {SettingsTextRole, "settingsText"},
            {CreatedAtRole, "createdAt"},
            {ImageCountRole, "imageCount"},
            {ImagesRole, "images"},
            {SummaryRole, "summary"}};
}

aws::AwsClient *EcrRepositoryModel::client() const
{
    Session *session = Session::instance();
    return session ? session->client() : nullptr;
}

void EcrRepositoryModel::onClientChanged()
{
    aws::AwsClient *now = client();
    if (now == m_client && now)
        return refresh(); // same account, another region: read again
    m_client = now;
    ++m_generation; // answers from the old account are dropped
    m_outstanding = 0;
    setConfirmation({});
    applyRows({});
    setSelectedName({});
    setError({});
    setStatus({});
    setBusy(false);
    setLoading(false);
    if (m_client)
        refresh();
}

void EcrRepositoryModel::refresh()
{
    aws::AwsClient *aws = client();
    if (!aws) {
        setError(tr("Not connected: connect an account or start the sandbox to see its repositories."));
        return;
    }
    m_client = aws;
    const int generation = ++m_generation;
    setLoading(true);
    m_pendingRepos.clear();
    m_pendingImages.clear();
    m_pendingError.clear();
    aws->paginate(
        QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"), {}, this,
        [this, generation](const aws::Outcome &o) {
            if (generation != m_generation)
                return;
            if (!o.ok()) {
                setError(ecr::explainAwsError(*o.error, tr("read the repositories")));
                setLoading(false);
                emit refreshed();
                return;
            }
            const QJsonArray repos = o.output.value(u"repositories").toArray();
            for (const QJsonValue &r : repos)
                m_pendingRepos.append(r.toObject());
            m_outstanding = int(m_pendingRepos.size());
            if (m_outstanding == 0)
                return finishRefresh(generation);
            for (const QJsonObject &repo : std::as_const(m_pendingRepos)) {
                const QString name = repo.value(u"repositoryName").toString();
                client()->paginate(
                    QStringLiteral("ecr"), QStringLiteral("DescribeImages"),
                    {{QStringLiteral("repositoryName"), name}}, this,
                    [this, generation, name](const aws::Outcome &io) {
                        if (generation != m_generation)
                            return;
                        if (io.ok())
                            m_pendingImages.insert(name, io.output.value(u"imageDetails").toArray());
                        else if (io.error->code != QLatin1String("RepositoryNotFoundException"))
                            m_pendingError =
                                ecr::explainAwsError(*io.error, tr("read the images of %1").arg(name));
                        if (--m_outstanding == 0)
                            finishRefresh(generation);
                    });
            }
        });
}

KeyedRow EcrRepositoryModel::rowFor(const QJsonObject &repo, const QJsonArray &images) const
{
    const QString name = repo.value(u"repositoryName").toString();
    const QString repoUri = repo.value(u"repositoryUri").toString();
    const QString mutability = repo.value(u"imageTagMutability").toString(QStringLiteral("MUTABLE"));
    const bool scan = repo.value(u"imageScanningConfiguration").toObject().value(u"scanOnPush").toBool();
    const QString encryption = repo.value(u"encryptionConfiguration")
                                   .toObject()
                                   .value(u"encryptionType")
                                   .toString(QStringLiteral("AES256"));

    // Newest first, as the console lists them.
    QList<QJsonObject> sorted;
    for (const QJsonValue &v : images)
        sorted.append(v.toObject());
    std::stable_sort(sorted.begin(), sorted.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return timeOf(a.value(u"imagePushedAt")) > timeOf(b.value(u"imagePushedAt"));
    });
    QVariantList imageList;
    qint64 totalSize = 0;
    for (const QJsonObject &img : sorted) {
        QStringList tags;
        for (const QJsonValue &t : img.value(u"imageTags").toArray())
            tags << t.toString();
        const QString digest = img.value(u"imageDigest").toString();
        const qint64 size = qint64(img.value(u"imageSizeInBytes").toDouble());
        totalSize += size;
        imageList.append(QVariantMap{
            {QStringLiteral("digest"), digest},
            {QStringLiteral("shortDigest"), shortDigest(digest)},
            {QStringLiteral("tags"), tags},
            {QStringLiteral("tagsText"), tags.isEmpty() ? tr("untagged") : tags.join(QStringLiteral(", "))},
            {QStringLiteral("size"), size},
            {QStringLiteral("sizeText"), ecr::bytesText(size)},
            {QStringLiteral("pushedAt"), timeText(img.value(u"imagePushedAt"))},
            {QStringLiteral("checked"), m_selectedName == name && m_checked.contains(digest)},
            // What a task definition names: by tag when there is one, else by digest.
            {QStringLiteral("uri"), tags.isEmpty() ? repoUri + u'@' + digest : repoUri + u':' + tags.first()},
        });
    }
    KeyedRow row;
    row.key = name;
    row.values = {
        {NameRole, name},
        {UriRole, repoUri},
        {ArnRole, repo.value(u"repositoryArn").toString()},
        {TagMutabilityRole, mutability},
        {ScanOnPushRole, scan},
        {EncryptionRole, encryption},
        {SettingsTextRole,
         QStringLiteral("%1 · %2 · %3")
             .arg(mutability == QLatin1String("IMMUTABLE") ? tr("Immutable tags") : tr("Mutable tags"),
                  scan ? tr("scan on push") : tr("no scan on push"),
                  encryption == QLatin1String("KMS") ? tr("KMS encryption") : tr("AES-256 encryption"))},
        {CreatedAtRole, timeText(repo.value(u"createdAt"))},
        {ImageCountRole, int(imageList.size())},
        {ImagesRole, imageList},
        {SummaryRole, imageList.isEmpty() ? tr("no images")
                                          : QStringLiteral("%1 · %2").arg(
                                                ecr::count(imageList.size(), tr("image"), tr("images")),
                                                ecr::bytesText(totalSize))},
    };
    return row;
}

void EcrRepositoryModel::finishRefresh(int generation)
{
    if (generation != m_generation)
        return;
    std::sort(m_pendingRepos.begin(), m_pendingRepos.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"repositoryName").toString() < b.value(u"repositoryName").toString();
    });
    QList<KeyedRow> rows;
    m_uris.clear();
    QSet<QString> selectedDigests;
    for (const QJsonObject &repo : std::as_const(m_pendingRepos)) {
        const QString name = repo.value(u"repositoryName").toString();
        m_uris.insert(name, repo.value(u"repositoryUri").toString());
        const QJsonArray images = m_pendingImages.value(name);
        if (name == m_selectedName)
            for (const QJsonValue &img : images)
                selectedDigests.insert(img.toObject().value(u"imageDigest").toString());
        rows.append(rowFor(repo, images));
    }
    applyRows(rows);
    m_pendingRepos.clear();
    m_pendingImages.clear();
    // Ticks on images that went away go too.
    m_checked.removeIf([&](const QString &d) { return !selectedDigests.contains(d); });
    if (!m_selectedName.isEmpty() && indexOfKey(m_selectedName) < 0)
        m_selectedName.clear();
    if (m_selectedName.isEmpty() && rowCount() > 0)
        m_selectedName = data(index(0), NameRole).toString();
    emit selectedChanged();
    setError(m_pendingError);
    setLoading(false);
    emit refreshed();
}

QVariantMap EcrRepositoryModel::selected() const
{
    const int row = indexOfKey(m_selectedName);
    if (row < 0)
        return {};
    QVariantMap out;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return out;
}

void EcrRepositoryModel::setSelectedName(const QString &name)
{
    if (name == m_selectedName)
        return;
    m_selectedName = name;
    m_checked.clear();
    emit selectedChanged();
}

void EcrRepositoryModel::setImageChecked(const QString &digest, bool checked)
{
    const int row = indexOfKey(m_selectedName);
    if (row < 0 || m_checked.contains(digest) == checked)
        return;
    if (checked)
        m_checked.append(digest);
    else
        m_checked.removeAll(digest);
    // The images role carries the ticks, so the row is rebuilt in place.
    KeyedRow r;
    r.key = m_selectedName;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        r.values.insert(it.key(), data(index(row), it.key()));
    QVariantList images = r.values.value(ImagesRole).toList();
    for (QVariant &v : images) {
        QVariantMap m = v.toMap();
        m.insert(QStringLiteral("checked"), m_checked.contains(m.value(QStringLiteral("digest")).toString()));
        v = m;
    }
    r.values.insert(ImagesRole, images);
    upsertRow(r);
    emit selectedChanged();
}

void EcrRepositoryModel::askDeleteRepository(const QString &name)
{
    const int row = indexOfKey(name);
    if (row < 0)
        return;
    const int images = data(index(row), ImageCountRole).toInt();
    Pending p;
    p.kind = Pending::Kind::Repository;
    p.repository = name;
    p.title = tr("Delete repository %1?").arg(name);
    p.text = images > 0 ? tr("The repository “%1” and its %2 will be deleted. A task definition that uses "
                             "one of them will no longer start. This cannot be undone.")
                              .arg(name, ecr::count(images, tr("image"), tr("images")))
                        : tr("The empty repository “%1” will be deleted. This cannot be undone.").arg(name);
    p.action = tr("Delete repository %1").arg(name);
    setConfirmation(p);
}

void EcrRepositoryModel::askDeleteImage(const QString &digest)
{
    const QVariantList images = selected().value(QStringLiteral("images")).toList();
    for (const QVariant &v : images) {
        const QVariantMap m = v.toMap();
        if (m.value(QStringLiteral("digest")).toString() != digest)
            continue;
        Pending p;
        p.kind = Pending::Kind::Images;
        p.repository = m_selectedName;
        p.digests = {digest};
        p.title = tr("Delete image %1?").arg(m.value(QStringLiteral("tagsText")).toString());
        p.text = tr("The image %1 (%2, digest %3) will be deleted from “%4”. This cannot be undone.")
                     .arg(m.value(QStringLiteral("tagsText")).toString(),
                          m.value(QStringLiteral("sizeText")).toString(),
                          m.value(QStringLiteral("shortDigest")).toString(), m_selectedName);
        p.action = tr("Delete image");
        setConfirmation(p);
        return;
    }
}

void EcrRepositoryModel::askDeleteCheckedImages()
{
    if (m_checked.isEmpty() || m_selectedName.isEmpty())
        return;
    if (m_checked.size() == 1)
        return askDeleteImage(m_checked.first());
    QStringList names;
    const QVariantList images = selected().value(QStringLiteral("images")).toList();
    for (const QVariant &v : images) {
        const QVariantMap m = v.toMap();
        if (m_checked.contains(m.value(QStringLiteral("digest")).toString()))
            names << m.value(QStringLiteral("tagsText")).toString();
    }
    Pending p;
    p.kind = Pending::Kind::Images;
    p.repository = m_selectedName;
    p.digests = m_checked;
    p.title = tr("Delete %1?").arg(ecr::count(m_checked.size(), tr("image"), tr("images")));
    p.text = tr("These images will be deleted from “%1”: %2. This cannot be undone.")
                 .arg(m_selectedName, names.join(QStringLiteral("; ")));
    p.action = tr("Delete %1").arg(ecr::count(m_checked.size(), tr("image"), tr("images")));
    setConfirmation(p);
}

void EcrRepositoryModel::confirm()
{
    const Pending p = m_confirm;
    setConfirmation({});
    if (p.kind == Pending::Kind::Repository)
        deleteRepository(p.repository);
    else if (p.kind == Pending::Kind::Images)
        deleteImages(p.repository, p.digests);
}

void EcrRepositoryModel::cancelConfirmation()
{
    setConfirmation({});
}

void EcrRepositoryModel::deleteRepository(const QString &name)
{
    aws::AwsClient *aws = client();
    if (!aws)
        return;
    setBusy(true);
    setError({});
    aws->call(QStringLiteral("ecr"), QStringLiteral("DeleteRepository"),
              {{QStringLiteral("repositoryName"), name}, {QStringLiteral("force"), true}}, this,
              [this, name](const aws::Outcome &o) {
                  setBusy(false);
                  if (!o.ok()) {
                      setError(ecr::explainAwsError(*o.error, tr("delete the repository %1").arg(name)));
                      return;
                  }
                  setStatus(tr("Deleted the repository %1 and everything in it.").arg(name));
                  if (m_selectedName == name)
                      setSelectedName({});
                  refresh();
              });
}

void EcrRepositoryModel::deleteImages(const QString &repository, const QStringList &digests)
{
    aws::AwsClient *aws = client();
    if (!aws || digests.isEmpty())
        return;
    QJsonArray ids;
    for (const QString &d : digests)
        ids.append(QJsonObject{{QStringLiteral("imageDigest"), d}});
    setBusy(true);
    setError({});
    aws->call(
        QStringLiteral("ecr"), QStringLiteral("BatchDeleteImage"),
        {{QStringLiteral("repositoryName"), repository}, {QStringLiteral("imageIds"), ids}}, this,
        [this, repository](const aws::Outcome &o) {
            setBusy(false);
            if (!o.ok()) {
                setError(ecr::explainAwsError(*o.error, tr("delete the images")));
                return;
            }
            const int deleted = int(o.output.value(u"imageIds").toArray().size());
            const QJsonArray failures = o.output.value(u"failures").toArray();
            QStringList why;
            for (const QJsonValue &f : failures)
                why << f.toObject().value(u"failureReason").toString();
            setStatus(
                tr("Deleted %1 from %2.").arg(ecr::count(deleted, tr("image"), tr("images")), repository));
            if (!why.isEmpty())
                setError(tr("%1 could not be deleted: %2. Refresh the list and try again.")
                             .arg(ecr::count(why.size(), tr("image"), tr("images")),
                                  why.join(QStringLiteral("; "))));
            m_checked.clear();
            refresh();
        });
}

void EcrRepositoryModel::copyToClipboard(const QString &text) const
{
    copyToSystemClipboard(text);
}

QString EcrRepositoryModel::emptyText() const
{
    return tr("No repositories yet. Create one, or push an image and create its repository on the way.");
}

void EcrRepositoryModel::setLoading(bool on)
{
    if (m_loading == on)
        return;
    m_loading = on;
    emit loadingChanged();
}

void EcrRepositoryModel::setBusy(bool on)
{
    if (m_busy == on)
        return;
    m_busy = on;
    emit busyChanged();
}

void EcrRepositoryModel::setError(const QString &text)
{
    if (m_error == text)
        return;
    m_error = text;
    emit errorChanged();
}

void EcrRepositoryModel::setStatus(const QString &text)
{
    if (m_statusText == text)
        return;
    m_statusText = text;
    emit statusTextChanged();
}

void EcrRepositoryModel::setConfirmation(Pending pending)
{
    m_confirm = std::move(pending);
    emit confirmationChanged();
}
