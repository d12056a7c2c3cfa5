#include "AccountListModel.h"

#include "AccountStore.h"
#include "ProfileStore.h"

AccountListModel::AccountListModel(aws::auth::AccountStore *accounts, aws::auth::ProfileStore *profiles,
                                   QObject *parent)
    : QAbstractListModel(parent)
    , m_accounts(accounts)
    , m_profiles(profiles)
{
    m_rows = collect();
    connect(m_accounts, &aws::auth::AccountStore::accountsChanged, this, &AccountListModel::reload);
}

QList<AccountListModel::Row> AccountListModel::collect() const
{
    QList<Row> rows;
    rows.append({tr("Sandbox (simulated AWS)"), QStringLiteral("sandbox"), QStringLiteral("sandbox"),
                 QStringLiteral("us-east-1"), QString(), tr("Works offline; nothing here is real"), false});
    for (const auto &a : m_accounts->accounts()) {
        const QString when =
            a.savedAt.isValid() ? a.savedAt.toLocalTime().toString(QStringLiteral("d MMM HH:mm")) : QString();
        rows.append({a.name, QStringLiteral("saved"), a.name, a.region, a.accessKeyId,
                     (a.learnerLab ? tr("Learner Lab · %1 · saved %2") : tr("Saved account · %1 · saved %2"))
                         .arg(a.region, when),
                     a.learnerLab});
    }
    if (m_profiles) {
        for (const QString &p : m_profiles->profileNames()) {
            const auto prof = m_profiles->profile(p);
            rows.append(
                {tr("profile %1").arg(p), QStringLiteral("profile"), p, prof ? prof->region : QString(),
                 prof ? prof->staticCredentials.accessKeyId : QString(),
                 prof && !prof->keysFile.isEmpty() ? tr("from %1").arg(prof->keysFile) : tr("from ~/.aws"),
                 false});
        }
    }
    return rows;
}

void AccountListModel::reload()
{
    if (m_profiles)
        m_profiles->reload();
    beginResetModel();
    m_rows = collect();
    endResetModel();
}

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case KindRole:
        return r.kind;
    case KeyRole:
        return r.key;
    case RegionRole:
        return r.region;
    case AccessKeyIdRole:
        return r.accessKeyId;
    case LearnerLabRole:
        return r.learnerLab;
    case DetailRole:
        return r.detail;
    default:
        return {};
    }
}

QHash<int, QByteArray> AccountListModel::roleNames() const
{
    return {{NameRole, "name"},
            {KindRole, "kind"},
            {KeyRole, "key"},
            {RegionRole, "region"},
            {AccessKeyIdRole, "accessKeyId"},
            {LearnerLabRole, "learnerLab"},
            {DetailRole, "detail"}};
}
