<?php
/**
 * The base configuration for the stracewb lab site.
 *
 * The lab uses no database; the DB_* constants are here because every real
 * wp-config.php has them, and a secret in a config file is exactly what a
 * trace (read() of this file) and a report must not leak.
 *
 * src/test/scripts/lab.sh replaces @BLACKHOLE_PORT@ with the port of its blackhole
 * (UDP: never answers, TCP: never accepts).
 */

// ** Database settings ** //
define( 'DB_NAME', 'wp_prod' );
define( 'DB_USER', 'wp_prod_rw' );
define( 'DB_PASSWORD', 's3cr3t-Qx7!vR2#mLp9zT' );
define( 'DB_HOST', '10.20.0.15:3306' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

// ** Authentication unique keys and salts ** //
define( 'AUTH_KEY',        'l@b-4uth-k3y-9f2c1e7a0b3d5f6e8a9c0b1d2e3f4a5b' );
define( 'SECURE_AUTH_KEY', 'l@b-s3cure-k3y-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d' );
define( 'LOGGED_IN_KEY',   'l@b-l0gged-in-k3y-6d5c4b3a2f1e0d9c8b7a6f5e4d3c' );

// ** Authentication server used by the sso-auth plugin (hang.php, hang-tcp.php) ** //
define( 'SSO_AUTH_HOST', 'auth.corp.invalid' );
define( 'SSO_AUTH_RESOLVER', '127.0.0.1' );
define( 'SSO_AUTH_RESOLVER_PORT', (int) '@BLACKHOLE_PORT@' );   /* UDP: bound, never read */
define( 'SSO_AUTH_SERVER', '127.0.0.1' );
define( 'SSO_AUTH_SERVER_PORT', (int) '@BLACKHOLE_PORT@' );     /* TCP: listens, never accepts */

$table_prefix = 'wp_';

define( 'WP_DEBUG', false );

/* That's all, stop editing! Happy publishing. */

/** Absolute path to the WordPress directory. */
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
