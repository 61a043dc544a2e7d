#!/usr/bin/env bash
# Records the core parser/analysis fixtures in src/test/resources/fixtures/core/ with the real strace.
# Each fixture is one scenario; its name says which strace form or which situation it shows, and the
# .cmd file next to it holds the exact command. Tests assert values read from these files, so after a
# re-recording the tests that name concrete pids/lines must be updated (they say which fixture they read).
#
#   src/test/scripts/record-core-fixtures.sh [NAME...]     (default: all)
#
# Needs root for the apache2 outage (a PRIVATE apache2 prefork + mod_php on 127.0.0.1:<free port>, state in a
# temp dir; the system apache is never touched). Runs programs with a fixed environment so traces do not
# depend on the caller's.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
OUT=$ROOT/src/test/resources/fixtures/core
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/stracewb-fixtures.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CLEAN=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root)
PY=/usr/bin/python3

log() { printf '[fixtures] %s\n' "$*" >&2; }

# record NAME STRACE-ARGS... -- COMMAND...: strace -o OUT/NAME.strace STRACE-ARGS COMMAND, in $WORK
record() {
	local name=$1; shift
	local sargs=()
	while [ "$1" != -- ]; do sargs+=("$1"); shift; done
	shift
	log "$name"
	(cd "$WORK" && "${CLEAN[@]}" strace -o "$OUT/$name.strace" "${sargs[@]}" "$@" >/dev/null 2>&1 || true)
	printf 'strace -o %s.strace %s %s\n' "$name" "${sargs[*]}" "$*" >"$OUT/$name.cmd"
}

# A python program that prints every kind of byte strace escapes, and the escape-worthy bytes in paths.
cat >"$WORK/escapes.py" <<'EOF'
import os
os.write(1, b'quote" backslash\\ nl\n tab\t cr\r vt\x0b ff\x0c bel\x07 nul\x00 esc\x1b hi\xff\xfe utf8-\xc3\xa9 end')
os.write(1, b'A' * 100)
try:
    os.stat('/nonexistent/dir with "quotes"\\ and\ttab\n\xff.php')
except OSError:
    pass
try:
    os.stat(b'/nonexistent/latin1-\xe9t\xe9.php')
except OSError:
    pass
EOF

# Threads that block in read() and nanosleep at the same time, so strace interleaves unfinished/resumed.
cat >"$WORK/threads.py" <<'EOF'
import os, threading, time
r, w = os.pipe()
def reader():
    os.read(r, 10)
def sleeper(n):
    time.sleep(0.05 * n)
    try:
        os.stat('/nonexistent-from-thread-%d' % n)
    except OSError:
        pass
ts = [threading.Thread(target=reader)] + [threading.Thread(target=sleeper, args=(i,)) for i in range(1, 4)]
for t in ts: t.start()
time.sleep(0.3)
os.write(w, b'go')
for t in ts: t.join()
EOF

# chdir, fchdir and a forked child that opens relative paths: the cwd must be followed and inherited.
cat >"$WORK/cwd.py" <<'EOF'
import os
os.chdir('/etc')
try: open('no-such-file-in-etc')
except OSError: pass
fd = os.open('/usr/share', os.O_RDONLY)
pid = os.fork()
if pid == 0:
    try: open('child-relative-miss.conf')
    except OSError: pass
    os.fchdir(fd)
    try: os.stat('doc/no-such-doc')
    except OSError: pass
    os.chdir('..')
    try: os.access('lib/no-such-lib', os.F_OK)
    except OSError: pass
    os._exit(0)
os.waitpid(pid, 0)
d = os.open('/tmp', os.O_RDONLY)
try: os.stat('no-such-in-tmp', dir_fd=d)
except OSError: pass
try: os.rename('no-such-old', 'no-such-new', src_dir_fd=d, dst_dir_fd=fd)
except OSError: pass
try: os.unlink('no-such-unlink', dir_fd=d)
except OSError: pass
try: os.mkdir('../no-such-parent/x')
except OSError: pass
try: os.readlink('no-such-link')
except OSError: pass
EOF

# Sockets of each family, a pipe and an eventfd, for the -yy decorations.
cat >"$WORK/sockets.py" <<'EOF'
import os, socket
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
c = socket.create_connection(srv.getsockname()); a, _ = srv.accept()
c.send(b'ping'); a.recv(4)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u2.sendto(b'x', u.getsockname()); u.recv(1)
x, y = socket.socketpair(); x.send(b'u'); y.recv(1)
p, q = os.pipe(); os.write(q, b'p'); os.read(p, 1)
try: socket.socket(socket.AF_UNIX).connect('/nonexistent.sock')
except OSError: pass
EOF

# Dies of SIGSEGV with a core dump allowed: "+++ killed by SIGSEGV (core dumped) +++".
cat >"$WORK/crash.sh" <<'EOF'
ulimit -c unlimited
cd /tmp
/usr/bin/python3 -c 'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)'
/usr/bin/python3 -c 'import os, signal; os.kill(os.getpid(), signal.SIGTERM)'
exit 3
EOF

SELECTED="$*"
sel() { [ -z "$SELECTED" ] || [[ " $SELECTED " == *" $1 "* ]]; }

# --- timestamps and pid prefixes ---
sel ts-none && record ts-none -- ls /nonexistent
sel ts-t && record ts-t -t -- ls /nonexistent
sel ts-tt-T && record ts-tt-T -tt -T -- ls /nonexistent
sel ts-ttt && record ts-ttt -ttt -- ls /nonexistent
sel ts-r && record ts-r -r -- ls /nonexistent
sel ts-r-ns && record ts-r-ns --relative-timestamps=ns -- ls /nonexistent
sel ts-unix-ns && record ts-unix-ns --timestamps=unix,ns -T -- ls /nonexistent
sel ts-time-ms && record ts-time-ms --timestamps=time,ms -- ls /nonexistent
sel ts-unix-s && record ts-unix-s --timestamps=unix,s -- ls /nonexistent
sel f-tt-T-yy && record f-tt-T-yy -f -tt -T -yy -- sh -c 'ls /nonexistent; cat /etc/hostname /x'
if sel pid-bracket; then
	# [pid N] prefixes are what strace writes to a terminal/stderr with -f
	log pid-bracket
	(cd "$WORK" && "${CLEAN[@]}" strace -f -tt sh -c 'ls /nonexistent; cat /x' 2>"$OUT/pid-bracket.strace" >/dev/null || true)
	echo "strace -f -tt sh -c 'ls /nonexistent; cat /x' 2>pid-bracket.strace" >"$OUT/pid-bracket.cmd"
fi
if sel ff-sh; then
	log ff-sh
	rm -rf "$OUT/ff-sh"; mkdir -p "$OUT/ff-sh"
	(cd "$WORK" && "${CLEAN[@]}" strace -ff -tt -T -yy -o "$OUT/ff-sh/trace" sh -c 'ls /nonexistent; cat /x; (cd /etc && cat no-such-ff)' >/dev/null 2>&1 || true)
	# strace -ff names files PREFIX.PID; rename them to stable pids would lie, so keep them as recorded
	echo "strace -ff -tt -T -yy -o ff-sh/trace sh -c 'ls /nonexistent; cat /x; (cd /etc && cat no-such-ff)'" >"$OUT/ff-sh.cmd"
fi

# --- decorations and argument forms ---
sel escapes && record escapes -tt -s 256 -- $PY "$WORK/escapes.py"
sel escapes-x && record escapes-x -tt -x -s 256 -- $PY "$WORK/escapes.py"
sel escapes-xx && record escapes-xx -tt -xx -s 256 -- $PY "$WORK/escapes.py"
sel escapes-s16 && record escapes-s16 -tt -s 16 -- $PY "$WORK/escapes.py"
sel sockets-yy && record sockets-yy -f -tt -yy -- $PY "$WORK/sockets.py"
sel X-raw && record X-raw -X raw -- ls /nonexistent
sel X-verbose && record X-verbose -X verbose -- ls /nonexistent
sel v && record v -v -f -- sh -c 'ls /nonexistent'
sel k && record k -k -- ls /nonexistent
sel summary-c && record summary-c -c -- ls /nonexistent
sel summary-C && record summary-C -C -- ls /nonexistent
sel threads-interleaved && record threads-interleaved -f -tt -T -- $PY "$WORK/threads.py"
sel cwd-child && record cwd-child -f -tt -- $PY "$WORK/cwd.py"
sel cwd-child-yy && record cwd-child-yy -f -tt -yy -- $PY "$WORK/cwd.py"
sel crash && record crash -f -tt -- sh "$WORK/crash.sh"

if sel detached; then
	log detached
	"${CLEAN[@]}" sleep 30 &
	sleeper=$!
	strace -tt -o "$OUT/detached.strace" -p "$sleeper" &
	tracer=$!
	sleep 1
	kill -INT "$tracer"; wait "$tracer" || true
	kill "$sleeper"; wait "$sleeper" 2>/dev/null || true
	echo "strace -tt -o detached.strace -p <pid of sleep 30>; SIGINT to strace after 1 s" >"$OUT/detached.cmd"
fi

# --- normal noise of common programs ---
sel php-cli-noise && record php-cli-noise -f -tt -T -yy -- php -r 'echo 1;'
sel python-noise && record python-noise -f -tt -T -yy -- $PY -c 'import json, ssl; print(1)'

# --- the outage: apache2 prefork + mod_php, homepage requires version.phpp ---
if sel apache-outage || sel apache-startup; then
	[ "$(id -u)" = 0 ] || { log "apache fixtures need root"; exit 1; }
	"$ROOT/src/test/scripts/outage-apache.sh" record "$OUT" ${SELECTED:+$SELECTED}
fi
log "done: $OUT"
