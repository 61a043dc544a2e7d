package dev.stracewb.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RawTextLineBytesIntoTest {

    private static String text(byte[] b, int n) {
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void inPlaceFileLinesAreCopiedIntoTheCallersBuffer(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.strace"), "first line\nsecond\n");
        try (RawText raw = RawText.inPlace(f)) {
            byte[] first = "first line".getBytes(StandardCharsets.UTF_8);
            byte[] second = "second".getBytes(StandardCharsets.UTF_8);
            raw.append(first, 0, first.length);
            raw.append(second, 0, second.length);
            byte[] buf = new byte[64];

            assertThat(text(buf, raw.lineBytesInto(1, buf))).isEqualTo("first line");
            assertThat(text(buf, raw.lineBytesInto(2, buf))).isEqualTo("second");
            assertThat(raw.lineBytesInto(1, new byte[3])).isEqualTo(-10);
            assertThat(raw.lineBytesInto(3, buf)).isZero();
        }
    }

    @Test
    void spooledLinesAreReadBackWhileTheSpoolIsStillBuffered() throws Exception {
        try (RawText raw = RawText.spooled()) {
            for (int i = 1; i <= 3; i++) {
                byte[] line = ("line " + i).getBytes(StandardCharsets.UTF_8);
                raw.append(line, 0, line.length);
            }
            byte[] buf = new byte[16];

            assertThat(text(buf, raw.lineBytesInto(1, buf))).isEqualTo("line 1");
            assertThat(text(buf, raw.lineBytesInto(3, buf))).isEqualTo("line 3");
        }
    }
}
