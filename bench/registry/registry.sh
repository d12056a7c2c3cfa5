#!/bin/sh
# A fresh docker-registry (distribution 2.8) for one benchmark run: empty
# storage, 127.0.0.1 on a port the kernel picks (read back from its log),
# no auth (both clients are measured on the same footing).
# Usage: registry.sh start DIR   — stops the one DIR names, wipes, starts
#        registry.sh stop DIR
# DIR/port holds the port, DIR/pid the process id it is stopped by.
set -eu
cmd=$1
dir=$2

stop() {
    if [ -f "$dir/pid" ]; then
        pid=$(cat "$dir/pid")
        kill "$pid" 2>/dev/null || true
        # Wait (bounded) for it to go, so the next run starts on a quiet machine.
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.02
            i=$((i + 1))
        done
        rm -f "$dir/pid"
    fi
}

case $cmd in
stop)
    stop
    ;;
start)
    stop
    rm -rf "$dir/storage" "$dir/port" "$dir/log"
    mkdir -p "$dir/storage"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $dir/storage
http:
  addr: 127.0.0.1:0
  secret: bench-only-secret
EOF
    : >"$dir/log"
    setsid /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
    i=0
    while :; do
        port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/log" | head -n 1)
        [ -n "$port" ] && break
        i=$((i + 1))
        if [ $i -gt 500 ] || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
            echo "docker-registry did not start:" >&2
            cat "$dir/log" >&2
            exit 1
        fi
        sleep 0.01
    done
    echo "$port" >"$dir/port"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
