#pragma once
// Keeps stopped tasks visible for an hour after ECS forgets them (ECS drops
// a stopped task from ListTasks after about an hour, often sooner), so a
// student still sees why the previous task died.

#include "InventorySnapshot.h"

#include <QHash>

namespace inventory {

struct VisibleTask {
    Task task;
    bool forgotten = false; ///< no longer returned by ECS; shown from memory
};

class TaskHistory {
public:
    static constexpr qint64 RetainSeconds = 3600;
    /// Folds `snap` in and returns the tasks to show: the snapshot's, then
    /// remembered stopped ones (oldest memory dropped after RetainSeconds).
    QList<VisibleTask> update(const Snapshot &snap);

private:
    struct Memory {
        Task task;
        QDateTime lastSeen;
    };
    QHash<QString, Memory> m_stopped;
};

} // namespace inventory
