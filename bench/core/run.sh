#!/usr/bin/env bash
# Side by side in one run: our core vs botocore on the same payloads.
# Usage: bench/core/run.sh [build dir]   (build with -DCMAKE_BUILD_TYPE=Release)
# DC_BENCH_ROUNDS=N (default 1) alternates the two N times and compares the
# best time of each side: on a shared, loaded machine a single round's ratio
# swings with whatever else runs during either half; the best of several
# rounds is what each side costs when undisturbed. Every round is printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
rounds=${DC_BENCH_ROUNDS:-1}
fix=$(mktemp -d)
trap 'rm -rf "$fix"' EXIT
/usr/bin/python3 "$here/make_fixtures.py" "$fix"
for round in $(seq 1 "$rounds"); do
  [ "$rounds" -gt 1 ] && echo "== round $round of $rounds"
  echo "== botocore (Debian python3-botocore), µs per operation"
  /usr/bin/python3 "$here/botocore_bench.py" "$fix" | tee "$fix/boto.$round.txt"
  echo "== deploy console core"
  DC_BENCH_FIXTURES=$fix "$build/bench/core/bench_core" --benchmark_format=csv 2>/dev/null | tee "$fix/ours.$round.csv"
done
echo "== ratio (botocore time / our time)$([ "$rounds" -gt 1 ] && echo ", best of $rounds rounds each")"
/usr/bin/python3 - "$fix" "$rounds" <<'PY'
import csv, sys
d, rounds = sys.argv[1], int(sys.argv[2])
names = {"BM_Sign": "sign", "BM_SerializeRegisterTaskDefinition": "serialize_register_task_definition",
         "BM_ParseDescribeNetworkInterfaces1000": "parse_describe_network_interfaces_1000",
         "BM_ParseDescribeTasks100": "parse_describe_tasks_100"}
scale = {"ns": 1e-3, "us": 1, "ms": 1e3, "s": 1e6}
boto, ours, per_round = {}, {}, {}
for r in range(1, rounds + 1):
    b = {k: float(v) for k, v in (l.split("\t") for l in open(f"{d}/boto.{r}.txt").read().split("\n") if l)}
    for row in csv.reader(open(f"{d}/ours.{r}.csv")):
        if not row or row[0] not in names:
            continue
        n = names[row[0]]
        o = float(row[3]) * scale[row[4]]
        boto[n] = min(boto.get(n, b[n]), b[n])
        ours[n] = min(ours.get(n, o), o)
        per_round.setdefault(n, []).append(b[n] / o)
for n in names.values():
    if n not in ours:
        continue
    extra = ""
    if rounds > 1:
        extra = "  (per round: " + ", ".join(f"{x:.1f}" for x in per_round[n]) + ")"
    print(f"{n:45s} botocore {boto[n]:12.2f} µs  ours {ours[n]:10.3f} µs  ratio {boto[n] / ours[n]:8.1f}x{extra}")
PY
