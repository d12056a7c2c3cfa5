#include "ResourceGraph.h"

#include "StopReasons.h"

#include <QRectF>

using namespace inventory;

namespace graph {

namespace {
// Inside a cluster's block: the cluster in the first column, its services in
// the second, tasks in the third — so edges mostly join neighbours.
struct Tier {
    int offset, width;
};
Tier tierOf(const QString &kind)
{
    if (kind == QLatin1String("cluster"))
        return {0, 1};
    if (kind == QLatin1String("service"))
        return {1, 1};
    return {2, 1};
}
QString slotGroup(const Node &n)
{
    return n.group.startsWith(QLatin1String("account:")) ? n.group : n.group + QLatin1Char('#') + n.kind;
}
} // namespace

QPointF ResourceGraph::place(const Node &n)
{
    const bool account = n.group.startsWith(QLatin1String("account:"));
    auto block = m_blocks.find(n.group);
    if (block == m_blocks.end()) {
        block = m_blocks.insert(n.group, m_nextColumn);
        m_nextColumn += account ? 1 : ColumnsPerGroup;
    }
    Group &g = m_groups[slotGroup(n)];
    int slot = m_slotOf.value(n.id, -1);
    if (slot < 0) {
        slot = int(g.taken.indexOf(false));
        if (slot < 0) {
            slot = int(g.taken.size());
            g.taken.append(true);
        } else {
            g.taken[slot] = true;
        }
        m_slotOf.insert(n.id, slot);
    }
    const Tier tier = account ? Tier{0, 1} : tierOf(n.kind);
    const int col = block.value() + tier.offset + slot % tier.width;
    const int row = slot / tier.width;
    return {col * (NodeW + GapX), row * (NodeH + GapY)};
}

void ResourceGraph::release(const Node &n)
{
    const int slot = m_slotOf.take(n.id);
    auto it = m_groups.find(slotGroup(n));
    if (it != m_groups.end() && slot >= 0 && slot < it->taken.size())
        it->taken[slot] = false;
}

QRectF ResourceGraph::bounds() const
{
    QRectF r;
    for (const Node &n : m_nodes)
        r |= QRectF(n.pos, QSizeF(NodeW, NodeH));
    return r;
}

GraphDiff ResourceGraph::apply(const Snapshot &snap, const QList<VisibleTask> &tasks)
{
    QList<Node> nodes;
    QList<Edge> edges;
    auto acct = [](const char *kind) { return QStringLiteral("account:") + QLatin1String(kind); };
    auto edge = [&](const QString &from, const QString &to, const char *kind, const QString &label) {
        if (from.isEmpty() || to.isEmpty())
            return;
        edges.append({from + QLatin1Char('|') + QLatin1String(kind) + QLatin1Char('|') + to, from, to,
                      QLatin1String(kind), label});
    };
    QHash<QString, QString> sgPorts;
    for (const SecurityGroup &g : snap.securityGroups)
        sgPorts.insert(g.id, g.allowedPorts().join(QStringLiteral(", ")));
    auto allows = [&](const QString &from, const QStringList &groups) {
        for (const QString &g : groups)
            if (sgPorts.contains(g))
                edge(from, g, "allows", QStringLiteral("allows ") + sgPorts.value(g));
    };
    for (const LogGroup &l : snap.logGroups)
        nodes.append({l.arn.isEmpty() ? l.name : l.arn,
                      QStringLiteral("logGroup"),
                      l.name,
                      QString(),
                      acct("logGroup"),
                      QString(),
                      false,
                      {}});
    for (const Repository &r : snap.repositories)
        nodes.append({r.arn,
                      QStringLiteral("repository"),
                      r.name,
                      QString(),
                      acct("repository"),
                      QStringLiteral("%1 image(s)").arg(r.images.size()),
                      false,
                      {}});
    for (const TaskDefinition &td : snap.taskDefinitions) {
        nodes.append({td.arn,
                      QStringLiteral("taskDefinition"),
                      QStringLiteral("%1:%2").arg(td.family).arg(td.revision),
                      QString(),
                      acct("taskDefinition"),
                      QString(),
                      false,
                      {}});
        for (const ContainerDefinition &c : td.containers) {
            for (const Repository &r : snap.repositories)
                if (!r.uri.isEmpty() && (c.image == r.uri || c.image.startsWith(r.uri + QLatin1Char(':')) ||
                                         c.image.startsWith(r.uri + QLatin1Char('@'))))
                    edge(td.arn, r.arn, "usesImage", QStringLiteral("uses image"));
            for (const QString &v : c.environmentValues)
                if (const DbInstance *db = snap.databaseForEndpoint(v))
                    edge(td.arn, db->arn.isEmpty() ? db->id : db->arn, "connectsTo",
                         QStringLiteral("connects to"));
        }
    }
    for (const DbInstance &db : snap.databases) {
        nodes.append({db.arn.isEmpty() ? db.id : db.arn,
                      QStringLiteral("database"),
                      db.id,
                      db.status,
                      acct("database"),
                      db.engine + QStringLiteral(" :") + QString::number(db.port),
                      false,
                      {}});
        allows(db.arn.isEmpty() ? db.id : db.arn, db.securityGroups);
    }
    // Account-level blocks, left to right in this order, so the common edges
    // (uses image, connects to, allows) mostly join neighbouring columns.
    for (const SecurityGroup &g : snap.securityGroups) {
        const QString ports = sgPorts.value(g.id);
        nodes.append({g.id,
                      QStringLiteral("securityGroup"),
                      g.name,
                      QString(),
                      acct("securityGroup"),
                      ports.isEmpty() ? g.id : QStringLiteral("allows ") + ports,
                      false,
                      {}});
    }
    for (const Cluster &c : snap.clusters)
        nodes.append({c.arn,
                      QStringLiteral("cluster"),
                      c.name,
                      c.status,
                      c.arn,
                      QStringLiteral("%1 running").arg(c.runningTasks),
                      false,
                      {}});
    for (const Service &s : snap.services) {
        nodes.append({s.arn,
                      QStringLiteral("service"),
                      s.name,
                      s.status,
                      s.clusterArn,
                      QStringLiteral("%1/%2 running").arg(s.running).arg(s.desired),
                      false,
                      {}});
        edge(s.arn, s.clusterArn, "runsIn", QStringLiteral("runs in"));
        allows(s.arn, s.securityGroups);
    }
    // Indexes, so tasks find their service and definition without a scan each.
    QHash<QString, const Service *> serviceByName;
    for (const Service &s : snap.services)
        serviceByName.insert(s.clusterArn + QLatin1Char('|') + s.name, &s);
    QSet<QString> defs;
    for (const TaskDefinition &td : snap.taskDefinitions)
        defs.insert(td.arn);
    for (const VisibleTask &vt : tasks) {
        const Task &t = vt.task;
        const bool stopped = t.lastStatus == QLatin1String("STOPPED");
        QString detail = t.publicIp.isEmpty() ? t.privateIp : t.publicIp;
        if (stopped)
            detail = explainStop(t).cause;
        nodes.append({t.arn,
                      QStringLiteral("task"),
                      t.id.left(12),
                      t.lastStatus,
                      t.clusterArn,
                      detail,
                      stopped || vt.forgotten,
                      {}});
        const Service *svc = serviceByName.value(t.clusterArn + QLatin1Char('|') + t.serviceName());
        if (svc)
            edge(t.arn, svc->arn, "belongsTo", QStringLiteral("task of"));
        else
            edge(t.arn, t.clusterArn, "runsIn", QStringLiteral("runs in"));
        if (defs.contains(t.taskDefinitionArn))
            edge(t.arn, t.taskDefinitionArn, "uses", QStringLiteral("uses"));
    }

    GraphDiff diff;
    QSet<QString> seen;
    for (Node &n : nodes) {
        if (seen.contains(n.id))
            continue;
        seen.insert(n.id);
        auto it = m_nodes.find(n.id);
        if (it != m_nodes.end() && it->group != n.group) {
            release(*it);
        }
        n.pos = place(n);
        if (it == m_nodes.end()) {
            m_nodes.insert(n.id, n);
            diff.addedNodes << n.id;
        } else if (!(*it == n)) {
            *it = n;
            diff.changedNodes << n.id;
        }
    }
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (!seen.contains(it.key())) {
            diff.removedNodes << it.key();
            release(*it);
            it = m_nodes.erase(it);
        } else {
            ++it;
        }
    }
    QSet<QString> seenEdges;
    for (const Edge &e : std::as_const(edges)) {
        if (seenEdges.contains(e.id) || !m_nodes.contains(e.from) || !m_nodes.contains(e.to))
            continue;
        seenEdges.insert(e.id);
        auto it = m_edges.find(e.id);
        if (it == m_edges.end()) {
            m_edges.insert(e.id, e);
            diff.addedEdges << e.id;
        } else if (!(*it == e)) {
            *it = e;
            diff.changedEdges << e.id;
        }
    }
    for (auto it = m_edges.begin(); it != m_edges.end();) {
        if (!seenEdges.contains(it.key())) {
            diff.removedEdges << it.key();
            it = m_edges.erase(it);
        } else {
            ++it;
        }
    }
    // Deterministic signal order regardless of hash order.
    diff.addedNodes.sort();
    diff.addedEdges.sort();
    return diff;
}

} // namespace graph
