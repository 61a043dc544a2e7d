package dev.stracewb.ui;

import dev.stracewb.store.RawText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The free-text search over the raw lines: ASCII case ignored, line numbers exact, partial ranges. */
class RawLineSearchTest {

    @TempDir
    Path tmp;

    private RawText raw(String text) throws IOException {
        Path f = Files.writeString(tmp.resolve("t.strace"), text, StandardCharsets.UTF_8);
        RawText raw = RawText.inPlace(f);
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty() || !text.endsWith("\n")) {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                raw.append(b, 0, b.length);
            }
        }
        return raw;
    }

    @Test
    void findsTheLinesThatNameTheFileWhateverTheirCase() throws IOException {
        try (RawText raw = raw("openat(\"/w/version.php\") = 3\nopenat(\"/w/VERSION.PHPP\") = -1 ENOENT\n"
                + "write(2, \"require(version.phpp) failed\") = 40\nclose(3) = 0\nstat(\"version.phpp\")")) {
            BitSet hits = RawLineSearch.linesContaining(raw, "version.phpp", 1, 5, () -> false);
            assertThat(hits.stream().toArray()).containsExactly(2, 3, 5);
        }
    }

    @Test
    void laterLinesAloneAreSearchedLineByLine() throws IOException {
        try (RawText raw = raw("a phpp\nb\nc phpp\nd PHPP\n")) {
            assertThat(RawLineSearch.linesContaining(raw, "phpp", 2, 4, () -> false).stream().toArray())
                    .containsExactly(3, 4);
        }
    }

    @Test
    void aNeedleAtTheVeryEndOfALineAndOfTheFileIsFound() throws IOException {
        try (RawText raw = raw("x\nends with needle")) {
            assertThat(RawLineSearch.linesContaining(raw, "NEEDLE", 1, 2, () -> false).stream().toArray())
                    .containsExactly(2);
        }
    }
}
