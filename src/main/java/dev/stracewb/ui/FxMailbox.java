package dev.stracewb.ui;

import javafx.animation.AnimationTimer;
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
 *
 * <p>View updates (a new findings tree, a raw-log window, a filter's rows: {@link #postView}) are bigger: each
 * costs its pulse a CSS and layout pass over the nodes it changed and the software renderer a repaint of its
 * area. They run at most one per pulse, at the pulse's start, so two results that arrive together (the live
 * analysis and the raw log's tail are both asked for once a second) cost two short frames, not one long one.
 */
final class FxMailbox {
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> views = new ConcurrentLinkedQueue<>();
    private final Map<String, Runnable> latest = new LinkedHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Runs one view update per pulse while there are any (FX thread only). */
    private final AnimationTimer viewPulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            Runnable r = views.poll();
            if (r != null) {
                r.run();
            }
            if (views.isEmpty()) {
                stop();
                viewPulseRunning = false;
            }
        }
    };
    private boolean viewPulseRunning;

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

    /** Runs {@code r} on the FX thread at the start of a pulse, the only view update of that pulse. */
    void postView(Runnable r) {
        views.add(r);
        schedule();
    }

    /**
     * The caller has just changed views itself, outside a view update (a trace switch): the view updates posted after
     * this wait for the next pulse, so they do not add their cost to this one's.
     */
    void holdViewsOnePulse() {
        postView(() -> { });
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
        if (!views.isEmpty() && !viewPulseRunning) {
            viewPulseRunning = true;
            viewPulse.start();
        }
    }
}
