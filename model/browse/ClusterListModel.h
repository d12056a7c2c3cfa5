#pragma once
// The account's ECS clusters, for the Browse page's first column.

#include "InventoryEngine.h"
#include "KeyedRowModel.h"

#include <QPointer>

class ClusterListModel : public KeyedRowModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(InventoryEngine *engine READ engine WRITE setEngine NOTIFY engineChanged)
public:
    enum Role {
        ArnRole = Qt::UserRole + 1, ///< cluster ARN (the row's key)
        NameRole,                   ///< cluster name
        StatusRole,                 ///< ACTIVE, INACTIVE, …
        RunningTasksRole,           ///< tasks RUNNING
        PendingTasksRole,           ///< tasks PENDING
        ActiveServicesRole,         ///< services ACTIVE
    };
    Q_ENUM(Role)
    explicit ClusterListModel(QObject *parent = nullptr);
    QHash<int, QByteArray> roleNames() const override;
    InventoryEngine *engine() const { return m_engine; }
    void setEngine(InventoryEngine *engine);
    void reload();
signals:
    void engineChanged();

private:
    QPointer<InventoryEngine> m_engine;
};
