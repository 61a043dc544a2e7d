package dev.stracewb.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class GrowingFileReaderTest {

    @Test
    void deliversEveryLineOnceWhileTheWriterAppendsInOddChunks(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("live.strace");
        Files.createFile(f);
        List<String> expected = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            String line = i + " 12:00:00.000001 openat(AT_FDCWD</>, \"/var/www/f" + i + ".php\", O_RDONLY) = -1 ENOENT";
            expected.add(line);
            all.append(line).append('\n');
        }
        all.append("4242 exit_group(0) = ?"); // a last line strace never finished
        expected.add("4242 exit_group(0) = ?");
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            Random r = new Random(7);
            try (FileOutputStream out = new FileOutputStream(f.toFile(), true)) {
                int pos = 0;
                while (pos < bytes.length) {
                    int n = Math.min(bytes.length - pos, 1 + r.nextInt(9000));
                    out.write(bytes, pos, n);
                    out.flush();
                    pos += n;
                    if (r.nextInt(20) == 0) {
                        Thread.sleep(3);
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            done.set(true);
        });
        writer.start();
        List<String> got = new ArrayList<>();
        GrowingFileReader reader = new GrowingFileReader(f);
        boolean complete = reader.follow((buf, off, len, pid) -> got.add(new String(buf, off, len, StandardCharsets.UTF_8)),
                done::get, () -> false);
        writer.join();

        assertThat(complete).isTrue();
        assertThat(got).hasSize(expected.size()).isEqualTo(expected);
        assertThat(reader.lines()).isEqualTo(expected.size());
        assertThat(reader.bytes()).isEqualTo(bytes.length);
    }

    @Test
    void keepsCarriageReturnsAndLinesLongerThanTheBuffer(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("long.strace");
        String longLine = "1 write(1, \"" + "x".repeat(3 << 20) + "\", 3145728) = 3145728";
        Files.writeString(f, "a\r\n" + longLine + "\n\nb\n");
        List<String> got = new ArrayList<>();
        new GrowingFileReader(f).follow((buf, off, len, pid) -> got.add(new String(buf, off, len, StandardCharsets.UTF_8)),
                () -> true, () -> false);
        assertThat(got).containsExactly("a\r", longLine, "", "b");
    }

    @Test
    void abandonedReaderReturnsWithoutWaitingForTheWriter(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("stuck.strace");
        Files.writeString(f, "1 read(0, ");
        List<String> got = new ArrayList<>();
        boolean complete = new GrowingFileReader(f).follow((buf, off, len, pid) -> got.add("x"), () -> false, () -> true);
        assertThat(complete).isFalse();
        assertThat(got).isEmpty();
    }
}
