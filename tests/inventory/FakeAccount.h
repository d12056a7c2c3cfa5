#pragma once
// An in-process stand-in for the sandbox account while the sandbox is being
// finished: answers the inventory's calls from JSON records, one event-loop
// turn later (a round trip), pages list calls by 100 and counts requests.

#include "ApiCaller.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSet>

class FakeAccount : public QObject {
    Q_OBJECT
public:
    /// "taskoverflow" (the practical deployed, one running and one stopped
    /// task) or "large" (clusters × services × tasks).
    void loadScenario(const QString &name, int clusters = 20, int servicesPerCluster = 10,
                      int tasksPerService = 10);
    inventory::ApiCaller caller();

    QMap<QString, int> calls; ///< "ecs.DescribeTasks" → count (pages included)
    int requests = 0;
    std::function<void()> onRequest;
    /// Makes the next N calls fail with ThrottlingException.
    int throttleNext = 0;
    /// Makes every call fail with ExpiredTokenException.
    bool expired = false;
    /// Every call ("ecs.ListTasks") in the order it was sent.
    QStringList order;
    /// Calls ("ecs.ListTasks") whose answers wait for release().
    QSet<QString> hold;
    /// Delivers the held answers (in order) and holds no more.
    void release();
    /// Delivers the answers held so far (in order); later ones are held still.
    void deliverHeld();

    QJsonArray vpcs, subnets, securityGroups, databases, repositories, logGroups, clusters, services, tasks,
        taskDefinitions, enis;
    QMap<QString, QJsonArray> images;    ///< repository → imageDetails
    QMap<QString, QStringList> logLines; ///< "group|stream" → lines; GetLogEvents pages by 3

    // Mutators for diff tests.
    void setTaskField(const QString &id, const QString &member, const QJsonValue &value);
    void removeTask(const QString &id);
    void addTask(const QString &cluster, const QString &service, const QString &id, const QString &status,
                 const QString &ip);

private:
    QList<std::function<void()>> m_held;

    /// With `paginate`, every page at once (counted in `pages`); without, a
    /// page of 100 and a nextToken, as ECS lists.
    QJsonObject answer(const QString &service, const QString &op, const QJsonObject &params, bool paginate,
                       int *pages) const;
};
