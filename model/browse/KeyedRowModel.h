#pragma once
// A list model whose rows have stable keys (ARN or id) and whose content is
// replaced wholesale by a new set of rows: the difference is applied in place
// (rowsRemoved / rowsInserted / dataChanged for exactly the roles that
// differ), never a model reset, so selection and scroll position survive.

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QVariant>

struct KeyedRow {
    QString key;
    QHash<int, QVariant> values; ///< role → value
};

class KeyedRowModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    /// Row of `key`, or -1.
    Q_INVOKABLE int indexOfKey(const QString &key) const;
    /// The value of `role` (by name) in `row`, for QML details panels.
    Q_INVOKABLE QVariant get(int row, const QString &roleName) const;

signals:
    void countChanged();

protected:
    /// Applies `rows` as the new content: removed rows go, new rows are
    /// appended in their order, kept rows keep their place.
    void applyRows(const QList<KeyedRow> &rows);
    /// Replaces the row with `row.key` (dataChanged for the roles that differ)
    /// or appends it.
    void upsertRow(const KeyedRow &row);
    /// Removes the row with `key`, if any.
    void removeKey(const QString &key);
    /// For models that compute their values (valueOf overridden) instead of
    /// storing them: appends a row for `key`, or tells views that row changed.
    void upsertKey(const QString &key);
    const QString &keyAt(int row) const { return m_rows.at(row).key; }
    /// The value data() and get() return; by default the stored one.
    virtual QVariant valueOf(int row, int role) const;

private:
    QList<KeyedRow> m_rows;
    QHash<QString, int> m_index;
};
