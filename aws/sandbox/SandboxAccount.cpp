#include "SandboxAccount.h"

#include "../core/model/ModelRegistry.h"
#include "../core/model/Validator.h"
#include "SimClock.h"
#include "services/EcrSim.h"
#include "services/EcsSim.h"
#include "services/LogsEvents.h"
#include "services/Scenarios.h"
#include "services/ServiceTable.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcSandboxAccount, "dc.sandbox.account", QtInfoMsg)

namespace aws::sandbox {

namespace {

/// Read-only calls never change state (no autosave, no stateChanged).
bool isReadOnly(const QString &operation)
{
    static const char *const prefixes[] = {"Describe", "List", "Get", "Filter"};
    for (const char *p : prefixes)
        if (operation.startsWith(QLatin1String(p)))
            return operation != u"GetAuthorizationToken";
    return false;
}

/// The error a service answers when the request does not fit its model —
/// the codes the real services use for the same mistakes.
AwsError validationError(const QString &service, const QList<ValidationIssue> &issues)
{
    const ValidationIssue &first = issues.first();
    const bool missing = first.message.contains(u"is required");
    QString code;
    if (service == u"ec2")
        code = missing ? QStringLiteral("MissingParameter") : QStringLiteral("InvalidParameterValue");
    else if (service == u"rds")
        code = missing ? QStringLiteral("MissingParameter") : QStringLiteral("InvalidParameterValue");
    else if (service == u"iam" || service == u"sts")
        code = QStringLiteral("ValidationError");
    else if (service == u"ecs" || service == u"ecr" || service == u"logs")
        code = QStringLiteral("InvalidParameterException");
    else
        code = QStringLiteral("ValidationException");
    QStringList parts;
    for (const ValidationIssue &i : issues)
        parts << i.toString();
    return clientError(code, parts.join(QStringLiteral("; ")));
}

/// Calls closer together than this (wall seconds) share one tick.
constexpr double kCallTickIntervalSeconds = 0.05;

} // namespace

struct SandboxAccount::Private {
    explicit Private(const Options &o)
        : options(o)
        , clock(o.timeScale)
    {}
    Options options;
    SimClock clock;
    SimState state;
    QHash<QString, ServiceTable> services;
    SandboxAccount *q = nullptr;
    const quint32 salt = QRandomGenerator::global()->generate();
    double lastTick = 0; ///< clock time of the last tick

    SimContext context()
    {
        return SimContext{state, clock, options, [this](const TaskAddress &a, bool running) {
                              emit q->taskAddressChanged(a, running);
                          }};
    }

    void reset()
    {
        state = SimState{};
        state.ipSalt = salt;
        SimContext ctx = context();
        seedBaseAccount(ctx);
    }
};

SandboxAccount::SandboxAccount(const Options &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(options))
{
    d->q = this;
    for (ServiceTable t :
         {stsService(), iamService(), ec2Service(), rdsService(), ecsService(), ecrService(), logsService()})
        d->services.insert(t.name, t);
    d->reset();
}

SandboxAccount::~SandboxAccount() = default;

const SandboxAccount::Options &SandboxAccount::options() const
{
    return d->options;
}

SimClock &SandboxAccount::clock()
{
    return d->clock;
}

CallResult SandboxAccount::call(const QString &service, const QString &operation, const QJsonObject &params,
                                const QString &accessKeyId)
{
    Q_UNUSED(accessKeyId)
    // Catch the lifecycles up first — but not on every call of a burst: the
    // inventory sends dozens at once, and re-walking 2,000 tasks for each
    // bought nothing but time. Transitions carry their own deadlines, so a
    // tick a few milliseconds later dates them just the same.
    if (qAbs(d->clock.now() - d->lastTick) >= kCallTickIntervalSeconds)
        tick();
    const auto table = d->services.constFind(service);
    const bool json = service == u"ecs" || service == u"ecr" || service == u"logs";
    const auto unknown = [&] {
        return clientError(json ? QStringLiteral("UnknownOperationException")
                                : QStringLiteral("InvalidAction"),
                           QStringLiteral("The sandbox does not simulate %1 %2.").arg(service, operation));
    };
    if (table == d->services.cend())
        return unknown();
    const Handler handler = table->operations.value(operation);
    if (!handler)
        return unknown();
    if (const auto model = ModelRegistry::service(service)) {
        if (const Operation *op = model->operation(operation)) {
            const QList<ValidationIssue> issues = Validator::validate(op->input.shape, params);
            if (!issues.isEmpty())
                return validationError(service, issues);
        }
    }
    SimContext ctx = d->context();
    CallResult result = handler(ctx, params);
    if (!isReadOnly(operation))
        ++d->state.generation;
    if (std::holds_alternative<QJsonObject>(result)) {
        if (!isReadOnly(operation))
            emit stateChanged();
    } else {
        qCDebug(lcSandboxAccount).noquote()
            << service << operation << "->" << std::get<AwsError>(result).code;
    }
    return result;
}

void SandboxAccount::tick()
{
    d->lastTick = d->clock.now();
    SimContext ctx = d->context();
    bool changed = false;
    for (const ServiceTable &t : std::as_const(d->services))
        if (t.tick && t.tick(ctx))
            changed = true;
    if (changed)
        emit stateChanged();
}

bool SandboxAccount::loadScenario(const QString &name, QString *error)
{
    if (!scenarioNames().contains(name)) {
        if (error)
            *error = QStringLiteral("no scenario named \"%1\" (choose one of: %2)")
                         .arg(name, scenarioNames().join(QStringLiteral(", ")));
        return false;
    }
    d->reset();
    if (!buildScenario(*this, name, error))
        return false;
    emit stateChanged();
    return true;
}

QStringList SandboxAccount::scenarioNames()
{
    return scenarioList();
}

QJsonObject SandboxAccount::saveState() const
{
    QJsonObject tables;
    d->state.forEachTable([&](const QString &name, const Records &records) {
        QJsonObject t;
        const bool streams = name == u"logStreams"; // their events are kept compact in memory
        for (auto it = records.cbegin(); it != records.cend(); ++it)
            t.insert(it.key(), streams ? logs::streamToFile(it.value()) : it.value());
        tables.insert(name, t);
    });
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("deploy-console-sandbox/1")},
                       {QStringLiteral("accountId"), d->options.accountId},
                       {QStringLiteral("region"), d->options.region},
                       {QStringLiteral("nextId"), QString::number(d->state.nextId)},
                       {QStringLiteral("tables"), tables}};
}

bool SandboxAccount::loadState(const QJsonObject &state, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (state.value(u"format").toString() != u"deploy-console-sandbox/1")
        return fail(
            QStringLiteral("not a sandbox state file (format \"%1\"; expected deploy-console-sandbox/1)")
                .arg(state.value(u"format").toString()));
    if (state.value(u"region").toString() != d->options.region)
        return fail(
            QStringLiteral("the state is for region %1, the sandbox runs %2; start it with --region %1")
                .arg(state.value(u"region").toString(), d->options.region));
    SimState loaded;
    const QJsonObject tables = state.value(u"tables").toObject();
    QString bad, badStream;
    loaded.forEachTable([&](const QString &name, Records &records) {
        const QJsonValue t = tables.value(name);
        if (!t.isUndefined() && !t.isObject())
            bad = name;
        const QJsonObject o = t.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (!it.value().isObject())
                bad = name + u'/' + it.key();
            if (name != u"logStreams") {
                records.insert(it.key(), it.value().toObject());
                continue;
            }
            QString why;
            if (const auto stream = logs::streamFromFile(it.value().toObject(), &why))
                records.insert(it.key(), *stream);
            else
                badStream = QStringLiteral("the state's log stream \"%1\": %2").arg(it.key(), why);
        }
    });
    if (!bad.isEmpty())
        return fail(QStringLiteral("the state's table entry \"%1\" is not an object").arg(bad));
    if (!badStream.isEmpty())
        return fail(badStream);
    bool ok = false;
    loaded.nextId = state.value(u"nextId").toString().toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("the state has no valid nextId"));
    loaded.registryEndpoint = d->state.registryEndpoint;
    loaded.ipSalt = d->salt;
    d->state = loaded;
    tick();
    emit stateChanged();
    return true;
}

bool SandboxAccount::repositoryExists(const QString &name) const
{
    return ecrRepositoryExists(d->state, name);
}

std::optional<AwsError> SandboxAccount::putImage(const StoredImage &image, const QString &tag)
{
    SimContext ctx = d->context();
    auto result = ecrPutImage(ctx, image, tag);
    ++d->state.generation;
    if (!result)
        emit stateChanged();
    return result;
}

std::optional<StoredImage> SandboxAccount::findImage(const QString &repository,
                                                     const QString &reference) const
{
    return ecrFindImage(d->state, repository, reference);
}

QStringList SandboxAccount::referencedBlobs(const QString &repository) const
{
    return ecrReferencedBlobs(d->state, repository);
}

QList<TaskAddress> SandboxAccount::taskAddresses() const
{
    return ecsTaskAddresses(d->state);
}

void SandboxAccount::setRegistryEndpoint(const QString &endpoint)
{
    d->state.registryEndpoint = endpoint;
}

bool SandboxAccount::checkRegistryPassword(const QString &password) const
{
    SimContext ctx = const_cast<Private &>(*d).context();
    return ecrCheckPassword(ctx, password);
}

} // namespace aws::sandbox
