#pragma once
// Showing a plan as the equivalent Terraform, in the style of the practical's
// main.tf: one resource per thing the plan creates (aws_security_group with
// ingress/egress blocks, aws_db_instance, aws_cloudwatch_log_group,
// aws_ecs_cluster, aws_ecs_task_definition with jsonencode'd containers,
// aws_ecs_service, aws_ecr_repository), data sources for the roles (LabRole),
// the default VPC and its subnets, and Terraform references between
// resources where the plan has ${step.Path} references or names what the
// plan itself creates. The database password is a variable; its value is
// only written (as the variable's default) when secrets are revealed.

#include "Plan.h"

#include <QString>
#include <QStringList>

namespace plan {

struct TerraformOptions {
    bool revealSecrets = false;
    /// The provider's region; "" takes it from the plan (awslogs-region), else us-east-1.
    QString region;
    /// The default VPC's subnets. A service on exactly these (or on any
    /// subnets when this is empty: the wizards preselect the default VPC's)
    /// uses data.aws_subnets.private.ids, as the practical does.
    QStringList defaultSubnets;
    /// The default VPC's id: a group created in it says data.aws_vpc.default.id.
    QString defaultVpcId;
};

/// The plan as a main.tf (terraform/provider blocks included).
QString renderTerraform(const Plan &plan, const TerraformOptions &options = {});

/// A Terraform name for `name`: lower case, [a-z0-9_], not starting with a digit.
QString terraformLabel(const QString &name);

} // namespace plan
