<?php
/**
 * Launch-mode scenario with child processes (for the -ff fixture): a deploy check that
 * forks a child to verify the release's files (it exits with the number of missing ones)
 * and runs a shell pipeline that looks for the version include, then waits for both.
 * Usage: php deploy-check.php DOCROOT      (pcntl is available to the PHP CLI only)
 */
$www = $argv[1] ?? getcwd();

$child = pcntl_fork();
if ( 0 === $child ) {
	$missing = 0;
	foreach ( array( 'wp-includes/version.php', 'wp-includes/version.phpp' ) as $file ) {
		if ( ! file_exists( "$www/$file" ) ) {
			fwrite( STDERR, "deploy-check: missing $file\n" );
			$missing++;
		}
	}
	exit( $missing );
}

$proc = proc_open(
	array( 'sh', '-c', 'grep -n "version.php" wp-settings.php | head -n 1' ),
	array( 1 => array( 'pipe', 'w' ) ),
	$pipes,
	$www
);
$found = stream_get_contents( $pipes[1] );
fclose( $pipes[1] );
$grep_status = proc_close( $proc );

pcntl_waitpid( $child, $status );
printf( "files check: %d missing; grep (exit %d): %s", pcntl_wexitstatus( $status ), $grep_status, $found );
exit( pcntl_wexitstatus( $status ) > 0 ? 1 : 0 );
