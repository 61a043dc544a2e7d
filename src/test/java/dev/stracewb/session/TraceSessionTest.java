package dev.stracewb.session;

import dev.stracewb.source.FileLineSource;
import dev.stracewb.testsupport.CoreFixtures;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TraceSessionTest {

    @Test
    void closingASessionThatRanOnTheCallersThreadLeavesThatThreadUninterrupted() throws Exception {
        // found by ParserFuzzTest: close() interrupted the thread that had called run(), so the next session
        // read on it saw an interrupted thread and read nothing
        try (TraceSession s = TraceSession.of(new FileLineSource(CoreFixtures.path("ts-none.strace")))) {
            s.run();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        try (TraceSession again = TraceSession.of(new FileLineSource(CoreFixtures.path("ts-none.strace")))) {
            again.run();
            assertThat(again.accounting().lines()).isEqualTo(150);
        }
    }

    @Test
    void cancelBeforeStartReadsNothingAndFinishesWithoutError() throws Exception {
        try (TraceSession s = TraceSession.of(new FileLineSource(CoreFixtures.path("apache-startup.strace")))) {
            s.cancel();
            s.run();
            assertThat(s.isFinished()).isTrue();
            assertThat(s.isCancelled()).isTrue();
            assertThat(s.error()).isNull();
            assertThat(s.accounting().lines()).isZero();
        }
    }

    @Test
    void theLastBatchReportsEveryRowEvenRightAfterAnotherBatch() throws Exception {
        byte[] one = java.nio.file.Files.readAllBytes(CoreFixtures.path("apache-startup.strace"));
        java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 4; i++) {
            many.write(one);
        }
        var source = new dev.stracewb.source.StreamLineSource("x4", new java.io.ByteArrayInputStream(many.toByteArray()));
        try (TraceSession s = TraceSession.of(source)) {
            AtomicInteger lastRows = new AtomicInteger();
            java.util.concurrent.atomic.AtomicLong lastLines = new java.util.concurrent.atomic.AtomicLong();
            s.addListener(new SessionListener() {
                @Override
                public void rowsAdded(TraceSession session, int rowCount, long lineCount) {
                    lastRows.set(rowCount);
                    lastLines.set(lineCount);
                }
            });
            s.run();
            assertThat(lastLines.get()).isEqualTo(4 * 7435);
            assertThat(lastRows.get()).isEqualTo(s.store().size());
        }
    }

    @Test
    void listenersHearRowsAndTheEndOnTheIngestThread() throws Exception {
        try (TraceSession s = TraceSession.of(new FileLineSource(CoreFixtures.path("apache-startup.strace")))) {
            AtomicInteger lastRows = new AtomicInteger();
            AtomicReference<String> finishedOn = new AtomicReference<>();
            s.addListener(new SessionListener() {
                @Override
                public void rowsAdded(TraceSession session, int rowCount, long lineCount) {
                    lastRows.set(rowCount);
                }

                @Override
                public void finished(TraceSession session, Throwable error) {
                    finishedOn.set(Thread.currentThread().getName());
                }
            });
            s.start().join(60_000);
            assertThat(s.isFinished()).isTrue();
            assertThat(finishedOn.get()).startsWith("stracewb-ingest ");
            assertThat(lastRows.get()).isEqualTo(s.store().size());
        }
    }
}
