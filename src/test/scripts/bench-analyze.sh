#!/usr/bin/env bash
# Benchmark of `stracewb analyze --json` on a >= 1M-line `strace -f -tt -T -yy -s 256` trace of a real apache2
# prefork + mod_php under `ab` (issue 2, item 9). JVM start included. Compares with `grep -c ENOENT` on the same
# file, measures heap bytes per event, and writes the figures and the exact commands between the markers
# in BENCHMARKS.md.
#
#   src/test/scripts/bench-analyze.sh [--trace FILE] [--runs N] [--no-doc]
#
# Defaults: --trace bench/data/apache-1m.strace (recorded with src/test/scripts/bench-trace.sh when missing; needs root),
# --runs 10. Wall times need a quiet machine: the script also reports CPU time (user+sys), which other
# processes on the machine disturb much less, and the load average it ran under.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
TRACE=bench/data/apache-1m.strace
RUNS=10
DOC=BENCHMARKS.md
WRITE_DOC=1
while [ $# -gt 0 ]; do
	case $1 in
		--trace) TRACE=$2; shift 2 ;;
		--runs) RUNS=$2; shift 2 ;;
		--no-doc) WRITE_DOC=0; shift ;;
		-h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) echo "unknown option: $1" >&2; exit 2 ;;
	esac
done
log() { printf '[bench-analyze %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [ ! -s "$TRACE" ]; then
	[ -x src/test/scripts/bench-trace.sh ] || { log "no $TRACE and no src/test/scripts/bench-trace.sh to record it"; exit 1; }
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	log "recording $TRACE (src/test/scripts/bench-trace.sh --lines 1200000 --port $port)"
	src/test/scripts/bench-trace.sh --lines 1200000 --out "$TRACE" --port "$port" >&2
fi
if [ ! -f target/stracewb.jar ] || [ ! -d target/test-classes/dev/stracewb/bench ]; then
	log "building target/stracewb.jar and the test classes"
	mvn -B -o -q -DskipTests package test-compile >&2
fi

JAR=target/stracewb.jar
LINES=$(wc -l <"$TRACE")
BYTES=$(stat -c %s "$TRACE")
ANALYZE="java -jar $JAR analyze --json $TRACE"
GREP="grep -c ENOENT $TRACE"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# warm the page cache so both commands read from memory
cat "$TRACE" >/dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

if command -v hyperfine >/dev/null; then
	log "hyperfine: $RUNS runs each"
	# --output=pipe: GNU grep notices an output of /dev/null and stops at the first match
	hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/h.json" --output=pipe "$ANALYZE" "$GREP" >&2
	read -r A_MEAN A_SD A_MIN G_MEAN G_MIN < <(python3 - "$WORK/h.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(r[0]["mean"], r[0]["stddev"], r[0]["min"], r[1]["mean"], r[1]["min"])
EOF
	)
	TIMER="hyperfine --warmup 1 --runs $RUNS --output=pipe"
else
	log "no hyperfine: /usr/bin/time, $RUNS runs each"
	for i in $(seq "$RUNS"); do /usr/bin/time -f "%e" -a -o "$WORK/a.wall" $ANALYZE >/dev/null; done
	for i in $(seq "$RUNS"); do /usr/bin/time -f "%e" -a -o "$WORK/g.wall" $GREP >"$WORK/grep.out"; done
	read -r A_MEAN A_SD A_MIN < <(awk '{s+=$1; q+=$1*$1; if (min==""||$1<min) min=$1} END {m=s/NR; print m, sqrt(q/NR-m*m), min}' "$WORK/a.wall")
	read -r G_MEAN G_MIN < <(awk '{s+=$1; if (min==""||$1<min) min=$1} END {print s/NR, min}' "$WORK/g.wall")
	TIMER="/usr/bin/time -f %e (x$RUNS)"
fi

log "CPU time: $RUNS runs of analyze under /usr/bin/time"
for i in $(seq "$RUNS"); do /usr/bin/time -f "%e %U %S" -a -o "$WORK/a.cpu" $ANALYZE >/dev/null; done
read -r CPU_MEAN CPU_MIN WALL_MIN < <(awk '{c=$2+$3; s+=c; if (min==""||c<min) min=c; if (w==""||$1<w) w=$1} END {print s/NR, min, w}' "$WORK/a.cpu")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

log "heap bytes per event"
HEAP=$(java -cp target/test-classes:$JAR dev.stracewb.bench.HeapPerEvent "$TRACE")

SUMMARY=$($ANALYZE | python3 -c 'import json,sys; d=json.load(sys.stdin); f=d["failures"][0]; print(d["lines"], d["events"], d["unparsed"], d["processes"], f["path"], f["count"])')
read -r J_LINES J_EVENTS J_UNPARSED J_PROCS J_TOP J_TOPCOUNT <<<"$SUMMARY"

rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
secs() { python3 -c "print(f'{$1:.3f}')"; }
A_MEAN=$(secs "$A_MEAN"); A_SD=$(secs "$A_SD"); A_MIN=$(secs "$A_MIN"); G_MEAN=$(secs "$G_MEAN"); G_MIN=$(secs "$G_MIN")
CPU_MEAN=$(secs "$CPU_MEAN"); CPU_MIN=$(secs "$CPU_MIN")
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }
REPORT=$(cat <<EOF
Measured $(date -Is) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(java -version 2>&1 | head -1), load average before/after: $LOAD_BEFORE / $LOAD_AFTER.

Trace: \`$TRACE\`: $LINES lines, $BYTES bytes ($(sed -n 's/^command: //p' "${TRACE%.strace}.txt" 2>/dev/null | cut -c1-60)...; see \`${TRACE%.strace}.txt\`).
analyze read $J_LINES lines, $J_EVENTS events, $J_UNPARSED unparsed, $J_PROCS processes; first failure: \`$J_TOP\` ($J_TOPCOUNT calls).

| command | mean wall | min wall | lines/s (mean) | lines/s (min) |
|---|---|---|---|---|
| \`$ANALYZE\` | ${A_MEAN} s ± ${A_SD} | ${A_MIN} s | $(rate "$LINES" "$A_MEAN") | $(rate "$LINES" "$A_MIN") |
| \`$GREP\` | ${G_MEAN} s | ${G_MIN} s | $(rate "$LINES" "$G_MEAN") | $(rate "$LINES" "$G_MIN") |

analyze / grep (mean): $(ratio "$A_MEAN" "$G_MEAN")×. CPU time of analyze (user+sys, $RUNS runs): mean ${CPU_MEAN} s, min ${CPU_MIN} s
($(rate "$LINES" "$CPU_MIN") lines per CPU-second); fastest wall in those runs ${WALL_MIN} s.

Heap: \`java -cp target/test-classes:$JAR dev.stracewb.bench.HeapPerEvent $TRACE\` → $HEAP

Timer: \`$TIMER\`; CPU: \`/usr/bin/time -f "%e %U %S"\`. Regenerate: \`src/test/scripts/bench-analyze.sh --runs $RUNS\`.
EOF
)
echo "$REPORT"
if [ "$WRITE_DOC" = 1 ]; then
	mkdir -p "$(dirname "$DOC")"
	[ -f "$DOC" ] || printf '# Core benchmark\n\n<!-- bench-analyze:begin -->\n<!-- bench-analyze:end -->\n' >"$DOC"
	python3 - "$DOC" "$REPORT" <<'EOF'
import sys
doc, report = sys.argv[1], sys.argv[2]
text = open(doc).read()
begin, end = "<!-- bench-analyze:begin -->", "<!-- bench-analyze:end -->"
a, b = text.index(begin) + len(begin), text.index(end)
open(doc, "w").write(text[:a] + "\n" + report + "\n" + text[b:])
EOF
	log "wrote the figures into $DOC"
fi
