# Sourced by the inventory benches (a POSIX `.` passes no arguments):
# starts `deployctl sandbox --scenario $scenario`, waits for its lines,
# exports them for the AWS CLI (no user config), and stops it on exit,
# removing the files named in $cleanup.
# Needs $deployctl and $scenario ($sandbox_args: more sandbox options); sets $pid.
out=$(mktemp)
"$deployctl" sandbox --scenario "$scenario" ${sandbox_args:-} >"$out" 2>/dev/null &
pid=$!
cleanup="$out"
trap 'kill $pid 2>/dev/null; rm -f $cleanup' EXIT INT TERM
while ! grep -q '^AWS_DEFAULT_REGION=' "$out"; do
    kill -0 $pid || { echo "sandbox did not start"; exit 1; }
    sleep 0.2
done
set -a; . "$out"; set +a
export AWS_PAGER= AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
