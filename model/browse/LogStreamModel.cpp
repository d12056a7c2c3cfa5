#include "LogStreamModel.h"

#include "Clipboard.h"

#include <QGuiApplication>
#include <QJsonArray>

LogStreamModel::LogStreamModel(inventory::ApiCaller caller, QObject *parent)
    : QAbstractListModel(parent)
    , m_caller(std::move(caller))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LogStreamModel::fetch);
}

int LogStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogStreamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &l = m_lines.at(index.row());
    return role == TimeRole ? QVariant(l.time) : role == MessageRole ? QVariant(l.message) : QVariant();
}

QHash<int, QByteArray> LogStreamModel::roleNames() const
{
    return {{TimeRole, "time"}, {MessageRole, "message"}};
}

void LogStreamModel::setFollowing(bool on)
{
    if (m_following == on)
        return;
    m_following = on;
    emit followingChanged();
    if (!on)
        m_timer.stop();
    else if (!m_inFlight && !m_stream.isEmpty())
        fetch();
}

void LogStreamModel::open(const QString &group, const QString &stream)
{
    ++m_generation; // answers for the previous stream are dropped
    m_inFlight = false;
    m_timer.stop();
    if (!m_lines.isEmpty()) {
        beginResetModel(); // a different stream: a reset is the honest signal
        m_lines.clear();
        endResetModel();
        emit countChanged();
    }
    m_group = group;
    m_stream = stream;
    m_token.clear();
    emit streamChanged();
    if (!m_stream.isEmpty())
        fetch();
}

void LogStreamModel::fetch()
{
    if (m_inFlight || m_stream.isEmpty())
        return;
    m_inFlight = true;
    QJsonObject p{{QStringLiteral("logGroupName"), m_group}, {QStringLiteral("logStreamName"), m_stream}};
    if (m_token.isEmpty())
        p.insert(QStringLiteral("startFromHead"), true);
    else
        p.insert(QStringLiteral("nextToken"), m_token);
    const int gen = m_generation;
    m_caller.send(QStringLiteral("logs"), QStringLiteral("GetLogEvents"), p, false, this,
                  [this, gen](const aws::Outcome &o) {
                      if (gen != m_generation)
                          return;
                      m_inFlight = false;
                      int added = 0;
                      if (!o.ok()) {
                          m_error = o.error->toString();
                          emit errorChanged();
                      } else {
                          if (!m_error.isEmpty()) {
                              m_error.clear();
                              emit errorChanged();
                          }
                          const QJsonArray events = o.output.value(QStringLiteral("events")).toArray();
                          if (!events.isEmpty()) {
                              const int first = int(m_lines.size());
                              beginInsertRows({}, first, first + int(events.size()) - 1);
                              for (const QJsonValue &v : events) {
                                  const QJsonObject e = v.toObject();
                                  QString msg = e.value(QStringLiteral("message")).toString();
                                  while (msg.endsWith(QLatin1Char('\n')))
                                      msg.chop(1);
                                  m_lines.append(
                                      {QDateTime::fromMSecsSinceEpoch(
                                           qint64(e.value(QStringLiteral("timestamp")).toDouble()), Qt::UTC),
                                       msg});
                              }
                              endInsertRows();
                              added = int(events.size());
                              emit countChanged();
                          }
                          const QString next = o.output.value(QStringLiteral("nextForwardToken")).toString();
                          if (!next.isEmpty())
                              m_token = next;
                      }
                      emit fetched(added);
                      // GetLogEvents may return an empty page before the end: ask
                      // again at once while pages still bring lines.
                      if (m_following)
                          m_timer.start(added > 0 ? 0 : pollMs);
                  });
}

QString LogStreamModel::allText() const
{
    QStringList out;
    for (const Line &l : m_lines)
        out << l.message;
    return out.join(QLatin1Char('\n'));
}

void LogStreamModel::copyAll() const
{
    copyToSystemClipboard(allText());
}
