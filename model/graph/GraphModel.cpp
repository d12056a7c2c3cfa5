#include "GraphModel.h"

#include "Clipboard.h"

#include "StopReasons.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QGuiApplication>

using namespace graph;

QHash<int, QByteArray> GraphNodeModel::roleNames() const
{
    return {{IdRole, "nodeId"},       {KindRole, "kind"},     {LabelRole, "label"},    {StatusRole, "status"},
            {StatusToneRole, "tone"}, {DetailRole, "detail"}, {GroupRole, "group"},    {XRole, "posX"},
            {YRole, "posY"},          {GreyedRole, "greyed"}, {MatchesRole, "matches"}};
}

QHash<int, QByteArray> GraphEdgeModel::roleNames() const
{
    return {{IdRole, "edgeId"}, {FromRole, "from"}, {ToRole, "to"}, {KindRole, "kind"}, {LabelRole, "label"},
            {X1Role, "x1"},     {Y1Role, "y1"},     {X2Role, "x2"}, {Y2Role, "y2"}};
}

GraphEdgeModel::GraphEdgeModel(const GraphModel *graph)
    : KeyedRowModel(const_cast<GraphModel *>(graph))
    , m_graph(graph)
{}

QVariant GraphEdgeModel::valueOf(int row, int role) const
{
    const Edge e = m_graph->graph().edges().value(keyAt(row));
    const QLineF line = m_graph->edgeLine(e);
    switch (role) {
    case IdRole:
        return e.id;
    case FromRole:
        return e.from;
    case ToRole:
        return e.to;
    case KindRole:
        return e.kind;
    case LabelRole:
        return e.label;
    case X1Role:
        return line.x1();
    case Y1Role:
        return line.y1();
    case X2Role:
        return line.x2();
    case Y2Role:
        return line.y2();
    default:
        return {};
    }
}

GraphModel::GraphModel(QObject *parent)
    : QObject(parent)
    , m_nodes(this)
    , m_edges(this)
{}

void GraphModel::setEngine(InventoryEngine *engine)
{
    if (m_engine == engine)
        return;
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (m_engine)
        connect(m_engine, &InventoryEngine::snapshotChanged, this, &GraphModel::reload);
    emit engineChanged();
    reload();
}

void GraphModel::reload()
{
    if (m_engine && m_engine->snapshot())
        apply(*m_engine->snapshot(), m_engine->visibleTasks());
}

QString GraphModel::tone(const Node &n)
{
    static const QStringList ok{"RUNNING", "ACTIVE", "available"};
    static const QStringList bad{"STOPPED", "failed", "INACTIVE", "incompatible-parameters", "storage-full"};
    if (n.status.isEmpty())
        return QStringLiteral("none");
    if (ok.contains(n.status))
        return QStringLiteral("ok");
    if (bad.contains(n.status))
        return QStringLiteral("bad");
    return QStringLiteral("busy");
}

bool GraphModel::matches(const Node &n) const
{
    if (!m_filterKind.isEmpty() && n.kind != m_filterKind)
        return false;
    if (m_filterText.isEmpty())
        return true;
    return n.label.contains(m_filterText, Qt::CaseInsensitive) ||
           n.id.contains(m_filterText, Qt::CaseInsensitive) ||
           n.detail.contains(m_filterText, Qt::CaseInsensitive);
}

KeyedRow GraphModel::nodeRow(const Node &n) const
{
    return {n.id,
            {{GraphNodeModel::IdRole, n.id},
             {GraphNodeModel::KindRole, n.kind},
             {GraphNodeModel::LabelRole, n.label},
             {GraphNodeModel::StatusRole, n.status},
             {GraphNodeModel::StatusToneRole, tone(n)},
             {GraphNodeModel::DetailRole, n.detail},
             {GraphNodeModel::GroupRole, n.group},
             {GraphNodeModel::XRole, n.pos.x()},
             {GraphNodeModel::YRole, n.pos.y()},
             {GraphNodeModel::GreyedRole, n.greyed},
             {GraphNodeModel::MatchesRole, matches(n)}}};
}

GraphDiff GraphModel::apply(const inventory::Snapshot &snap, const QList<inventory::VisibleTask> &tasks)
{
    QElapsedTimer t;
    t.start();
    const GraphDiff d = m_graph.apply(snap, tasks);
    for (const QString &id : d.removedEdges)
        m_edges.removeKey(id);
    for (const QString &id : d.removedNodes)
        m_nodes.removeKey(id);
    for (const QStringList *list : {&d.addedNodes, &d.changedNodes})
        for (const QString &id : *list)
            syncNode(m_graph.nodes().value(id), true);
    for (const QStringList *list : {&d.addedEdges, &d.changedEdges})
        for (const QString &id : *list)
            m_edges.upsertKey(id);
    m_lastApplyMs = t.nsecsElapsed() / 1e6;
    if (!d.isEmpty()) {
        emit graphChanged(d.addedNodes + d.changedNodes, d.edgesAffected() || !d.removedNodes.isEmpty());
        emit layoutChanged();
    }
    return d;
}

QLineF GraphModel::edgeLine(const Edge &e) const
{
    const QPointF c(ResourceGraph::NodeW / 2, ResourceGraph::NodeH / 2);
    return {m_graph.nodes().value(e.from).pos + c, m_graph.nodes().value(e.to).pos + c};
}

GraphModel::EdgeRoute GraphModel::edgeRoute(const Edge &e) const
{
    constexpr double bendMinDx = 420; // more than a column: a node plus its gap, ~300
    constexpr double drop = 50;       // half a node plus most of the gap below it
    const QLineF line = edgeLine(e);
    if (qAbs(line.dy()) < 1 && qAbs(line.dx()) > bendMinDx) {
        const QPointF down(0, drop);
        return {QPolygonF{line.p1(), line.p1() + down, line.p2() + down, line.p2()}, line.center() + down};
    }
    return {QPolygonF{line.p1(), line.p2()}, line.center()};
}

void GraphModel::syncNode(const Node &n, bool changed)
{
    const QRectF rect(n.pos, QSizeF(ResourceGraph::NodeW, ResourceGraph::NodeH));
    if (!m_viewport.isNull() && !m_viewport.intersects(rect))
        m_nodes.removeKey(n.id);
    else if (changed || m_nodes.indexOfKey(n.id) < 0)
        m_nodes.upsertRow(nodeRow(n));
}

void GraphModel::setViewport(const QRectF &viewport)
{
    if (m_viewport == viewport)
        return;
    m_viewport = viewport;
    // Every pan frame lands here: only rows entering or leaving the view.
    for (const Node &n : m_graph.nodes())
        syncNode(n, false);
    emit viewportChanged();
}

void GraphModel::setFilterText(const QString &text)
{
    if (m_filterText == text)
        return;
    m_filterText = text;
    for (const Node &n : m_graph.nodes())
        syncNode(n, true);
    emit filterChanged();
}

void GraphModel::setFilterKind(const QString &kind)
{
    if (m_filterKind == kind)
        return;
    m_filterKind = kind;
    for (const Node &n : m_graph.nodes())
        syncNode(n, true);
    emit filterChanged();
}

void GraphModel::copyToClipboard(const QString &text) const
{
    copyToSystemClipboard(text);
}

QStringList GraphModel::detailsOf(const QString &id) const
{
    const auto it = m_graph.nodes().find(id);
    if (it == m_graph.nodes().end())
        return {};
    QStringList out{QStringLiteral("Kind: %1").arg(it->kind), QStringLiteral("Name: %1").arg(it->label),
                    QStringLiteral("Id: %1").arg(it->id)};
    if (!it->status.isEmpty())
        out << QStringLiteral("Status: %1").arg(it->status);
    if (m_engine && it->kind == QLatin1String("task")) {
        for (const inventory::VisibleTask &vt : m_engine->visibleTasks()) {
            if (vt.task.arn != id)
                continue;
            const inventory::AppAddress a = m_engine->address(vt.task);
            out << QStringLiteral("Private IP: %1")
                       .arg(vt.task.privateIp.isEmpty() ? QStringLiteral("—") : vt.task.privateIp);
            out << QStringLiteral("Public IP: %1")
                       .arg(a.stateText().isEmpty() ? QStringLiteral("—") : a.stateText());
            if (vt.task.lastStatus == QLatin1String("STOPPED"))
                out << QStringLiteral("Why it stopped: %1").arg(inventory::explainStop(vt.task).sentence);
            if (vt.forgotten)
                out << QStringLiteral("ECS no longer lists this task; shown for an hour after it stopped.");
        }
    } else if (!it->detail.isEmpty()) {
        out << QStringLiteral("Detail: %1").arg(it->detail);
    }
    for (const Edge &e : m_graph.edges())
        if (e.from == id)
            out << QStringLiteral("%1 → %2").arg(e.label, m_graph.nodes().value(e.to).label);
    return out;
}

QStringList GraphModel::urlsOf(const QString &id) const
{
    if (!m_engine)
        return {};
    for (const inventory::VisibleTask &vt : m_engine->visibleTasks())
        if (vt.task.arn == id && !vt.forgotten)
            return m_engine->address(vt.task).urls;
    return {};
}
