#!/bin/sh
# Requests per second the sandbox serves and the memory of the `large`
# scenario. Usage: bench/sandbox/run.sh [build-dir]
set -e
build=${1:-build}
"$build/bench/sandbox/bench_sandbox" --benchmark_counters_tabular=true
