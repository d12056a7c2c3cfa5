#include "PlanRenderer.h"

#include <QHash>
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

namespace {

const QRegularExpression &refPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(\$\{([A-Za-z0-9_-]+)\.([^}]+)\})"));
    return re;
}

/// `${createDb.DBInstance.Endpoint.Address}` → CREATEDB_ENDPOINT_ADDRESS.
QString shellVariable(const QString &step, const QString &path)
{
    QStringList parts = path.split(u'.');
    if (parts.size() > 2)
        parts = parts.mid(parts.size() - 2);
    QString name = step + u'_' + parts.join(u'_');
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")), QStringLiteral("_"));
    return name.toUpper();
}

/// The AWS CLI waiter that does what a plan's wait does, when there is one.
QString cliWaiter(const WaitCondition &w)
{
    const auto param = [&w](const char *key) {
        return shellQuote(w.params.value(QLatin1String(key)).toString());
    };
    if (w.operation == u"DescribeDBInstances" && w.success.contains(u"available"))
        return QStringLiteral("aws rds wait db-instance-available --db-instance-identifier %1")
            .arg(param("DBInstanceIdentifier"));
    if (w.operation == u"DescribeDBInstances" && w.successErrors.contains(u"DBInstanceNotFound"))
        return QStringLiteral("aws rds wait db-instance-deleted --db-instance-identifier %1")
            .arg(param("DBInstanceIdentifier"));
    if (w.operation == u"DescribeServices")
        return QStringLiteral("aws ecs wait services-stable --cluster %1 --services %2")
            .arg(param("cluster"), cliValue(w.params.value(u"services")));
    if (w.operation == u"DescribeTasks")
        return QStringLiteral("aws ecs wait tasks-stopped --cluster %1 --tasks %2")
            .arg(param("cluster"), cliValue(w.params.value(u"tasks")));
    return QStringLiteral("# then repeat until %1 is %2:\n# aws %3 %4")
        .arg(w.path, w.success.join(QStringLiteral(" or ")), w.service, cliName(w.operation));
}

/// `command` with each ${step.path} (always inside single quotes, see
/// shellQuote) as a shell variable the earlier command set.
QString withVariables(QString command)
{
    auto it = refPattern().globalMatch(command);
    QStringList refs;
    while (it.hasNext())
        refs << it.next().captured(0);
    refs.removeDuplicates();
    for (const QString &ref : refs) {
        const auto m = refPattern().match(ref);
        const QString var = QStringLiteral("\"$%1\"").arg(shellVariable(m.captured(1), m.captured(2)));
        command.replace(u'\'' + ref + u'\'', var);             // the whole argument
        command.replace(ref, QStringLiteral("'%1'").arg(var)); // inside a quoted JSON argument
    }
    return command;
}

} // namespace

QString renderCli(const Plan &plan, bool revealSecrets)
{
    // Which outputs later steps use: those become shell variables, so the
    // commands run one after the other as they are, like the plan does.
    QHash<QString, QStringList> used; // step id → referenced paths
    for (const auto &step : plan.steps) {
        QList<QJsonObject> places{step.params};
        if (step.waitFor)
            places << step.waitFor->params;
        for (const QJsonObject &o : places) {
            const QString text = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            auto it = refPattern().globalMatch(text);
            while (it.hasNext()) {
                const auto m = it.next();
                if (!used[m.captured(1)].contains(m.captured(2)))
                    used[m.captured(1)].append(m.captured(2));
            }
        }
    }
    QString out;
    for (const auto &step : plan.steps) {
        out += QStringLiteral("# %1\n").arg(step.title);
        QString command = withVariables(renderCliCommand(step, revealSecrets));
        QStringList paths = used.value(step.id);
        // What the create call answers is captured from it; what only exists once
        // the resource is ready (an endpoint) is read after the wait.
        const QString firstSegment = step.waitFor ? step.waitFor->path.section(u'.', 0, 0) : QString();
        QStringList afterWait;
        for (const QString &path : paths)
            if (step.waitFor && path.contains(QStringLiteral("Endpoint")))
                afterWait << path;
        for (const QString &path : afterWait)
            paths.removeAll(path);
        if (!paths.isEmpty()) {
            command = QStringLiteral("%1=$(%2 --query %3 --output text)")
                          .arg(shellVariable(step.id, paths.first()), command, shellQuote(paths.first()));
            for (const QString &path : paths.mid(1))
                command += QStringLiteral("\n# also needed later: %1 from the output above").arg(path);
        }
        out += command + u'\n';
        if (step.waitFor) {
            out += withVariables(cliWaiter(*step.waitFor)) + u'\n';
            PlanStep describe;
            describe.service = step.waitFor->service;
            describe.operation = step.waitFor->operation;
            describe.params = step.waitFor->params;
            for (const QString &path : afterWait)
                out += QStringLiteral("%1=$(%2 --query %3 --output text)\n")
                           .arg(shellVariable(step.id, path),
                                withVariables(renderCliCommand(describe, revealSecrets)),
                                shellQuote(firstSegment + u'.' + path.section(u'.', 1)));
        }
    }
    return out;
}

} // namespace plan
