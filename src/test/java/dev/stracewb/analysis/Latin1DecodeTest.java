package dev.stracewb.analysis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CallText.Latin1 decodes a strace string in one pass and may stop after a prefix; it must give what the
 * two-pass decoder it replaced gave (find the closing quote, then decode up to it), cut to the prefix.
 */
class Latin1DecodeTest {

    /** The decoder as it was: closing quote first, then the escapes up to it. */
    private static String twoPass(byte[] quoted) {
        StringBuilder sb = new StringBuilder(quoted.length);
        int end = quoted.length;
        int close = end;
        for (int i = 1; i < end; i++) {
            if (quoted[i] == '\\') {
                i++;
            } else if (quoted[i] == '"') {
                close = i;
                break;
            }
        }
        int i = 1;
        while (i < close) {
            byte c = quoted[i];
            if (c != '\\' || i + 1 >= close) {
                sb.append((char) (c & 0xff));
                i++;
                continue;
            }
            byte e = quoted[i + 1];
            switch (e) {
                case 'n' -> { sb.append('\n'); i += 2; }
                case 't' -> { sb.append('\t'); i += 2; }
                case 'r' -> { sb.append('\r'); i += 2; }
                case 'v' -> { sb.append((char) 0x0b); i += 2; }
                case 'f' -> { sb.append('\f'); i += 2; }
                case 'a' -> { sb.append((char) 0x07); i += 2; }
                case 'b' -> { sb.append('\b'); i += 2; }
                case 'e' -> { sb.append((char) 0x1b); i += 2; }
                case 'x' -> {
                    int v = 0;
                    int j = i + 2;
                    while (j < close && j < i + 4 && Character.digit(quoted[j], 16) >= 0) {
                        v = v * 16 + Character.digit(quoted[j], 16);
                        j++;
                    }
                    sb.append((char) v);
                    i = Math.max(j, i + 2);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int j = i + 1;
                        while (j < close && j < i + 4 && quoted[j] >= '0' && quoted[j] <= '7') {
                            v = v * 8 + (quoted[j] - '0');
                            j++;
                        }
                        sb.append((char) (v & 0xff));
                        i = j;
                    } else {
                        sb.append((char) (e & 0xff));
                        i += 2;
                    }
                }
            }
        }
        return sb.toString();
    }

    @Test
    void requestLineDecodesAsStraceWroteIt() {
        byte[] q = "\"GET / HTTP/1.0\\r\\nHost: x\\0\\x41\\\"\"...".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(CallText.Latin1.decode(q)).isEqualTo("GET / HTTP/1.0\r\nHost: x\0A\"");
        assertThat(new CallText.Latin1().decode(q, 0, q.length, 5)).isEqualTo("GET /");
    }

    @Test
    void onePassGivesWhatTheTwoPassDecoderGaveOnRandomStrings() {
        SplittableRandom random = new SplittableRandom(5);
        byte[] alphabet = "\"\\nrtxvfabe0123456789aAfF7 G/".getBytes(StandardCharsets.ISO_8859_1);
        CallText.Latin1 decoder = new CallText.Latin1();
        for (int n = 0; n < 200_000; n++) {
            byte[] q = new byte[1 + random.nextInt(24)];
            q[0] = '"';
            for (int i = 1; i < q.length; i++) {
                q[i] = random.nextInt(5) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            String whole = twoPass(q);
            assertThat(decoder.decode(q, 0, q.length, Integer.MAX_VALUE)).isEqualTo(whole);
            int max = random.nextInt(20);
            assertThat(decoder.decode(q, 0, q.length, max)).isEqualTo(whole.substring(0, Math.min(max, whole.length())));
        }
    }
}
