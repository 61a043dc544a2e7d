<?php
/**
 * Scenario "hang-tcp": the sso-auth plugin opens a session with the
 * authentication server and waits a day for its greeting. The server
 * (src/test/scripts/lab.sh's blackhole, TCP) never accepts, so the worker blocks in poll().
 */
define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-config.php';
require_once ABSPATH . 'wp-content/plugins/sso-auth/sso-auth.php';

$greeting = sso_auth_handshake( SSO_AUTH_SERVER, SSO_AUTH_SERVER_PORT );
echo 'auth server says ' . $greeting . "\n";
