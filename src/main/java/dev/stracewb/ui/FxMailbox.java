package dev.stracewb.ui;

import javafx.application.Platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one door from background threads to the FX thread. Work posted here is drained in one
 * {@code Platform.runLater} however much arrives meanwhile; keyed posts keep only the latest (a newer count makes
 * an older one pointless). So the FX thread gets batches, never a call per line.
 */
final class FxMailbox {
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, Runnable> latest = new LinkedHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Runs {@code r} on the FX thread, in order with other posts. */
    void post(Runnable r) {
        queue.add(r);
        schedule();
    }

    /** Runs {@code r} on the FX thread unless a newer post with the same key replaces it first. */
    void postLatest(String key, Runnable r) {
        synchronized (latest) {
            latest.put(key, r);
        }
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Runnable[] keyed;
        synchronized (latest) {
            keyed = latest.values().toArray(new Runnable[0]);
            latest.clear();
        }
        for (Runnable r : keyed) {
            r.run();
        }
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            r.run();
        }
    }
}
