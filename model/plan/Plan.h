#pragma once
// A plan: the ordered AWS calls a wizard (or teardown) will make, with their
// inputs, the outputs later steps need, and how to undo each step. Plans are
// data: the runner executes them, the renderers show them as API calls, AWS
// CLI commands and Terraform.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace plan {

/// A value a later step takes from an earlier step's output:
/// `${stepId.path.to.member}` anywhere inside a string parameter is replaced
/// by that output value (e.g. "${createSg.GroupId}",
/// "${createDb.DBInstance.Endpoint.Address}"). A parameter whose whole value
/// is one reference takes the referenced JSON value as it is (lists, numbers).
inline constexpr char kRefOpen[] = "${";

/// What a step creates, so it can be found, reported and rolled back.
struct CreatedResource {
    QString kind;   ///< "security-group", "db-instance", "ecs-cluster", "task-definition", "ecs-service",
                    ///< "ecr-repository", "log-group"
    QString name;   ///< human name (group name, identifier, …)
    QString idPath; ///< output path of its id/ARN, e.g. "GroupId", "service.serviceArn"
};

/// How to wait after a call until AWS says the resource is ready.
struct WaitCondition {
    QString service;
    QString operation;       ///< e.g. DescribeDBInstances
    QJsonObject params;      ///< may contain ${refs}
    QString path;            ///< output path to look at, e.g. "DBInstances[0].DBInstanceStatus"
    QStringList success;     ///< values that end the wait successfully
    QStringList failure;     ///< values that fail the step
    int intervalSeconds = 5; ///< poll interval (scaled down by the sandbox's speed)
    int timeoutSeconds = 1800;
    /// Error codes from the poll that also end the wait successfully (a
    /// deletion is finished when Describe says DBInstanceNotFound).
    QStringList successErrors;
    QString
        progressText; ///< what AWS is doing, in plain words ("AWS is creating the database (5–15 minutes)")
};

struct PlanStep {
    QString id;                 ///< unique in the plan; used in ${id.…} references
    QString title;              ///< "Create security group taskoverflow"
    QString service;            ///< model service name: ec2, rds, ecs, ecr, logs, iam, sts
    QString operation;          ///< model operation name
    QJsonObject params;         ///< may contain ${refs}
    QStringList sensitivePaths; ///< params to mask when shown (MasterUserPassword, …)
    bool createsResource = false;
    CreatedResource resource;
    /// When set, the step first looks for an existing resource and reuses it
    /// when its settings match (re-run safety); differs → reported, not changed.
    QString findService;
    QString findOperation;
    QJsonObject findParams;
    QString findPath; ///< path of the found resource in the find output ("" = none found)
    std::optional<WaitCondition> waitFor;
    /// The call that undoes this step (rollback), with ${refs} to this
    /// step's outputs; empty service = nothing to undo.
    QString undoService;
    QString undoOperation;
    QJsonObject undoParams;
    /// Error codes that mean "fine, already done" (e.g. InvalidPermission.Duplicate).
    QStringList acceptedErrors;
    /// Error codes that mean "not yet" (DependencyViolation while ENIs are
    /// released): the call is repeated with back-off until the step's time
    /// budget (retryTimeoutSeconds, simulated time) runs out.
    QStringList retryErrors;
    int retryTimeoutSeconds = 900;
};

struct Plan {
    QString title;     ///< "TaskOverflow (stack taskoverflow)"
    QString stackName; ///< tag value of deploy-console:stack
    QList<PlanStep> steps;
};

} // namespace plan
