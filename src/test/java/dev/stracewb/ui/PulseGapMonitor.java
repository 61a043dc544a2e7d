package dev.stracewb.ui;

import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures how long the FX thread went without drawing a frame: an AnimationTimer notes the gap between
 * consecutive pulses. At 60 frames a second a free FX thread shows gaps of about 16 ms; anything longer is a
 * stall a user would see. Every gap over 50 ms is kept with the wall-clock time it ended, so it can be laid next
 * to a GC log ({@code -Xlog:gc*:file=...:time,uptime}) or the stack samples. All state is touched on the FX thread
 * only ({@link #reset()} hops onto it), so a reset from the test thread cannot leave half a gap behind.
 */
final class PulseGapMonitor extends AnimationTimer {
    private long last;
    private long maxGap;
    private long frames;
    private long over50;
    private long over33;
    private final List<String> stalls = new ArrayList<>();
    /** CPU time of the FX thread between two pulses: what our code and JavaFX's passes cost, whatever the load. */
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long lastCpu;
    private long maxCpu;
    private long cpuOver33;
    private final List<String> busy = new ArrayList<>();

    private volatile long lastWall = System.nanoTime();
    private Thread watchdog;

    /** Prints what the FX thread is doing whenever no pulse came for {@code ms} (diagnostics for the benchmark). */
    void watch(long ms) {
        Thread fx = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElseThrow();
        watchdog = new Thread(() -> {
            long reported = 0;
            while (true) {
                try {
                    Thread.sleep(ms / 3);
                } catch (InterruptedException e) {
                    return;
                }
                long stalled = System.nanoTime() - lastWall;
                if (stalled > ms * 1_000_000L && lastWall != reported) {
                    StringBuilder b = new StringBuilder("[stall " + stalled / 1_000_000 + " ms] FX thread " + fx.getState() + ":");
                    int n = 0;
                    for (StackTraceElement e : fx.getStackTrace()) {
                        if (n++ < 6 || e.getClassName().startsWith("dev.stracewb") || fx.getState() != Thread.State.RUNNABLE && n < 30) {
                            b.append("\n    ").append(e);
                        }
                    }
                    // the renderer: a pulse waits for the previous frame's paint
                    for (Thread r : Thread.getAllStackTraces().keySet()) {
                        if (r.getName().startsWith("QuantumRenderer")) {
                            b.append("\n  ").append(r.getName()).append(' ').append(r.getState()).append(':');
                            StackTraceElement[] st = r.getStackTrace();
                            for (int i = 0; i < Math.min(14, st.length); i++) {
                                b.append("\n    ").append(st[i]);
                            }
                        }
                    }
                    System.out.println(b);
                    if (stalled > 3 * ms * 1_000_000L) {
                        reported = lastWall;
                    }
                }
            }
        }, "stall-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void handle(long now) {
        lastWall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        if (last != 0) {
            long work = cpu - lastCpu;
            maxCpu = Math.max(maxCpu, work);
            if (work > 33_400_000L) {
                cpuOver33++;
                if (busy.size() < 200) {
                    busy.add(String.format(java.util.Locale.ROOT, "%tT.%<tL %.1f/%.1f ms", System.currentTimeMillis(),
                            work / 1e6, (now - last) / 1e6));
                }
            }
            long gap = now - last;
            maxGap = Math.max(maxGap, gap);
            if (gap > 33_400_000L) {
                over33++;
            }
            if (gap > 50_000_000L) {
                over50++;
                if (stalls.size() < 200) {
                    stalls.add(String.format(java.util.Locale.ROOT, "%tT.%<tL %.1f ms", System.currentTimeMillis(),
                            gap / 1e6));
                }
            }
        }
        last = now;
        lastCpu = cpu;
        frames++;
    }

    void reset() {
        FxTesting.fxRun(() -> {
            last = 0;
            maxGap = 0;
            frames = 0;
            over50 = 0;
            over33 = 0;
            maxCpu = 0;
            cpuOver33 = 0;
            stalls.clear();
            busy.clear();
        });
    }

    /** Gaps over 50 ms since the last reset: when each ended (wall clock, ms) and how long it was. */
    List<String> stalls() {
        return FxTesting.fx(() -> List.copyOf(stalls));
    }

    /** The most CPU time the FX thread spent between two pulses, in ms (its own share of the longest stall). */
    double maxFrameCpuMillis() {
        return FxTesting.fx(() -> maxCpu) / 1e6;
    }

    /** Frames for which the FX thread itself worked longer than two frames at 60 Hz. */
    long framesOver33msCpu() {
        return FxTesting.fx(() -> cpuOver33);
    }

    /** Frames with over 33 ms of FX-thread CPU: when each ended (wall clock), its CPU and its gap. */
    List<String> busyFrames() {
        return FxTesting.fx(() -> List.copyOf(busy));
    }

    /** Gaps longer than two frames at 60 Hz. */
    long gapsOver33ms() {
        return FxTesting.fx(() -> over33);
    }

    double maxGapMillis() {
        return FxTesting.fx(() -> maxGap) / 1e6;
    }

    long frames() {
        return FxTesting.fx(() -> frames);
    }

    long gapsOver50ms() {
        return FxTesting.fx(() -> over50);
    }
}
