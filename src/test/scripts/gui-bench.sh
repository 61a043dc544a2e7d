#!/usr/bin/env bash
# Measures the workbench (headless, in the real window) on a big trace and writes the figures to
# target/gui-bench.txt: time to first rows and to findings, filter times, scrolling, the longest FX-thread
# stall while ingesting live at 100,000 lines/s, heap after loading.
# Usage: src/test/scripts/gui-bench.sh [TRACE]   (default: bench/data/apache-prefork-ab.strace from src/test/scripts/bench-trace.sh)
set -euo pipefail
cd "$(dirname "$0")/../../.."
trace="$(realpath "${1:-bench/data/apache-prefork-ab.strace}")"
[ -f "$trace" ] || { echo "no trace at $trace: run src/test/scripts/bench-trace.sh first (as root)" >&2; exit 1; }
mvn -B -o -q test -Dtest='WorkbenchBenchmarkTest' -Dsurefire.failIfNoSpecifiedTests=false -Dstracewb.bench="$trace"
cat target/gui-bench.txt
