#pragma once
// The account's ECR repositories with their images (DescribeRepositories,
// then DescribeImages per repository), the one the student selected, and
// deleting images or a whole repository — always after a confirmation that
// names what goes. Follows Session::clientChanged.

#include "KeyedRowModel.h"

#include <QPointer>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace aws {
class AwsClient;
}

class EcrRepositoryModel : public KeyedRowModel {
    Q_OBJECT
    QML_ELEMENT
    /// True while the list is being read.
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    /// True while a delete runs.
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    /// The last failure, in plain words with what to do; "" when none.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    /// What the last action did ("Deleted the repository web."); "" when none.
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusTextChanged)
    /// The selected repository's name ("" when none).
    Q_PROPERTY(QString selectedName READ selectedName WRITE setSelectedName NOTIFY selectedChanged)
    /// The selected repository's row by role name (name, uri, images, …); empty when none.
    Q_PROPERTY(QVariantMap selected READ selected NOTIFY selectedChanged)
    /// Digests of the selected repository's images ticked for deletion.
    Q_PROPERTY(QStringList checkedDigests READ checkedDigests NOTIFY selectedChanged)
    /// The question to confirm ("" when nothing waits for a confirmation).
    Q_PROPERTY(QString confirmationText READ confirmationText NOTIFY confirmationChanged)
    Q_PROPERTY(QString confirmationTitle READ confirmationTitle NOTIFY confirmationChanged)
    /// The label of the confirming button ("Delete repository web").
    Q_PROPERTY(QString confirmationAction READ confirmationAction NOTIFY confirmationChanged)
    /// "No repositories yet — create one, or push an image and create it on the way."
    Q_PROPERTY(QString emptyText READ emptyText CONSTANT)
public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< repository name (the row's key)
        UriRole,                     ///< repositoryUri, without a tag
        ArnRole,                     ///< repositoryArn
        TagMutabilityRole,           ///< "MUTABLE" or "IMMUTABLE"
        ScanOnPushRole,              ///< bool
        EncryptionRole,              ///< "AES256" or "KMS"
        SettingsTextRole,            ///< "Mutable tags · scan on push off · AES-256"
        CreatedAtRole,               ///< "2026-11-23 18:30" (local time)
        ImageCountRole,              ///< number of images
        ImagesRole,  ///< list of maps: digest, shortDigest, tags, tagsText, size, sizeText, pushedAt, uri,
                     ///< checked
        SummaryRole, ///< "3 images · 48.2 MB"
    };
    Q_ENUM(Role)

    explicit EcrRepositoryModel(QObject *parent = nullptr);
    QHash<int, QByteArray> roleNames() const override;

    /// Reads every repository and its images again.
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void setImageChecked(const QString &digest, bool checked);
    /// Asks to delete the repository `name` with everything in it.
    Q_INVOKABLE void askDeleteRepository(const QString &name);
    /// Asks to delete the selected repository's ticked images.
    Q_INVOKABLE void askDeleteCheckedImages();
    /// Asks to delete one image (by digest) of the selected repository.
    Q_INVOKABLE void askDeleteImage(const QString &digest);
    /// Carries out what the confirmation named.
    Q_INVOKABLE void confirm();
    Q_INVOKABLE void cancelConfirmation();
    Q_INVOKABLE void copyToClipboard(const QString &text) const;

    bool isLoading() const { return m_loading; }
    bool isBusy() const { return m_busy; }
    QString error() const { return m_error; }
    QString statusText() const { return m_statusText; }
    QString selectedName() const { return m_selectedName; }
    void setSelectedName(const QString &name);
    QVariantMap selected() const;
    QStringList checkedDigests() const { return m_checked; }
    QString confirmationText() const { return m_confirm.text; }
    QString confirmationTitle() const { return m_confirm.title; }
    QString confirmationAction() const { return m_confirm.action; }
    QString emptyText() const;

    /// Repository name → URI of every repository listed.
    QHash<QString, QString> uris() const { return m_uris; }

signals:
    void loadingChanged();
    void busyChanged();
    void errorChanged();
    void statusTextChanged();
    void selectedChanged();
    void confirmationChanged();
    /// A refresh finished (successfully or not).
    void refreshed();

private:
    struct Pending {
        enum class Kind { None, Repository, Images } kind = Kind::None;
        QString repository;
        QStringList digests;
        QString title;
        QString text;
        QString action;
    };
    aws::AwsClient *client() const;
    void onClientChanged();
    void finishRefresh(int generation);
    void setLoading(bool on);
    void setBusy(bool on);
    void setError(const QString &text);
    void setStatus(const QString &text);
    void setConfirmation(Pending pending);
    void deleteRepository(const QString &name);
    void deleteImages(const QString &repository, const QStringList &digests);
    KeyedRow rowFor(const QJsonObject &repository, const QJsonArray &images) const;

    QPointer<aws::AwsClient> m_client;
    int m_generation = 0;
    int m_outstanding = 0;
    QList<QJsonObject> m_pendingRepos;
    QHash<QString, QJsonArray> m_pendingImages;
    QString m_pendingError;
    QHash<QString, QString> m_uris;
    bool m_loading = false;
    bool m_busy = false;
    QString m_error;
    QString m_statusText;
    QString m_selectedName;
    QStringList m_checked;
    Pending m_confirm;
};
