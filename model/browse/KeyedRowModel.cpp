#include "KeyedRowModel.h"

#include <QSet>

int KeyedRowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant KeyedRowModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return valueOf(index.row(), role);
}

QVariant KeyedRowModel::valueOf(int row, int role) const
{
    return m_rows.at(row).values.value(role);
}

int KeyedRowModel::indexOfKey(const QString &key) const
{
    return m_index.value(key, -1);
}

QVariant KeyedRowModel::get(int row, const QString &roleName) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        if (it.value() == roleName.toUtf8())
            return valueOf(row, it.key());
    return {};
}

void KeyedRowModel::applyRows(const QList<KeyedRow> &rows)
{
    const int before = int(m_rows.size());
    QSet<QString> incoming;
    for (const KeyedRow &r : rows)
        incoming.insert(r.key);

    // Removals, back to front so earlier rows keep their numbers; runs of
    // adjacent rows go in one signal.
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (incoming.contains(m_rows.at(i).key)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, i);
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first - 1;
    }
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).key, i);

    QList<KeyedRow> added;
    for (const KeyedRow &r : rows) {
        const int at = m_index.value(r.key, -1);
        if (at < 0) {
            added.append(r);
            continue;
        }
        KeyedRow &mine = m_rows[at];
        QList<int> changed;
        for (auto it = r.values.begin(); it != r.values.end(); ++it)
            if (mine.values.value(it.key()) != it.value())
                changed << it.key();
        for (auto it = mine.values.begin(); it != mine.values.end(); ++it)
            if (!r.values.contains(it.key()))
                changed << it.key();
        if (!changed.isEmpty()) {
            mine.values = r.values;
            const QModelIndex idx = index(at);
            emit dataChanged(idx, idx, changed);
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const KeyedRow &r : std::as_const(added)) {
            m_index.insert(r.key, int(m_rows.size()));
            m_rows.append(r);
        }
        endInsertRows();
    }
    if (before != m_rows.size())
        emit countChanged();
}

void KeyedRowModel::upsertRow(const KeyedRow &row)
{
    const int at = m_index.value(row.key, -1);
    if (at < 0) {
        const int n = int(m_rows.size());
        beginInsertRows({}, n, n);
        m_index.insert(row.key, n);
        m_rows.append(row);
        endInsertRows();
        emit countChanged();
        return;
    }
    KeyedRow &mine = m_rows[at];
    QList<int> changed;
    for (auto it = row.values.begin(); it != row.values.end(); ++it)
        if (mine.values.value(it.key()) != it.value())
            changed << it.key();
    if (changed.isEmpty())
        return;
    mine.values = row.values;
    emit dataChanged(index(at), index(at), changed);
}

void KeyedRowModel::removeKey(const QString &key)
{
    const int at = m_index.value(key, -1);
    if (at < 0)
        return;
    beginRemoveRows({}, at, at);
    m_rows.removeAt(at);
    m_index.remove(key);
    // Only rows after the removed one shift.
    for (int i = at; i < m_rows.size(); ++i)
        m_index[m_rows.at(i).key] = i;
    endRemoveRows();
    emit countChanged();
}

void KeyedRowModel::upsertKey(const QString &key)
{
    const int at = m_index.value(key, -1);
    if (at < 0) {
        upsertRow({key, {}});
        return;
    }
    emit dataChanged(index(at), index(at));
}
