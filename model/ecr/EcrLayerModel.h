#pragma once
// The layers of the image being pushed, one row each: size as stored, what
// is happening to it (checking, uploading, already in the registry, …) and
// its own progress.

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class EcrLayerModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("EcrPushJob owns the layer list")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        TitleRole = Qt::UserRole + 1, ///< "Layer 2 of 3"
        DigestRole,                   ///< sha256:… as stored in the source
        ShortDigestRole,              ///< first 12 hex digits
        SizeRole,                     ///< bytes as stored in the source
        SizeTextRole,                 ///< "48.2 MB"
        StateRole,     ///< waiting, preparing, checking, uploading, retrying, done, skipped, mounted, failed
        StateTextRole, ///< the state in words ("already in the registry")
        FractionRole,  ///< 0…1 of this layer's work
        ProgressTextRole, ///< "12.0 MB of 48.2 MB"
    };
    Q_ENUM(Role)

    struct Layer {
        QString digest;
        qint64 size = 0;
        QString state = QStringLiteral("waiting");
        qint64 done = 0;
        qint64 total = 0;
    };

    explicit EcrLayerModel(QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setLayers(const QList<Layer> &layers);
    void setState(int row, const QString &state);
    void setProgress(int row, qint64 done, qint64 total);
    const QList<Layer> &layers() const { return m_layers; }
    static QString stateText(const QString &state);

signals:
    void countChanged();

private:
    QList<Layer> m_layers;
};
