#!/bin/sh
# A full inventory read (`deployctl status`: every list, describe and ENI
# batch, independent calls in parallel) against an AWS CLI v2 script that
# reads the same, call after call — side by side in one hyperfine run on the
# sandbox. Scenario: taskoverflow (default) or large.
# Usage: bench/inventory/refresh_vs_awscli.sh [build-dir] [scenario]
set -eu
build=${1:-build}
scenario=${2:-taskoverflow}
deployctl="$build/app/deployctl"
aws=/usr/bin/aws
script=$(mktemp)
. "$(dirname "$0")/sandbox.sh"
cleanup="$cleanup $script"
cat >"$script" <<SCRIPT
a="$aws --endpoint-url $AWS_ENDPOINT_URL --output json"
\$a ec2 describe-vpcs >/dev/null
\$a ec2 describe-subnets >/dev/null
\$a ec2 describe-security-groups >/dev/null
\$a rds describe-db-instances >/dev/null
\$a logs describe-log-groups >/dev/null
for r in \$(\$a ecr describe-repositories --query 'repositories[].repositoryName' --output text); do
    \$a ecr describe-images --repository-name \$r >/dev/null
done
clusters=\$(\$a ecs list-clusters --query 'clusterArns' --output text)
\$a ecs describe-clusters --clusters \$clusters >/dev/null
for c in \$clusters; do
    services=\$(\$a ecs list-services --cluster \$c --query 'serviceArns' --output text)
    [ -n "\$services" ] && \$a ecs describe-services --cluster \$c --services \$services >/dev/null
    tasks=\$(\$a ecs list-tasks --cluster \$c --query 'taskArns' --output text)
    [ -n "\$tasks" ] || continue
    for td in \$(\$a ecs describe-tasks --cluster \$c --tasks \$tasks --query 'tasks[].taskDefinitionArn' --output text | tr '\t' '\n' | sort -u); do
        \$a ecs describe-task-definition --task-definition \$td >/dev/null
    done
    enis=\$(\$a ecs describe-tasks --cluster \$c --tasks \$tasks --query "tasks[].attachments[].details[?name=='networkInterfaceId'].value[]" --output text)
    \$a ec2 describe-network-interfaces --network-interface-ids \$enis >/dev/null
done
SCRIPT
hyperfine --warmup 1 --min-runs 5 -N \
    --command-name 'deployctl status' "$deployctl status" \
    --command-name 'aws cli script' "sh $script"
