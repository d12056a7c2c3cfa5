#pragma once
// The account as nodes and typed edges with stable identities (ARN or id).
// apply() diffs a snapshot into the current graph and reports what was
// added, changed and removed, so list models update in place. Positions come
// from a slot layout: each cluster (and each account-level kind) owns a
// column block, each node keeps the slot it got when it first appeared, so
// nothing moves when others come and go.

#include "InventoryEngine.h"

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QSet>

namespace graph {

struct Node {
    QString id;     ///< ARN or resource id
    QString kind;   ///< vpc, subnet, securityGroup, database, repository, cluster, service, task,
                    ///< taskDefinition, logGroup
    QString label;  ///< short name
    QString status; ///< the resource's own status word
    QString group;  ///< compound: the cluster ARN, or "account:<kind>"
    QString detail; ///< one line under the label (IP, ports, stop cause)
    bool greyed = false;
    QPointF pos;
    quint64 pass = 0; ///< the last apply() that listed it (bookkeeping, not compared)
    bool operator==(const Node &o) const
    {
        return id == o.id && kind == o.kind && label == o.label && status == o.status && group == o.group &&
               detail == o.detail && greyed == o.greyed && pos == o.pos;
    }
};

struct Edge {
    QString id; ///< from|kind|to
    QString from, to;
    QString kind;     ///< runsIn, belongsTo, uses, usesImage, allows, connectsTo
    QString label;    ///< "runs in", "allows 6400", …
    quint64 pass = 0; ///< the last apply() that listed it (bookkeeping, not compared)
    bool operator==(const Edge &o) const
    {
        return id == o.id && from == o.from && to == o.to && kind == o.kind && label == o.label;
    }
};

struct GraphDiff {
    QStringList addedNodes, changedNodes, removedNodes;
    QStringList addedEdges, changedEdges, removedEdges;
    bool moved = false; ///< a kept node changed place
    /// Whether edges may be drawn differently: an edge came, went or
    /// changed, or a node they run between came, went or moved.
    bool edgesAffected() const
    {
        return moved || !addedNodes.isEmpty() || !removedNodes.isEmpty() || !addedEdges.isEmpty() ||
               !changedEdges.isEmpty() || !removedEdges.isEmpty();
    }
    bool isEmpty() const
    {
        return addedNodes.isEmpty() && changedNodes.isEmpty() && removedNodes.isEmpty() &&
               addedEdges.isEmpty() && changedEdges.isEmpty() && removedEdges.isEmpty();
    }
};

class ResourceGraph {
public:
    static constexpr double NodeW = 190, NodeH = 64, GapX = 110, GapY = 36;
    static constexpr int ColumnsPerGroup = 3;

    /// Diffs the snapshot (and the engine's remembered stopped tasks) in.
    GraphDiff apply(const inventory::Snapshot &snap, const QList<inventory::VisibleTask> &tasks);
    const QHash<QString, Node> &nodes() const { return m_nodes; }
    const QHash<QString, Edge> &edges() const { return m_edges; }
    /// Bounding box of every node.
    QRectF bounds() const;

private:
    QPointF place(const Node &n);
    void release(const Node &n);

    QHash<QString, Node> m_nodes;
    QHash<QString, Edge> m_edges;
    QHash<QString, int> m_blocks; ///< compound group → its first column
    struct Group {
        QList<bool> taken; ///< slot → taken
    };
    QHash<QString, Group> m_groups;
    QHash<QString, int> m_slotOf; ///< node id → slot in its group
    int m_nextColumn = 0;
    quint64 m_pass = 0;         ///< apply() calls so far
    QList<Node> m_scratchNodes; ///< apply()'s node list, empty between calls
    QList<Edge> m_scratchEdges; ///< apply()'s edge list, empty between calls
};

} // namespace graph
