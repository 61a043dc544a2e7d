#!/usr/bin/env bash
# Records the analysis fixtures in src/test/resources/fixtures/analysis/ with the real strace:
#   fork-tree.strace   strace -f of a shell that forks a subshell (exit 3), a background sleep, an exec'd
#                      grep, and a child that kills itself with SIGSEGV (ulimit -c unlimited: core dumped
#                      when the kernel's core_pattern lets it), then exits 2
#   keepalive.strace   strace -f of a private apache2 prefork (src/test/scripts/lab.sh) answering two requests on one
#                      keep-alive connection (curl URL1 URL2): GET /readme.html -> 200, GET /missing.html -> 404
# Usage: src/test/scripts/record-analysis-fixtures.sh [NAME...]   (as root; NAME: fork-tree, keepalive; default both)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
OUT=$ROOT/src/test/resources/fixtures/analysis
CLEAN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/stracewb-analysis.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
names=("$@"); [ ${#names[@]} -eq 0 ] && names=(fork-tree keepalive)

fork_tree() {
	cd "$WORK"
	env -i PATH=$CLEAN_PATH LANG=C.UTF-8 HOME=/root strace -f -tt -T -yy -s 256 -o "$OUT/fork-tree.strace" \
		bash -c 'ulimit -c unlimited; (exit 3); sleep 0.1 & wait; echo version.phpp | grep -c php; bash -c "kill -SEGV \$\$"; exit 2' \
		>/dev/null 2>&1 || true
	{
		echo "file: src/test/resources/fixtures/analysis/fork-tree.strace"
		echo "scenario: a bash that forks (exit 3), runs sleep 0.1 in the background, pipes echo into grep -c php, runs a bash that kills itself with SIGSEGV, and exits 2"
		echo "command: strace -f -tt -T -yy -s 256 -o fork-tree.strace bash -c '...'(see src/test/scripts/record-analysis-fixtures.sh)"
		echo "versions: $(strace -V | head -1); kernel $(uname -r)"
		echo "captured: $(date -u +%FT%T+00:00)"
		echo "core_pattern: $(cat /proc/sys/kernel/core_pattern)"
	} > "$OUT/fork-tree.txt"
}

keepalive() {
	# stable state dir and port, so the paths and addresses in the fixture stay the same on a re-record
	local port=18090 lab=$ROOT/src/test/scripts/lab.sh state=/tmp/stracewb-analysis-lab master
	master=$("$lab" start prefork --state "$state" --port "$port" | sed -n 's/^master_pid=//p')
	[ -n "$master" ] || { echo "lab did not start" >&2; exit 1; }
	local args=(-p "$master"); for p in $(pgrep -P "$master"); do args+=(-p "$p"); done
	strace -f -tt -T -yy -s 256 -o "$OUT/keepalive.strace" "${args[@]}" 2>"$WORK/strace.err" &
	local sp=$!
	sleep 1
	curl -s -o /dev/null -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/readme.html" "http://127.0.0.1:$port/missing.html" > "$WORK/codes"
	sleep 1
	kill -INT $sp; wait $sp || true
	"$lab" stop --state "$state" >/dev/null || true
	{
		echo "file: src/test/resources/fixtures/analysis/keepalive.strace"
		echo "scenario: two requests on one keep-alive connection: GET /readme.html, GET /missing.html (curl reuses the connection)"
		echo "command: strace -f -tt -T -yy -s 256 -o keepalive.strace -p (apache2 prefork master and workers, src/test/scripts/lab.sh start prefork)"
		echo "http statuses seen by client: $(tr '\n' ' ' < "$WORK/codes")"
		echo "versions: $(strace -V | head -1); $(apache2 -v | head -1 | sed 's/^Server version: //'); kernel $(uname -r)"
		echo "captured: $(date -u +%FT%T+00:00)"
	} > "$OUT/keepalive.txt"
}

for n in "${names[@]}"; do
	case $n in
		fork-tree) fork_tree ;;
		keepalive) keepalive ;;
		*) echo "unknown fixture $n" >&2; exit 2 ;;
	esac
done
