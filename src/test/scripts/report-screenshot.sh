#!/usr/bin/env bash
# Renders the HTML incident report of the outage fixture in Debian's headless chromium and saves a PNG:
#   src/test/scripts/report-screenshot.sh [TRACE] [OUT.png]
# defaults: src/test/resources/fixtures/apache-prefork-outage.strace -> screenshots/report-html.png
# Needs: target/stracewb.jar (mvn -B -o -DskipTests package) and chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/../../.."
trace=${1:-src/test/resources/fixtures/apache-prefork-outage.strace}
png=${2:-screenshots/report-html.png}
width=${WIDTH:-1200}
height=${HEIGHT:-2000}
[ -f target/stracewb.jar ] || { echo "target/stracewb.jar missing: run mvn -B -o -DskipTests package" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium missing: apt-get install chromium" >&2; exit 1; }
work=$(mktemp -d /tmp/stracewb-report-shot.XXXXXX)
trap 'rm -rf "$work"' EXIT
java -jar target/stracewb.jar analyze "$trace" --report "$work/report.html" >/dev/null
mkdir -p "$(dirname "$png")"
# Flags from .library/env/machines/java-maven.md: no network, no first-run, a fresh profile.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars \
    --window-size="$width,$height" --screenshot="$work/shot.png" "file://$work/report.html" \
    >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
cp "$work/shot.png" "$png"
echo "$png"
