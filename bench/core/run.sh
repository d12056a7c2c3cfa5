#!/usr/bin/env bash
# Side by side in one run: our core vs botocore on the same payloads.
# Usage: bench/core/run.sh [build dir]   (build with -DCMAKE_BUILD_TYPE=Release)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
fix=$(mktemp -d)
trap 'rm -rf "$fix"' EXIT
/usr/bin/python3 "$here/make_fixtures.py" "$fix"
echo "== botocore (Debian python3-botocore), µs per operation"
/usr/bin/python3 "$here/botocore_bench.py" "$fix" | tee "$fix/boto.txt"
echo "== deploy console core"
DC_BENCH_FIXTURES=$fix "$build/bench/core/bench_core" --benchmark_format=csv 2>/dev/null | tee "$fix/ours.csv"
echo "== ratio (botocore time / our time)"
/usr/bin/python3 - "$fix" <<'PY'
import csv, sys
d = sys.argv[1]
boto = dict(l.split("\t") for l in open(f"{d}/boto.txt").read().split("\n") if l)
names = {"BM_Sign": "sign", "BM_SerializeRegisterTaskDefinition": "serialize_register_task_definition",
         "BM_ParseDescribeNetworkInterfaces1000": "parse_describe_network_interfaces_1000",
         "BM_ParseDescribeTasks100": "parse_describe_tasks_100"}
scale = {"ns": 1e-3, "us": 1, "ms": 1e3, "s": 1e6}
rows = [r for r in csv.reader(open(f"{d}/ours.csv")) if r and r[0] in names]
for r in rows:
    ours_us = float(r[3]) * scale[r[4]]
    b = float(boto[names[r[0]]])
    print(f"{names[r[0]]:45s} botocore {b:12.2f} µs  ours {ours_us:10.3f} µs  ratio {b / ours_us:8.1f}x")
PY
