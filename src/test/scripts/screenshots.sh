#!/usr/bin/env bash
# Regenerates screenshots/*.png from the real workbench, headless (JavaFX Monocle, scene snapshots).
# Usage: src/test/scripts/screenshots.sh [OUTPUT_DIR]   (default: screenshots/)
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="$(realpath -m "${1:-screenshots}")"
mkdir -p "$out"
mvn -B -o -q test -Dtest='ScreenshotsTest' -Dsurefire.failIfNoSpecifiedTests=false -Dstracewb.screenshots="$out"
ls -1 "$out"/*.png
