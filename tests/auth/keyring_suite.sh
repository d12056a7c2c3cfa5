#!/bin/sh
# Runs a keyring test binary against real and broken keyrings, each in a
# throw-away HOME/XDG tree with its own D-Bus session bus. Peers (bus, keyring
# daemon) are started here and stopped by the process ids started.
#
#   keyring_suite.sh keyring <tst_auth_keyring>   all keyring situations
#   keyring_suite.sh leak <tst_auth_leak>         the leak test, then a grep of everything
set -u
suite=$1
binary=$2

root=$(mktemp -d "${TMPDIR:-/tmp}/dc-auth-keyring.XXXXXX") || exit 1
cleanup() { rm -rf "$root"; }
trap cleanup EXIT INT TERM

# A bus configuration with no service directories: nothing can be activated,
# so org.freedesktop.secrets exists only if something registers it.
cat > "$root/bare-bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$root</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

failures=0

# run_scenario <name> <bus: standard|bare|none> <daemon: unlocked|locked-start|none>
run_scenario() {
    name=$1 bus=$2 daemon=$3
    home="$root/$name"
    mkdir -p "$home/home" "$home/data" "$home/config" "$home/cache" "$home/runtime" "$home/tmp"
    chmod 0700 "$home/runtime"
    log="$home/output.log"
    echo "=== scenario $name (bus: $bus, keyring daemon: $daemon)"

    # The inner script starts the keyring daemon (when asked), waits until it owns
    # its name, runs the test, then stops the daemon by its pid.
    inner='
        daemon_pid=
        if [ "$DC_DAEMON" = unlocked ]; then
            printf %s test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        elif [ "$DC_DAEMON" = locked-start ]; then
            gnome-keyring-daemon --components=secrets >/dev/null </dev/null
        fi
        if [ "$DC_DAEMON" != none ]; then
            gdbus wait --session --timeout 20 org.freedesktop.secrets || { echo "keyring daemon did not start"; exit 1; }
            daemon_pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
                --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets | tr -dc 0-9)
        fi
        "$@"
        rc=$?
        [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
        exit $rc
    '
    set -- env -i PATH="$PATH" HOME="$home/home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
        XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" TMPDIR="$home/tmp" \
        XDG_DATA_DIRS="$home/data" LANG=C.UTF-8 QT_LOGGING_RULES="*.debug=true" QT_QPA_PLATFORM=offscreen \
        DC_KEYRING_SCENARIO="$name" DC_DAEMON="$daemon" DC_SCAN_ROOT="$home"
    case $bus in
    standard) "$@" dbus-run-session -- sh -c "$inner" sh "$binary" >"$log" 2>&1 ;;
    bare) "$@" dbus-run-session --config-file="$root/bare-bus.conf" -- sh -c "$inner" sh "$binary" >"$log" 2>&1 ;;
    none) "$@" sh -c "$inner" sh "$binary" >"$log" 2>&1 ;;
    esac
    rc=$?
    grep -v 'Failed to set fd limit' "$log"
    if [ $rc -ne 0 ]; then
        echo "=== scenario $name FAILED (exit $rc)"
        failures=$((failures + 1))
    fi

    if [ "$suite" = leak ]; then
        # Last line of defence, independent of the test's own scan: no plaintext
        # canary in any file of the throw-away tree, nor in the captured output.
        if grep -r -l -a -e 'leakCANARY' "$home" 2>/dev/null; then
            echo "=== LEAK: the canary appears in plain text in the files above"
            failures=$((failures + 1))
        else
            echo "=== no plaintext canary under $home (output log included)"
        fi
    fi
}

case $suite in
keyring)
    run_scenario unlocked standard unlocked
    run_scenario never-unlocked standard locked-start
    run_scenario no-secret-service bare none
    run_scenario no-bus none none
    run_scenario hang bare none
    ;;
leak)
    run_scenario leak standard unlocked
    ;;
*)
    echo "unknown suite $suite"
    exit 2
    ;;
esac

[ $failures -eq 0 ]
