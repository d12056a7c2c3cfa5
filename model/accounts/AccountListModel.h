#pragma once
// The accounts the switcher offers: the sandbox (always), accounts saved by
// the app, and the profiles found in ~/.aws. One row each.

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace aws::auth {
class AccountStore;
class ProfileStore;
} // namespace aws::auth

class AccountListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by Accounts")
public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< what the switcher shows ("Sandbox", "learner-lab", "profile work")
        KindRole,                    ///< "sandbox", "saved" or "profile"
        KeyRole,                     ///< the name to pass to Accounts.connectTo(kind, key)
        RegionRole,                  ///< region to use (may be empty: the default)
        AccessKeyIdRole,             ///< shown to tell accounts apart; never a secret
        LearnerLabRole,              ///< a saved Learner Lab account
        DetailRole,                  ///< one line: "Learner Lab · us-east-1 · saved 2 h ago"
    };
    Q_ENUM(Role)

    AccountListModel(aws::auth::AccountStore *accounts, aws::auth::ProfileStore *profiles,
                     QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Re-reads saved accounts and ~/.aws (after an import or removal).
    Q_INVOKABLE void reload();

private:
    struct Row {
        QString name, kind, key, region, accessKeyId, detail;
        bool learnerLab = false;
    };
    QList<Row> collect() const;

    aws::auth::AccountStore *m_accounts;
    aws::auth::ProfileStore *m_profiles;
    QList<Row> m_rows;
};
