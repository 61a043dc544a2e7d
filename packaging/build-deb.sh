#!/usr/bin/env bash
# Builds the stracewb .deb: shaded jar -> jlink runtime -> jpackage app image -> jpackage deb.
#
#   packaging/build-deb.sh               build the jar with ./mvnw first, then package it
#   packaging/build-deb.sh --skip-build  package the existing target/stracewb.jar (what `-Ppackage` runs)
#
# Output, all under target/packaging/:
#   runtime/                      the jlink runtime (modules found by jdeps plus a fixed baseline)
#   image/stracewb/               the jpackage app image (what /opt/stracewb holds once installed)
#   stracewb_<version>_amd64.deb  the installer: /opt/stracewb, and from its postinst /usr/bin/stracewb, the menu
#                                 entry, icons, the polkit action and /usr/libexec/stracewb/stracewb-strace-root
#                                 (see packaging/deb/postinst)
#
# Needs a JDK 17+ with jlink, jpackage and jdeps (Debian: openjdk-17-jdk-headless), fakeroot and dpkg-deb.
# Environment: JAVA_HOME picks the JDK; MVN_FLAGS replaces the Maven flags (default "-B -q"); DEB_MAINTAINER
# sets the Maintainer e-mail (default maintainers@stracewb.invalid, a placeholder until the project has one).
set -euo pipefail
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=stracewb
INSTALL_PARENT=/opt
APPDIR="$INSTALL_PARENT/$NAME"
OUT="$ROOT/target/packaging"
JAR="$ROOT/target/$NAME.jar"
ICON="$ROOT/packaging/icons/$NAME-256.png"
DESCRIPTION="Workbench for debugging web-server incidents with strace"
# A floor under jdeps' answer, which sees only what the classes name: modules that are reached by reflection or
# a ServiceLoader (logging handlers, XML parsers, script engines), and java.net.http with jdk.crypto.ec so that an
# HTTPS client works without editing this list. Each costs well under 1 MB in the .deb.
BASELINE_MODULES=java.base,java.desktop,java.logging,java.net.http,java.scripting,java.xml,jdk.crypto.ec,jdk.unsupported

die() { echo "build-deb: $*" >&2; exit 1; }
log() { echo "build-deb: $*" >&2; }

skip_build=false
for arg in "$@"; do
    case "$arg" in
        --skip-build) skip_build=true ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option $arg (try --help)" ;;
    esac
done

jdk_tool() {
    local tool=$1
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$tool" ]; then
        echo "$JAVA_HOME/bin/$tool"
    elif command -v "$tool" >/dev/null; then
        command -v "$tool"
    else
        die "$tool not found: install a full JDK 17+ (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
    fi
}

check_tools() {
    JLINK=$(jdk_tool jlink)
    JPACKAGE=$(jdk_tool jpackage)
    JDEPS=$(jdk_tool jdeps)
    for tool in fakeroot dpkg-deb unzip; do
        command -v "$tool" >/dev/null || die "$tool not found: apt-get install $tool"
    done
    local jmods
    jmods="$(dirname "$(dirname "$(readlink -f "$JLINK")")")/jmods"
    [ -f "$jmods/java.base.jmod" ] || die "no jmods in $jmods: jlink needs them (apt-get install openjdk-17-jdk-headless)"
}

build_jar() {
    if $skip_build; then
        [ -f "$JAR" ] || die "$JAR is missing: run ./mvnw -DskipTests package first, or drop --skip-build"
        return
    fi
    log "building the jar"
    # MVN_FLAGS is split on purpose: it is a list of flags from the caller's environment.
    # shellcheck disable=SC2086
    (cd "$ROOT" && ./mvnw ${MVN_FLAGS:--B -q} -DskipTests package)
}

# The version comes from the jar's manifest so the .deb can never disagree with `stracewb --version`.
# Debian sorts "0.2.0~SNAPSHOT" before "0.2.0", so a snapshot's "-" becomes "~".
read_version() {
    JAR_VERSION=$(unzip -p "$JAR" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
    [ -n "$JAR_VERSION" ] || die "no Implementation-Version in $JAR's manifest"
    DEB_VERSION=${JAR_VERSION//-/\~}
}

# jdeps reads the shaded jar as the JVM will: a Java 17 runtime, classes from the class path. The jar is a
# multi-release jar holding picocli's META-INF/versions/9/module-info.class, which makes jdeps take the whole
# jar for one named module; so overlay the versioned classes on the base ones, drop module-info, and ask about
# a plain folder of classes.
find_modules() {
    local classes="$OUT/jdeps-classes" found
    rm -rf "$classes" && mkdir -p "$classes"
    (cd "$classes" && unzip -q "$JAR")
    local v
    for v in $(seq 9 17); do
        if [ -d "$classes/META-INF/versions/$v" ]; then
            cp -r "$classes/META-INF/versions/$v/." "$classes/"
        fi
    done
    rm -rf "$classes/META-INF/versions"
    find "$classes" -name module-info.class -delete
    if found=$("$JDEPS" --print-module-deps --ignore-missing-deps --recursive "$classes" 2>"$OUT/jdeps.log"); then
        log "jdeps found: $found"
    else
        log "jdeps failed (see $OUT/jdeps.log); using the baseline modules only"
        found=""
    fi
    rm -rf "$classes"
    MODULES=$(echo "$BASELINE_MODULES,$found" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
    echo "$MODULES" >"$OUT/modules.txt"
}

# --compress=0: the .deb is xz-compressed anyway, and xz packs uncompressed modules far better (measured:
# runtime 31.7 MB -> 20.0 MB in the .deb, 61 -> 87 MB installed, start-up unchanged; BENCHMARKS.md).
# The runtime keeps bin/java only long enough to write the class-data sharing archive that JDK 17's jlink
# does not make (jlink --generate-cds-archive is JDK 21+); with it the JVM starts measurably faster.
make_runtime() {
    log "jlink runtime with $MODULES"
    rm -rf "$OUT/runtime"
    "$JLINK" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=0 \
        --output "$OUT/runtime"
    "$OUT/runtime/bin/java" -Xshare:dump >"$OUT/cds.log" 2>&1 || log "CDS archive not written (see $OUT/cds.log)"
    rm -rf "$OUT/runtime/bin"
}

make_app_image() {
    log "jpackage app image"
    rm -rf "$OUT/input" "$OUT/image"
    mkdir -p "$OUT/input" "$OUT/image"
    cp "$JAR" "$OUT/input/"
    "$JPACKAGE" --type app-image --name "$NAME" --app-version "$DEB_VERSION" \
        --input "$OUT/input" --main-jar "$NAME.jar" --main-class dev.stracewb.Main \
        --runtime-image "$OUT/runtime" --icon "$ICON" --description "$DESCRIPTION" \
        --vendor strace-workbench --dest "$OUT/image"
    add_share_files "$OUT/image/$NAME/lib/share"
    # The root lifeline pkexec runs (polkit action dev.stracewb.strace); postinst installs it to /usr/libexec.
    install -D -m 0755 "$ROOT/packaging/libexec/$NAME-strace-root" "$OUT/image/$NAME/lib/libexec/$NAME-strace-root"
    rm -rf "$OUT/input"
}

# Files that postinst copies to the same path under /usr/share (and prerm removes): jpackage 17 can put files
# only under /opt/stracewb, and its own desktop integration (xdg-desktop-menu) fails on servers without a desktop.
add_share_files() {
    local share=$1 size
    mkdir -p "$share/applications" "$share/polkit-1/actions" "$share/icons/hicolor/scalable/apps"
    sed "s|@APPDIR@|$APPDIR|g" "$ROOT/packaging/desktop/$NAME.desktop" >"$share/applications/$NAME.desktop"
    cp "$ROOT/packaging/polkit/dev.stracewb.strace.policy" "$share/polkit-1/actions/"
    cp "$ROOT/packaging/icons/$NAME.svg" "$share/icons/hicolor/scalable/apps/$NAME.svg"
    for size in 48 128 256; do
        mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
        cp "$ROOT/packaging/icons/$NAME-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$NAME.png"
    done
    local list
    list=$(cd "$share" && find . -type f | sed 's|^\./||' | sort)
    printf '%s\n' "$list" >"$share/files.txt"
}

make_resource_dir() {
    rm -rf "$OUT/resources" && mkdir -p "$OUT/resources"
    local f
    for f in control postinst prerm; do
        sed "s|@APPDIR@|$APPDIR|g" "$ROOT/packaging/deb/$f" >"$OUT/resources/$f"
    done
}

make_deb() {
    log "jpackage deb"
    rm -rf "$OUT/deb"
    mkdir -p "$OUT/deb"
    "$JPACKAGE" --type deb --app-image "$OUT/image/$NAME" --name "$NAME" --app-version "$DEB_VERSION" \
        --install-dir "$INSTALL_PARENT" --resource-dir "$OUT/resources" --icon "$ICON" \
        --description "$DESCRIPTION" --vendor strace-workbench \
        --linux-deb-maintainer "${DEB_MAINTAINER:-maintainers@stracewb.invalid}" --linux-app-category devel \
        --linux-package-deps strace --dest "$OUT/deb"
    local built
    built=$(ls "$OUT"/deb/*.deb)
    DEB="$OUT/${NAME}_${JAR_VERSION}_amd64.deb"
    rm -f "$OUT"/"${NAME}"_*.deb
    mv "$built" "$DEB"
    rmdir "$OUT/deb"
}

# Fail the build, not the install, when the package lost something it promises.
check_deb() {
    local control contents
    control=$(dpkg-deb -f "$DEB" Depends)
    [[ "$control" =~ (^|[ ,])strace([ ,]|$) ]] || die "Depends lacks strace: $control"
    contents=$(dpkg-deb -c "$DEB")
    local want
    for want in "$APPDIR/bin/$NAME" "$APPDIR/lib/app/$NAME.jar" "$APPDIR/lib/share/files.txt" \
        "$APPDIR/lib/share/applications/$NAME.desktop" "$APPDIR/lib/share/polkit-1/actions/dev.stracewb.strace.policy" \
        "$APPDIR/lib/share/icons/hicolor/256x256/apps/$NAME.png" "$APPDIR/lib/libexec/$NAME-strace-root"; do
        grep -q " \.$want\$" <<<"$contents" || die "$want missing from $DEB"
    done
    log "built $DEB ($(du -h "$DEB" | cut -f1); app image $(du -sh "$OUT/image/$NAME" | cut -f1))"
}

check_tools
build_jar
mkdir -p "$OUT"
read_version
find_modules
make_runtime
make_app_image
make_resource_dir
make_deb
check_deb
echo "$DEB"
