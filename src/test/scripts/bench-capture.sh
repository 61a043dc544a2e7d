#!/usr/bin/env bash
# What tracing costs the traced server (issue 3 item 9). A private apache2 prefork + mod_php (the lab,
# 4 workers) answers `ab` with the outage page (GET / -> 500, PHP runs and fails on version.phpp) in
# four set-ups, measured in the same run and in turns, ROUNDS times each:
#
#   untraced        no tracer
#   strace          strace -f -tt -T -yy -s 256 -o FILE -p MASTER -p WORKER...  (every worker)
#   stracewb        stracewb attach --pid MASTER --children                     (default profile "web")
#   sample1         stracewb attach --pid MASTER --children --sample 1          (one worker, no master)
#
# and writes the requests/s (median of the rounds), each round's figure, the lines strace wrote, and the
# exact commands to BENCHMARKS.md (between its bench-capture markers).
#
#   src/test/scripts/bench-capture.sh [--requests N] [--concurrency C] [--rounds R] [--port N] [--path /URL]
#
# Defaults: --requests 2000, --concurrency 4, --rounds 3, --port 18380, --path /. Run as root, after
# `mvn -B -DskipTests package` (it runs target/stracewb.jar). Lab state lives in /tmp/stracewb-bench-capture.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
LAB=$ROOT/src/test/scripts/lab.sh
JAR=$ROOT/target/stracewb.jar
STATE=/tmp/stracewb-bench-capture
OUT_MD=$ROOT/BENCHMARKS.md
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
REQUESTS=2000
CONC=4
ROUNDS=3
PORT=18380
URLPATH=/

log() { printf '[bench-capture %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

while [ $# -gt 0 ]; do
	case $1 in
		--requests) REQUESTS=$2; shift 2 ;;
		--concurrency) CONC=$2; shift 2 ;;
		--rounds) ROUNDS=$2; shift 2 ;;
		--port) PORT=$2; shift 2 ;;
		--path) URLPATH=$2; shift 2 ;;
		-h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) die "unknown option: $1" ;;
	esac
done
[[ $REQUESTS =~ ^[0-9]+$ && $CONC =~ ^[0-9]+$ && $ROUNDS =~ ^[0-9]+$ && $PORT =~ ^[0-9]+$ ]] ||
	die "--requests, --concurrency, --rounds and --port take numbers"
[ "$(id -u)" = 0 ] || die "run as root"
for tool in strace apache2 ab java; do
	command -v "$tool" >/dev/null || die "$tool is missing: apt-get install strace apache2 libapache2-mod-php apache2-utils default-jre-headless"
done
[ -f "$JAR" ] || die "$JAR is missing: mvn -B -DskipTests package"

WORK=$(mktemp -d /tmp/stracewb-bench-capture-work.XXXXXX)
TRACER_PID=""
cleanup() {
	if [ -n "$TRACER_PID" ] && kill -0 "$TRACER_PID" 2>/dev/null; then
		kill -TERM "$TRACER_PID" 2>/dev/null || true
		wait "$TRACER_PID" 2>/dev/null || true
	fi
	"$LAB" stop --state "$STATE" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

"$LAB" stop --state "$STATE" >/dev/null 2>&1 || true
MASTER=$("$LAB" start prefork --port "$PORT" --state "$STATE" | sed -n 's/^master_pid=//p')
[ -n "$MASTER" ] || die "the lab did not start"
URL="http://127.0.0.1:$PORT$URLPATH"

pids_of_server() { (echo "$MASTER"; ps -o pid= --ppid "$MASTER" | tr -d ' ' | sort -n); }

# ab_rate: requests/s of one ab run (the whole run must complete without failed requests)
ab_rate() {
	local out=$WORK/ab.out
	ab -q -n "$REQUESTS" -c "$CONC" "$URL" >"$out" 2>&1 || die "ab failed: $(tail -3 "$out")"
	local failed; failed=$(sed -n 's/^Failed requests: *//p' "$out")
	[ "${failed:-0}" = 0 ] || die "ab saw $failed failed requests"
	sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p' "$out"
}

# wait_for FILE PATTERN: until FILE has a line matching PATTERN (30 s at most)
wait_for() {
	local i
	for ((i = 0; i < 300; i++)); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	die "timed out waiting for '$2' in $1: $(tail -3 "$1")"
}

# cpu_s PID: user+system CPU seconds of PID so far (0 when it is gone)
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# measured_ab NAME JVM_PID: ab_rate, noting the CPU that strace (and stracewb's JVM) used during the ab run
measured_ab() {
	local name=$1 jvm=${2:-} s s0 s1 j0=0 j1=0
	s=$(pgrep -x strace | head -1)
	s0=$(cpu_s "$s"); [ -n "$jvm" ] && j0=$(cpu_s "$jvm")
	ab_rate
	s1=$(cpu_s "$s"); [ -n "$jvm" ] && j1=$(cpu_s "$jvm")
	awk -v a="$s0" -v b="$s1" -v c="$j0" -v d="$j1" 'BEGIN {printf "%.1f s strace", b - a; if (d > 0) printf " + %.1f s JVM", d - c}' \
		>"$WORK/cpu.$name"
}

untraced() { ab_rate; }

plain_strace() {
	local args=() p n=0
	for p in $(pids_of_server); do args+=(-p "$p"); n=$((n + 1)); done
	strace -f -tt -T -yy -s 256 -o "$WORK/strace.strace" "${args[@]}" 2>"$WORK/strace.err" &
	TRACER_PID=$!
	for ((i = 0; i < 300; i++)); do
		[ "$(grep -c 'Process [0-9]* attached' "$WORK/strace.err" || true)" -ge "$n" ] && break
		sleep 0.1
	done
	measured_ab strace
	kill -INT "$TRACER_PID"; wait "$TRACER_PID" || true; TRACER_PID=""
	LINES[strace]=$(wc -l <"$WORK/strace.strace")
	CMD[strace]="strace -f -tt -T -yy -s 256 -o FILE ${args[*]}"
}

stracewb() {
	local name=$1; shift
	# a fresh err file: wait_for must not see the previous round's "capturing" line
	rm -f "$WORK/$name.err" "$WORK/$name.json" "$WORK/$name.strace"
	: >"$WORK/$name.err"
	java -jar "$JAR" attach --pid "$MASTER" --children "$@" --json --save "$WORK/$name.strace" \
		>"$WORK/$name.json" 2>"$WORK/$name.err" &
	TRACER_PID=$!
	wait_for "$WORK/$name.err" '^stracewb: capturing'
	measured_ab "$name" "$TRACER_PID"
	# (a sampled worker may have ended on its own, apache reaps spare workers; then stracewb has ended too)
	kill -TERM "$TRACER_PID" 2>/dev/null || true
	wait "$TRACER_PID" || die "stracewb exited non-zero: $(tail -3 "$WORK/$name.err")"
	TRACER_PID=""
	LINES[$name]=$(wc -l <"$WORK/$name.strace")
	CMD[$name]=$(sed -n 's/^stracewb: \(\(nice -n [0-9]* \)\{0,1\}strace -.*\)/\1/p' "$WORK/$name.err" | head -1 | sed "s| -o [^ ]* | -o FILE |")
	grep -q '"stillTraced" : \[ \]' "$WORK/$name.json" || die "$name left processes traced"
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

declare -A RATES LINES CMD
SETUPS=(untraced strace stracewb sample1)
log "warming up: $URL"
ab -q -n 200 -c "$CONC" "$URL" >/dev/null 2>&1 || die "warm-up ab failed"
for ((r = 1; r <= ROUNDS; r++)); do
	for s in "${SETUPS[@]}"; do
		case $s in
			untraced) rate=$(untraced) ;;
			strace) rate=$(plain_strace; echo "${LINES[strace]}" >"$WORK/lines.strace"; echo "${CMD[strace]}" >"$WORK/cmd.strace") ;;
			stracewb) rate=$(stracewb stracewb; echo "${LINES[stracewb]}" >"$WORK/lines.stracewb"; echo "${CMD[stracewb]}" >"$WORK/cmd.stracewb") ;;
			sample1) rate=$(stracewb sample1 --sample 1; echo "${LINES[sample1]}" >"$WORK/lines.sample1"; echo "${CMD[sample1]}" >"$WORK/cmd.sample1") ;;
		esac
		rate=$(echo "$rate" | head -1)
		RATES[$s]="${RATES[$s]:-} $rate"
		log "round $r $s: $rate requests/s"
	done
done

row() {
	local s=$1 label=$2 med base pct lines
	med=$(echo "${RATES[$s]}" | tr ' ' '\n' | grep . | median)
	base=$(echo "${RATES[untraced]}" | tr ' ' '\n' | grep . | median)
	pct=$(awk -v a="$med" -v b="$base" 'BEGIN {printf "%.0f%%", 100 * a / b}')
	lines=$(cat "$WORK/lines.$s" 2>/dev/null || echo "-")
	cpu=$(cat "$WORK/cpu.$s" 2>/dev/null || echo "-")
	printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$med" "$pct" "$(echo "${RATES[$s]}" | sed 's/^ //; s/ / · /g')" "$lines" "$cpu"
}

mkdir -p "$(dirname "$OUT_MD")"
{
	echo "## Cost to the traced server (issue 3 item 9)"
	echo
	echo "Private apache2 prefork + mod_php (the lab, 4 workers, 127.0.0.1:$PORT) serving the outage page"
	echo "(\`GET $URLPATH\`, PHP runs and fails on \`version.phpp\`, HTTP 500) to"
	echo "\`ab -q -n $REQUESTS -c $CONC $URL\`. The four set-ups run in turns, $ROUNDS rounds; the figure is the"
	echo "median requests/s, with each round's value. \"Trace lines\" are from the last round."
	echo
	echo "| set-up | requests/s | of untraced | rounds | trace lines (last round) | tracer CPU during ab (last round) |"
	echo "|---|---|---|---|---|---|"
	row untraced "untraced"
	row strace "plain \`strace -f -tt -T -yy -s 256\` on master + every worker"
	row stracewb "\`stracewb attach --pid MASTER --children\` (profile web)"
	row sample1 "\`stracewb attach --pid MASTER --children --sample 1\`"
	echo
	echo "Commands (PIDs of the run):"
	echo
	echo "- strace: \`$(cat "$WORK/cmd.strace")\`"
	echo "- stracewb: \`java -jar target/stracewb.jar attach --pid $MASTER --children --json --save FILE\`, which ran \`$(cat "$WORK/cmd.stracewb")\`"
	echo "- sample1: \`java -jar target/stracewb.jar attach --pid $MASTER --children --sample 1 --json --save FILE\`, which ran \`$(cat "$WORK/cmd.sample1")\`"
	echo
	echo "Regenerate: \`mvn -B -DskipTests package && src/test/scripts/bench-capture.sh --requests $REQUESTS --concurrency $CONC --rounds $ROUNDS\` (as root)."
	echo
	echo "Machine: $(nproc) cores, kernel $(uname -r), $(strace -V | head -1), $(apache2 -v | head -1 | sed 's/^Server version: //'), $(java -version 2>&1 | head -1). Measured $(date -Is); other builds may have shared the machine."
} >"$WORK/table.md"

# replace the block between the bench-capture markers of BENCHMARKS.md; the rest of the file stays
if [ -f "$OUT_MD" ] && grep -q '<!-- bench-capture:begin -->' "$OUT_MD"; then
	awk -v table="$WORK/table.md" '
		/<!-- bench-capture:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
		/<!-- bench-capture:end -->/ { skip = 0 }
		!skip { print }' "$OUT_MD" >"$WORK/new.md"
	mv "$WORK/new.md" "$OUT_MD"
else
	echo "bench-capture: no bench-capture markers in $OUT_MD; the table follows" >&2
fi
cat "$WORK/table.md"
