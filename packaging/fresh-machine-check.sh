#!/usr/bin/env bash
# Fresh-machine check: the README's two commands, exactly as written, in a fresh clone, so README cannot drift
# from what works.
#
#   packaging/fresh-machine-check.sh [--run-only] [--fresh-repo] [REPO]
#
#   REPO          a git repository (path); its committed HEAD is cloned. Default: the repository of this script.
#   --run-only    run only the README's run command (CI runs the tests on their own).
#   --fresh-repo  also start from an empty local Maven repository (downloads every dependency; slow).
#
# The commands are read from README.md: the first fenced code block after the marker comment
# `<!-- run-command -->` is the run command, the first after `<!-- test-command -->` the test command.
# The run command runs under `xvfb-run -a`: once its window shows, it is left running for RUN_SECONDS (20),
# then the X display is captured to SHOT (default target/fresh-machine/run-command.png) and must not be
# blank, and the command's process group is stopped.
#
# Environment: RUN_SECONDS (20), WINDOW_TIMEOUT seconds to wait for the first window, Maven build included (420),
# SHOT (where to keep the screenshot), SCREEN (Xvfb screen, 1600x1000x24: the workbench opens at 1400x860),
# KEEP_WORK=1 keeps the temporary clone. The Maven wrapper downloads Maven into a fresh MAVEN_USER_HOME, as on a
# machine with only a JDK. Needs: git, xvfb (xvfb-run), imagemagick (import, convert).
set -euo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

SELF=$(readlink -f "${BASH_SOURCE[0]}")
RUN_SECONDS=${RUN_SECONDS:-20}
WINDOW_TIMEOUT=${WINDOW_TIMEOUT:-420}
# Below this the capture is one flat colour: Xvfb's empty root window measures exactly 0.
MIN_STDDEV=0.01

die() { echo "fresh-machine-check: $*" >&2; exit 1; }
log() { echo "fresh-machine-check: $*" >&2; }

is_blank() { # is_blank PNG: true when the image is (nearly) one colour
    local sd
    sd=$(convert "$1" -format '%[fx:standard_deviation]' info:) || return 0
    awk -v sd="$sd" -v min="$MIN_STDDEV" 'BEGIN { exit !(sd <= min) }'
}

# Runs inside the Xvfb session that xvfb-run made: start, wait for a window, keep it up, capture, stop.
inside_xvfb() {
    local cmd=$1 shot=$2 logfile=$3 pid waited=0 status=0
    # bash -c runs a command from our own README.md (see extract_command), never anything a user typed.
    # setsid gives it a process group of its own, so Maven and the JavaFX JVM it forks stop together.
    setsid bash -c "$cmd" >"$logfile" 2>&1 &
    pid=$!
    while is_blank_display "$shot"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" || status=$?
            echo "the run command exited (status $status) before any window showed" >&2
            return 1
        fi
        if [ "$waited" -ge "$WINDOW_TIMEOUT" ]; then
            echo "no window after ${WINDOW_TIMEOUT}s" >&2
            stop_group "$pid"
            return 1
        fi
        sleep 5
        waited=$((waited + 5))
    done
    echo "window showed after ~${waited}s; leaving it up for ${RUN_SECONDS}s" >&2
    sleep "$RUN_SECONDS"
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid" || status=$?
        echo "the run command exited (status $status) within ${RUN_SECONDS}s of showing its window" >&2
        return 1
    fi
    import -window root "$shot"
    capture_app_window "${shot%.png}-window.png" || status=$?
    stop_group "$pid"
    return "$status"
}

# A flat grey window on the black root would pass the whole-display test, so the app's own window (the
# largest named top-level one) must not be one flat colour either. Needs xwininfo (x11-utils); skipped without.
capture_app_window() {
    local out=$1 id
    command -v xwininfo >/dev/null || { echo "xwininfo not found (x11-utils): window check skipped" >&2; return 0; }
    xwininfo -root -tree | grep -E '^ +0x[0-9a-f]+ "[^"]+"' | sed 's/^ */    window: /' >&2 || true
    id=$(xwininfo -root -tree | awk '
        /^ +0x[0-9a-f]+ "[^"]+"/ && match($0, / [0-9]+x[0-9]+\+/) {
            split(substr($0, RSTART + 1, RLENGTH - 2), wh, "x")
            if (wh[1] * wh[2] > best) { best = wh[1] * wh[2]; id = $1 }
        }
        END { print id }')
    [ -n "$id" ] || { echo "no named window to capture" >&2; return 1; }
    import -window "$id" "$out"
    if is_blank "$out"; then
        echo "the app window $id is one flat colour: nothing was drawn in it ($out)" >&2
        return 1
    fi
    echo "app window $id captured to $out" >&2
}

is_blank_display() { import -window root "$1" 2>/dev/null && is_blank "$1"; }

stop_group() {
    local pid=$1
    kill -TERM -- "-$pid" 2>/dev/null || return 0
    for _ in $(seq 20); do
        kill -0 -- "-$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Prints the first fenced code block after the marker line, without the fences; a "$ " prompt is dropped.
extract_command() {
    local readme=$1 marker=$2 cmd
    cmd=$(awk -v marker="<!-- $marker -->" '
        index($0, marker) { found = 1; next }
        found && !infence && /^[[:space:]]*(```|~~~)/ { infence = 1; next }
        infence && /^[[:space:]]*(```|~~~)/ { exit }
        infence && NF { sub(/^[[:space:]]*\$ /, ""); print }
    ' "$readme")
    [ -n "$cmd" ] || die "README.md has no fenced command after <!-- $marker -->"
    printf '%s\n' "$cmd"
}

if [ "${1:-}" = "--inside-xvfb" ]; then
    shift
    inside_xvfb "$@"
    exit
fi

run_only=false
fresh_repo=false
repo=""
for arg in "$@"; do
    case "$arg" in
        --run-only) run_only=true ;;
        --fresh-repo) fresh_repo=true ;;
        -h|--help) usage; exit 0 ;;
        -*) die "unknown option $arg (try --help)" ;;
        *) repo=$arg ;;
    esac
done
[ -n "$repo" ] || repo=$(git -C "$(dirname "$SELF")" rev-parse --show-toplevel)
for tool in git xvfb-run import convert; do
    command -v "$tool" >/dev/null || die "$tool not found: apt-get install git xvfb imagemagick"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/stracewb-fresh.XXXXXX")
# mktemp makes it 0700; a clone made by hand is world-readable (umask 022), and tests that run a child JVM as
# another user (nobody) read target/classes from it.
chmod 755 "$work"
# The clone and the downloaded Maven go when the check ends; KEEP_WORK=1 keeps them to look into a failure.
[ "${KEEP_WORK:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
out_dir=$(readlink -f "$(dirname "$SELF")/..")/target/fresh-machine
SHOT=${SHOT:-$out_dir/run-command.png}
mkdir -p "$out_dir" "$(dirname "$SHOT")"
log "cloning $repo (committed HEAD) into $work/stracewb"
git clone --quiet "$repo" "$work/stracewb"
cd "$work/stracewb"
log "at commit $(git rev-parse --short HEAD)"
[ -f README.md ] || die "README.md is missing in the clone"
run_cmd=$(extract_command README.md run-command)
test_cmd=""
$run_only || test_cmd=$(extract_command README.md test-command)

# A machine with only a JDK: no Maven installed, so the wrapper downloads it into an empty folder.
export MAVEN_USER_HOME="$work/maven-user-home"
if $fresh_repo; then
    export MAVEN_ARGS="${MAVEN_ARGS:+$MAVEN_ARGS }-Dmaven.repo.local=$work/repository"
fi

log "run command: $run_cmd"
start=$(date +%s)
if ! xvfb-run -a -s "-screen 0 ${SCREEN:-1600x1000x24}" bash "$SELF" --inside-xvfb "$run_cmd" "$SHOT" "$out_dir/run-command.log"; then
    tail -40 "$out_dir/run-command.log" >&2 || true
    die "the run command failed the window check (log: $out_dir/run-command.log)"
fi
[ -f "$SHOT" ] || die "no screenshot was taken"
stddev=$(convert "$SHOT" -format '%[fx:standard_deviation]' info:)
if is_blank "$SHOT"; then
    die "the screenshot $SHOT is blank (standard deviation $stddev)"
fi
log "run command ok in $(( $(date +%s) - start ))s; screenshot $SHOT (standard deviation $stddev)"

if ! $run_only; then
    log "test command: $test_cmd"
    start=$(date +%s)
    # Our own README's documented test command, run as written (see extract_command).
    if ! bash -c "$test_cmd"; then
        die "the test command failed"
    fi
    log "test command ok in $(( $(date +%s) - start ))s"
fi
log "README commands work on a fresh clone"
