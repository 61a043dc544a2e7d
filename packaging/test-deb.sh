#!/usr/bin/env bash
# Installs the stracewb .deb on this machine, checks that it works from the installed command, removes it and
# checks that nothing is left. Run as root (CI runs it as root). Any installed stracewb is removed first.
#
#   packaging/test-deb.sh [DEB]     default: the one target/packaging/stracewb_*.deb
#
# Environment: STRACEWB_TEST_SAMPLE replaces the trace given to `stracewb analyze`.
# Prints the install time and the `--version` start-up time; ends with "test-deb: N passed, N failed".
set -uo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APPDIR=/opt/stracewb
SAMPLE=${STRACEWB_TEST_SAMPLE:-$ROOT/src/test/resources/fixtures/apache-prefork-outage.strace}
DESKTOP_FILE=/usr/share/applications/stracewb.desktop
POLKIT_FILE=/usr/share/polkit-1/actions/dev.stracewb.strace.policy

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }
die() { echo "test-deb: $*" >&2; exit 2; }
# check DESCRIPTION COMMAND...: runs COMMAND (an argument list, never a shell string) and records the result.
check() {
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
indent() { sed "s/^/    /"; }
quietly() { "$@" >/dev/null 2>&1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ "$(id -u)" = 0 ] || die "run as root: it installs and removes a package"
if [ $# -ge 1 ]; then
    DEB=$(readlink -f "$1")
else
    shopt -s nullglob
    debs=("$ROOT"/target/packaging/stracewb_*.deb)
    [ ${#debs[@]} -eq 1 ] || die "expected one target/packaging/stracewb_*.deb, found ${#debs[@]}: run packaging/build-deb.sh"
    DEB=${debs[0]}
fi
[ -f "$DEB" ] || die "$DEB not found"
[ -f "$SAMPLE" ] || die "sample trace $SAMPLE not found"
# The app's version is the .deb's upstream version; ~ stands for the jar's - (see build-deb.sh).
DEB_VERSION=$(dpkg-deb -f "$DEB" Version)
APP_VERSION=${DEB_VERSION%-*}
APP_VERSION=${APP_VERSION//\~/-}

if dpkg-query -W -f '${Status}' stracewb 2>/dev/null | grep -q 'install ok installed'; then
    echo "test-deb: removing the stracewb already installed"
    apt-get remove -y stracewb >/dev/null || die "could not remove the installed stracewb"
fi

echo "test-deb: installing $DEB"
start=$(now_ms)
if ! apt-get install -y "$DEB" >"${TMPDIR:-/tmp}/stracewb-test-deb-install.log" 2>&1; then
    cat "${TMPDIR:-/tmp}/stracewb-test-deb-install.log"
    die "apt-get install failed"
fi
install_ms=$(( $(now_ms) - start ))
echo "test-deb: install took ${install_ms} ms"

# --- installed files -------------------------------------------------------------------------------------
check "stracewb on PATH is /usr/bin/stracewb" test "$(command -v stracewb)" = /usr/bin/stracewb
check "/usr/bin/stracewb points at $APPDIR/bin/stracewb" test "$(readlink /usr/bin/stracewb)" = "$APPDIR/bin/stracewb"
check "strace is installed (the .deb depends on it)" test -x /usr/bin/strace
check "desktop entry $DESKTOP_FILE exists" test -f "$DESKTOP_FILE"
check "desktop entry runs the launcher's workbench" grep -qE "^Exec=$APPDIR/bin/stracewb gui( |$)" "$DESKTOP_FILE"
icon=$(sed -n 's/^Icon=//p' "$DESKTOP_FILE" 2>/dev/null)
icon_file=/usr/share/icons/hicolor/256x256/apps/${icon:-none}.png
check "desktop entry's icon ${icon:-<none>} is in the hicolor theme" test -f "$icon_file"
if command -v desktop-file-validate >/dev/null; then
    check "desktop entry is valid (desktop-file-validate)" desktop-file-validate "$DESKTOP_FILE"
fi
check "polkit action $POLKIT_FILE exists" test -f "$POLKIT_FILE"
check "polkit action names /usr/bin/strace" grep -q '>/usr/bin/strace</annotate>' "$POLKIT_FILE"

# polkitd itself must accept the installed action. It runs on a private system bus of our own, so the check
# neither needs nor touches a running polkit; skipped where dbus-daemon or polkitd is not installed.
check_polkit_action() {
    local dir bus_pid polkitd_pid out rc=1
    dir=$(mktemp -d)
    chmod 755 "$dir"
    sed -e "s|<listen>.*</listen>|<listen>unix:path=$dir/bus</listen>|" \
        -e 's|<includedir>system.d</includedir>|<includedir>/usr/share/dbus-1/system.d</includedir>|' \
        -e '/<pidfile>/d' -e '/<user>/d' -e '/<servicehelper>/d' -e '/<standard_system_servicedirs/d' \
        /usr/share/dbus-1/system.conf >"$dir/system.conf"
    dbus-daemon --config-file="$dir/system.conf" --fork --print-pid >"$dir/bus.pid"
    bus_pid=$(cat "$dir/bus.pid")
    DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/bus" /usr/lib/polkit-1/polkitd --no-debug >"$dir/polkitd.log" 2>&1 &
    polkitd_pid=$!
    for _ in $(seq 20); do
        if out=$(DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/bus" pkaction --action-id dev.stracewb.strace --verbose 2>&1); then
            rc=0
            break
        fi
        sleep 0.5
    done
    kill "$polkitd_pid" "$bus_pid" 2>/dev/null
    wait "$polkitd_pid" 2>/dev/null
    indent <<<"$out"
    rm -rf "$dir"
    [ "$rc" = 0 ] && grep -q 'exec.path -> /usr/bin/strace' <<<"$out" && grep -q 'implicit active: *auth_admin_keep' <<<"$out" \
        && ! grep -qE 'implicit .*: *yes' <<<"$out"
}
if [ -x /usr/lib/polkit-1/polkitd ] && command -v dbus-daemon >/dev/null && command -v pkaction >/dev/null; then
    check "polkitd loads the action: strace only, always with an admin password" check_polkit_action
else
    echo "skip - polkitd, dbus-daemon or pkaction not installed: polkit action not loaded"
fi

# --- the installed command -------------------------------------------------------------------------------
start=$(now_ms)
version_out=$(stracewb --version 2>&1)
version_rc=$?
version_ms=$(( $(now_ms) - start ))
echo "test-deb: stracewb --version took ${version_ms} ms and printed:"
indent <<<"$version_out"
check "stracewb --version exits 0" test "$version_rc" = 0
check "stracewb --version prints the app version $APP_VERSION" grep -qF "$APP_VERSION" <<<"$version_out"
check "stracewb --version prints the strace version it found" grep -qiE 'strace[^0-9]*[0-9]+\.[0-9]+' <<<"$version_out"
check "a user other than root can run stracewb --version" quietly runuser -u nobody -- /usr/bin/stracewb --version

analyze_out=$(stracewb analyze "$SAMPLE" 2>&1)
analyze_rc=$?
echo "test-deb: stracewb analyze $(basename "$SAMPLE") printed (first 15 lines):"
head -15 <<<"$analyze_out" | indent
check "stracewb analyze on the outage sample exits 0" test "$analyze_rc" = 0
check "stracewb analyze names the failing path version.phpp" grep -qF 'wp-includes/version.phpp' <<<"$analyze_out"
check "stracewb analyze ranks version.phpp first (#1)" grep -qE '^[[:space:]]*#1[[:space:]].*wp-includes/version\.phpp' <<<"$analyze_out"

# The menu entry's command, as a user that is not root, in a fresh home: the workbench window must open with the
# sample incident from the installed jar and still be up after GUI_SECONDS. Skipped without xvfb-run/import.
GUI_SECONDS=${GUI_SECONDS:-15}
GUI_SHOT="$ROOT/target/packaging/installed-gui.png"
check_gui() {
    local home rc
    home=$(mktemp -d)
    chown nobody "$home"
    rm -f "$GUI_SHOT"
    # Inside Xvfb; $1 home, $2 screenshot, $3 seconds. The X auth file lives in that home, which nobody owns;
    # nobody's passwd home is /nonexistent, and Java takes user.home from passwd, not from $HOME.
    # shellcheck disable=SC2016
    xvfb-run -a -f "$home/.Xauthority" -s "-screen 0 1600x1000x24" bash -c '
        chmod 644 "$XAUTHORITY"
        runuser -u nobody -- env HOME="$1" JAVA_TOOL_OPTIONS="-Duser.home=$1" DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" \
            /usr/bin/stracewb gui --sample >"$1/gui.log" 2>&1 &
        pid=$!
        sleep "$3"
        kill -0 "$pid" 2>/dev/null || { echo "    the workbench exited early:"; sed "s/^/    /" "$1/gui.log"; exit 1; }
        import -window root "$2"
        kill "$pid"; wait "$pid" 2>/dev/null
        exit 0' gui "$home" "$GUI_SHOT" "$GUI_SECONDS"
    rc=$?
    rm -rf "$home"
    [ "$rc" = 0 ] && [ -f "$GUI_SHOT" ] \
        && awk -v sd="$(convert "$GUI_SHOT" -format '%[fx:standard_deviation]' info:)" 'BEGIN { exit !(sd > 0.01) }'
}
if command -v xvfb-run >/dev/null && command -v import >/dev/null; then
    check "stracewb gui --sample opens a window for a user (screenshot $GUI_SHOT)" check_gui
else
    echo "skip - xvfb-run or import (imagemagick) not installed: workbench window not opened"
fi

# --- upgrade: a reinstall runs the old prerm (upgrade) and the new postinst, as a version upgrade does -------
check "apt-get install --reinstall succeeds" quietly apt-get install -y --reinstall "$DEB"
check "after the reinstall /usr/bin/stracewb still runs" quietly /usr/bin/stracewb --version
check "after the reinstall the menu entry and polkit action are there" test -f "$DESKTOP_FILE" -a -f "$POLKIT_FILE"

# --- removal ---------------------------------------------------------------------------------------------
check "apt-get remove stracewb succeeds" quietly apt-get remove -y stracewb
check "$APPDIR is gone" test ! -e "$APPDIR"
check "/usr/bin/stracewb is gone" test ! -e /usr/bin/stracewb -a ! -L /usr/bin/stracewb
check "desktop entry is gone" test ! -e "$DESKTOP_FILE"
check "icon is gone" test ! -e "$icon_file"
check "polkit action is gone" test ! -e "$POLKIT_FILE"
not_installed() { ! dpkg-query -W -f '${Status}' stracewb 2>/dev/null | grep -q 'install ok installed'; }
check "dpkg no longer lists stracewb as installed" not_installed
# remove leaves dpkg's record of the package (state config-files, as for any package with a postrm); purge it.
quietly apt-get purge -y stracewb

echo "test-deb: install ${install_ms} ms, stracewb --version ${version_ms} ms"
echo "test-deb: $passed passed, $failed failed"
[ "$failed" = 0 ]
