#!/bin/sh
# Frame times of the graph with the large account (pan, fit, pan zoomed out,
# a refresh that changes one task) in a 1280×800 window under Xvfb.
# Usage: bench/inventory/graph_frames.sh [build-dir]
set -eu
build=${1:-build}
exec xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb "$build/bench/inventory/bench_graph_frames"
