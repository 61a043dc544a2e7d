<?php
/**
 * Scenario "login": a wp-login.php-like form. A POST with log=admin and the
 * right pwd sets an auth cookie and redirects (302); a wrong password shows
 * the form again with an error (200). Requests to this page carry a password
 * form field, a Cookie header and an Authorization header: test data for the
 * redaction of secrets in traces and reports.
 */
define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-config.php';

$lab_admin_user     = 'admin';
$lab_admin_password = 'correct-horse-battery-staple';

if ( 'POST' === ( $_SERVER['REQUEST_METHOD'] ?? 'GET' ) ) {
	$user = (string) ( $_POST['log'] ?? '' );
	$pass = (string) ( $_POST['pwd'] ?? '' );
	if ( hash_equals( $lab_admin_user, $user ) && hash_equals( $lab_admin_password, $pass ) ) {
		$token = hash_hmac( 'sha256', $user . '|' . time(), LOGGED_IN_KEY );
		setcookie( 'wordpress_logged_in_lab', $user . '|' . $token, 0, '/', '', false, true );
		header( 'Location: /wp-admin/' );
		http_response_code( 302 );
		exit;
	}
	$error = 'The password you entered for the username ' . htmlspecialchars( $user ) . ' is incorrect.';
}

$logged_in = isset( $_COOKIE['wordpress_logged_in_lab'] );
header( 'Content-Type: text/html; charset=UTF-8' );
echo "<!DOCTYPE html>\n<html><head><title>Log In &lsaquo; Lab Blog</title></head><body>\n";
if ( $logged_in ) {
	echo '<p>You are logged in as ' . htmlspecialchars( strtok( $_COOKIE['wordpress_logged_in_lab'], '|' ) ) . ".</p>\n";
}
if ( isset( $error ) ) {
	echo '<p id="login_error">' . $error . "</p>\n";
}
echo '<form name="loginform" action="/login.php" method="post">' . "\n";
echo '<input type="text" name="log"><input type="password" name="pwd"><input type="submit" value="Log In">' . "\n";
echo "</form></body></html>\n";
