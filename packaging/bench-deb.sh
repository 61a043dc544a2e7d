#!/usr/bin/env bash
# Measures the .deb: sizes, install and remove time, and start-up of the installed `stracewb --version`
# (median of RUNS), next to the same jar on the same runtime without the jpackage launcher.
# Run as root after packaging/build-deb.sh; any installed stracewb is removed first. Prints Markdown rows.
#
#   packaging/bench-deb.sh [DEB]    RUNS (default 15) start-ups per figure, INSTALLS (default 3)
set -euo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
case "${1:-}" in -h|--help) usage; exit 0 ;; esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-15}
INSTALLS=${INSTALLS:-3}
OUT="$ROOT/target/packaging"
DEB=${1:-$(ls "$OUT"/stracewb_*.deb)}
[ "$(id -u)" = 0 ] || { echo "bench-deb: run as root" >&2; exit 2; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# time_runs CMD...: median wall time in ms of RUNS runs of CMD (one warm-up run first)
time_runs() {
    "$@" >/dev/null 2>&1
    local i start
    for i in $(seq "$RUNS"); do
        start=$(now_ms)
        "$@" >/dev/null 2>&1
        echo $(( $(now_ms) - start ))
    done | median
}
installed() { dpkg-query -W -f '${Status}' stracewb 2>/dev/null | grep -q 'install ok installed'; }

installed && apt-get remove -y stracewb >/dev/null 2>&1
install_times=() remove_times=()
for i in $(seq "$INSTALLS"); do
    start=$(now_ms); apt-get install -y "$(readlink -f "$DEB")" >/dev/null 2>&1; install_times+=($(( $(now_ms) - start )))
    if [ "$i" -lt "$INSTALLS" ]; then
        start=$(now_ms); apt-get remove -y stracewb >/dev/null 2>&1; remove_times+=($(( $(now_ms) - start )))
    fi
done

version_ms=$(time_runs /usr/bin/stracewb --version)
help_ms=$(time_runs /usr/bin/stracewb --help)
# The same jar on a runtime with the same modules, started by java instead of the jpackage launcher.
rt=$(mktemp -d)
jlink --add-modules "$(cat "$OUT/modules.txt")" --no-header-files --no-man-pages --output "$rt/runtime" >/dev/null
"$rt/runtime/bin/java" -Xshare:dump >/dev/null 2>&1 || true
direct_ms=$(time_runs "$rt/runtime/bin/java" -cp /opt/stracewb/lib/app/stracewb.jar dev.stracewb.Main --version)
strace_ms=$(time_runs strace -V)
rm -rf "$rt"
start=$(now_ms); apt-get remove -y stracewb >/dev/null 2>&1; remove_times+=($(( $(now_ms) - start )))

echo "| figure | value |"
echo "|---|---|"
echo "| .deb size | $(stat -c %s "$DEB" | awk '{ printf "%.1f MB (%d bytes)", $1 / 1e6, $1 }') |"
echo "| Installed-Size (control) | $(dpkg-deb -f "$DEB" Installed-Size | awk '{ printf "%.1f MB", $1 / 1024 }') |"
echo "| app image (target/packaging/image/stracewb) | $(du -sm "$OUT/image/stracewb" | cut -f1) MB |"
echo "| of which runtime (lib/runtime) | $(du -sm "$OUT/image/stracewb/lib/runtime" | cut -f1) MB |"
echo "| of which app jar (lib/app) | $(du -sm "$OUT/image/stracewb/lib/app" | cut -f1) MB |"
echo "| jlink modules | $(cat "$OUT/modules.txt") |"
echo "| apt-get install ./deb, median of $INSTALLS | $(printf '%s\n' "${install_times[@]}" | median) ms (runs: ${install_times[*]}) |"
echo "| apt-get remove, median of ${#remove_times[@]} | $(printf '%s\n' "${remove_times[@]}" | median) ms (runs: ${remove_times[*]}) |"
echo "| installed \`stracewb --version\`, median of $RUNS | $version_ms ms |"
echo "| installed \`stracewb --help\`, median of $RUNS | $help_ms ms |"
echo "| same jar, same modules, plain \`java -cp\` --version | $direct_ms ms |"
echo "| \`strace -V\` alone (run by --version) | $strace_ms ms |"
echo "| machine | $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end |"
