#!/usr/bin/env bash
# The packaging part of CI, for .ci/run to call after the tests (`bash packaging/ci.sh`), as root:
# installs the few packages it needs, builds the .deb, installs/checks/removes it (test-deb.sh), and runs the
# README's run command on a fresh clone (fresh-machine-check.sh --run-only; CI runs the tests itself).
# Ends with "packaging: N passed, N failed" over those steps; exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

packages=(openjdk-17-jdk-headless fakeroot unzip curl git xvfb xauth imagemagick x11-utils libgtk-3-0
    desktop-file-utils dbus-daemon polkitd)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "packaging: installing ${missing[*]}"
    apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || { echo "packaging: apt-get install ${missing[*]} failed"; exit 1; }
fi

passed=0
failed=0
step() {
    local name=$1; shift
    echo "packaging: --- $name"
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "packaging: FAILED: $name"; fi
}
build_flag=()
[ -f target/stracewb.jar ] && build_flag=(--skip-build)   # after `./mvnw verify` the jar is there
step "build the .deb" packaging/build-deb.sh "${build_flag[@]}"
if [ "$failed" = 0 ]; then
    step "install, use and remove the .deb" packaging/test-deb.sh
else
    failed=$((failed + 1)); echo "packaging: skipped test-deb.sh: no .deb"
fi
step "README run command on a fresh clone" packaging/fresh-machine-check.sh --run-only
echo "packaging: $passed passed, $failed failed"
[ "$failed" = 0 ]
