#include "EcrLayerModel.h"

#include "EcrTexts.h"

EcrLayerModel::EcrLayerModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int EcrLayerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_layers.size());
}

QString EcrLayerModel::stateText(const QString &state)
{
    static const QHash<QString, const char *> texts = {
        {QStringLiteral("waiting"), QT_TR_NOOP("waiting")},
        {QStringLiteral("preparing"), QT_TR_NOOP("checking its digest and compressing")},
        {QStringLiteral("checking"), QT_TR_NOOP("asking the registry whether it has it")},
        {QStringLiteral("uploading"), QT_TR_NOOP("uploading")},
        {QStringLiteral("retrying"), QT_TR_NOOP("connection lost — retrying")},
        {QStringLiteral("done"), QT_TR_NOOP("pushed")},
        {QStringLiteral("skipped"), QT_TR_NOOP("already in the registry")},
        {QStringLiteral("mounted"), QT_TR_NOOP("copied from another repository")},
        {QStringLiteral("failed"), QT_TR_NOOP("failed")},
    };
    return tr(texts.value(state, "waiting"));
}

QVariant EcrLayerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Layer &l = m_layers.at(index.row());
    const bool finished = l.state == QLatin1String("done") || l.state == QLatin1String("skipped") ||
                          l.state == QLatin1String("mounted");
    switch (role) {
    case TitleRole:
        return tr("Layer %1 of %2").arg(index.row() + 1).arg(m_layers.size());
    case DigestRole:
        return l.digest;
    case ShortDigestRole:
        return l.digest.mid(l.digest.indexOf(u':') + 1, 12);
    case SizeRole:
        return l.size;
    case SizeTextRole:
        return ecr::bytesText(l.size);
    case StateRole:
        return l.state;
    case StateTextRole:
        return stateText(l.state);
    case FractionRole:
        if (finished)
            return 1.0;
        return l.total > 0 ? double(l.done) / double(l.total) : 0.0;
    case ProgressTextRole:
        if (l.state == QLatin1String("uploading") || l.state == QLatin1String("retrying") ||
            l.state == QLatin1String("preparing"))
            return tr("%1 of %2").arg(ecr::bytesText(l.done), ecr::bytesText(l.total));
        return ecr::bytesText(l.size);
    }
    return {};
}

QHash<int, QByteArray> EcrLayerModel::roleNames() const
{
    return {{TitleRole, "title"},         {DigestRole, "digest"},     {ShortDigestRole, "shortDigest"},
            {SizeRole, "size"},           {SizeTextRole, "sizeText"}, {StateRole, "layerState"},
            {StateTextRole, "stateText"}, {FractionRole, "fraction"}, {ProgressTextRole, "progressText"}};
}

void EcrLayerModel::setLayers(const QList<Layer> &layers)
{
    const bool countChanges = layers.size() != m_layers.size();
    beginResetModel();
    m_layers = layers;
    endResetModel();
    if (countChanges)
        emit countChanged();
}

void EcrLayerModel::setState(int row, const QString &state)
{
    if (row < 0 || row >= m_layers.size() || m_layers[row].state == state)
        return;
    m_layers[row].state = state;
    emit dataChanged(index(row), index(row), {StateRole, StateTextRole, FractionRole, ProgressTextRole});
}

void EcrLayerModel::setProgress(int row, qint64 done, qint64 total)
{
    if (row < 0 || row >= m_layers.size())
        return;
    Layer &l = m_layers[row];
    if (l.done == done && l.total == total)
        return;
    l.done = done;
    l.total = total;
    emit dataChanged(index(row), index(row), {FractionRole, ProgressTextRole});
}
