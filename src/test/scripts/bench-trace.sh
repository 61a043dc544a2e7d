#!/usr/bin/env bash
# Records a large benchmark trace (NOT committed: bench/data/ is gitignored): the real apache2 prefork
# + mod_php of the lab (4 workers at start; apache forks more under load and -f follows them) under
# `ab` load mixing the outage (GET / -> 500) and the healthy site (GET /healthy/ -> 200), traced with
# strace -f -tt -T -yy -s 256 attached to the master and every worker, until the trace has at least
# --lines lines. Prints the line count, size, requests and statuses; writes FILE.txt beside the trace.
#
#   src/test/scripts/bench-trace.sh [--lines N] [--out FILE] [--port N] [--concurrency C]
#
# Defaults: --lines 1200000, --out bench/data/apache-prefork-ab.strace, --port 18280, --concurrency 4
# (per ab; two ab run at once). Run as root. The lab runs in /tmp/stracewb-bench and is stopped at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
LAB=$ROOT/src/test/scripts/lab.sh
STATE=/tmp/stracewb-bench
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
TARGET=1200000
OUT=$ROOT/bench/data/apache-prefork-ab.strace
PORT=18280
CONC=4
BATCH=1000

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

while [ $# -gt 0 ]; do
	case $1 in
		--lines) TARGET=$2; shift 2 ;;
		--out) OUT=$(realpath -m "$2"); shift 2 ;;
		--port) PORT=$2; shift 2 ;;
		--concurrency) CONC=$2; shift 2 ;;
		-h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) die "unknown option: $1" ;;
	esac
done
[[ $TARGET =~ ^[0-9]+$ && $CONC =~ ^[0-9]+$ ]] || die "--lines and --concurrency take numbers"
[ "$(id -u)" = 0 ] || die "run as root"
for tool in strace apache2 ab curl; do
	command -v "$tool" >/dev/null || die "$tool is missing: apt-get install strace apache2 libapache2-mod-php apache2-utils curl"
done

mkdir -p "$(dirname "$OUT")"
STRACE_PID=""
WORK=$(mktemp -d /tmp/stracewb-bench-work.XXXXXX)
cleanup() {
	if [ -n "$STRACE_PID" ] && kill -0 "$STRACE_PID" 2>/dev/null; then
		kill -INT "$STRACE_PID" 2>/dev/null || true
		wait "$STRACE_PID" 2>/dev/null || true
	fi
	"$LAB" stop --state "$STATE" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

"$LAB" stop --state "$STATE" >/dev/null 2>&1 || true
MASTER=$("$LAB" start prefork --port "$PORT" --state "$STATE" | sed -n 's/^master_pid=//p')
[ -n "$MASTER" ] || die "the lab did not start"
PIDS=$( (echo "$MASTER"; ps -o pid= --ppid "$MASTER" | tr -d ' ' | sort -n) )
ARGS=()
for p in $PIDS; do ARGS+=(-p "$p"); done
NPIDS=$(echo "$PIDS" | wc -l)

rm -f "$OUT"
strace -f -tt -T -yy -s 256 -o "$OUT" "${ARGS[@]}" 2>"$WORK/strace.err" &
STRACE_PID=$!
for ((i = 0; i < 100; i++)); do
	[ "$(grep -c '^strace: Process [0-9]* attached' "$WORK/strace.err" 2>/dev/null || true)" -ge "$NPIDS" ] && break
	sleep 0.1
done
[ "$i" -lt 100 ] || die "strace did not attach to $NPIDS processes"

START=$(date +%s.%N)
ROUNDS=0
LINES=0
while [ "$LINES" -lt "$TARGET" ]; do
	ab -q -n "$BATCH" -c "$CONC" "http://127.0.0.1:$PORT/" >"$WORK/ab-outage.$ROUNDS" 2>&1 &
	AB1=$!
	ab -q -n "$BATCH" -c "$CONC" "http://127.0.0.1:$PORT/healthy/" >"$WORK/ab-healthy.$ROUNDS" 2>&1 &
	AB2=$!
	wait "$AB1" "$AB2" || die "ab failed: $(tail -2 "$WORK/ab-outage.$ROUNDS" "$WORK/ab-healthy.$ROUNDS")"
	ROUNDS=$((ROUNDS + 1))
	LINES=$(wc -l <"$OUT")
	log "round $ROUNDS: $((ROUNDS * BATCH * 2)) requests, $LINES lines"
done
END=$(date +%s.%N)
sleep 1
kill -INT "$STRACE_PID"
wait "$STRACE_PID" || true
STRACE_PID=""

LINES=$(wc -l <"$OUT")
BYTES=$(stat -c %s "$OUT")
# "GET / 500 x8000, ..." (apache's master also sends itself "OPTIONS *" to wake idle workers)
STATUSES=$(awk -F'"' '{split($2, r, " "); split($3, f, " "); print r[1] "_" r[2] "_" f[1]}' "$STATE/logs/access.log" |
	sort | uniq -c | sort -rn | awk '{gsub("_", " ", $2); printf "%s%s x%d", (NR>1?", ":""), $2, $1}')
RATE=$(awk -v n=$((ROUNDS * BATCH * 2)) -v s="$START" -v e="$END" 'BEGIN {printf "%.0f", n / (e - s)}')
PHPP=$(grep -c 'version\.phpp' "$OUT" || true)
# failing calls on version.phpp, an "<unfinished ...>" + "<... resumed>" pair (same pid) counted once
PHPP_ENOENT=$(awk '
	index($0, "version.phpp\"") && / = -1 ENOENT/ { n++; next }
	index($0, "version.phpp\"") && /<unfinished \.\.\.>$/ { pending[$1] = 1; next }
	/<\.\.\. [a-z0-9_]+ resumed>/ && ($1 in pending) { if (/ = -1 ENOENT/) n++; delete pending[$1] }
	END { print n + 0 }' "$OUT")
UNFINISHED=$(grep -c '<unfinished \.\.\.>' "$OUT" || true)
RESUMED=$(grep -c '<\.\.\. [a-z0-9_]* resumed>' "$OUT" || true)
{
	echo "file: ${OUT#"$ROOT"/} (not committed)"
	echo "scenario: benchmark load: apache2 prefork + mod_php (lab, 127.0.0.1:$PORT), $ROUNDS rounds of two concurrent ab runs: ab -q -n $BATCH -c $CONC http://127.0.0.1:$PORT/ (outage, 500) and ab -q -n $BATCH -c $CONC http://127.0.0.1:$PORT/healthy/ (200)"
	echo "command: strace -f -tt -T -yy -s 256 -o ${OUT#"$ROOT"/} ${ARGS[*]}"
	echo "requests: $((ROUNDS * BATCH * 2)); access log statuses: $STATUSES; traced rate: $RATE requests/s"
	echo "lines: $LINES; bytes: $BYTES; distinct pids: $(awk '{print $1}' "$OUT" | sort -u | wc -l)"
	echo "version.phpp calls failing with ENOENT (split calls stitched): $PHPP_ENOENT"
	echo "lines mentioning version.phpp: $PHPP (3 failing calls + 2 error-log writes per 500; under load most calls are split: unfinished $UNFINISHED, resumed $RESUMED)"
	echo "versions: $(strace -V | head -1); $(apache2 -v | head -1 | sed 's/^Server version: //'); kernel $(uname -r); $(nproc) cores"
	echo "captured: $(date -Is)"
} >"${OUT%.strace}.txt"
cat "${OUT%.strace}.txt"
