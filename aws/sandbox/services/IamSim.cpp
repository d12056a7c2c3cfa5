// IAM (read-only: roles exist, as in a Learner Lab where students cannot
// create them) and STS's caller identity.
#include "ServiceTable.h"

#include <QUrl>

namespace aws::sandbox {

namespace {

/// The session a sandbox caller is: the Learner Lab's shape, so that the
/// app's classroom defaults can be tried offline.
constexpr char kRole[] = "voclabs";
constexpr char kSession[] = "sandbox-student";

CallResult listRoles(SimContext &ctx, const QJsonObject &params)
{
    const QString prefix = params.value(u"PathPrefix").toString(QStringLiteral("/"));
    QJsonArray roles;
    for (const QJsonObject &r : std::as_const(ctx.state.roles))
        if (r.value(u"Path").toString().startsWith(prefix))
            roles.append(publicView(r));
    const int maxItems = params.value(u"MaxItems").toInt(100);
    const auto page = paginate(roles, maxItems, params.value(u"Marker").toString(), 100,
                               clientError(QStringLiteral("ValidationError"),
                                           QStringLiteral("Invalid Marker: the marker was not issued by this "
                                                          "service or has expired")));
    if (const auto *e = std::get_if<AwsError>(&page))
        return *e;
    const Page &p = std::get<Page>(page);
    QJsonObject out{{QStringLiteral("Roles"), p.items},
                    {QStringLiteral("IsTruncated"), !p.nextToken.isEmpty()}};
    if (!p.nextToken.isEmpty())
        out.insert(QStringLiteral("Marker"), p.nextToken);
    return out;
}

} // namespace

ServiceTable stsService()
{
    ServiceTable t{QStringLiteral("sts"), {}, {}};
    t.operations.insert(
        QStringLiteral("GetCallerIdentity"), [](SimContext &ctx, const QJsonObject &) -> CallResult {
            const QString roleId =
                ctx.state.roles.value(QString::fromLatin1(kRole)).value(u"RoleId").toString();
            return QJsonObject{{QStringLiteral("Account"), ctx.accountId()},
                               {QStringLiteral("UserId"), roleId + u':' + QLatin1String(kSession)},
                               {QStringLiteral("Arn"),
                                QStringLiteral("arn:aws:sts::%1:assumed-role/%2/%3")
                                    .arg(ctx.accountId(), QLatin1String(kRole), QLatin1String(kSession))}};
        });
    return t;
}

ServiceTable iamService()
{
    ServiceTable t{QStringLiteral("iam"), {}, {}};
    t.operations.insert(QStringLiteral("GetRole"), [](SimContext &ctx, const QJsonObject &p) -> CallResult {
        const QString name = p.value(u"RoleName").toString();
        // IAM role names are unique case-insensitively.
        for (const QJsonObject &r : std::as_const(ctx.state.roles))
            if (r.value(u"RoleName").toString().compare(name, Qt::CaseInsensitive) == 0)
                return QJsonObject{{QStringLiteral("Role"), publicView(r)}};
        return clientError(QStringLiteral("NoSuchEntity"),
                           QStringLiteral("The role with name %1 cannot be found.").arg(name), 404);
    });
    t.operations.insert(QStringLiteral("ListRoles"), listRoles);
    return t;
}

} // namespace aws::sandbox
