#include "Ec2Filters.h"

#include <QRegularExpression>
#include <QSet>

namespace aws::sandbox::ec2 {

namespace {

QString text(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

QJsonArray tagsOf(const QJsonObject &record)
{
    return record.contains(u"TagSet") ? record.value(u"TagSet").toArray() : record.value(u"Tags").toArray();
}

QStringList fieldValues(const QJsonObject &record, const QString &name, const FilterFields &fields)
{
    if (name.startsWith(u"tag:")) {
        const QString key = name.mid(4);
        for (const QJsonValue &t : tagsOf(record))
            if (t.toObject().value(u"Key").toString() == key)
                return {t.toObject().value(u"Value").toString()};
        return {};
    }
    if (name == u"tag-key" || name == u"tag-value") {
        QStringList out;
        for (const QJsonValue &t : tagsOf(record))
            out << t.toObject().value(name == u"tag-key" ? u"Key" : u"Value").toString();
        return out;
    }
    return fields.value(name)(record);
}

/// EC2's wildcards: * any run, ? one character, \\ escapes; "/" is ordinary
/// (Qt 6.4's wildcardToRegularExpression treats it as a path separator).
QRegularExpression wildcard(const QString &pattern)
{
    QString re = QStringLiteral("\\A");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size())
            re += QRegularExpression::escape(QString(pattern.at(++i)));
        else if (c == u'*')
            re += QStringLiteral(".*");
        else if (c == u'?')
            re += u'.';
        else
            re += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(re + QStringLiteral("\\z"), QRegularExpression::DotMatchesEverythingOption);
}

} // namespace

std::optional<AwsError> checkFilters(const QJsonArray &filters, const FilterFields &fields)
{
    for (const QJsonValue &f : filters) {
        const QString name = f.toObject().value(u"Name").toString();
        if (name.startsWith(u"tag:") || name == u"tag-key" || name == u"tag-value" || fields.contains(name))
            continue;
        return clientError(QStringLiteral("InvalidParameterValue"),
                           QStringLiteral("The filter '%1' is invalid").arg(name));
    }
    return std::nullopt;
}

bool matchesFilters(const QJsonObject &record, const QJsonArray &filters, const FilterFields &fields)
{
    for (const QJsonValue &f : filters) {
        const QJsonObject filter = f.toObject();
        const QStringList have = fieldValues(record, filter.value(u"Name").toString(), fields);
        bool any = false;
        for (const QJsonValue &want : filter.value(u"Values").toArray()) {
            const QRegularExpression re = wildcard(want.toString());
            for (const QString &h : have)
                any = any || re.match(h).hasMatch();
        }
        if (!any)
            return false;
    }
    return true;
}

FilterField member(const QString &name)
{
    return [name](const QJsonObject &r) { return QStringList{text(r.value(name))}; };
}

FilterField listMember(const QString &list, const QString &name)
{
    return [list, name](const QJsonObject &r) {
        QStringList out;
        for (const QJsonValue &v : r.value(list).toArray())
            out << text(v.toObject().value(name));
        return out;
    };
}

bool isWellFormedId(const QString &id, const QString &prefix)
{
    static const QRegularExpression hex(QStringLiteral("\\A(?:[0-9a-f]{8}|[0-9a-f]{17})\\z"));
    return id.startsWith(prefix + u'-') && hex.match(id.mid(prefix.size() + 1)).hasMatch();
}

CallResult describe(const DescribeSpec &spec, const QJsonObject &params)
{
    const QJsonArray ids = params.value(spec.idsParam).toArray();
    const QJsonArray filters = params.value(u"Filters").toArray();
    if (auto e = checkFilters(filters, spec.filters))
        return *e;
    QStringList missing;
    for (const QJsonValue &v : ids) {
        const QString id = v.toString();
        if (!isWellFormedId(id, spec.idPrefix))
            return clientError(
                spec.errorStem + QStringLiteral(".Malformed"),
                QStringLiteral("Invalid id: \"%1\" (expecting \"%2-...\")").arg(id, spec.idPrefix));
        if (!spec.table->contains(id))
            missing << id;
    }
    if (!missing.isEmpty())
        return clientError(
            spec.errorStem + QStringLiteral(".NotFound"),
            QStringLiteral("The %1 '%2' does not exist").arg(spec.noun, missing.join(u"', '")));
    QJsonArray matched;
    if (!ids.isEmpty()) {
        // By id: look each up (the inventory asks for 200 ENIs of thousands).
        QSet<QString> seen;
        for (const QJsonValue &v : ids) {
            const QString id = v.toString();
            const QJsonObject record = spec.table->value(id);
            if (!seen.contains(id) && matchesFilters(record, filters, spec.filters))
                matched.append(publicView(record));
            seen.insert(id);
        }
    } else {
        for (auto it = spec.table->cbegin(); it != spec.table->cend(); ++it)
            if (matchesFilters(it.value(), filters, spec.filters))
                matched.append(publicView(it.value()));
    }
    const int maxResults = params.value(u"MaxResults").toInt();
    if (maxResults != 0 && (maxResults < 5 || maxResults > 1000))
        return clientError(
            QStringLiteral("InvalidParameterValue"),
            QStringLiteral("Value ( %1 ) for parameter maxResults is invalid. Parameter must be "
                           "between 5 and 1000.")
                .arg(maxResults));
    const auto page = paginate(matched, maxResults, params.value(u"NextToken").toString(), 0,
                               clientError(QStringLiteral("InvalidPaginationToken"),
                                           QStringLiteral("The pagination token is invalid.")));
    if (const auto *e = std::get_if<AwsError>(&page))
        return *e;
    const Page &p = std::get<Page>(page);
    QJsonObject out{{spec.resultMember, p.items}};
    if (!p.nextToken.isEmpty())
        out.insert(QStringLiteral("NextToken"), p.nextToken);
    return out;
}

} // namespace aws::sandbox::ec2
