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
    // Scratch lists kept across calls: clear() keeps their capacity, so the
    // large-account lists (hundreds of KB each) are not mapped, faulted in and
    // unmapped again on every snapshot.
    QList<Node> &nodes = m_scratchNodes;
    QList<Edge> &edges = m_scratchEdges;
    nodes.clear();
    edges.clear();
    // Reserved up front: the lists are rebuilt on every snapshot, and growing
    // them node by node reallocates and moves thousands of entries.
    nodes.reserve(snap.logGroups.size() + snap.repositories.size() + snap.taskDefinitions.size() +
                  snap.databases.size() + snap.securityGroups.size() + snap.clusters.size() +
                  snap.services.size() + tasks.size());
    edges.reserve(2 * (snap.services.size() + tasks.size()) + snap.taskDefinitions.size());
    // One shared string per account-level group instead of one per node.
    const QString acctLogGroup = QStringLiteral("account:logGroup");
    const QString acctRepository = QStringLiteral("account:repository");
    const QString acctTaskDefinition = QStringLiteral("account:taskDefinition");
    const QString acctDatabase = QStringLiteral("account:database");
    const QString acctSecurityGroup = QStringLiteral("account:securityGroup");
    // kind is a QStringLiteral at every call, so edges share it instead of
    // converting a C string per edge.
    auto edge = [&](const QString &from, const QString &to, const QString &kind, const QString &label) {
        if (from.isEmpty() || to.isEmpty())
            return;
        // Built in one allocation: every edge of every snapshot gets its id.
        QString id;
        id.reserve(from.size() + kind.size() + to.size() + 2);
        id.append(from).append(QLatin1Char('|')).append(kind).append(QLatin1Char('|')).append(to);
        edges.append({std::move(id), from, to, kind, label});
    };
    // "allows <ports>" per group, built once: it labels every edge to the
    // group and the group's own node.
    const QString allowsPrefix = QStringLiteral("allows ");
    QHash<QString, QString> sgAllows;
    sgAllows.reserve(snap.securityGroups.size());
    for (const SecurityGroup &g : snap.securityGroups)
        sgAllows.insert(g.id, allowsPrefix + g.allowedPorts().join(QStringLiteral(", ")));
    auto allows = [&](const QString &from, const QStringList &groups) {
        for (const QString &g : groups) {
            const auto it = sgAllows.constFind(g);
            if (it != sgAllows.cend())
                edge(from, g, QStringLiteral("allows"), *it);
        }
    };
    for (const LogGroup &l : snap.logGroups)
        nodes.append({l.arn.isEmpty() ? l.name : l.arn,
                      QStringLiteral("logGroup"),
                      l.name,
                      QString(),
                      acctLogGroup,
                      QString(),
                      false,
                      {}});
    for (const Repository &r : snap.repositories)
        nodes.append({r.arn,
                      QStringLiteral("repository"),
                      r.name,
                      QString(),
                      acctRepository,
                      QStringLiteral("%1 image(s)").arg(r.images.size()),
                      false,
                      {}});
    for (const TaskDefinition &td : snap.taskDefinitions) {
        nodes.append({td.arn,
                      QStringLiteral("taskDefinition"),
                      QStringLiteral("%1:%2").arg(td.family).arg(td.revision),
                      QString(),
                      acctTaskDefinition,
                      QString(),
                      false,
                      {}});
        for (const ContainerDefinition &c : td.containers) {
            for (const Repository &r : snap.repositories)
                // The image is the repository's URI, optionally followed by
                // ":tag" or "@digest"; tested in place, without building the
                // prefixed URIs for every container × repository pair.
                if (!r.uri.isEmpty() && c.image.startsWith(r.uri) &&
                    (c.image.size() == r.uri.size() || c.image.at(r.uri.size()) == QLatin1Char(':') ||
                     c.image.at(r.uri.size()) == QLatin1Char('@')))
                    edge(td.arn, r.arn, QStringLiteral("usesImage"), QStringLiteral("uses image"));
            for (const QString &v : c.environmentValues)
                if (const DbInstance *db = snap.databaseForEndpoint(v))
                    edge(td.arn, db->arn.isEmpty() ? db->id : db->arn, QStringLiteral("connectsTo"),
                         QStringLiteral("connects to"));
        }
    }
    for (const DbInstance &db : snap.databases) {
        nodes.append({db.arn.isEmpty() ? db.id : db.arn,
                      QStringLiteral("database"),
                      db.id,
                      db.status,
                      acctDatabase,
                      db.engine + QStringLiteral(" :") + QString::number(db.port),
                      false,
                      {}});
        allows(db.arn.isEmpty() ? db.id : db.arn, db.securityGroups);
    }
    // Account-level blocks, left to right in this order, so the common edges
    // (uses image, connects to, allows) mostly join neighbouring columns.
    for (const SecurityGroup &g : snap.securityGroups) {
        const QString label = sgAllows.value(g.id);
        nodes.append({g.id,
                      QStringLiteral("securityGroup"),
                      g.name,
                      QString(),
                      acctSecurityGroup,
                      label.size() == allowsPrefix.size() ? g.id : label, // no ports: the id
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
        edge(s.arn, s.clusterArn, QStringLiteral("runsIn"), QStringLiteral("runs in"));
        allows(s.arn, s.securityGroups);
    }
    // Indexes, so tasks find their service and definition without a scan each.
    // Keyed by (cluster, name) pairs of shared strings: no key is built per task.
    QHash<std::pair<QString, QString>, const Service *> serviceByName;
    serviceByName.reserve(snap.services.size());
    for (const Service &s : snap.services)
        serviceByName.insert({s.clusterArn, s.name}, &s);
    QSet<QString> defs;
    defs.reserve(snap.taskDefinitions.size());
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
        const Service *svc = serviceByName.value({t.clusterArn, t.serviceName()});
        if (svc)
            edge(t.arn, svc->arn, QStringLiteral("belongsTo"), QStringLiteral("task of"));
        else
            edge(t.arn, t.clusterArn, QStringLiteral("runsIn"), QStringLiteral("runs in"));
        if (defs.contains(t.taskDefinitionArn))
            edge(t.arn, t.taskDefinitionArn, QStringLiteral("uses"), QStringLiteral("uses"));
    }

    GraphDiff diff;
    // Entries listed by this pass carry its number: that marks duplicates and
    // what went away without a set of every id per snapshot.
    const quint64 pass = ++m_pass;
    qsizetype seen = 0;
    m_nodes.reserve(nodes.size());
    for (Node &n : nodes) {
        auto it = m_nodes.find(n.id);
        if (it != m_nodes.end() && it->pass == pass)
            continue;
        ++seen;
        n.pass = pass;
        if (it != m_nodes.end() && it->group == n.group && it->kind == n.kind) {
            // Same group and kind: the node keeps its slot and its group its
            // block, so place() would return the same position again.
            n.pos = it->pos;
        } else {
            if (it != m_nodes.end() && it->group != n.group)
                release(*it);
            n.pos = place(n);
        }
        if (it == m_nodes.end()) {
            const QString id = n.id;
            diff.addedNodes << id;
            m_nodes.insert(id, std::move(n));
        } else if (!(*it == n)) {
            diff.changedNodes << n.id;
            diff.moved = diff.moved || it->pos != n.pos;
            *it = std::move(n);
        } else {
            it->pass = pass;
        }
    }
    // Every seen id is in m_nodes, so equal sizes mean nothing went away and
    // the sweep can be skipped.
    for (auto it = m_nodes.begin(); seen != m_nodes.size() && it != m_nodes.end();) {
        if (it->pass != pass) {
            diff.removedNodes << it.key();
            release(*it);
            it = m_nodes.erase(it);
        } else {
            ++it;
        }
    }
    qsizetype seenEdges = 0;
    m_edges.reserve(edges.size());
    for (Edge &e : edges) {
        auto it = m_edges.find(e.id);
        if ((it != m_edges.end() && it->pass == pass) || !m_nodes.contains(e.from) || !m_nodes.contains(e.to))
            continue;
        ++seenEdges;
        e.pass = pass;
        if (it == m_edges.end()) {
            const QString id = e.id;
            diff.addedEdges << id;
            m_edges.insert(id, std::move(e));
        } else if (it->from != e.from || it->to != e.to || it->kind != e.kind || it->label != e.label) {
            // The id matched through the lookup, so it is not compared again.
            diff.changedEdges << e.id;
            *it = std::move(e);
        } else {
            it->pass = pass;
        }
    }
    // As for nodes: equal sizes mean no edge went away.
    for (auto it = m_edges.begin(); seenEdges != m_edges.size() && it != m_edges.end();) {
        if (it->pass != pass) {
            diff.removedEdges << it.key();
            it = m_edges.erase(it);
        } else {
            ++it;
        }
    }
    // Deterministic signal order regardless of hash order.
    diff.addedNodes.sort();
    diff.addedEdges.sort();
    nodes.clear();
    edges.clear();
    return diff;
}

} // namespace graph
