package dev.stracewb.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.stracewb.testsupport.CoreFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** escapes*.strace: one python program (src/test/scripts/record-core-fixtures.sh) traced with default, -x, -xx and -s 16. */
class StraceStringTest {

    /** What escapes.py wrote with its first os.write, byte for byte. */
    private static final byte[] WRITTEN = bytes("quote\" backslash\\ nl\n tab\t cr\r vt\u000b ff\f bel\u0007 nul\0 esc\u001b hi",
            new byte[] {(byte) 0xff, (byte) 0xfe}, " utf8-", new byte[] {(byte) 0xc3, (byte) 0xa9}, " end");

    private final StraceString strings = new StraceString();

    /** The 0-based argument {@code index} of the syscall on line {@code lineNo} of a fixture, decoded. */
    private byte[] argumentBytes(String fixture, int lineNo, int index) {
        byte[] b = lines(fixture).get(lineNo - 1);
        ParsedLine p = new LineParser().parse(b, 0, b.length, new ParsedLine());
        long arg = ArgumentScanner.argument(b, p.argsStart, p.argsEnd, index);
        return strings.decodeBytes(b, ArgumentScanner.start(arg), ArgumentScanner.end(arg));
    }

    private String argumentText(String fixture, int lineNo, int index) {
        byte[] b = lines(fixture).get(lineNo - 1);
        ParsedLine p = new LineParser().parse(b, 0, b.length, new ParsedLine());
        long arg = ArgumentScanner.argument(b, p.argsStart, p.argsEnd, index);
        return strings.decode(b, ArgumentScanner.start(arg), ArgumentScanner.end(arg));
    }

    @Test
    void everyEscapeOfTheDefaultFormDecodesToTheBytesWritten() {
        // "quote\" backslash\\ nl\n tab\t cr\r vt\v ff\f bel\7 nul\0 esc\33 hi\377\376 utf8-\303\251 end"
        assertThat(argumentBytes("escapes.strace", 394, 1)).isEqualTo(WRITTEN);
    }

    @Test
    void dashXHexOfNonAsciiDecodesToTheSameBytes() {
        assertThat(argumentBytes("escapes-x.strace", 394, 1)).isEqualTo(WRITTEN);
    }

    @Test
    void dashXxHexOfEveryByteDecodesToTheSameBytes() {
        assertThat(argumentBytes("escapes-xx.strace", 394, 1)).isEqualTo(WRITTEN);
        assertThat(argumentBytes("escapes-xx.strace", 395, 1)).isEqualTo("A".repeat(100).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void truncatedStringKeepsItsPrefixAndIsMarked() {
        byte[] b = lines("escapes-s16.strace").get(394 - 1);
        ParsedLine p = new LineParser().parse(b, 0, b.length, new ParsedLine());
        long arg = ArgumentScanner.argument(b, p.argsStart, p.argsEnd, 1);
        int s = ArgumentScanner.start(arg);
        int e = ArgumentScanner.end(arg);
        assertThat(StraceString.isTruncated(b, s, e)).isTrue();
        assertThat(strings.decode(b, s, e)).isEqualTo("quote\" backslash");
        assertThat(StraceString.isTruncated(lines("escapes.strace").get(394 - 1), 0, 5)).isFalse();
    }

    @Test
    void pathWithQuotesBackslashTabNewlineAndUtf8ReadsTheSameInEveryForm() {
        String expected = "/nonexistent/dir with \"quotes\"\\ and\ttab\n\u00ff.php";
        assertThat(argumentText("escapes.strace", 396, 1)).isEqualTo(expected);
        assertThat(argumentText("escapes-x.strace", 396, 1)).isEqualTo(expected);
        assertThat(argumentText("escapes-xx.strace", 396, 1)).isEqualTo(expected);
    }

    @Test
    void nonUtf8PathIsSpelledWithHexEscapesInEveryForm() {
        // os.stat(b'/nonexistent/latin1-\xe9t\xe9.php'): strace writes \351 (octal) or \xe9 (-x, -xx)
        String expected = "/nonexistent/latin1-\\xe9t\\xe9.php";
        assertThat(argumentText("escapes.strace", 397, 1)).isEqualTo(expected);
        assertThat(argumentText("escapes-x.strace", 397, 1)).isEqualTo(expected);
        assertThat(argumentText("escapes-xx.strace", 397, 1)).isEqualTo(expected);
        assertThat(argumentBytes("escapes.strace", 397, 1))
                .isEqualTo(bytes("/nonexistent/latin1-", new byte[] {(byte) 0xe9}, "t", new byte[] {(byte) 0xe9}, ".php"));
    }

    @Test
    void octalEscapesTakeAtMostThreeDigits() {
        byte[] b = "\"\\1234\\0\\08\"".getBytes(StandardCharsets.US_ASCII);
        assertThat(strings.decodeBytes(b, 0, b.length)).isEqualTo(new byte[] {0123, '4', 0, 0, '8'});
    }

    @Test
    void unterminatedStringDecodesToTheEnd() {
        byte[] b = "\"abc\\".getBytes(StandardCharsets.US_ASCII);
        assertThat(strings.decode(b, 0, b.length)).isEqualTo("abc\\");
    }

    @Test
    void notAStringIsNull() {
        byte[] b = "0x7ffe".getBytes(StandardCharsets.US_ASCII);
        assertThat(strings.decode(b, 0, b.length)).isNull();
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object o : parts) {
            byte[] b = o instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) o;
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }
}
