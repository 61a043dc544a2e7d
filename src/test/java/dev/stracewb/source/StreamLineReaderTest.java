package dev.stracewb.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class StreamLineReaderTest {

    @Test
    void nextNewlineFindsEveryNewlineAtEveryAlignment() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[rnd.nextInt(64)];
            for (int i = 0; i < b.length; i++) {
                // bytes next to '\n' in value (0x0b, 0x09, 0x8a) must not be taken for it
                int[] choices = {'\n', 0x0b, 0x09, 0x8a, 0xff, 0, 'a'};
                b[i] = (byte) choices[rnd.nextInt(choices.length)];
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int expected = -1;
            for (int i = from; i < b.length; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(StreamLineReader.nextNewline(b, from, b.length)).isEqualTo(expected);
        }
    }

    @Test
    void linesAreSplitOnNewlinesOnlyAndTheLastLineNeedsNone() throws Exception {
        byte[] input = "a\r\n\nlong line with \u0000 and \u00ff bytes\nlast".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        new StreamLineReader().pump(new ByteArrayInputStream(input),
                (buf, off, len, pid) -> lines.add(new String(buf, off, len, java.nio.charset.StandardCharsets.ISO_8859_1)), 0);
        assertThat(lines).containsExactly("a\r", "", "long line with \u0000 and \u00ff bytes", "last");
    }
}
