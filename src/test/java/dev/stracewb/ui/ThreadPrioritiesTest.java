package dev.stracewb.ui;

import dev.stracewb.testsupport.ProcessTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The JIT compiler threads of this JVM end up at the lower priority, and no other thread does. */
class ThreadPrioritiesTest {

    private static int nice(String tid) {
        return ProcessTable.niceOf(Long.parseLong(tid));
    }

    @Test
    void compilerThreadsAreRenicedAndTheOthersAreNot() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        List<String> compilers = ThreadPriorities.compilerThreadIds();
        assertThat(compilers).isNotEmpty();

        ThreadPriorities.lowerPriority();

        for (String tid : ThreadPriorities.compilerThreadIds()) {
            assertThat(nice(tid)).as("compiler thread " + tid).isEqualTo(ThreadPriorities.NICE);
        }
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        assertThat(nice(self)).as("the test's own thread").isZero();
    }

    @Test
    void aSessionStartedAfterTheWorkbenchReadsAtTheIngestNiceness() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        dev.stracewb.session.ThreadNice.setForIngest(ThreadPriorities.INGEST_NICE);
        try {
            // a source that notes the niceness of the thread that reads it
            dev.stracewb.source.LineSource source = new dev.stracewb.source.LineSource() {
                @Override
                public void readLines(dev.stracewb.source.LineSink sink) throws java.io.IOException {
                    try {
                        String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
                        seen.set(nice(tid));
                    } catch (Exception e) {
                        throw new java.io.IOException(e);
                    }
                }

                @Override
                public String name() {
                    return "nice-probe";
                }
            };
            dev.stracewb.session.TraceSession session = dev.stracewb.session.TraceSession.of(source);
            session.start().join(10_000);
            assertThat(seen.get()).isEqualTo(ThreadPriorities.INGEST_NICE);
        } finally {
            dev.stracewb.session.ThreadNice.setForIngest(0);
        }
    }
}
