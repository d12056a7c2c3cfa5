#pragma once
// The resource graph for QML: a node list and an edge list (both updated in
// place from each snapshot's diff), search and kind filter as a "matches"
// role (rows never disappear, so the view does not jump), and selection.

#include "KeyedRowModel.h"
#include "ResourceGraph.h"

#include <QLineF>
#include <QPointer>
#include <QPolygonF>

class GraphNodeModel : public KeyedRowModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by GraphModel")
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< ARN or resource id (the row's key)
        KindRole,   ///< vpc, securityGroup, database, repository, logGroup, taskDefinition, cluster, service,
                    ///< task
        LabelRole,  ///< short name shown on the node
        StatusRole, ///< the resource's status word (RUNNING, available, …)
        StatusToneRole, ///< ring colour class: "ok", "busy", "bad", "none"
        DetailRole,     ///< second line: IP, ports, stop cause
        GroupRole,      ///< compound group: cluster ARN or "account:<kind>"
        XRole,          ///< layout x (scene units)
        YRole,          ///< layout y (scene units)
        GreyedRole,     ///< stopped or forgotten: drawn faded
        MatchesRole,    ///< matches the current search text and kind filter
    };
    Q_ENUM(Role)
    using KeyedRowModel::KeyedRowModel;
    QHash<int, QByteArray> roleNames() const override;
    friend class GraphModel;
};

class GraphModel;

/// Computes each row from the graph when asked: 4,800 edges of stored role
/// values held 9 MB that nothing but an occasional reader looked at.
class GraphEdgeModel : public KeyedRowModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by GraphModel")
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< from|kind|to (the row's key)
        FromRole,                  ///< source node id
        ToRole,                    ///< target node id
        KindRole,                  ///< runsIn, belongsTo, uses, usesImage, allows, connectsTo
        LabelRole,                 ///< text on the edge ("allows 6400")
        X1Role,                    ///< source node centre x
        Y1Role,                    ///< source node centre y
        X2Role,                    ///< target node centre x
        Y2Role,                    ///< target node centre y
    };
    Q_ENUM(Role)
    explicit GraphEdgeModel(const GraphModel *graph);
    QHash<int, QByteArray> roleNames() const override;
    QVariant valueOf(int row, int role) const override;
    friend class GraphModel;

private:
    const GraphModel *m_graph;
};

class GraphModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(InventoryEngine *engine READ engine WRITE setEngine NOTIFY engineChanged)
    Q_PROPERTY(GraphNodeModel *nodes READ nodes CONSTANT)
    Q_PROPERTY(GraphEdgeModel *edges READ edges CONSTANT)
    /// Search text (name, id or detail, case-insensitive); empty matches all.
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterChanged)
    /// Node kind to show ("" for all).
    Q_PROPERTY(QString filterKind READ filterKind WRITE setFilterKind NOTIFY filterChanged)
    Q_PROPERTY(QRectF bounds READ bounds NOTIFY layoutChanged)
    Q_PROPERTY(double nodeWidth READ nodeWidth CONSTANT)
    Q_PROPERTY(double nodeHeight READ nodeHeight CONSTANT)
    /// The scene rectangle the view shows, with a margin. When set, the node
    /// model holds only rows that reach into it, so a view of the 2,000-node
    /// account builds a few dozen delegates, not thousands. Null (the
    /// default): every row. The edge model always holds every edge (the view
    /// paints edges with GraphCanvas, not as delegates).
    Q_PROPERTY(QRectF viewport READ viewport WRITE setViewport NOTIFY viewportChanged)
    /// Every node of the graph, whatever the viewport.
    Q_PROPERTY(int nodeCount READ nodeCount NOTIFY layoutChanged)
    /// Time the last snapshot took to diff and lay out, in ms.
    Q_PROPERTY(double lastApplyMs READ lastApplyMs NOTIFY layoutChanged)
public:
    explicit GraphModel(QObject *parent = nullptr);
    InventoryEngine *engine() const { return m_engine; }
    void setEngine(InventoryEngine *engine);
    GraphNodeModel *nodes() { return &m_nodes; }
    GraphEdgeModel *edges() { return &m_edges; }
    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &t);
    QString filterKind() const { return m_filterKind; }
    void setFilterKind(const QString &k);
    QRectF bounds() const { return m_graph.bounds(); }
    double nodeWidth() const { return graph::ResourceGraph::NodeW; }
    double nodeHeight() const { return graph::ResourceGraph::NodeH; }
    double lastApplyMs() const { return m_lastApplyMs; }
    QRectF viewport() const { return m_viewport; }
    void setViewport(const QRectF &viewport);
    int nodeCount() const { return int(m_graph.nodes().size()); }
    const graph::ResourceGraph &graph() const { return m_graph; }

    /// Centre of the source node to centre of the target node (scene units).
    QLineF edgeLine(const graph::Edge &e) const;
    /// How an edge is drawn (scene units): centre to centre, or — between
    /// nodes more than a column apart in one row — down, across below the row
    /// and up, so that it never runs behind the nodes between its ends.
    struct EdgeRoute {
        QPolygonF points;
        QPointF labelAt; ///< the middle of the middle segment
    };
    EdgeRoute edgeRoute(const graph::Edge &e) const;
    /// The status ring's colour class: "ok", "busy", "bad" or "none".
    static QString tone(const graph::Node &n);
    bool matches(const graph::Node &n) const;

    /// Applies one snapshot (what the engine's snapshotChanged triggers).
    graph::GraphDiff apply(const inventory::Snapshot &snap, const QList<inventory::VisibleTask> &tasks);
    /// Copies text to the system clipboard (QML has none).
    Q_INVOKABLE void copyToClipboard(const QString &text) const;
    /// Lines describing a node for the details panel: "Label: value".
    Q_INVOKABLE QStringList detailsOf(const QString &id) const;
    /// URLs to open for a node (a running task's http://IP:PORT).
    Q_INVOKABLE QStringList urlsOf(const QString &id) const;

signals:
    void engineChanged();
    void filterChanged();
    void layoutChanged();
    void viewportChanged();
    /// After apply(): which nodes changed (added or changed; removed ones are
    /// gone), and whether edges may look different (GraphDiff::edgesAffected).
    void graphChanged(const QStringList &changedNodes, bool edgesAffected);

private:
    void reload();
    KeyedRow nodeRow(const graph::Node &n) const;
    /// Puts the row in its model when it reaches into the viewport, takes it
    /// out otherwise; `changed`: the node's content changed (else a row that
    /// is already there is left as it is).
    void syncNode(const graph::Node &n, bool changed);

    QPointer<InventoryEngine> m_engine;
    graph::ResourceGraph m_graph;
    QRectF m_viewport;
    GraphNodeModel m_nodes;
    GraphEdgeModel m_edges;
    QString m_filterText, m_filterKind;
    double m_lastApplyMs = 0;
};
