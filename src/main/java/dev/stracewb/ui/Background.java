package dev.stracewb.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where the workbench's slow work runs (filtering, findings, timeline, highlighting), so the FX thread never
 * parses, filters or analyses. Results come back through the {@link FxMailbox}.
 */
final class Background {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "stracewb-ui-worker-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    private final FxMailbox mailbox;

    Background(FxMailbox mailbox) {
        this.mailbox = mailbox;
    }

    FxMailbox mailbox() {
        return mailbox;
    }

    /**
     * Runs {@code work} off the FX thread; {@code done} or {@code failed} then runs on the FX thread. A result is a
     * view update: at most one is shown per pulse ({@link FxMailbox#postView}).
     */
    <T> Future<?> run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        try {
            return submit(work, done, failed);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the window is closing: late work (a trace that finished meanwhile) has nobody to show it to
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    private <T> Future<?> submit(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        return pool.submit(() -> {
            try {
                T result = work.call();
                mailbox.postView(() -> done.accept(result));
            } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                // superseded by newer work: nothing to show
            } catch (Throwable t) {
                mailbox.post(() -> failed.accept(t));
            }
        });
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
