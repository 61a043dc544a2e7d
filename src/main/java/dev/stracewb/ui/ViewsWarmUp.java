package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs the views' busiest code behind the welcome screen, once the sample has been read into them, so that the
 * JIT has compiled it before the user's first capture: the events table is scrolled through the sample's rows and
 * the findings tree is rebuilt with more and fewer groups, one small step a pulse.
 *
 * <p>Why: in a fresh JVM that code is interpreted. The findings tree's {@code setRoot} took 20–22 ms the first time
 * and 4 ms the second, the table's first rows 12 ms before their layout, and a fresh workbench's first capture
 * stalled for 60–80 ms (BENCHMARKS.md, "Live, fifth round"). Reading the sample once runs that code far too few
 * times for the JIT. Each step costs a few milliseconds behind a screen that does not change.
 * The warm-up stops at once when the user opens anything, and puts the views back as they were when it ends.
 */
final class ViewsWarmUp {
    /** Pulses of exercise: two seconds at 60 frames a second. */
    static final int STEPS = 120;
    /** The findings tree is rebuilt every this many steps; the table scrolls at every step. */
    private static final int TREE_EVERY = 3;

    private final TableView<Integer> table;
    private final FindingsView findings;
    // dropped when it ends: they hold the sample's document, which the user's first trace replaces
    private List<FailureGroup> groups;
    private BooleanSupplier wanted;
    private Runnable restore;
    private int step;
    private boolean running;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            next();
        }
    };

    /**
     * @param wanted  whether the sample is still what the views show behind the welcome screen
     * @param restore shows the sample's findings as they were (the warm-up leaves them otherwise)
     */
    ViewsWarmUp(TableView<Integer> table, FindingsView findings, List<FailureGroup> groups, BooleanSupplier wanted,
                Runnable restore) {
        this.table = table;
        this.findings = findings;
        this.groups = List.copyOf(groups);
        this.wanted = wanted;
        this.restore = restore;
    }

    void start() {
        running = true;
        timer.start();
    }

    /** Whether it is still exercising the views. */
    boolean isRunning() {
        return running;
    }

    private void next() {
        if (!wanted.getAsBoolean()) {
            finish(false);
            return;
        }
        if (step >= STEPS) {
            finish(true);
            return;
        }
        int rows = table.getItems().size();
        if (rows > 0) {
            // a stride that is not a multiple of a screenful: every step shows rows the cells did not hold
            table.scrollTo((int) ((step * 37L) % rows));
        }
        if (step % TREE_EVERY == 0) {
            // 0..n groups: the tree's row count changes at every rebuild, as it does when a capture's findings come
            int k = (step / TREE_EVERY) % (groups.size() + 1);
            findings.show(groups.subList(0, k));
        }
        step++;
    }

    private void finish(boolean restoreViews) {
        timer.stop();
        running = false;
        if (restoreViews) {
            table.scrollTo(0);
            restore.run();
        }
        groups = null;
        wanted = null;
        restore = null;
    }
}
