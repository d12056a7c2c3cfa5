#!/bin/sh
# `deployctl ip` against the AWS CLI v2 chain that finds the same public IP
# (list-tasks → describe-tasks → describe-network-interfaces), side by side in
# one hyperfine run, both against the sandbox's taskoverflow scenario.
# Usage: bench/inventory/ip_vs_awscli.sh [build-dir]
set -eu
build=${1:-build}
deployctl="$build/app/deployctl"
aws=/usr/bin/aws   # Debian's AWS CLI v2 (not a pyenv aws-cli/1 on PATH)
scenario=taskoverflow
. "$(dirname "$0")/sandbox.sh"
chain=$(mktemp)
cleanup="$cleanup $chain"
cat >"$chain" <<CHAIN
ep="--endpoint-url $AWS_ENDPOINT_URL"
task=\$($aws \$ep ecs list-tasks --cluster taskoverflow --service-name taskoverflow --query 'taskArns[0]' --output text)
eni=\$($aws \$ep ecs describe-tasks --cluster taskoverflow --tasks \$task --query "tasks[0].attachments[0].details[?name=='networkInterfaceId'].value" --output text)
$aws \$ep ec2 describe-network-interfaces --network-interface-ids \$eni --query 'NetworkInterfaces[0].Association.PublicIp' --output text
CHAIN
echo "deployctl: $("$deployctl" ip --cluster taskoverflow --service taskoverflow)   aws cli: $(sh "$chain")"
hyperfine --warmup 2 --min-runs 10 -N \
    --command-name 'deployctl ip' "$deployctl ip --cluster taskoverflow --service taskoverflow" \
    --command-name 'aws cli chain (3 calls)' "sh $chain"
