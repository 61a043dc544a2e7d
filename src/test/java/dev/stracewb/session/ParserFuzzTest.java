package dev.stracewb.session;

import dev.stracewb.source.FileLineSource;
import dev.stracewb.source.LineSource;
import dev.stracewb.source.StreamLineSource;
import dev.stracewb.store.RawText;
import dev.stracewb.testsupport.CoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least 100,000 random and mutated lines per run (a new seed each run, printed on failure): nothing throws,
 * every line is counted once, and every byte (non-UTF-8 included) reads back as it went in.
 */
class ParserFuzzTest {
    private static final int LINES = 120_000;
    /** Bytes that matter to the parser: quotes, brackets, escapes, decorations, and bytes that are not UTF-8. */
    private static final byte[] NASTY = "\"\\()[]{}<>=,. ?-+/*0123456789x:".getBytes();
    private static final String[] SNIPPETS = {"<unfinished ...>", "<... read resumed>", " = -1 ENOENT (x)", "\\x",
            "\\377", "\\", "\"", " <0.000123>", "[pid 12] ", "+++ exited with 1 +++", "--- SIGSEGV {} ---",
            "strace: Process 1 attached", "AT_FDCWD</>", "...", "/* 3 vars */", "% time", "------", " > /lib(x+0x1) [0x2]"};

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a parser that loops, not a speed target
    void randomAndMutatedLinesNeverThrowAreCountedOnceAndSurviveByteForByte(@TempDir Path tmp) throws Exception {
        long seed = System.nanoTime();
        List<byte[]> lines = generate(new SplittableRandom(seed), LINES);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            all.write(l);
            all.write('\n');
        }
        Path file = tmp.resolve("fuzz.strace");
        Files.write(file, all.toByteArray());

        // read in place from a plain file, and spooled from a stream: both raw-text paths
        check(seed, lines, new FileLineSource(file));
        check(seed, lines, new StreamLineSource("fuzz", new ByteArrayInputStream(all.toByteArray())));
    }

    private static void check(long seed, List<byte[]> lines, LineSource source) throws Exception {
        try (TraceSession s = TraceSession.of(source)) {
            s.run();
            assertThat(s.error()).as("seed %d", seed).isNull();
            LineAccounting acc = s.accounting();
            assertThat(acc.lines()).as("seed %d", seed).isEqualTo(lines.size());
            assertThat(acc.balanced()).as("seed %d: %s", seed, acc).isTrue();
            RawText raw = s.store().raw();
            for (int i = 0; i < lines.size(); i++) {
                assertThat(raw.lineBytes(i + 1)).as("seed %d line %d", seed, i + 1).isEqualTo(lines.get(i));
            }
            for (int r = 0; r < s.store().size(); r++) {
                assertThat(s.event(r)).as("seed %d row %d", seed, r).isNotNull();
            }
            s.failures();
            s.syscallTable();
        }
    }

    static List<byte[]> generate(SplittableRandom rnd, int count) {
        List<byte[]> real = new ArrayList<>();
        for (Path f : CoreFixtures.allTraces()) {
            real.addAll(CoreFixtures.lines(f));
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = rnd.nextInt(10);
            byte[] line;
            if (kind == 0) {
                line = randomBytes(rnd);
            } else if (kind == 1) {
                line = real.get(rnd.nextInt(real.size())).clone();
            } else {
                line = mutate(rnd, real.get(rnd.nextInt(real.size())).clone());
            }
            out.add(withoutNewlines(line));
        }
        return out;
    }

    private static byte[] randomBytes(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextInt(300)];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextBoolean() ? NASTY[rnd.nextInt(NASTY.length)] : (byte) rnd.nextInt(256);
        }
        return b;
    }

    static byte[] mutate(SplittableRandom rnd, byte[] line) {
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = line.length == 0 ? 0 : rnd.nextInt(line.length);
            switch (rnd.nextInt(6)) {
                case 0 -> { // flip a byte
                    if (line.length > 0) {
                        line[at] = (byte) (line[at] ^ (1 << rnd.nextInt(8)));
                    }
                }
                case 1 -> line = java.util.Arrays.copyOf(line, at); // truncate
                case 2 -> line = insert(line, at, new byte[] {NASTY[rnd.nextInt(NASTY.length)]});
                case 3 -> line = insert(line, at, new byte[] {(byte) (0x80 + rnd.nextInt(128))}); // not UTF-8
                case 4 -> line = insert(line, at, SNIPPETS[rnd.nextInt(SNIPPETS.length)].getBytes());
                default -> { // cut a piece out
                    int len = Math.min(line.length - at, rnd.nextInt(20));
                    byte[] shorter = new byte[line.length - len];
                    System.arraycopy(line, 0, shorter, 0, at);
                    System.arraycopy(line, at + len, shorter, at, line.length - at - len);
                    line = shorter;
                }
            }
        }
        return line;
    }

    private static byte[] insert(byte[] line, int at, byte[] what) {
        byte[] b = new byte[line.length + what.length];
        System.arraycopy(line, 0, b, 0, at);
        System.arraycopy(what, 0, b, at, what.length);
        System.arraycopy(line, at, b, at + what.length, line.length - at);
        return b;
    }

    /** A line never holds its terminator: a newline would make two lines of it. */
    private static byte[] withoutNewlines(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                b[i] = ' ';
            }
        }
        return b;
    }
}
