#!/usr/bin/env bash
# Records the report's own small fixtures with the real strace (src/test/resources/fixtures/report/):
#   php-builtin-login.strace  a login form served by `php -S` (POST with pwd=, Cookie, Authorization: Bearer,
#                             a ?token= query, a read() of wp-config.php with DB_PASSWORD, which then looks for
#                             a missing wp-config-local.php on every request); secrets are fake
#   hostile-paths.strace      a process opening paths made of HTML, Markdown, backticks, newlines, bad UTF-8
# Usage: src/test/scripts/record-report-fixtures.sh   (needs strace, php-cli, curl, python3; no root needed)
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=src/test/resources/fixtures/report
mkdir -p "$out"
work=$(mktemp -d /tmp/stracewb-report-fixture.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- login over php -S -------------------------------------------------------------------------------------
www=$work/www
mkdir -p "$www"
cat > "$www/wp-config.php" <<'PHP'
<?php
/** Fake lab configuration: these secrets exist only to be redacted. */
define( 'DB_NAME', 'labblog' );
define( 'DB_USER', 'labblog' );
define( 'DB_PASSWORD', 's3cr3t-Qx7!vR2#mLp9zT' );
define( 'AUTH_KEY', 'g8#Lq2!zV9@rT5$wX1^bN7&kM3*pJ6(dF4)hS0' );
/* Local overrides, as many installs have: missing here, so every request fails to stat it (the report's
   culprit), and the read() of this file, DB_PASSWORD included, becomes the finding's evidence. */
if ( file_exists( __DIR__ . '/wp-config-local.php' ) ) {
    include __DIR__ . '/wp-config-local.php';
}
PHP
cat > "$www/login.php" <<'PHP'
<?php
require __DIR__ . '/wp-config.php';
if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    if (($_POST['pwd'] ?? '') === 'correct-horse-battery-staple') {
        setcookie('wordpress_logged_in_lab', 'admin|' . hash('sha256', 'lab-session-' . $_POST['log']), 0, '/');
        header('Location: /wp-admin/', true, 302);
        exit;
    }
    echo "<p id=\"login_error\">Wrong password.</p>";
} else {
    echo "<form method=\"post\"><input name=\"log\"><input name=\"pwd\" type=\"password\"></form>";
}
PHP
echo ready > "$www/ready.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
jwt='eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsImF1ZCI6ImxhYi1ibG9nIiwiZXhwIjoxNzk1NjY0MDAwfQ.c2lnbmF0dXJlLW9mLXRoZS1sYWItdG9rZW4tbm90LXJlYWwtMTIzNDU2Nzg5MA'
strace -f -tt -T -yy -s 1024 -o "$out/php-builtin-login.strace" \
    env -i PATH=/usr/bin:/bin LANG=C.UTF-8 php -S "127.0.0.1:$port" -t "$www" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/ready.txt" && break; sleep 0.1; done
curl -s -o /dev/null -w '%{http_code}\n' -X POST --data 'log=admin&pwd=correct-horse-battery-staple' \
    -H 'Cookie: wordpress_test_cookie=WP%20Cookie%20check; wp-settings-time-1=1795660400' \
    -H "Authorization: Bearer $jwt" "http://127.0.0.1:$port/login.php"
curl -s -o /dev/null -w '%{http_code}\n' -X POST --data 'log=admin&pwd=hunter2-wrong' \
    -H 'X-Auth-Token: 7f3a9c2e1b8d4f6a0c5e9b2d7a1f3c8e' "http://127.0.0.1:$port/login.php?redirect_to=%2Fwp-admin%2F&token=QmFzZTY0VG9rZW5MYWIxMjM0NTY3ODkw"
curl -s -o /dev/null -w '%{http_code}\n' \
    -H 'Proxy-Authorization: Basic bGFiOnByb3h5LXBhc3N3b3Jk' "http://127.0.0.1:$port/missing.phpp"
sleep 0.3
# strace that started a command does not pass SIGINT on: stop the server itself, strace then ends
kill -INT "$(pgrep -P "$server" -x php)"; wait "$server" || true
server=

# --- hostile paths -----------------------------------------------------------------------------------------
cat > "$work/hostile.py" <<'PY'
import os, sys
base = sys.argv[1].encode()
names = [
    b"<script>alert(1)</script>`.php",
    b"&lt;b&gt;entity&amp;&quot;.php",
    b"# heading *bold* _em_ [link](http://evil.example/) | cell | ![img](x.png).php",
    b"```\nfence\n```.php",
    b"line1\nline2\r\n<img src=x onerror=alert(2)>.php",
    b"bad-utf8-\xff\xfe-\xc3\x28.php",
    b"--> <!-- \\ backslash ~~strike~~ <https://evil.example/>.php",
]
for n in names:
    try:
        open(base + b"/" + n, "rb")
    except OSError:
        pass
with open(os.devnull, "wb") as f:
    f.write(b"</pre></code><script>alert(3)</script> ``` `` ` \xff\n")
PY
strace -f -tt -T -yy -s 256 -e trace=%file,%process,write -o "$out/hostile-paths.strace" \
    /usr/bin/python3 -I -S "$work/hostile.py" "$work" "<script>alert('argv')</script>" </dev/null >/dev/null 2>&1
echo "recorded: $out/php-builtin-login.strace $out/hostile-paths.strace"
