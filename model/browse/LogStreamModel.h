#pragma once
// Follows one awslogs stream (GetLogEvents, startFromHead, then the forward
// token) and appends new lines as rows; stop-following stops the polling.

#include "ApiCaller.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class InventoryEngine;

class LogStreamModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created with the engine's caller")
    Q_PROPERTY(QString logGroup READ logGroup NOTIFY streamChanged)
    Q_PROPERTY(QString logStream READ logStream NOTIFY streamChanged)
    /// While true, polls for new lines every pollMs.
    Q_PROPERTY(bool following READ following WRITE setFollowing NOTIFY followingChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    enum Role {
        TimeRole = Qt::UserRole + 1, ///< event timestamp (QDateTime, UTC)
        MessageRole,                 ///< the line, without its trailing newline
    };
    Q_ENUM(Role)
    explicit LogStreamModel(inventory::ApiCaller caller, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString logGroup() const { return m_group; }
    QString logStream() const { return m_stream; }
    bool following() const { return m_following; }
    void setFollowing(bool on);
    QString error() const { return m_error; }
    int pollMs = 2000;

    /// Starts reading `stream` of `group` from the head (clears old lines).
    Q_INVOKABLE void open(const QString &group, const QString &stream);
    /// All lines as text, for copy.
    Q_INVOKABLE QString allText() const;
    /// Copies all lines to the clipboard.
    Q_INVOKABLE void copyAll() const;
    /// Fetches once now (also what the follow timer calls).
    Q_INVOKABLE void fetch();

signals:
    void streamChanged();
    void followingChanged();
    void countChanged();
    void errorChanged();
    /// One GetLogEvents answer was applied (tests wait on this).
    void fetched(int newLines);

private:
    struct Line {
        QDateTime time;
        QString message;
    };
    inventory::ApiCaller m_caller;
    QString m_group, m_stream, m_token, m_error;
    QList<Line> m_lines;
    bool m_following = true;
    bool m_inFlight = false;
    int m_generation = 0;
    QTimer m_timer;
};
