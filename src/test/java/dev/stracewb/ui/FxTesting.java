package dev.stracewb.ui;

import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Helpers for the workbench's TestFX tests: build the real window, read FX state safely, wait for it. */
final class FxTesting {
    private FxTesting() {
    }

    static Workbench workbench(Stage stage, String prefsName) {
        Workbench wb = Workbench.on(stage, WorkbenchPrefs.scratch(prefsName));
        wb.setNotificationsEnabled(false);
        stage.setWidth(1400);
        stage.setHeight(860);
        wb.show();
        return wb;
    }

    /** Runs {@code c} on the FX thread and returns its value. */
    static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX call failed: " + e, e);
        }
    }

    static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds, failing after {@code seconds}. */
    static void waitUntil(int seconds, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // polls every 25 ms: often enough for timings, rarely enough not to load the FX thread being measured
        while (!fx(condition::get)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
