package dev.stracewb.store;

import dev.stracewb.bench.HeapPerEvent;
import dev.stracewb.session.TraceSession;
import dev.stracewb.source.FileLineSource;
import dev.stracewb.testsupport.CoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 2: at most 100 bytes of heap per event on a 1M-line trace (session, store, analyses and all). */
class HeapPerEventTest {

    @Test
    void aMillionLinesOfApacheOutageCostAtMost100HeapBytesPerEvent(@TempDir Path tmp) throws Exception {
        byte[] outage = Files.readAllBytes(CoreFixtures.path("apache-outage.strace"));
        int reps = 1_000_000 / 531 + 1;
        Path big = tmp.resolve("outage-x" + reps + ".strace");
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < reps; i++) {
                out.write(outage);
            }
        }
        try (TraceSession s = TraceSession.of(new FileLineSource(big))) {
            HeapPerEvent.Figures f = HeapPerEvent.measure(s);
            assertThat(f.lines()).isGreaterThanOrEqualTo(1_000_000);
            assertThat(f.perRow()).as("%d heap bytes for %d rows", f.heapBytes(), f.rows()).isLessThanOrEqualTo(100);
        }
    }
}
