#include "GraphCanvas.h"

#include <QFontMetricsF>
#include <QFutureWatcher>
#include <QJSValue>
#include <QPainter>
#include <QQuickWindow>
#include <QtConcurrent/QtConcurrentRun>

using namespace graph;

namespace {

/// Shorter edges have no room for a label between their nodes.
constexpr double kLabelMinLength = 120;

/// 30 % of `colour` over `background`, opaque: blending thousands of
/// translucent lines made fitting the large account slow.
QColor faint(const QColor &colour, const QColor &background)
{
    const auto mix = [](float a, float b) { return 0.3f * a + 0.7f * b; };
    return QColor::fromRgbF(mix(colour.redF(), background.redF()), mix(colour.greenF(), background.greenF()),
                            mix(colour.blueF(), background.blueF()));
}

QVariantMap mapOf(const QVariant &v)
{
    if (v.metaType() == QMetaType::fromType<QJSValue>())
        return v.value<QJSValue>().toVariant().toMap();
    return v.toMap();
}

} // namespace

struct GraphCanvas::Colours {
    QColor edge, allows, connectsTo, labelBackground, border, mutedText, selection, greyed, background;
    QVariantMap kinds, tones;
};

GraphCanvas::GraphCanvas(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
}

void GraphCanvas::setGraph(GraphModel *graph)
{
    if (m_graph == graph)
        return;
    if (m_graph)
        disconnect(m_graph, nullptr, this, nullptr);
    m_graph = graph;
    invalidateAhead();
    if (m_graph) {
        connect(m_graph, &GraphModel::graphChanged, this, &GraphCanvas::onGraphChanged);
        connect(m_graph, &GraphModel::filterChanged, this, [this] { update(); });
    }
    emit graphChanged();
    update();
}

void GraphCanvas::onGraphChanged(const QStringList &changedNodes, bool edgesAffected)
{
    if (edgesAffected) {
        invalidateAhead();
        update();
        return;
    }
    // A refresh where only some nodes changed (a task stopped): nothing here
    // changes unless the nodes are drawn, and then only their boxes.
    if (!m_drawNodes)
        return;
    const QSizeF size(ResourceGraph::NodeW, ResourceGraph::NodeH);
    for (const QString &id : changedNodes) {
        const QRectF scene(m_graph->graph().nodes().value(id).pos, size);
        const QRectF item((scene.topLeft() - m_area.topLeft()) * m_zoom, scene.size() * m_zoom);
        update(item.adjusted(-4, -4, 4, 4).toAlignedRect());
    }
}

void GraphCanvas::setVisibleArea(const QRectF &area)
{
    if (m_visible == area)
        return;
    m_visible = area;
    emit visibleAreaChanged();
    if (!m_area.contains(m_visible))
        polish();
    else
        paintAhead();
}

void GraphCanvas::setZoom(double zoom)
{
    if (qFuzzyCompare(m_zoom, zoom) || zoom <= 0)
        return;
    m_zoom = zoom;
    emit zoomChanged();
    invalidateAhead();
    m_area = {}; // repainted at the new scale
    polish();
}

void GraphCanvas::setDrawNodes(bool on)
{
    if (m_drawNodes == on)
        return;
    m_drawNodes = on;
    emit drawNodesChanged();
    invalidateAhead();
    update();
}

void GraphCanvas::setDrawLabels(bool on)
{
    if (m_drawLabels == on)
        return;
    m_drawLabels = on;
    emit drawLabelsChanged();
    invalidateAhead();
    update();
}

void GraphCanvas::setSelectedId(const QString &id)
{
    if (m_selectedId == id)
        return;
    m_selectedId = id;
    emit selectedIdChanged();
    if (m_drawNodes)
        update();
}

void GraphCanvas::setTheme(QObject *theme)
{
    if (m_theme == theme)
        return;
    m_theme = theme;
    emit themeChanged();
    invalidateAhead();
    update();
}

void GraphCanvas::updatePolish()
{
    // Here, not in the setters: zoom and visible area change together, one
    // binding after the other, and an area sized with the new zoom but the
    // old (whole-account) view would be a texture of hundreds of megabytes.
    if (m_visible.isEmpty() || m_area.contains(m_visible))
        return;
    moveTo(areaAround(m_visible));
}

QRectF GraphCanvas::areaAround(const QRectF &visible)
{
    // A quarter of the view more on each side: panning re-blits the texture
    // and repaints only after leaving it (or adopts what paintAhead painted).
    const double mx = visible.width() / 4, my = visible.height() / 4;
    return visible.adjusted(-mx, -my, mx, my);
}

void GraphCanvas::moveTo(const QRectF &area)
{
    m_area = area;
    setPosition(m_area.topLeft() * m_zoom);
    setSize(m_area.size() * m_zoom);
    update();
}

void GraphCanvas::invalidateAhead()
{
    ++m_generation; // a render in flight is for what no longer is
    m_ahead = {};
    m_aheadArea = {};
}

void GraphCanvas::paintAhead()
{
    // Only the edges at reading zoom are worth it: a repaint there took
    // 35-55 ms (antialiased lines, labels), a frame in three at 60 Hz, every
    // few hundred pixels of panning. Zoomed out it is under 10 ms.
    if (m_rendering || m_drawNodes || !m_graph || !window() || m_visible.isEmpty())
        return;
    // Half the margin left on some side: paint the area around the view now.
    const QRectF area = m_area;
    const QRectF inner =
        area.adjusted(area.width() / 12, area.height() / 12, -area.width() / 12, -area.height() / 12);
    if (area.isEmpty() || inner.contains(m_visible))
        return;
    m_rendering = true;
    const quint64 generation = m_generation;
    const QRectF next = areaAround(m_visible);
    const EdgeScene scene = collectEdges(next, colours());
    const qreal dpr = window()->effectiveDevicePixelRatio();
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, generation, next] {
        watcher->deleteLater();
        m_rendering = false;
        if (generation != m_generation)
            return; // the graph, zoom or look changed meanwhile
        m_ahead = watcher->result();
        m_aheadArea = next;
        if (next.contains(m_visible))
            moveTo(next);
        else
            paintAhead(); // overtaken by a fast pan: the next one, if still ahead
    });
    watcher->setFuture(QtConcurrent::run([scene, dpr] { return render(scene, dpr); }));
}

GraphCanvas::Colours GraphCanvas::colours() const
{
    Colours c;
    const auto colour = [&](const char *name, const char *fallback) {
        const QVariant v = m_theme ? m_theme->property(name) : QVariant();
        return v.isValid() ? v.value<QColor>() : QColor(QLatin1String(fallback));
    };
    c.edge = colour("edge", "#8a94a3");
    c.labelBackground = colour("edgeLabelBackground", "#f6f7f9");
    c.background = colour("background", "#f6f7f9");
    c.border = colour("border", "#d0d4da");
    c.mutedText = colour("mutedText", "#5c6672");
    c.selection = colour("selection", "#2f6fde");
    c.allows = QColor(QStringLiteral("#c87b7b"));
    c.connectsTo = QColor(QStringLiteral("#2e9d57"));
    c.greyed = QColor(QStringLiteral("#f0f1f3"));
    if (m_theme) {
        c.kinds = mapOf(m_theme->property("kindColors"));
        c.tones = mapOf(m_theme->property("toneColors"));
    }
    return c;
}

void GraphCanvas::paint(QPainter *painter)
{
    if (!m_graph || m_area.isEmpty())
        return;
    if (!m_ahead.isNull() && m_aheadArea == m_area) {
        // Painted on the thread pool while the view was panning towards it.
        painter->drawImage(QRectF(QPointF(0, 0), size()), m_ahead);
        m_ahead = {}; // drawn into the item's own texture: another copy would only hold memory
        return;
    }
    const Colours c = colours();
    painter->scale(m_zoom, m_zoom);
    painter->translate(-m_area.topLeft());
    // Zoomed out, thousands of faint hairlines: antialiased and translucent
    // they took 500 ms to fit the large account, plain and opaque 40 ms, and
    // look the same at that size (EdgeScene::antialias).
    drawEdges(painter, collectEdges(m_area, c));
    if (m_drawNodes)
        paintNodes(painter, c);
}

GraphCanvas::EdgeScene GraphCanvas::collectEdges(const QRectF &area, const Colours &c) const
{
    EdgeScene scene;
    scene.area = area;
    scene.zoom = m_zoom;
    scene.antialias = !m_drawNodes;
    scene.border = c.border;
    scene.labelBackground = c.labelBackground;
    scene.labelText = c.mutedText;
    for (const Edge &e : m_graph->graph().edges()) {
        GraphModel::EdgeRoute route = m_graph->edgeRoute(e);
        // Outset: a straight horizontal or vertical route has an empty bounding box.
        if (!area.intersects(route.points.boundingRect().adjusted(-1, -1, 1, 1)))
            continue;
        const bool strong = e.kind == u"allows" || e.kind == u"connectsTo";
        QColor colour = e.kind == u"connectsTo" ? c.connectsTo : e.kind == u"allows" ? c.allows : c.edge;
        if (m_drawNodes) // zoomed out, a pixel-wide edge is wider than it should be: keep the nodes visible
            colour = faint(colour, c.background);
        const bool labelled = m_drawLabels && !e.label.isEmpty() &&
                              QLineF(route.points.first(), route.points.last()).length() > kLabelMinLength;
        if (labelled)
            scene.labels.append({route.labelAt, e.label});
        scene.strokes.append({std::move(route.points), colour, std::max(1.0, (strong ? 2.0 : 1.5) * m_zoom)});
    }
    return scene;
}

void GraphCanvas::drawEdges(QPainter *p, const EdgeScene &scene)
{
    p->setRenderHint(QPainter::Antialiasing, scene.antialias);
    for (const Stroke &s : scene.strokes) {
        // Cosmetic: widths in screen pixels take the raster engine's fast
        // line path (a scaled pen goes through the stroker, 4× slower here).
        QPen pen(s.colour, s.width);
        pen.setCosmetic(true);
        p->setPen(pen);
        // drawLine for the common straight edge: the raster engine draws even
        // a two-point polyline through its general path (zooming back in to
        // the large account took 1 s that way, 47 ms with drawLine).
        if (s.points.size() == 2)
            p->drawLine(s.points.first(), s.points.last());
        else
            p->drawPolyline(s.points);
    }
    if (scene.labels.isEmpty())
        return;
    // Labels after every line, so no line crosses a label.
    QFont font = p->font();
    font.setPixelSize(10);
    p->setFont(font);
    const QFontMetricsF metrics(font);
    for (const Label &l : scene.labels) {
        const QSizeF size(metrics.horizontalAdvance(l.text) + 8, metrics.height() + 2);
        const QRectF box(l.at - QPointF(size.width() / 2, size.height() / 2), size);
        p->setPen(QPen(scene.border, 1));
        p->setBrush(scene.labelBackground);
        p->drawRoundedRect(box, 3, 3);
        p->setPen(scene.labelText);
        p->drawText(box, Qt::AlignCenter, l.text);
    }
    p->setBrush(Qt::NoBrush);
}

QImage GraphCanvas::render(const EdgeScene &scene, qreal dpr)
{
    QImage image((scene.area.size() * scene.zoom * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.scale(scene.zoom, scene.zoom);
    p.translate(-scene.area.topLeft());
    drawEdges(&p, scene);
    return image;
}

void GraphCanvas::paintNodes(QPainter *p, const Colours &c) const
{
    const QSizeF size(ResourceGraph::NodeW, ResourceGraph::NodeH);
    for (const Node &n : m_graph->graph().nodes()) {
        const QRectF rect(n.pos, size);
        if (!m_area.intersects(rect))
            continue;
        p->setOpacity(m_graph->matches(n) ? 1.0 : 0.25);
        const bool selected = n.id == m_selectedId;
        // A few pixels per node: the kind's colour with a band in the status
        // colour (the delegate's ring would be a fraction of a pixel), so what
        // runs and what failed stays visible in the whole account.
        const QColor kind(c.kinds.value(n.kind, QStringLiteral("#eeeeee")).toString());
        p->setPen(QPen(selected ? c.selection : kind.darker(140), selected ? 12 : 4));
        p->setBrush(n.greyed ? c.greyed : kind);
        p->drawRect(rect);
        const QString tone = GraphModel::tone(n);
        if (tone != u"none") {
            p->setPen(Qt::NoPen);
            p->setBrush(QColor(c.tones.value(tone).toString()));
            p->drawRect(QRectF(rect.left(), rect.top(), rect.width() / 3, rect.height()));
        }
    }
    p->setOpacity(1.0);
}

QString GraphCanvas::nodeAt(double x, double y) const
{
    if (!m_graph)
        return {};
    const QPointF scene = m_area.topLeft() + QPointF(x, y) / m_zoom;
    const QSizeF size(ResourceGraph::NodeW, ResourceGraph::NodeH);
    for (const Node &n : m_graph->graph().nodes())
        if (QRectF(n.pos, size).contains(scene))
            return n.id;
    return {};
}
