#!/usr/bin/env bash
# The stracewb outage lab: a PRIVATE web server on 127.0.0.1 serving the outage docroot
# (src/test/resources/lab), for integration tests, fixtures and benchmarks.
#
#   src/test/scripts/lab.sh start prefork|fpm|event [--port N] [--blackhole-port N] [--state DIR] [--user NAME]
#   src/test/scripts/lab.sh stop   [--state DIR]
#   src/test/scripts/lab.sh status [--state DIR]
#
# Modes:  prefork  apache2 prefork + mod_php (4 workers)
#         fpm      nginx (2 workers) -> php-fpm (4 workers)
#         event    apache2 mpm_event (1 child, 8 threads) -> php-fpm (4 workers)
# Defaults: --port 18080, --blackhole-port PORT+1, --state /tmp/stracewb-lab, --user www-data.
#
# start: copies the docroot to STATE/www (plus STATE/www/healthy with the typo fixed, and the
# mode-000 file of the eacces scenario), renders the templates into STATE/conf, starts the
# blackhole (UDP+TCP on --blackhole-port) and the server(s), and waits until the port listens
# and every worker is forked. Already running with the same settings: does nothing. Running
# with other settings: restarts. On success prints key=value lines on stdout (mode, port,
# blackhole_port, state, docroot, master_pid, fpm_pid, error_log, access_log).
# stop: SIGTERM (then SIGKILL after 10 s) to the PIDs recorded in STATE/run/*.pid and their
# leftover children; nothing else. The system's own apache2/nginx/php-fpm are never touched.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
LAB_SRC=$ROOT/src/test/resources/lab
CLEAN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CLEAN_ENV=(env -i "PATH=$CLEAN_PATH" LANG=C.UTF-8)
export PATH=$CLEAN_PATH:$PATH   # apache2, nginx and php-fpm live in /usr/sbin
MARKER=.stracewb-lab

log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
	sed -n '5,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,3\}//' >&2
	exit 2
}

# pid_alive PID: PID runs and is not a zombie (PID 1 of a container may reap late).
pid_alive() {
	local stat
	[ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	stat=${stat##*) }
	[ "${stat:0:1}" != Z ]
}
pid_from() { [ -s "$1" ] && tr -dc '0-9' <"$1" || true; }

# children_of PID: direct children, from /proc (field 4 of /proc/PID/stat is the ppid).
children_of() {
	local parent=$1 stat rest
	for stat in /proc/[0-9]*/stat; do
		read -r rest 2>/dev/null <"$stat" || continue
		rest=${rest##*) }   # the comm field may hold spaces and parentheses
		set -- $rest
		[ "${2:-}" = "$parent" ] && { stat=${stat#/proc/}; echo "${stat%/stat}"; }
	done
	return 0
}

count_children() { children_of "$1" | wc -l; }

wait_gone() {
	local pid=$1 n=$(( ${2:-10} * 10 )) i
	for ((i = 0; i < n; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
	return 1
}

listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# stop_pid NAME PID: SIGTERM, then SIGKILL after 10 s; then the same for children that outlived it.
stop_pid() {
	local name=$1 pid=$2 kids k
	pid_alive "$pid" || return 0
	kids=$(children_of "$pid")
	log "stopping $name (pid $pid)"
	kill -TERM "$pid" 2>/dev/null || true
	if ! wait_gone "$pid" 10; then
		log "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
		kill -KILL "$pid" 2>/dev/null || true
		wait_gone "$pid" 5 || log "$name (pid $pid) is still alive"
	fi
	for k in $kids; do
		# a worker blocked in a hang scenario, or one that a crashed master left behind
		if pid_alive "$k" && ! wait_gone "$k" 3; then
			log "killing leftover $name worker $k"
			kill -KILL "$k" 2>/dev/null || true
			wait_gone "$k" 5 || log "worker $k is still alive"
		fi
	done
}

check_state_dir() {
	case $STATE in
		/*) ;;
		*) die "--state must be an absolute path: $STATE" ;;
	esac
	[[ $STATE =~ ^/[A-Za-z0-9._/-]+$ ]] || die "--state may only contain letters, digits and . _ / -: $STATE"
	# start re-creates STATE/www: refuse a non-empty directory that is not ours
	if [ -e "$STATE" ] && [ -n "$(ls -A "$STATE" 2>/dev/null)" ] && [ ! -e "$STATE/$MARKER" ]; then
		die "$STATE is not empty and not a lab state dir; choose another --state"
	fi
}

php_fpm_bin() {
	local b
	for b in php-fpm8.2 php-fpm8.3 php-fpm8.1 php-fpm; do
		command -v "$b" >/dev/null && { command -v "$b"; return 0; }
	done
	return 1
}

php_module() {
	local m
	for m in /usr/lib/apache2/modules/libphp8.2.so /usr/lib/apache2/modules/libphp*.so; do
		[ -f "$m" ] && { echo "$m"; return 0; }
	done
	return 1
}

require_tools() {
	[ "$(id -u)" = 0 ] || die "run as root (the servers switch their workers to $USER_NAME)"
	id "$USER_NAME" >/dev/null 2>&1 || die "no user $USER_NAME; pass --user NAME"
	command -v ss >/dev/null || die "ss is missing: apt-get install iproute2"
	command -v php >/dev/null || die "php is missing: apt-get install php-cli"
	case $MODE in
		prefork)
			command -v apache2 >/dev/null || die "apache2 is missing: apt-get install apache2"
			php_module >/dev/null || die "mod_php is missing: apt-get install libapache2-mod-php"
			;;
		fpm)
			command -v nginx >/dev/null || die "nginx is missing: apt-get install nginx"
			php_fpm_bin >/dev/null || die "php-fpm is missing: apt-get install php-fpm"
			;;
		event)
			command -v apache2 >/dev/null || die "apache2 is missing: apt-get install apache2"
			php_fpm_bin >/dev/null || die "php-fpm is missing: apt-get install php-fpm"
			;;
	esac
}

render() { # render TEMPLATE OUT
	sed -e "s|@PORT@|$PORT|g" -e "s|@STATE@|$STATE|g" -e "s|@DOCROOT@|$STATE/www|g" \
		-e "s|@USER@|$USER_NAME|g" -e "s|@GROUP@|$GROUP_NAME|g" -e "s|@PHP_MODULE@|$PHP_MODULE|g" \
		-e "s|@BLACKHOLE_PORT@|$BLACKHOLE_PORT|g" "$1" >"$2"
}

write_docroot() {
	local www=$STATE/www
	rm -rf "$www"
	mkdir -p "$www"
	cp -R "$LAB_SRC/docroot/." "$www/"
	render "$LAB_SRC/docroot/wp-config.php" "$www/wp-config.php"
	# /healthy/: the same site after the fix (what the rollback served)
	mkdir -p "$www/healthy"
	cp -R "$www/index.php" "$www/wp-load.php" "$www/wp-config.php" "$www/wp-settings.php" \
		"$www/wp-includes" "$www/healthy/"
	sed -i 's/version\.phpp/version.php/' "$www/healthy/wp-settings.php"
	chown -R root:root "$www"
	find "$www" -type d -exec chmod 755 {} +
	find "$www" -type f -exec chmod 644 {} +
	# the eacces scenario: unreadable for the workers (root can still read it)
	chmod 000 "$www/wp-content/object-cache.php"

	grep -q "version.phpp" "$www/wp-settings.php" || die "the typo is missing from wp-settings.php"
	[ -f "$www/wp-includes/version.php" ] && [ ! -e "$www/wp-includes/version.phpp" ] ||
		die "wp-includes/version.php layout is wrong"
	! grep -rq "version.phpp" "$www/healthy" || die "the healthy copy still has the typo"
	runuser -u "$USER_NAME" -- test -r "$www/index.php" ||
		die "$USER_NAME cannot read $www/index.php; make every parent of $STATE world-searchable"
}

write_conf() {
	mkdir -p "$STATE/conf"

	case $MODE in
		prefork) render "$LAB_SRC/conf/apache-prefork.conf.in" "$STATE/conf/apache2.conf" ;;
		event)
			render "$LAB_SRC/conf/apache-event.conf.in" "$STATE/conf/apache2.conf"
			render "$LAB_SRC/conf/php-fpm.conf.in" "$STATE/conf/php-fpm.conf"
			;;
		fpm)
			render "$LAB_SRC/conf/nginx.conf.in" "$STATE/conf/nginx.conf"
			render "$LAB_SRC/conf/php-fpm.conf.in" "$STATE/conf/php-fpm.conf"
			;;
	esac
}

settings() {
	printf 'MODE=%s\nPORT=%s\nBLACKHOLE_PORT=%s\nUSER_NAME=%s\n' "$MODE" "$PORT" "$BLACKHOLE_PORT" "$USER_NAME"
}

# running_settings: the settings file of a lab whose servers are all alive, else nothing.
running_settings() {
	[ -s "$STATE/run/settings" ] || return 0
	local f
	for f in "$STATE"/run/*.pid; do
		[ -e "$f" ] || return 0
		pid_alive "$(pid_from "$f")" || return 0
	done
	cat "$STATE/run/settings"
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
	local n=$(( $1 * 10 )) what=$2 i
	shift 2
	for ((i = 0; i < n; i++)); do "$@" && return 0; sleep 0.1; done
	die "timed out waiting for $what; see $STATE/logs/"
}

pidfile_alive() { pid_alive "$(pid_from "$1")"; }
has_children() { [ "$(count_children "$(pid_from "$1")")" -ge "$2" ]; }
is_socket() { [ -S "$1" ]; }

start_blackhole() {
	"${CLEAN_ENV[@]}" setsid php "$LAB_SRC/blackhole.php" "$BLACKHOLE_PORT" "$STATE/run/blackhole.pid" \
		>>"$STATE/logs/blackhole.log" 2>&1 </dev/null &
	wait_for 5 "the blackhole on port $BLACKHOLE_PORT" pidfile_alive "$STATE/run/blackhole.pid"
}

start_fpm() {
	local fpm; fpm=$(php_fpm_bin)
	"$fpm" -t --fpm-config "$STATE/conf/php-fpm.conf" 2>>"$STATE/logs/configtest.log" ||
		die "php-fpm rejects $STATE/conf/php-fpm.conf; see $STATE/logs/configtest.log"
	"${CLEAN_ENV[@]}" "$fpm" --fpm-config "$STATE/conf/php-fpm.conf"
	wait_for 10 "php-fpm" is_socket "$STATE/run/php-fpm.sock"
	wait_for 10 "php-fpm" pidfile_alive "$STATE/run/php-fpm.pid"
	wait_for 10 "4 php-fpm workers" has_children "$STATE/run/php-fpm.pid" 4
}

start_apache() {
	local workers=$1
	apache2 -t -f "$STATE/conf/apache2.conf" 2>>"$STATE/logs/configtest.log" ||
		die "apache2 rejects $STATE/conf/apache2.conf; see $STATE/logs/configtest.log"
	"${CLEAN_ENV[@]}" apache2 -f "$STATE/conf/apache2.conf" -k start
	wait_for 15 "apache2 on 127.0.0.1:$PORT" listening "$PORT"
	wait_for 10 "apache2's pid file" pidfile_alive "$STATE/run/apache2.pid"
	wait_for 10 "$workers apache2 workers" has_children "$STATE/run/apache2.pid" "$workers"
}

start_nginx() {
	mkdir -p "$STATE/nginx"
	nginx -t -q -c "$STATE/conf/nginx.conf" -p "$STATE/nginx/" -e "$STATE/logs/error.log" ||
		die "nginx rejects $STATE/conf/nginx.conf"
	"${CLEAN_ENV[@]}" nginx -c "$STATE/conf/nginx.conf" -p "$STATE/nginx/" -e "$STATE/logs/error.log"
	wait_for 15 "nginx on 127.0.0.1:$PORT" listening "$PORT"
	wait_for 10 "nginx's pid file" pidfile_alive "$STATE/run/nginx.pid"
	wait_for 10 "2 nginx workers" has_children "$STATE/run/nginx.pid" 2
}

print_summary() {
	local master=""
	case $MODE in
		prefork | event) master=$(pid_from "$STATE/run/apache2.pid") ;;
		fpm) master=$(pid_from "$STATE/run/nginx.pid") ;;
	esac
	echo "mode=$MODE"
	echo "port=$PORT"
	echo "blackhole_port=$BLACKHOLE_PORT"
	echo "state=$STATE"
	echo "docroot=$STATE/www"
	echo "master_pid=$master"
	echo "fpm_pid=$(pid_from "$STATE/run/php-fpm.pid")"
	echo "error_log=$STATE/logs/error.log"
	echo "access_log=$STATE/logs/access.log"
}

cmd_start() {
	require_tools
	check_state_dir
	[ "$BLACKHOLE_PORT" != "$PORT" ] || die "--blackhole-port must differ from --port"
	GROUP_NAME=$(id -gn "$USER_NAME")
	PHP_MODULE=$(php_module || echo /usr/lib/apache2/modules/libphp8.2.so)
	local want have
	want=$(settings)
	have=$(running_settings)
	if [ -n "$have" ] && [ "$have" = "$want" ]; then
		log "already running in $STATE ($MODE on 127.0.0.1:$PORT)"
		print_summary
		return 0
	fi
	[ -z "$have" ] || log "a lab with other settings runs in $STATE; restarting it"
	cmd_stop
	listening "$PORT" && die "127.0.0.1:$PORT is already in use; pass another --port"
	listening "$BLACKHOLE_PORT" && die "port $BLACKHOLE_PORT is already in use; pass another --blackhole-port"

	mkdir -p "$STATE"
	touch "$STATE/$MARKER"
	rm -rf "$STATE/logs"   # a fresh start gets fresh logs: the access log must match what a test sent
	mkdir -p "$STATE/run" "$STATE/logs"
	chmod 755 "$STATE" "$STATE/run" "$STATE/logs"
	rm -f "$STATE"/run/*.pid "$STATE/run/php-fpm.sock" "$STATE/run/settings"
	write_docroot
	write_conf
	start_blackhole
	case $MODE in
		prefork) start_apache 4 ;;
		event) start_fpm; start_apache 1 ;;
		fpm) start_fpm; start_nginx ;;
	esac
	settings >"$STATE/run/settings"
	log "$MODE up on 127.0.0.1:$PORT (state $STATE)"
	print_summary
}

cmd_stop() {
	[ -d "$STATE/run" ] || return 0
	local name
	for name in apache2 nginx php-fpm blackhole; do
		[ -e "$STATE/run/$name.pid" ] || continue
		stop_pid "$name" "$(pid_from "$STATE/run/$name.pid")"
		rm -f "$STATE/run/$name.pid"
	done
	rm -f "$STATE/run/settings" "$STATE/run/php-fpm.sock"
}

cmd_status() {
	local have; have=$(running_settings)
	[ -n "$have" ] || { echo "stopped"; return 3; }
	eval "$have"
	print_summary
}

[ $# -ge 1 ] || usage
CMD=$1; shift
MODE=""
case $CMD in
	start)
		[ $# -ge 1 ] || usage
		MODE=$1; shift
		case $MODE in prefork | fpm | event) ;; *) die "unknown mode: $MODE (prefork, fpm or event)" ;; esac
		;;
	stop | status) ;;
	*) usage ;;
esac
PORT=18080
BLACKHOLE_PORT=""
STATE=/tmp/stracewb-lab
USER_NAME=www-data
while [ $# -gt 0 ]; do
	case $1 in
		--port) PORT=${2:-}; shift 2 ;;
		--blackhole-port) BLACKHOLE_PORT=${2:-}; shift 2 ;;
		--state) STATE=${2:-}; shift 2 ;;
		--user) USER_NAME=${2:-}; shift 2 ;;
		*) die "unknown option: $1" ;;
	esac
done
STATE=${STATE%/}
[[ $PORT =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "--port must be a number 1-65535"
[ -n "$BLACKHOLE_PORT" ] || BLACKHOLE_PORT=$((PORT + 1))
[[ $BLACKHOLE_PORT =~ ^[0-9]+$ ]] && [ "$BLACKHOLE_PORT" -le 65535 ] || die "--blackhole-port must be a number 1-65535"
[[ $USER_NAME =~ ^[a-z_][a-z0-9_-]*$ ]] || die "--user must be a plain user name"

case $CMD in
	start) cmd_start ;;
	stop) check_state_dir; cmd_stop; log "stopped ($STATE)" ;;
	status) cmd_status ;;
esac
