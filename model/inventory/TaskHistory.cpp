#include "TaskHistory.h"

#include <QSet>

namespace inventory {

QList<VisibleTask> TaskHistory::update(const Snapshot &snap)
{
    QList<VisibleTask> out;
    QSet<QString> present;
    for (const Task &t : snap.tasks) {
        present.insert(t.arn);
        out.append({t, false});
        if (t.lastStatus == QLatin1String("STOPPED"))
            m_stopped.insert(t.arn, {t, snap.takenAt});
        else
            m_stopped.remove(t.arn);
    }
    QStringList keys = m_stopped.keys();
    keys.sort(); // deterministic order for the models
    for (const QString &arn : std::as_const(keys)) {
        if (present.contains(arn))
            continue;
        const Memory &m = m_stopped[arn];
        if (m.lastSeen.secsTo(snap.takenAt) > RetainSeconds) {
            m_stopped.remove(arn);
            continue;
        }
        out.append({m.task, true});
    }
    return out;
}

} // namespace inventory
