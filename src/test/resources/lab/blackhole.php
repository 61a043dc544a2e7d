<?php
/**
 * The lab's unreachable "auth infrastructure", for the hang scenarios:
 *  - UDP 127.0.0.1:PORT is bound but never read, so DNS queries sent to it
 *    are never answered (the client blocks in recvfrom);
 *  - TCP 127.0.0.1:PORT listens but never accepts: the kernel completes the
 *    handshake from its backlog, so clients connect and then wait forever
 *    for a greeting (the client blocks in poll/read).
 * Usage: php blackhole.php PORT PIDFILE      (started by src/test/scripts/lab.sh)
 */
if ( $argc < 3 || ! ctype_digit( $argv[1] ) ) {
	fwrite( STDERR, "usage: php blackhole.php PORT PIDFILE\n" );
	exit( 2 );
}
$port = (int) $argv[1];
$udp = stream_socket_server( "udp://127.0.0.1:$port", $errno, $errstr, STREAM_SERVER_BIND );
if ( ! $udp ) {
	fwrite( STDERR, "blackhole: UDP 127.0.0.1:$port: $errstr\n" );
	exit( 1 );
}
$tcp = stream_socket_server( "tcp://127.0.0.1:$port", $errno, $errstr );
if ( ! $tcp ) {
	fwrite( STDERR, "blackhole: TCP 127.0.0.1:$port: $errstr\n" );
	exit( 1 );
}
file_put_contents( $argv[2], getmypid() . "\n" );
while ( true ) {
	sleep( 3600 );
}
