#include "ImageSource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace aws::registry {

qint64 SourceImage::totalSize() const
{
    qint64 total = config.size();
    for (const SourceLayer &l : layers)
        total += l.size;
    return total;
}

bool applyConfig(SourceImage &image, const QByteArray &config, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(config, &pe);
    if (!doc.isObject()) {
        *error = QStringLiteral("the image config is not JSON (%1)").arg(pe.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonArray diffIds =
        o.value(QStringLiteral("rootfs")).toObject().value(QStringLiteral("diff_ids")).toArray();
    if (diffIds.size() != image.layers.size()) {
        *error = QStringLiteral("the image config lists %1 layer(s) but the manifest has %2")
                     .arg(diffIds.size())
                     .arg(image.layers.size());
        return false;
    }
    for (qsizetype i = 0; i < diffIds.size(); ++i)
        image.layers[i].diffId = diffIds.at(i).toString();
    image.config = config;
    image.architecture = o.value(QStringLiteral("architecture")).toString();
    image.os = o.value(QStringLiteral("os")).toString();
    return true;
}

} // namespace aws::registry
