#pragma once
// Everything the simulated account holds. Each resource is kept as the JSON
// object its Describe call returns (so describing is a copy and saving is a
// dump); fields the API does not return start with "_" and are stripped on
// the way out (see publicView). One struct for all services, because the
// services reach into each other the way AWS's do: ECS tasks own EC2 network
// interfaces, write CloudWatch log streams and pull ECR images.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QString>

namespace aws::sandbox {

using Records = QMap<QString, QJsonObject>;

struct SimState {
    // ---- EC2 (key: resource id) ----
    Records vpcs;
    Records subnets;
    Records routeTables;
    Records securityGroups;
    Records networkInterfaces;
    // ---- IAM (key: role name) ----
    Records roles;
    // ---- RDS (key: lower-case instance identifier) ----
    Records dbInstances;
    // ---- ECS ----
    Records clusters;        ///< key: cluster name
    Records taskDefinitions; ///< key: "family:revision"
    Records services;        ///< key: "cluster/service" (names)
    Records tasks;           ///< key: task ARN
    // ---- ECR ----
    Records repositories; ///< key: repository name
    Records images;       ///< key: "repository@sha256:…"; fields of StoredImage plus ECR's imageDetail
    // ---- CloudWatch Logs ----
    Records logGroups;  ///< key: group name
    Records logStreams; ///< key: "group\nstream"; "_events" holds the events

    quint64 nextId = 1; ///< feeds deterministic resource ids
    /// Varies public IPs between sandboxes running side by side (tests in
    /// parallel, the app and `deployctl sandbox`): two task pages cannot
    /// listen on the same address. Per instance, never saved.
    quint32 ipSalt = 0;
    /// Public IPs handed out so far (filled from the ENIs on first use; an
    /// IP whose ENI is gone stays here, so it is simply not reused). Keeps
    /// building 2,000 tasks linear. Never saved.
    QSet<QString> usedPublicIps;
    bool usedPublicIpsKnown = false;
    QString registryEndpoint; ///< http://127.0.0.1:port, for GetAuthorizationToken
    /// Passwords of the ECR tokens issued and when each expires: like AWS,
    /// every token works for its 12 hours, so `docker login` with one token
    /// and the app's push with a newer one both work. Expired ones are pruned.
    QMap<QString, double> registryPasswords;
    /// Counts changes to the account from outside the ECS scheduler (calls
    /// that write, pushes, tasks moving on); with the two below it lets the
    /// scheduler skip passes that could not change anything. Never saved.
    quint64 generation = 1;
    quint64 scheduledGeneration = 0;   ///< the generation the last idle scheduler pass saw
    double scheduleDueAt = 0;          ///< the next service deadline (relaunch back-off, expiry)
    quint64 tasksWalkedGeneration = 0; ///< the generation the last walk over the tasks saw
    double tasksDueAt = 0;             ///< the earliest task deadline (`_nextAt`) that walk found
    /// ListTasks results by query (cluster and filters), with the generation they were made at.
    QHash<QString, QPair<quint64, QJsonArray>> taskListings;

    /// Every table with its name in the state file.
    template <typename F> void forEachTable(F &&f)
    {
        f(QStringLiteral("vpcs"), vpcs);
        f(QStringLiteral("subnets"), subnets);
        f(QStringLiteral("routeTables"), routeTables);
        f(QStringLiteral("securityGroups"), securityGroups);
        f(QStringLiteral("networkInterfaces"), networkInterfaces);
        f(QStringLiteral("roles"), roles);
        f(QStringLiteral("dbInstances"), dbInstances);
        f(QStringLiteral("clusters"), clusters);
        f(QStringLiteral("taskDefinitions"), taskDefinitions);
        f(QStringLiteral("services"), services);
        f(QStringLiteral("tasks"), tasks);
        f(QStringLiteral("repositories"), repositories);
        f(QStringLiteral("images"), images);
        f(QStringLiteral("logGroups"), logGroups);
        f(QStringLiteral("logStreams"), logStreams);
    }
};

/// A record without its "_" fields, as the API returns it.
QJsonObject publicView(const QJsonObject &record);

} // namespace aws::sandbox
