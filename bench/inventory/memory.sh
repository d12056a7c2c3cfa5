#!/bin/sh
# Resident memory of deploy-console showing an account, under Xvfb at
# 1280x800: the peak (VmHWM) and the resident set (VmRSS) at the moment the
# first snapshot is on screen (--screenshot saves the picture then).
# Two runs side by side: the sandbox inside the app (--sandbox, what a class
# demo costs) and an external `deployctl sandbox` reached through a profile
# (what the app itself costs, as with a real account).
# Usage: bench/inventory/memory.sh [build-dir] [scenario]   (default: build large)
# SCREENSHOT_DIR=dir keeps the two pictures (check they show the account).
set -eu
build=$(cd "${1:-build}" && pwd)
scenario=${2:-large}
app="$build/app/deploy-console"
deployctl="$build/app/deployctl"
work=$(mktemp -d)

# One run: starts the app with "$@", waits for its picture, reads /proc.
measure() {
    label=$1
    shift
    rm -f "$work/shot.png"
    xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
        QT_QPA_PLATFORM=xcb "$@" --screenshot "$SHOT" 2>/dev/null &
        app=$!
        while kill -0 $app 2>/dev/null; do
            if [ -s "$SHOT" ]; then
                grep -E "^(VmHWM|VmRSS)" /proc/$app/status | tr -s " \t" " " | tr "\n" " "
                break
            fi
            sleep 0.02
        done
        wait $app' sh "$@" | sed "s/^/$label: /"
    echo
    if [ -n "${SCREENSHOT_DIR:-}" ]; then
        mkdir -p "$SCREENSHOT_DIR"
        cp "$SHOT" "$SCREENSHOT_DIR/memory-$(echo "$label" | tr -c 'a-z0-9\n' '-').png"
    fi
}

export SHOT="$work/shot.png"
measure "in-process sandbox ($scenario)" "$app" --sandbox --scenario "$scenario"

. "$(dirname "$0")/sandbox.sh"
trap 'kill $pid 2>/dev/null; rm -rf $cleanup $work' EXIT INT TERM
(
    # The app reads the sandbox as a profile, like a real account
    # (AWS_ENDPOINT_URL, exported by sandbox.sh, points it at the sandbox).
    printf '[profile bench]\nregion = %s\n' "$AWS_DEFAULT_REGION" >"$work/config"
    printf '[bench]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$AWS_ACCESS_KEY_ID" \
        "$AWS_SECRET_ACCESS_KEY" >"$work/credentials"
    chmod 600 "$work/credentials"
    unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
    export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials" HOME="$work"
    measure "app with external sandbox ($scenario)" "$app" --profile bench
)
