package dev.stracewb.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A socket's -yy decoration holds "->" and a quoted unix path with a comma: it must not split arguments. */
class SocketDecorationArgumentsTest {

    private static String arg(String args, int index) {
        byte[] b = args.getBytes(StandardCharsets.ISO_8859_1);
        long a = ArgumentScanner.argument(b, 0, b.length, index);
        return a < 0 ? null : new String(b, ArgumentScanner.start(a), ArgumentScanner.end(a) - ArgumentScanner.start(a),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void unixStreamDecorationWithPeerAndPathIsOneArgument() {
        String args = "4<UNIX-STREAM:[58007->58044,\"/run/php-fpm.sock\"]>, \"\\1\\1\\0\\1\", 8";

        assertThat(arg(args, 0)).isEqualTo("4<UNIX-STREAM:[58007->58044,\"/run/php-fpm.sock\"]>");
        assertThat(arg(args, 1)).isEqualTo("\"\\1\\1\\0\\1\"");
        assertThat(arg(args, 2)).isEqualTo("8");
    }

    @Test
    void tcpDecorationWithArrowIsOneArgument() {
        String args = "9<TCP:[127.0.0.1:8080->127.0.0.1:40422]>, \"GET / HTTP/1.1\\r\\n\", 8000";

        assertThat(arg(args, 0)).isEqualTo("9<TCP:[127.0.0.1:8080->127.0.0.1:40422]>");
        assertThat(arg(args, 2)).isEqualTo("8000");
    }

    @Test
    void pathWithUnbalancedBracketStillEndsAtItsAngleBracket() {
        String args = "3</tmp/a[b>, \"x\", 1";

        assertThat(arg(args, 0)).isEqualTo("3</tmp/a[b>");
        assertThat(arg(args, 1)).isEqualTo("\"x\"");
    }
}
