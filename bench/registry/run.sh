#!/bin/sh
# Pushing an image without Docker: `deployctl push` against `skopeo copy`,
# side by side, into a local docker-registry (distribution 2.8).
#
# The image is a ~200 MB multi-layer docker-archive (uncompressed layers, as
# `docker save` writes them; half random, half text — make_image.py). Every
# timed run is cold: a fresh registry with empty storage on a new loopback
# port (registry.sh, started by hyperfine's --prepare) and an empty
# deployctl digest cache. Reported:
#   1. hyperfine, wall time (and its user/system CPU): deployctl --no-compress,
#      skopeo copy (which gzips uncompressed layers on the way), deployctl in
#      its default gzip mode;
#   2. per tool, one more cold run each: CPU time and peak memory
#      (/usr/bin/time) and bytes sent (a counting relay between client and
#      registry: request lines, headers and bodies);
#   3. gzip: deployctl's compression throughput (what it prints after
#      preparing the layers) against single-threaded `gzip -6` of the same
#      layer files, and the bytes each produces;
#   4. the no-change re-push (warm: the registry has the image);
#   5. peak memory for this image and for a ~1 GB one.
# The machine's load is printed: figures from a busy machine are not figures
# (wall times move with other work; CPU time, bytes and memory hardly do).
#
# Usage: bench/registry/run.sh [build-dir] [MiB] [big-MiB]   (defaults: build 200 1024;
#        big-MiB 0 skips the large image). RUNS=n sets hyperfine's runs (5).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
mib=${2:-200}
bigmib=${3:-1024}
runs=${RUNS:-5}
deployctl=$build/app/deployctl
[ -x "$deployctl" ] || { echo "no $deployctl: build it first" >&2; exit 1; }
for tool in hyperfine skopeo docker-registry /usr/bin/time gzip awk; do
    command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/dc-bench-registry.XXXXXX")
reg=$work/reg
relaypid=
cleanup() {
    "$here/registry.sh" stop "$reg" 2>/dev/null || true
    [ -n "$relaypid" ] && kill "$relaypid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# deployctl's diff_id → gzip digest cache lives here; wiped for cold runs.
export XDG_CACHE_HOME=$work/cache

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(skopeo --version); $(docker-registry --version | cut -d' ' -f2-)"
echo "making a ${mib} MiB docker-archive..."
img=$work/image.tar
/usr/bin/python3 "$here/make_image.py" "$img" --mib "$mib"
imgbytes=$(stat -c %s "$img")

div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
cold() {
    "$here/registry.sh" start "$reg"
    rm -rf "$XDG_CACHE_HOME"
}

push_raw="$deployctl push docker-archive:$img --repository bench/app --tag t --registry http://127.0.0.1:\$(cat $reg/port) --no-compress"
push_gz="$deployctl push docker-archive:$img --repository bench/app --tag t --registry http://127.0.0.1:\$(cat $reg/port)"
skopeo_copy="skopeo copy -q --dest-tls-verify=false docker-archive:$img docker://127.0.0.1:\$(cat $reg/port)/bench/app:t"

echo
echo "== 1. cold push, wall time (hyperfine, $runs runs, fresh registry and cache each) =="
hyperfine --warmup 1 --runs "$runs" --export-json "$work/cold.json" \
    --prepare "$here/registry.sh start $reg && rm -rf $XDG_CACHE_HOME" \
    --command-name 'deployctl push --no-compress' "$push_raw" \
    --command-name 'skopeo copy' "$skopeo_copy" \
    --command-name 'deployctl push (gzip)' "$push_gz"

# One cold run of `sh -c CMD` under /usr/bin/time: "wall user sys maxrss_kb"
# into $work/time, the command's stderr into $work/err.
timed() {
    cold
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" sh -c "$1" >/dev/null 2>"$work/err" ||
        { cat "$work/err" >&2; exit 1; }
}
# Bytes the client sends through a counting relay, for one cold run.
sent_bytes() {
    cold
    rm -f "$work/relay.port" "$work/relay.count"
    # Its output goes nowhere: holding this $(…)'s pipe it would block the caller.
    /usr/bin/python3 "$here/count_relay.py" "$(cat "$reg/port")" "$work/relay.port" "$work/relay.count" \
        >/dev/null 2>&1 </dev/null &
    relaypid=$!
    i=0
    while [ ! -s "$work/relay.port" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
    ok=1
    sh -c "$(echo "$1" | sed "s#$reg/port#$work/relay.port#g")" >/dev/null 2>"$work/relay.err" || ok=0
    kill "$relaypid"
    wait "$relaypid" 2>/dev/null || true
    relaypid=
    if [ $ok = 1 ]; then cat "$work/relay.count"; else
        echo "push through the relay failed:" >&2
        cat "$work/relay.err" >&2
        echo 0
    fi
}

echo
echo "== 2. one cold run each: CPU, peak memory, bytes sent =="
printf '| %-28s | %8s | %8s | %8s | %12s | %14s |\n' tool 'wall s' 'user s' 'sys s' 'peak RSS MB' 'bytes sent MB'
printf '|%s|\n' '------------------------------|----------|----------|----------|--------------|----------------'
for name in raw skopeo gz; do
    case $name in
    raw) cmd=$push_raw label='deployctl push --no-compress' ;;
    skopeo) cmd=$skopeo_copy label='skopeo copy' ;;
    gz) cmd=$push_gz label='deployctl push (gzip)' ;;
    esac
    timed "$cmd"
    [ $name = gz ] && cp "$work/err" "$work/gz.err"
    set -- $(cat "$work/time")
    bytes=$(sent_bytes "$cmd")
    printf '| %-28s | %8s | %8s | %8s | %12s | %14s |\n' "$label" "$1" "$2" "$3" \
        "$(div "$4" 1024)" "$(div "$bytes" 1000000)"
done
echo "(image: $(div "$imgbytes" 1000000) MB, layers uncompressed)"

echo
echo "== 3. gzip: deployctl's compression (all cores) vs gzip -6 (one core), same layer files =="
mkdir -p "$work/layers"
tar -xf "$img" -C "$work/layers" --wildcards '*.tar'
layerbytes=$(cat "$work/layers"/*.tar | wc -c)
gzbytes=$(for f in "$work/layers"/*.tar; do gzip -6 -c "$f"; done | wc -c)
hyperfine --runs 3 --export-json "$work/gzip.json" \
    --command-name 'gzip -6 (each layer file)' \
    "sh -c 'for f in $work/layers/*.tar; do gzip -6 -c \$f >/dev/null; done'"
gzsecs=$(/usr/bin/python3 -c "import json;print(json.load(open('$work/gzip.json'))['results'][0]['median'])")
# deployctl prints "Prepared N layer(s) in S s: X MB read (R MB/s), Y MB to send"; median of 3 cold runs.
for i in 1 2 3; do
    timed "$push_gz"
    sed -n 's/.*Prepared .* in \([0-9.]*\) s: .*/\1/p' "$work/err"
done >"$work/dcsecs"
dcsecs=$(sort -n "$work/dcsecs" | sed -n 2p)
dcsend=$(sed -n 's/.*MB\/s), \([0-9.]*\) MB to send.*/\1/p' "$work/gz.err")
/usr/bin/python3 - "$layerbytes" "$gzsecs" "$dcsecs" "$gzbytes" "$dcsend" <<'EOF'
import sys
n, gz, dc, gzb, dcsend = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
print("| compressor | seconds | MB/s (uncompressed) | output MB |")
print("|---|---|---|---|")
print("| gzip -6, one core | %.2f | %.1f | %.1f |" % (gz, n / 1e6 / gz, gzb / 1e6))
print("| deployctl (prepare phase, median of 3) | %.2f | %.1f | %.1f |" % (dc, n / 1e6 / dc, dcsend))
print("deployctl / gzip -6 throughput: %.2fx" % (gz / dc))
EOF

echo
echo "== 4. no-change re-push (the registry has the image; deployctl's cache is warm) =="
cold
sh -c "$push_gz" >/dev/null 2>&1
sh -c "$(echo "$push_raw" | sed 's#bench/app#bench/raw#')" >/dev/null 2>&1
sh -c "$(echo "$skopeo_copy" | sed 's#bench/app#bench/skopeo#')" >/dev/null 2>&1
hyperfine --warmup 1 --runs 10 \
    --command-name 're-push (gzip)' "$push_gz" \
    --command-name 're-push --no-compress' "$(echo "$push_raw" | sed 's#bench/app#bench/raw#')" \
    --command-name 're-push, skopeo copy' "$(echo "$skopeo_copy" | sed 's#bench/app#bench/skopeo#')"

echo
echo "== 5. peak memory (cold push), ${mib} MiB vs ${bigmib} MiB image =="
printf '| %-28s | %14s | %14s |\n' tool "${mib} MiB image" "${bigmib} MiB image"
printf '|%s|\n' '------------------------------|----------------|----------------'
mem() { timed "$1"; div "$(cut -d' ' -f4 "$work/time")" 1024; }
# One assignment each, so a failed run stops the script instead of leaving a blank.
r1=$(mem "$push_raw")
g1=$(mem "$push_gz")
s1=$(mem "$skopeo_copy")
r2=- g2=- s2=-
if [ "$bigmib" -gt 0 ]; then
    rm -f "$img"
    echo "(making a ${bigmib} MiB image...)"
    /usr/bin/python3 "$here/make_image.py" "$img" --mib "$bigmib"
    r2=$(mem "$push_raw")
    g2=$(mem "$push_gz")
    s2=$(mem "$skopeo_copy")
fi
printf '| %-28s | %11s MB | %11s MB |\n' 'deployctl push --no-compress' "$r1" "$r2"
printf '| %-28s | %11s MB | %11s MB |\n' 'deployctl push (gzip)' "$g1" "$g2"
printf '| %-28s | %11s MB | %11s MB |\n' 'skopeo copy' "$s1" "$s2"
echo "machine load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
