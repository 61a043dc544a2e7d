#!/usr/bin/env bash
# Regenerates every strace fixture in src/test/resources/fixtures/ with the REAL strace against
# the real lab (src/test/scripts/lab.sh: apache2 prefork + mod_php, nginx + php-fpm, apache2 event +
# php-fpm, and the PHP CLI), and writes a NAME.txt note next to each NAME.strace: the exact
# strace command, the scenario, the requests sent and the statuses the client and the access
# log saw, the strace stderr messages, versions and date.
#
#   src/test/scripts/record-fixtures.sh [--port N] [--out DIR] [NAME...]
#
# NAME: only these fixtures (e.g. apache-prefork-outage ts-r); default: all.
# Run as root on a machine with strace, apache2, libapache2-mod-php, php-cli, php-fpm, nginx,
# curl and apache2-utils (ab). The lab runs in /tmp/stracewb-lab on 127.0.0.1:PORT (default
# 18080, blackhole PORT+1): paths and ports in the fixtures come from there, keep them stable.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
LAB=$ROOT/src/test/scripts/lab.sh
OUT=$ROOT/src/test/resources/fixtures
STATE=/tmp/stracewb-lab
PORT=18080
CLEAN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH=$CLEAN_PATH:$PATH
# Launched programs get a fixed environment, so traces do not depend on the caller's.
LAUNCH_ENV=(env -i "PATH=$CLEAN_PATH" LANG=C.UTF-8 HOME=/root)

log() { printf '[fixtures %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ONLY=()
while [ $# -gt 0 ]; do
	case $1 in
		--port) PORT=$2; shift 2 ;;
		--out) OUT=$(realpath -m "$2"); shift 2 ;;
		-h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
		-*) die "unknown option: $1" ;;
		*) ONLY+=("$1"); shift ;;
	esac
done

[ "$(id -u)" = 0 ] || die "run as root (strace attaches to servers whose workers run as www-data)"
for tool in strace apache2 php nginx curl ab ss; do
	command -v "$tool" >/dev/null || die "$tool is missing; install strace apache2 libapache2-mod-php php-cli php-fpm nginx curl apache2-utils"
done

mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/stracewb-fixtures.XXXXXX)
STRACE_PID=""
cleanup() {
	if [ -n "$STRACE_PID" ] && kill -0 "$STRACE_PID" 2>/dev/null; then
		kill -INT "$STRACE_PID" 2>/dev/null || true
		wait "$STRACE_PID" 2>/dev/null || true
	fi
	"$LAB" stop --state "$STATE" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

VERSIONS="$(strace -V | head -1); $(apache2 -v | head -1 | sed 's/^Server version: //'); $(php -v | head -1 | cut -d' ' -f1-2); $(nginx -v 2>&1 | sed 's/^nginx version: //'); $(curl --version | head -1 | cut -d' ' -f1-2); kernel $(uname -r)"

wanted() {
	[ ${#ONLY[@]} -eq 0 ] && return 0
	local n
	for n in "${ONLY[@]}"; do [ "$n" = "$1" ] && return 0; done
	return 1
}

rel() { echo "${1#"$ROOT"/}"; }
quote_cmd() { local a out=""; for a in "$@"; do out+="$(printf '%q' "$a") "; done; echo "${out% }"; }

# tally FILE: "500 x20, 200 x1" from one status per line.
tally() {
	[ -s "$1" ] || { echo "(none)"; return; }
	sort "$1" | uniq -c | sort -rn | awk '{printf "%s%s x%d", (NR>1?", ":""), $2, $1} END {print ""}'
}

# ---------------------------------------------------------------- the lab

MASTER=""; FPM=""
lab_start() { # lab_start MODE: a fresh lab (stopped first, so pids, logs and opcache are new)
	"$LAB" stop --state "$STATE" >/dev/null 2>&1 || true
	while IFS='=' read -r key value; do
		case $key in
			master_pid) MASTER=$value ;;
			fpm_pid) FPM=$value ;;
		esac
	done < <("$LAB" start "$1" --port "$PORT" --state "$STATE")
	[ -n "$MASTER" ] || die "lab.sh start $1 printed no master pid"
	LAB_MODE=$1
}

children() { ps -o pid= --ppid "$1" | tr -d ' ' | sort -n; }
tree_pids() { echo "$1"; children "$1"; }   # a master and its workers, parents first

describe_mode() {
	case $LAB_MODE in
		prefork) echo "attach (-p) to a private apache2 prefork + mod_php on 127.0.0.1:$PORT (src/test/scripts/lab.sh start prefork; src/test/resources/lab/conf/apache-prefork.conf.in), 4 workers as www-data" ;;
		fpm) echo "attach (-p) to a private nginx (master + 2 workers) and php-fpm (master + 4 workers, pm static) on 127.0.0.1:$PORT (src/test/scripts/lab.sh start fpm; conf/nginx.conf.in, conf/php-fpm.conf.in), workers as www-data" ;;
		event) echo "attach (-p) to a private apache2 mpm_event (master + 1 child with 8 worker threads, a listener and a start thread) on 127.0.0.1:$PORT (src/test/scripts/lab.sh start event; conf/apache-event.conf.in) proxying PHP to php-fpm, workers as www-data" ;;
	esac
}

# ---------------------------------------------------------------- attach captures

# attached_count FILE: how many "strace: Process N attached" lines strace has written so far.
attached_count() { { grep -c '^strace: Process [0-9]* attached' "$1" 2>/dev/null || true; } | head -1 | sed 's/^$/0/'; }

# attach_begin NAME PIDS FLAGS...: strace FLAGS -o OUT/NAME.strace -p PID... in the background,
# returns once strace has attached to every PID.
attach_begin() {
	CAP_NAME=$1; CAP_PIDS=$2; shift 2
	CAP_FLAGS="$*"
	local args=() p n=0 i
	for p in $CAP_PIDS; do args+=(-p "$p"); n=$((n + 1)); done
	CAP_FILE=$OUT/$CAP_NAME.strace
	CAP_STDERR=$WORK/$CAP_NAME.stderr
	CAP_CMD=$(quote_cmd strace "$@" -o "$(rel "$CAP_FILE")" "${args[@]}")
	: >"$WORK/client-statuses"
	: >"$WORK/requests"
	CAP_LOG_MARK=$(wc -l <"$STATE/logs/access.log" 2>/dev/null || echo 0)
	rm -f "$CAP_FILE"
	strace "$@" -o "$CAP_FILE" "${args[@]}" 2>"$CAP_STDERR" &
	STRACE_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ "$(attached_count "$CAP_STDERR")" -ge "$n" ] && break
		kill -0 "$STRACE_PID" 2>/dev/null || die "strace exited early: $(cat "$CAP_STDERR")"
		sleep 0.1
	done
	[ "$i" -lt 100 ] || die "strace did not attach to $CAP_PIDS within 10 s"
	sleep 0.3
}

# attach_end: SIGINT to strace 1 s after the last response; strace detaches from everything.
attach_end() {
	sleep 1
	kill -INT "$STRACE_PID"
	wait "$STRACE_PID" || true
	STRACE_PID=""
	sleep 0.2
	tail -n +"$((CAP_LOG_MARK + 1))" "$STATE/logs/access.log" | awk -F'"' '{split($3, f, " "); print f[1]}' \
		>"$WORK/log-statuses"
}

# get PATH COUNT [TIMEOUT]: COUNT sequential GETs, one curl (one connection) each.
get() {
	local path=$1 count=$2 timeout=${3:-10} i code rc
	for ((i = 0; i < count; i++)); do
		rc=0
		code=$(curl -s -o /dev/null -m "$timeout" -w '%{http_code}' "http://127.0.0.1:$PORT$path") || rc=$?
		echo "$code" >>"$WORK/client-statuses"
		[ "$rc" = 0 ] || echo "curl exit status $rc for GET $path (28: timed out, 52: empty reply)" >>"$WORK/client-notes"
	done
	echo "$count x GET http://127.0.0.1:$PORT$path, sequential, each: curl -s -o /dev/null -m $timeout -w '%{http_code}'" >>"$WORK/requests"
}

# note NAME SCENARIO [EXTRA...]: the .txt next to NAME.strace for an attach capture.
attach_note() {
	local name=$1 scenario=$2; shift 2
	{
		echo "file: $(rel "$OUT/$name.strace")"
		echo "scenario: $scenario"
		echo "mode: $(describe_mode)"
		echo "command: $CAP_CMD"
		echo "flags: $CAP_FLAGS"
		echo "attached pids at start: $(echo $CAP_PIDS) (parents first; -f also follows children forked later)"
		echo "requests:"
		sed 's/^/  /' "$WORK/requests"
		echo "http statuses seen by client: $(tally "$WORK/client-statuses")"
		[ -s "$WORK/client-notes" ] && sort "$WORK/client-notes" | uniq -c | sed 's/^ */  client: /; s/^\(  client: \)\([0-9]*\) /\1\2 x /'
		echo "http statuses in the access log during the capture: $(tally "$WORK/log-statuses")"
		echo "detach: SIGINT to strace 1 s after the last response"
		local extra
		for extra in "$@"; do echo "$extra"; done
		echo "lines: $(wc -l <"$OUT/$name.strace"); distinct pids: $(awk '{print $1}' "$OUT/$name.strace" | sort -u | wc -l)"
		echo "versions: $VERSIONS"
		echo "captured: $(date -Is) on $(nproc) cores"
		echo "generated by: src/test/scripts/record-fixtures.sh $name (as root; uses src/test/scripts/lab.sh)"
		echo "strace stderr (attach/detach messages; strace -o does not put them in the file):"
		sed 's/^/  /' "$CAP_STDERR"
	} >"$OUT/$name.txt"
	rm -f "$WORK/client-notes"
	log "$name: $(wc -l <"$OUT/$name.strace") lines, $(du -h "$OUT/$name.strace" | cut -f1), client: $(tally "$WORK/client-statuses")"
}

WEB_FLAGS=(-f -tt -T -yy -s 256)

# count_enoent NAME FILE: syscalls on a path containing NAME that failed with ENOENT, counting a call
# split into "<unfinished ...>" and "<... resumed>" lines (same pid) once.
count_enoent() {
	awk -v name="$1\"" '
		index($0, name) && / = -1 ENOENT/ { n++; next }
		index($0, name) && /<unfinished \.\.\.>$/ { pending[$1] = 1; next }
		/<\.\.\. [a-z0-9_]+ resumed>/ && ($1 in pending) { if (/ = -1 ENOENT/) n++; delete pending[$1] }
		END { print n + 0 }' "$2"
}

rec_apache_prefork_outage() {
	lab_start prefork
	attach_begin apache-prefork-outage "$(tree_pids "$MASTER")" "${WEB_FLAGS[@]}"
	get / 20
	attach_end
	attach_note apache-prefork-outage "the outage: GET / : index.php -> wp-load.php -> wp-settings.php line 15 requires wp-includes/version.phpp (typo; version.php exists) -> PHP fatal error -> HTTP 500" \
		"version.phpp failing syscalls (unfinished/resumed pairs stitched per pid): $(count_enoent version.phpp "$OUT/apache-prefork-outage.strace")"
}

rec_apache_prefork_healthy() {
	lab_start prefork
	attach_begin apache-prefork-healthy "$(tree_pids "$MASTER")" "${WEB_FLAGS[@]}"
	get /healthy/ 20
	attach_end
	attach_note apache-prefork-healthy "healthy: GET /healthy/ serves the same site with the typo fixed (requires wp-includes/version.php) -> HTTP 200"
}

rec_apache_prefork_eacces() {
	lab_start prefork
	attach_begin apache-prefork-eacces "$(tree_pids "$MASTER")" "${WEB_FLAGS[@]}"
	get /eacces.php 5
	attach_end
	attach_note apache-prefork-eacces "EACCES: GET /eacces.php requires wp-content/object-cache.php, which is mode 000 (owner root) while the workers run as www-data -> PHP fatal error -> HTTP 500"
}

rec_apache_prefork_hang_udp() {
	lab_start prefork
	attach_begin apache-prefork-hang-udp "$(tree_pids "$MASTER")" "${WEB_FLAGS[@]}"
	get /hang.php 1 3
	attach_end
	attach_note apache-prefork-hang-udp "hang (UDP): GET /hang.php; the sso-auth plugin sends a DNS query for auth.corp.invalid to 127.0.0.1:$((PORT + 1)) (the lab's blackhole: bound, never answers) and waits in recvfrom() without a timeout; the call is still unfinished when strace detaches (the worker stays blocked until the lab stops)"
}

rec_apache_prefork_hang_tcp() {
	lab_start prefork
	attach_begin apache-prefork-hang-tcp "$(tree_pids "$MASTER")" "${WEB_FLAGS[@]}"
	get /hang-tcp.php 1 3
	attach_end
	attach_note apache-prefork-hang-tcp "hang (TCP): GET /hang-tcp.php; the sso-auth plugin connects to 127.0.0.1:$((PORT + 1)) (the lab's blackhole: listens, never accepts; the kernel completes the handshake), sends HELLO and waits a day for the greeting in poll(); still unfinished when strace detaches"
}

rec_apache_prefork_crash() {
	lab_start prefork
	attach_begin apache-prefork-crash "$(tree_pids "$MASTER")" "${WEB_FLAGS[@]}"
	get /crash.php 1
	sleep 2 # apache's master reaps the dead child and forks a replacement once a second
	get /readme.html 1
	attach_end
	attach_note apache-prefork-crash "crash: GET /crash.php makes its worker send itself SIGSEGV (posix_kill; a segfaulting extension); the connection drops without a response, the master reaps the child (wait4 -> SIGSEGV) and forks a replacement; then GET /readme.html -> 200" \
		"apache error log: $(grep -h 'exit signal' "$STATE/logs/error.log" | sed 's/^.*AH00052: //')"
}

LOGIN_TOKEN=eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImxhYi1rZXktMjAyNiJ9.eyJpc3MiOiJodHRwczovL2F1dGguY29ycC5pbnZhbGlkLyIsInN1YiI6ImFkbWluIiwiYXVkIjoibGFiLWJsb2ciLCJleHAiOjE3OTU2NjQwMDAsImlhdCI6MTc5NTY2MDQwMCwic2NvcGUiOiJ3cC1hZG1pbiJ9.c2lnbmF0dXJlLW9mLXRoZS1sYWItdG9rZW4tbm90LXJlYWwtYnV0LWxvbmctZW5vdWdoLXRvLWxvb2stbGlrZS1vbmUtMTIzNDU2Nzg5MA
LOGIN_PASSWORD=correct-horse-battery-staple

rec_apache_prefork_login() {
	local code rc
	lab_start prefork
	attach_begin apache-prefork-login "$(tree_pids "$MASTER")" -f -tt -T -yy -s 1024
	post_login() { # post_login PASSWORD COOKIE
		rc=0
		code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Cookie: $2" -H "Authorization: Bearer $LOGIN_TOKEN" \
			--data-urlencode log=admin --data-urlencode "pwd=$1" "http://127.0.0.1:$PORT/login.php") || rc=$?
		echo "$code" >>"$WORK/client-statuses"
	}
	post_login "$LOGIN_PASSWORD" "wordpress_test_cookie=WP%20Cookie%20check; wp-settings-time-1=1795660400"
	echo "1 x POST http://127.0.0.1:$PORT/login.php, form log=admin&pwd=$LOGIN_PASSWORD (right password), headers Cookie: wordpress_test_cookie=WP%20Cookie%20check; wp-settings-time-1=1795660400 and Authorization: Bearer <JWT-like token, ${#LOGIN_TOKEN} chars: $LOGIN_TOKEN> -> expect 302 + Set-Cookie wordpress_logged_in_lab" >>"$WORK/requests"
	post_login "hunter2-wrong" "wordpress_test_cookie=WP%20Cookie%20check"
	echo "1 x POST http://127.0.0.1:$PORT/login.php, form log=admin&pwd=hunter2-wrong (wrong password), Cookie: wordpress_test_cookie=WP%20Cookie%20check, the same Authorization header -> expect 200 with an error" >>"$WORK/requests"
	code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Cookie: wordpress_logged_in_lab=admin%7C5f2b9c1d7e3a4f60b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5" \
		"http://127.0.0.1:$PORT/login.php") || true
	echo "$code" >>"$WORK/client-statuses"
	echo "1 x GET http://127.0.0.1:$PORT/login.php with Cookie: wordpress_logged_in_lab=admin%7C5f2b9c1d7e3a4f60b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5 -> expect 200" >>"$WORK/requests"
	attach_end
	attach_note apache-prefork-login "login (for redaction tests): a wp-login-like form; the trace holds the password form field, Cookie headers, an Authorization: Bearer token in the requests read(), the Set-Cookie in the response, and the first request's read() of wp-config.php shows DB_PASSWORD (opcache caches it afterwards); -s 1024 so that whole requests are visible" \
		"secrets in this trace: pwd=$LOGIN_PASSWORD, pwd=hunter2-wrong, Bearer $LOGIN_TOKEN, DB_PASSWORD s3cr3t-Qx7!vR2#mLp9zT (wp-config.php), cookie wordpress_logged_in_lab=..."
}

rec_nginx_fpm_outage() {
	lab_start fpm
	attach_begin nginx-fpm-outage "$(tree_pids "$MASTER") $(tree_pids "$FPM")" "${WEB_FLAGS[@]}"
	get / 20
	attach_end
	attach_note nginx-fpm-outage "the outage through nginx -> php-fpm (FastCGI over a unix socket): GET / -> try_files -> /index.php -> wp-settings.php line 15 requires wp-includes/version.phpp -> PHP fatal error -> Status: 500 -> HTTP 500" \
		"pids: nginx master $MASTER, php-fpm master $FPM (the rest are their workers)" \
		"version.phpp failing syscalls (unfinished/resumed pairs stitched per pid): $(count_enoent version.phpp "$OUT/nginx-fpm-outage.strace")"
}

rec_threads_interleaved() {
	local child ab1 ab2
	lab_start event
	child=$(children "$MASTER" | head -1)
	attach_begin threads-interleaved "$MASTER $child" "${WEB_FLAGS[@]}"
	ab -q -n 40 -c 8 "http://127.0.0.1:$PORT/readme.html" >"$WORK/ab1.out" 2>&1 &
	ab1=$!
	ab -q -n 20 -c 4 "http://127.0.0.1:$PORT/" >"$WORK/ab2.out" 2>&1 &
	ab2=$!
	wait "$ab1" "$ab2" || true
	echo "40 x GET http://127.0.0.1:$PORT/readme.html (ab -q -n 40 -c 8) concurrently with 20 x GET http://127.0.0.1:$PORT/ (ab -q -n 20 -c 4)" >>"$WORK/requests"
	attach_end
	cp "$WORK/log-statuses" "$WORK/client-statuses"
	attach_note threads-interleaved "multi-threaded: apache2 mpm_event worker threads serving 60 concurrent requests (static readme.html -> 200, and / proxied to php-fpm -> 500); php-fpm is not traced; heavy interleaving of <unfinished ...> and <... resumed> across threads of one process" \
		"ab: readme.html: $(grep -E 'Complete requests|Non-2xx' "$WORK/ab1.out" | tr -s ' ' | paste -sd';'); /: $(grep -E 'Complete requests|Non-2xx' "$WORK/ab2.out" | tr -s ' ' | paste -sd';')" \
		"(client statuses above are taken from the access log: ab reports only counts)" \
		"unfinished: $(grep -c '<unfinished \.\.\.>' "$OUT/threads-interleaved.strace"); resumed: $(grep -c '<\.\.\. [a-z0-9_]* resumed>' "$OUT/threads-interleaved.strace")"
}

rec_strace_messages() {
	local args=() p
	lab_start prefork
	CAP_PIDS=$(tree_pids "$MASTER")
	for p in $CAP_PIDS; do args+=(-p "$p"); done
	: >"$WORK/client-statuses"; : >"$WORK/requests"
	CAP_LOG_MARK=0
	CAP_STDERR=$OUT/strace-messages.strace
	strace -f -tt -T -yy -s 64 "${args[@]}" 2>"$CAP_STDERR" &
	STRACE_PID=$!
	until [ "$(attached_count "$CAP_STDERR")" -ge 5 ]; do sleep 0.1; done
	sleep 0.3
	get / 2
	attach_end
	{
		echo "file: $(rel "$OUT/strace-messages.strace")"
		echo "scenario: strace writing to its stderr (no -o): attach messages, [pid N] prefixes on every line, detach messages and '<detached ...>' interleaved in one stream, as a user sees it on a terminal or in 'strace ... 2> file'"
		echo "mode: $(describe_mode)"
		echo "command: $(quote_cmd strace -f -tt -T -yy -s 64 "${args[@]}") 2> $(rel "$CAP_STDERR")"
		echo "attached pids at start: $(echo $CAP_PIDS)"
		echo "requests:"; sed 's/^/  /' "$WORK/requests"
		echo "http statuses seen by client: $(tally "$WORK/client-statuses")"
		echo "http statuses in the access log during the capture: $(tally "$WORK/log-statuses")"
		echo "detach: SIGINT to strace 1 s after the last response"
		echo "lines: $(wc -l <"$CAP_STDERR"); strace messages: $(grep -c '^strace: ' "$CAP_STDERR")"
		echo "versions: $VERSIONS"
		echo "captured: $(date -Is) on $(nproc) cores"
		echo "generated by: src/test/scripts/record-fixtures.sh strace-messages"
	} >"$OUT/strace-messages.txt"
	log "strace-messages: $(wc -l <"$CAP_STDERR") lines"
}

# ---------------------------------------------------------------- launch captures (PHP CLI)

# launch NAME DESCRIPTION STRACE-FLAGS...: strace FLAGS -o OUT/NAME.strace php index.php, in the docroot.
launch() {
	local name=$1 desc=$2 rc=0; shift 2
	local file=$OUT/$name.strace
	rm -f "$file"
	(cd "$STATE/www" && "${LAUNCH_ENV[@]}" strace "$@" -o "$file" php index.php >"$WORK/$name.out" 2>&1) || rc=$?
	{
		echo "file: $(rel "$file")"
		echo "scenario: launch mode, the outage with the PHP CLI: php index.php in $STATE/www -> wp-settings.php line 15 requires wp-includes/version.phpp -> PHP fatal error, exit 255. Form: $desc"
		echo "command: cd $STATE/www && $(quote_cmd "${LAUNCH_ENV[@]}" strace "$@" -o "$(rel "$file")" php index.php)"
		echo "flags: $*"
		echo "requests: none (no HTTP)"
		echo "exit status: $rc (php's; strace returns the traced command's status)"
		echo "php output (stdout+stderr), first lines:"
		head -5 "$WORK/$name.out" | sed 's/^/  /'
		echo "lines: $(wc -l <"$file")"
		echo "versions: $VERSIONS"
		echo "captured: $(date -Is) on $(nproc) cores"
		echo "generated by: src/test/scripts/record-fixtures.sh $name"
	} >"$OUT/$name.txt"
	log "$name: $(wc -l <"$file") lines, $(du -h "$file" | cut -f1), exit $rc"
}

LAUNCHES=(
	"php-cli-outage|-f -tt -T -yy, the usual full form, launched|-f -tt -T -yy -s 256"
	"ts-none|no timestamp, no pid column (single process, no -f)|"
	"ts-t|-t: HH:MM:SS|-t"
	"ts-tt|-tt: HH:MM:SS.uuuuuu|-tt"
	"ts-ttt|-ttt: seconds.uuuuuu since the epoch|-ttt"
	"ts-r|-r: relative seconds.uuuuuu since the previous syscall, right-aligned|-r"
	"ts-r-ns|--relative-timestamps=ns: relative, nanoseconds|--relative-timestamps=ns"
	"ts-unix-ns|--timestamps=unix,ns: seconds.nnnnnnnnn since the epoch|--timestamps=unix,ns"
	"ts-time-ms|--timestamps=time,ms: HH:MM:SS.mmm|--timestamps=time,ms"
	"ts-us|--timestamps=format:time,precision:us (the long form of -tt)|--timestamps=format:time,precision:us"
	"ts-T|-T only: <seconds.uuuuuu> durations, no timestamps|-T"
	"ts-ttt-T-ns|-ttt with --syscall-times=ns: <seconds.nnnnnnnnn> durations|-ttt --syscall-times=ns"
	"deco-y|-y: paths of fds (3</path>)|-y"
	"deco-yy|-yy: paths and socket details of fds, AT_FDCWD</cwd>|-yy"
	"deco-x|-x: non-ASCII strings in hex|-x"
	"deco-xx|-xx: all strings in hex|-xx"
	"deco-X-raw|-X raw: constants and flags as numbers|-X raw"
	"deco-X-verbose|-X verbose: constants as number /* NAME */|-X verbose"
	"deco-v|-v: unabbreviated structures, environment arrays|-v"
	"deco-k|-k: a stack trace after each syscall (openat only, to keep it small)|-k -e trace=openat"
	"summary-c|-c: the summary table only|-c"
	"summary-C|-C: the trace and then the summary table|-C"
)

rec_launches() {
	local entry name desc flags any=0
	for entry in "${LAUNCHES[@]}"; do
		IFS='|' read -r name desc flags <<<"$entry"
		wanted "$name" && any=1
	done
	[ "$any" = 1 ] || return 0
	lab_start prefork # only for its docroot in /tmp/stracewb-lab/www
	for entry in "${LAUNCHES[@]}"; do
		IFS='|' read -r name desc flags <<<"$entry"
		# shellcheck disable=SC2086 # flags are fixed words from the table above
		wanted "$name" && launch "$name" "$desc" $flags
	done
	return 0
}

rec_ff_php_cli() {
	local dir=$OUT/ff-php-cli rc=0
	lab_start prefork
	mkdir -p "$STATE/cli"
	cp "$ROOT/src/test/resources/lab/cli/deploy-check.php" "$STATE/cli/"
	rm -rf "$dir"; mkdir -p "$dir"
	(cd "$STATE/www" && "${LAUNCH_ENV[@]}" strace -ff -tt -o "$dir/trace" php "$STATE/cli/deploy-check.php" "$STATE/www" \
		>"$WORK/ff.out" 2>&1) || rc=$?
	{
		echo "files: $(rel "$dir")/trace.PID (one per process; the pid is in the file name, not in the lines)"
		echo "scenario: launch mode with children: php deploy-check.php (src/test/resources/lab/cli/deploy-check.php) forks a child (pcntl_fork) that checks wp-includes/version.php and version.phpp (exits 1: one missing) and runs sh -c 'grep -n \"version.php\" wp-settings.php | head -n 1' through proc_open (sh forks grep and head); the parent waits for both and exits 1"
		echo "command: cd $STATE/www && $(quote_cmd "${LAUNCH_ENV[@]}" strace -ff -tt -o "$(rel "$dir")/trace" php "$STATE/cli/deploy-check.php" "$STATE/www")"
		echo "flags: -ff -tt"
		echo "exit status: $rc"
		echo "output:"; sed 's/^/  /' "$WORK/ff.out"
		echo "files (pid: lines; program it runs; how it ended):"
		local f
		for f in "$dir"/trace.*; do
			echo "  $(basename "$f"): $(wc -l <"$f") lines; $(grep -E 'execve\(.* = 0$' "$f" | grep -m1 -o 'execve("[^"]*"' || echo 'no execve (a forked php)'); exit: $(grep -o '+++ .* +++' "$f" || echo '?')"
		done
		echo "versions: $VERSIONS"
		echo "captured: $(date -Is) on $(nproc) cores"
		echo "generated by: src/test/scripts/record-fixtures.sh ff-php-cli"
	} >"$OUT/ff-php-cli.txt"
	log "ff-php-cli: $(ls "$dir" | wc -l) files, exit $rc"
}

rec_stderr_f_pid_prefix() {
	local file=$OUT/stderr-f-pid-prefix.strace rc=0
	lab_start prefork
	# strace and the traced shell share stderr, as on a terminal: ls's error message lands between trace lines
	(cd "$STATE/www" && "${LAUNCH_ENV[@]}" strace -f -tt sh -c 'ls wp-includes/version.phpp wp-includes/version.php; cat wp-config.php | wc -l; exit 3' \
		>"$WORK/prefix.out" 2>"$file") || rc=$?
	{
		echo "file: $(rel "$file")"
		echo "scenario: strace -f writing to stderr (no -o), as on a terminal: lines of the first process have no prefix until it forks, then every line has '[pid N] '; the traced command's own stderr (ls: cannot access 'wp-includes/version.phpp') is interleaved with the trace; exit 3"
		echo "command: cd $STATE/www && $(quote_cmd "${LAUNCH_ENV[@]}" strace -f -tt sh -c 'ls wp-includes/version.phpp wp-includes/version.php; cat wp-config.php | wc -l; exit 3') >/dev/null 2> $(rel "$file")"
		echo "flags: -f -tt"
		echo "exit status: $rc"
		echo "stdout of the command: $(paste -sd' ' "$WORK/prefix.out")"
		echo "lines: $(wc -l <"$file"); with a [pid N] prefix: $(grep -c '^\[pid  *[0-9]*\] ' "$file")"
		echo "versions: $VERSIONS"
		echo "captured: $(date -Is) on $(nproc) cores"
		echo "generated by: src/test/scripts/record-fixtures.sh stderr-f-pid-prefix"
	} >"$OUT/stderr-f-pid-prefix.txt"
	log "stderr-f-pid-prefix: $(wc -l <"$file") lines, exit $rc"
}

# ---------------------------------------------------------------- main

ALL=(apache-prefork-outage apache-prefork-healthy apache-prefork-eacces apache-prefork-hang-udp
	apache-prefork-hang-tcp apache-prefork-crash apache-prefork-login nginx-fpm-outage
	threads-interleaved strace-messages ff-php-cli stderr-f-pid-prefix)
for name in "${ALL[@]}"; do
	wanted "$name" && "rec_${name//-/_}"
done
rec_launches
"$LAB" stop --state "$STATE" >/dev/null 2>&1 || true
log "done: $(du -sh "$OUT" | cut -f1) in $(rel "$OUT")"
