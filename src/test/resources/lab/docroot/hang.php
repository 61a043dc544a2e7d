<?php
/**
 * Scenario "hang" (UDP): the sso-auth plugin resolves the authentication server's
 * name through its own resolver client, which waits for the answer without a
 * timeout. The resolver (src/test/scripts/lab.sh's blackhole, UDP) never answers, so the worker blocks
 * in recvfrom() forever.
 */
define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-config.php';
require_once ABSPATH . 'wp-content/plugins/sso-auth/sso-auth.php';

$addr = sso_auth_resolve( SSO_AUTH_HOST );
echo 'auth server at ' . $addr . "\n";
