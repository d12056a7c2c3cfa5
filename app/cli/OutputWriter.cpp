#include "OutputWriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace cli {

namespace {

QJsonValue present(const QJsonValue &v, const aws::Shape *shape)
{
    if (!shape)
        return v;
    switch (shape->type) {
    case aws::ShapeType::Timestamp:
        if (v.isDouble()) {
            const auto ms = static_cast<qint64>(v.toDouble() * 1000.0);
            const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            return dt.toString(ms % 1000 ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz+00:00")
                                         : QStringLiteral("yyyy-MM-ddTHH:mm:ss+00:00"));
        }
        return v;
    case aws::ShapeType::Structure:
        return presentable(v.toObject(), shape);
    case aws::ShapeType::List: {
        QJsonArray out;
        for (const auto &e : v.toArray())
            out.append(present(e, shape->member.shape));
        return out;
    }
    case aws::ShapeType::Map: {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), present(it.value(), shape->value.shape));
        return out;
    }
    default:
        return v;
    }
}

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Null:
        return QStringLiteral("None");
    default:
        return {};
    }
}

void textRows(const QString &label, const QJsonValue &v, QStringList &rows)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        QStringList scalars;
        for (auto it = o.begin(); it != o.end(); ++it) // QJsonObject iterates keys sorted, as the CLI prints
            if (!it.value().isObject() && !it.value().isArray())
                scalars << scalarText(it.value());
        if (!scalars.isEmpty())
            rows << (label.isEmpty() ? scalars.join(u'\t') : label + u'\t' + scalars.join(u'\t'));
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.value().isObject() || it.value().isArray())
                textRows(it.key().toUpper(), it.value(), rows);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        QStringList scalars;
        for (const auto &e : a) {
            if (e.isObject() || e.isArray())
                textRows(label, e, rows);
            else
                scalars << scalarText(e);
        }
        if (!scalars.isEmpty())
            rows << (label.isEmpty() ? scalars.join(u'\t') : label + u'\t' + scalars.join(u'\t'));
    } else {
        rows << (label.isEmpty() ? scalarText(v) : label + u'\t' + scalarText(v));
    }
}

} // namespace

QJsonObject presentable(const QJsonObject &output, const aws::Shape *shape)
{
    if (!shape)
        return output;
    QJsonObject out;
    for (auto it = output.begin(); it != output.end(); ++it) {
        const aws::ShapeRef *m = shape->memberNamed(it.key());
        out.insert(it.key(), m ? present(it.value(), m->shape) : it.value());
    }
    return out;
}

QString toJsonText(const QJsonObject &output)
{
    return QString::fromUtf8(QJsonDocument(output).toJson(QJsonDocument::Indented));
}

QString toText(const QJsonObject &output)
{
    QStringList rows;
    textRows(QString(), output, rows);
    return rows.isEmpty() ? QString() : rows.join(u'\n') + u'\n';
}

void writeOutput(CliContext &ctx, const QJsonObject &output, const aws::Shape *shape)
{
    const QJsonObject p = presentable(output, shape);
    if (ctx.options().output == OutputFormat::Json)
        ctx.out() << toJsonText(p);
    else
        ctx.out() << toText(p);
    ctx.out().flush();
}

} // namespace cli
