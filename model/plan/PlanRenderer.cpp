#include "PlanRenderer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace plan {
namespace {

QJsonValue maskAt(const QJsonValue &v, QStringList parts)
{
    if (parts.isEmpty())
        return QString::fromLatin1(kMask);
    const QString head = parts.takeFirst();
    static const QRegularExpression indexed(QStringLiteral(R"(^([^\[]*)\[(\d+)\]$)"));
    const auto m = indexed.match(head);
    const QString key = m.hasMatch() ? m.captured(1) : head;
    QJsonValue child = key.isEmpty() ? v : v.toObject().value(key);
    if (child.isUndefined())
        return v;
    if (m.hasMatch()) {
        QJsonArray arr = child.toArray();
        const int i = m.captured(2).toInt();
        if (i >= arr.size())
            return v;
        arr[i] = maskAt(arr.at(i), parts);
        child = arr;
    } else {
        child = maskAt(child, parts);
    }
    if (key.isEmpty())
        return child;
    QJsonObject o = v.toObject();
    o.insert(key, child);
    return o;
}

QString shellQuote(const QString &s)
{
    static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_./:=,@+%-]+$)"));
    if (plain.match(s).hasMatch())
        return s;
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

QString cliValue(const QJsonValue &v)
{
    if (v.isString())
        return shellQuote(v.toString());
    if (v.isBool())
        return {}; // handled as a flag
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    const QByteArray json = v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                        : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    return shellQuote(QString::fromUtf8(json));
}

} // namespace

QJsonObject maskedParams(const QJsonObject &params, const QStringList &sensitivePaths)
{
    QJsonValue v = params;
    for (const auto &path : sensitivePaths)
        v = maskAt(v, path.split(QLatin1Char('.')));
    return v.toObject();
}

QString cliName(const QString &name)
{
    QString out;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isUpper() && i > 0) {
            const QChar prev = name.at(i - 1);
            const bool nextLower = i + 1 < name.size() && name.at(i + 1).isLower();
            if (prev.isLower() || prev.isDigit() || (prev.isUpper() && nextLower))
                out += QLatin1Char('-');
        }
        out += c.toLower();
    }
    return out;
}

QString renderApiCalls(const Plan &plan, bool revealSecrets)
{
    QString out;
    int n = 0;
    for (const auto &step : plan.steps) {
        const QJsonObject p = revealSecrets ? step.params : maskedParams(step.params, step.sensitivePaths);
        out += QStringLiteral("%1. %2 %3 %4\n")
                   .arg(++n)
                   .arg(step.service, step.operation,
                        QString::fromUtf8(QJsonDocument(p).toJson(QJsonDocument::Compact)));
    }
    return out;
}

QString renderCliCommand(const PlanStep &step, bool revealSecrets)
{
    const QJsonObject p = revealSecrets ? step.params : maskedParams(step.params, step.sensitivePaths);
    QString cmd = QStringLiteral("aws %1 %2").arg(step.service, cliName(step.operation));
    for (auto it = p.begin(); it != p.end(); ++it) {
        const QString flag = cliName(it.key());
        if (it.value().isBool()) {
            cmd += (it.value().toBool() ? QStringLiteral(" --") : QStringLiteral(" --no-")) + flag;
            continue;
        }
        cmd += QStringLiteral(" --%1 %2").arg(flag, cliValue(it.value()));
    }
    return cmd;
}

QString renderCli(const Plan &plan, bool revealSecrets)
{
    QString out;
    for (const auto &step : plan.steps)
        out += QStringLiteral("# %1\n%2\n").arg(step.title, renderCliCommand(step, revealSecrets));
    return out;
}

} // namespace plan
