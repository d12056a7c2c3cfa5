#pragma once
// Paints the graph's edges — and, zoomed out below reading size, its nodes as
// plain boxes with their status ring — in one QPainter pass, instead of as
// thousands of QML items. With the large account's 4,800 edges as delegates
// (seven items each), panning took 49 ms a frame and a fitted view 885 ms; a
// painted layer is re-blitted while panning and repainted only when the view
// leaves the area painted around it.
//
// The canvas sits unscaled in the view's scene origin: it places and sizes
// itself (scene area × zoom) and paints at screen resolution.

#include "GraphModel.h"

#include <QPointer>
#include <QQuickPaintedItem>

class GraphCanvas : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(GraphModel *graph READ graph WRITE setGraph NOTIFY graphChanged)
    /// The scene rectangle on screen (scene units).
    Q_PROPERTY(QRectF visibleArea READ visibleArea WRITE setVisibleArea NOTIFY visibleAreaChanged)
    Q_PROPERTY(double zoom READ zoom WRITE setZoom NOTIFY zoomChanged)
    /// Draw the nodes too (when the view builds no node delegates).
    Q_PROPERTY(bool drawNodes READ drawNodes WRITE setDrawNodes NOTIFY drawNodesChanged)
    /// Draw the labels on the edges ("allows 6400").
    Q_PROPERTY(bool drawLabels READ drawLabels WRITE setDrawLabels NOTIFY drawLabelsChanged)
    Q_PROPERTY(QString selectedId READ selectedId WRITE setSelectedId NOTIFY selectedIdChanged)
    /// The inventory Theme: colours are read from its properties.
    Q_PROPERTY(QObject *theme READ theme WRITE setTheme NOTIFY themeChanged)
public:
    explicit GraphCanvas(QQuickItem *parent = nullptr);

    GraphModel *graph() const { return m_graph; }
    void setGraph(GraphModel *graph);
    QRectF visibleArea() const { return m_visible; }
    void setVisibleArea(const QRectF &area);
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    bool drawNodes() const { return m_drawNodes; }
    void setDrawNodes(bool on);
    bool drawLabels() const { return m_drawLabels; }
    void setDrawLabels(bool on);
    QString selectedId() const { return m_selectedId; }
    void setSelectedId(const QString &id);
    QObject *theme() const { return m_theme; }
    void setTheme(QObject *theme);

    /// The node under a point of this item (for clicks on drawn nodes), or "".
    Q_INVOKABLE QString nodeAt(double x, double y) const;

    void paint(QPainter *painter) override;

protected:
    /// Paints the area around the visible one again (and moves there) when
    /// the view has left the area painted last, or the zoom changed.
    void updatePolish() override;

signals:
    void graphChanged();
    void visibleAreaChanged();
    void zoomChanged();
    void drawNodesChanged();
    void drawLabelsChanged();
    void selectedIdChanged();
    void themeChanged();

private:
    void onGraphChanged(const QStringList &changedNodes, bool edgesAffected);
    struct Colours;
    Colours colours() const;
    void paintEdges(QPainter *p, const Colours &c) const;
    void paintNodes(QPainter *p, const Colours &c) const;

    QPointer<GraphModel> m_graph;
    QPointer<QObject> m_theme;
    QRectF m_visible; ///< scene units
    QRectF m_area;    ///< what the texture holds, scene units
    double m_zoom = 1.0;
    bool m_drawNodes = false;
    bool m_drawLabels = true;
    QString m_selectedId;
};
