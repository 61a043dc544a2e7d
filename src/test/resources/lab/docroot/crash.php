<?php
/**
 * Scenario "crash": a buggy extension takes the worker down. The page sends
 * SIGSEGV (11) to its own process, as a segfaulting extension would; the
 * posix extension is available under mod_php and php-fpm, pcntl is not, so
 * the signal number is spelled out. apache's (or php-fpm's) master notices
 * the dead child and forks a new one.
 */
define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-config.php';

header( 'Content-Type: text/plain' );
error_log( 'crash.php: simulating a segfault in pid ' . getmypid() );
posix_kill( posix_getpid(), 11 );   /* SIGSEGV */

/* Not reached: the signal is fatal. */
echo "still alive\n";
