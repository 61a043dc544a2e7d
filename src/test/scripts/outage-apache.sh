#!/usr/bin/env bash
# A PRIVATE apache2 prefork + mod_php serving the outage site (homepage requires wp-includes/version.phpp
# while version.php exists), on 127.0.0.1:<free port>, state in its own directory. Never port 80, never the
# system apache. Used by record-core-fixtures.sh (fixtures) and bench-analyze.sh (the 1M-line trace).
#
#   src/test/scripts/outage-apache.sh start STATE [WORKERS]   prints "port=N master=PID workers=PID,PID,..."
#   src/test/scripts/outage-apache.sh stop STATE
#   src/test/scripts/outage-apache.sh record OUTDIR [apache-outage] [apache-startup]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
CLEAN=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
log() { printf '[outage-apache] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

children_of() {
	local parent=$1 stat rest
	for stat in /proc/[0-9]*/stat; do
		read -r rest <"$stat" 2>/dev/null || continue
		rest=${rest##*) }
		set -- $rest
		[ "${2:-}" = "$parent" ] && { stat=${stat#/proc/}; echo "${stat%/stat}"; }
	done
	return 0
}

write_site() {
	local www=$1
	mkdir -p "$www/wp-includes" "$www/wp-content/lib-old" "$www/wp-content/lib"
	cat >"$www/index.php" <<'EOF'
<?php
define('WP_USE_THEMES', true);
require __DIR__ . '/wp-load.php';
wp_render_homepage();
EOF
	cat >"$www/wp-load.php" <<'EOF'
<?php
define('ABSPATH', __DIR__ . '/');
set_include_path(ABSPATH . 'wp-content/lib-old' . PATH_SEPARATOR . ABSPATH . 'wp-content/lib');
require_once 'compat.php';
require_once ABSPATH . 'wp-settings.php';
EOF
	cat >"$www/wp-settings.php" <<'EOF'
<?php
define('WPINC', 'wp-includes');
require ABSPATH . WPINC . '/load.php';
require ABSPATH . WPINC . '/plugin.php';
require ABSPATH . WPINC . '/version.phpp';
require ABSPATH . WPINC . '/functions.php';
EOF
	for f in load plugin version functions; do
		printf '<?php\n// %s\n$wp_%s = true;\n' "$f" "$f" >"$www/wp-includes/$f.php"
	done
	echo 'function wp_render_homepage() { echo "home"; }' >>"$www/wp-includes/functions.php"
	echo '<?php // include_path: found in the second directory' >"$www/wp-content/lib/compat.php"
	mkdir -p "$www/healthy"
	sed 's/version\.phpp/version.php/' "$www/wp-settings.php" >"$www/healthy/wp-settings.php"
	sed "s#__DIR__ . '/'#dirname(__DIR__) . '/'#; s#ABSPATH . 'wp-settings.php'#__DIR__ . '/wp-settings.php'#" \
		"$www/wp-load.php" >"$www/healthy/wp-load.php"
	cp "$www/index.php" "$www/healthy/index.php"
	echo '<html>static</html>' >"$www/readme.html"
	chown -R root:root "$www"; find "$www" -type d -exec chmod 755 {} +; find "$www" -type f -exec chmod 644 {} +
}

write_conf() {
	local state=$1 port=$2 workers=$3
	cat >"$state/apache.conf" <<EOF
ServerRoot "$state"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $state/run/apache.pid
DefaultRuntimeDir $state/run
Mutex file:$state/run default
ScoreBoardFile $state/run/apache.scoreboard
User www-data
Group www-data
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module  /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module        /usr/lib/apache2/modules/mod_mime.so
LoadModule dir_module         /usr/lib/apache2/modules/mod_dir.so
LoadModule php_module         /usr/lib/apache2/modules/libphp8.2.so
StartServers            $workers
MinSpareServers         $workers
MaxSpareServers         $workers
ServerLimit             $workers
MaxRequestWorkers       $workers
MaxConnectionsPerChild  0
KeepAlive               Off
ErrorLog $state/logs/error.log
LogLevel warn
LogFormat "%h %l %u %t \"%r\" %>s %b %D" labcommon
CustomLog $state/logs/access.log labcommon
TypesConfig /etc/mime.types
DocumentRoot $state/www
DirectoryIndex index.php index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory $state/www>
    AllowOverride All
    Require all granted
</Directory>
<FilesMatch ".+\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
EOF
}

prepare() {
	local state=$1 port=$2 workers=$3
	mkdir -p "$state/run" "$state/logs"
	chmod 755 "$state" "$state/run" "$state/logs"
	write_site "$state/www"
	write_conf "$state" "$port" "$workers"
	apache2 -t -f "$state/apache.conf" 2>/dev/null || die "apache2 -t failed for $state/apache.conf"
}

wait_listen() {
	local i
	for i in $(seq 1 150); do ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0; sleep 0.1; done
	return 1
}

wait_workers() {
	local master=$1 want=$2 i
	for i in $(seq 1 100); do
		[ "$(children_of "$master" | wc -l)" -ge "$want" ] && return 0
		sleep 0.1
	done
	return 1
}

start() {
	local state=$1 workers=${2:-4} port master i
	[ "$(id -u)" = 0 ] || die "run as root (apache2 switches its workers to www-data)"
	port=$(free_port)
	prepare "$state" "$port" "$workers"
	"${CLEAN[@]}" apache2 -f "$state/apache.conf" -k start
	wait_listen "$port" || die "apache2 did not listen on $port; see $state/logs/error.log"
	for i in $(seq 1 50); do [ -s "$state/run/apache.pid" ] && break; sleep 0.1; done
	master=$(tr -dc 0-9 <"$state/run/apache.pid")
	wait_workers "$master" "$workers" || die "apache2 did not fork $workers workers"
	echo "$port" >"$state/port"
	echo "port=$port master=$master workers=$(children_of "$master" | paste -sd, -)"
}

stop() {
	local state=$1 master i
	[ -s "$state/run/apache.pid" ] || return 0
	master=$(tr -dc 0-9 <"$state/run/apache.pid")
	kill -TERM "$master" 2>/dev/null || return 0
	for i in $(seq 1 100); do kill -0 "$master" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$master" 2>/dev/null || true
}

record() {
	local out=$1; shift
	local which=" $* " state info port master workers pids tracer
	if [[ "$which" == "  " || "$which" == *" apache-outage "* ]]; then
		state=$(mktemp -d /tmp/stracewb-outage.XXXXXX)
		info=$(start "$state" 4)
		port=$(cat "$state/port")
		master=$(sed 's/.*master=\([0-9]*\).*/\1/' <<<"$info")
		workers=$(sed 's/.*workers=\([0-9,]*\).*/\1/' <<<"$info")
		pids=(-p "$master"); for w in ${workers//,/ }; do pids+=(-p "$w"); done
		log "apache-outage: attaching to ${pids[*]}"
		strace -f -tt -T -yy -s 256 -o "$out/apache-outage.strace" "${pids[@]}" 2>/dev/null &
		tracer=$!
		sleep 1
		for i in 1 2 3 4 5 6; do curl -s -o /dev/null -m 10 "http://127.0.0.1:$port/" || true; done
		curl -s -o /dev/null -m 10 "http://127.0.0.1:$port/healthy/" || true
		curl -s -o /dev/null -m 10 "http://127.0.0.1:$port/readme.html" || true
		curl -s -o /dev/null -m 10 "http://127.0.0.1:$port/missing-page.html" || true
		sleep 0.5
		kill -INT "$tracer"; wait "$tracer" || true
		{
			echo "strace -f -tt -T -yy -s 256 -o apache-outage.strace ${pids[*]}"
			echo "requests: 6 x GET / (500), GET /healthy/ (200), GET /readme.html (200), GET /missing-page.html (404)"
			echo "site root: $state/www (src/test/scripts/outage-apache.sh write_site)"
			echo "access log:"; sed 's/^/  /' "$state/logs/access.log"
		} >"$out/apache-outage.cmd"
		stop "$state"; sleep 0.5; rm -rf "$state"
	fi
	if [[ "$which" == "  " || "$which" == *" apache-startup "* ]]; then
		state=$(mktemp -d /tmp/stracewb-startup.XXXXXX)
		port=$(free_port)
		prepare "$state" "$port" 2
		log "apache-startup: launching under strace -f"
		# setsid: a foreground apache2 signals its whole process group when it stops
		setsid "${CLEAN[@]}" strace -f -tt -T -yy -s 256 -o "$out/apache-startup.strace" \
			apache2 -f "$state/apache.conf" -DFOREGROUND 2>/dev/null &
		tracer=$!
		wait_listen "$port" || die "apache (startup) did not listen"
		sleep 1
		curl -s -o /dev/null -m 10 "http://127.0.0.1:$port/healthy/" || true
		sleep 0.3
		stop "$state"
		wait "$tracer" || true
		echo "strace -f -tt -T -yy -s 256 -o apache-startup.strace apache2 -f STATE/apache.conf -DFOREGROUND; GET /healthy/; SIGTERM" \
			>"$out/apache-startup.cmd"
		rm -rf "$state"
	fi
}

cmd=${1:-}; shift || true
case $cmd in
	start) start "$@" ;;
	stop) stop "$@" ;;
	record) record "$@" ;;
	*) sed -n '2,8p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac
