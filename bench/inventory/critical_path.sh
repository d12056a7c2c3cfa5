#!/bin/sh
# One inventory refresh against its critical path of round trips (target:
# within 1.5×), on a sandbox answering after LATENCY ms (default 40, a
# round trip to a nearby AWS region; 0 measures our own overhead).
# Usage: bench/inventory/critical_path.sh [build-dir] [scenario] [latency-ms]
set -eu
build=${1:-build}
scenario=${2:-large}
latency=${3:-40}
deployctl="$build/app/deployctl"
sandbox_args="--latency $latency"
. "$(dirname "$0")/sandbox.sh"
echo "scenario $scenario, sandbox latency $latency ms"
# The measured client starts cold (new connections, nothing cached); the
# sandbox is warmed first by another process, as a region always is.
SANDBOX_PID=$pid "$build/bench/inventory/bench_critical_path" --warm-up
SANDBOX_PID=$pid "$build/bench/inventory/bench_critical_path"
