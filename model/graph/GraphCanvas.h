#pragma once
// Paints the graph's edges — and, zoomed out below reading size, its nodes as
// plain boxes with their status ring — in one QPainter pass, instead of as
// thousands of QML items. With the large account's 4,800 edges as delegates
// (seven items each), panning took 49 ms a frame and a fitted view 885 ms; a
// painted layer is re-blitted while panning and repainted only when the view
// leaves the area painted around it. At reading zoom, as the view nears the
// edge of that area, the area around the view is painted on the thread pool
// ahead of need (paintAhead), so panning does not stop for a repaint.
//
// The canvas sits unscaled in the view's scene origin: it places and sizes
// itself (scene area × zoom) and paints at screen resolution.

#include "GraphModel.h"

#include <QImage>
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
    /// What drawing the edges of an area needs, copied out of the graph so
    /// another thread can draw it.
    struct Stroke {
        QPolygonF points;
        QColor colour;
        qreal width;
    };
    struct Label {
        QPointF at;
        QString text;
    };
    struct EdgeScene {
        QRectF area;
        double zoom = 1;
        bool antialias = true;
        QColor border, labelBackground, labelText;
        QList<Stroke> strokes;
        QList<Label> labels;
    };
    EdgeScene collectEdges(const QRectF &area, const Colours &c) const;
    static void drawEdges(QPainter *p, const EdgeScene &scene);
    static QImage render(const EdgeScene &scene, qreal dpr);
    void paintNodes(QPainter *p, const Colours &c) const;
    static QRectF areaAround(const QRectF &visible);
    void moveTo(const QRectF &area);
    void paintAhead();
    void invalidateAhead();

    QPointer<GraphModel> m_graph;
    QPointer<QObject> m_theme;
    QRectF m_visible; ///< scene units
    QRectF m_area;    ///< what the texture holds, scene units
    double m_zoom = 1.0;
    bool m_drawNodes = false;
    bool m_drawLabels = true;
    QString m_selectedId;
    QImage m_ahead; ///< painted ahead of need, for m_aheadArea
    QRectF m_aheadArea;
    bool m_rendering = false;
    quint64 m_generation = 0; ///< bumped when a painting ahead would be stale
};
