package dev.stracewb.ui;

import dev.stracewb.session.TraceSession;
import javafx.scene.control.TableView;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;

/**
 * The workbench's speed figures for BENCHMARKS.md, measured in the real window (headless Monocle): time to
 * first rows and to full findings for a big file, filter times, the longest FX-thread stall while ingesting
 * live at 100,000 lines/s, heap after loading. Runs only when given a trace:
 * {@code mvn -o test -Dtest=WorkbenchBenchmarkTest -Dstracewb.bench=FILE} (see src/test/scripts/gui-bench.sh).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "stracewb.bench", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class WorkbenchBenchmarkTest {
    private Workbench wb;
    private final PulseGapMonitor pulses = new PulseGapMonitor();
    private final StringBuilder report = new StringBuilder();

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "bench");
        pulses.start();
    }

    /** CPU time the FX thread has used so far, in ns (what our views cost it, whatever else the machine runs). */
    private static long fxCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long id = fx(() -> Thread.currentThread().getId());
        return mx.getThreadCpuTime(id);
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String gcNames() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(b -> b.getName() + " " + b.getCollectionCount()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static long threadCpu(String prefix) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith(prefix)) {
                sum += Math.max(0, mx.getThreadCpuTime(id));
            }
        }
        return sum;
    }

    /**
     * CPU ms of every thread of this process by its kernel name (/proc/self/task/N/comm: Java names cut to 15
     * characters, and the JVM's own threads such as "C2 CompilerThre" or "G1 Conc#0"), so that the JIT and GC
     * threads, which ThreadMXBean does not list, show up too.
     */
    private static java.util.Map<String, Long> nativeThreadCpu() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        long hz = 100;
        try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String name = java.nio.file.Files.readString(t.resolve("comm")).strip()
                            .replaceAll("[#0-9]+$", "");
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    byName.merge(name, ticks * 1000 / hz, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (java.io.IOException e) {
            return byName;
        }
        return byName;
    }

    /** The threads that used the most CPU between two {@link #nativeThreadCpu()} readings, biggest first. */
    private static String topThreads(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        return topThreads(before, after, 50);
    }

    /** The same, every thread that used at least {@code minMillis}. */
    private static String topThreads(java.util.Map<String, Long> before, java.util.Map<String, Long> after,
                                     long minMillis) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= minMillis)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue() + " ms")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Whether the raw log's live tail shows the file's lines under their numbers, and ends near the last line. */
    private String rawLogTail(TraceSession session) {
        RawLogView v = wb.controller().rawLogView();
        return fx(() -> {
            RawTailView.Tail tail = v.tailView().tail();
            if (!v.isFollowing() || tail == null) {
                return "NOT FOLLOWING the capture";
            }
            for (int i = 0; i < tail.lines().size(); i++) {
                if (!tail.lines().get(i).equals(session.store().raw().line(tail.first() + i))) {
                    return "DOES NOT SHOW line " + (tail.first() + i) + " under its number";
                }
            }
            return "shows lines " + tail.first() + ".." + tail.last() + " of "
                    + session.store().raw().lineCount();
        });
    }

    /**
     * Where the switch's next pulse would spend the FX thread: CSS and layout of each part of the window, done here
     * at once, part by part (-Dstracewb.bench.anatomy=true).
     */
    private String anatomy() {
        javafx.scene.Parent root = wb.stage().getScene().getRoot();
        StringBuilder out = new StringBuilder("dirty CSS: " + dirtyCss(root) + "\n  ");
        try {
            // the pulse's own CSS pass (only what is dirty), then each part's layout
            java.lang.reflect.Method cssPass = javafx.scene.Scene.class.getDeclaredMethod("doCSSPass");
            cssPass.setAccessible(true);
            long c0 = System.nanoTime();
            cssPass.invoke(root.getScene());
            out.append(String.format(java.util.Locale.ROOT, "CSS pass %.1f ms; layout:", (System.nanoTime() - c0) / 1e6));
        } catch (ReflectiveOperationException e) {
            out.append("no CSS pass: ").append(e).append(';');
        }
        for (String id : java.util.List.of("toolbar", "filterBar", "leftTabs", "timeline", "events", "eventsBox",
                "rawLogStack", "statusBar", "root")) {
            javafx.scene.Node n = root.lookup("#" + id);
            if (n instanceof javafx.scene.Parent p) {
                long t0 = System.nanoTime();
                p.layout();
                out.append(String.format(java.util.Locale.ROOT, " %s %.1f", id, (System.nanoTime() - t0) / 1e6));
            }
        }
        return out.toString();
    }

    /** How many nodes the scene holds (each pulse walks them all for their bounds), by nearest ancestor with an id. */
    private String census() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>();
        todo.add(wb.stage().getScene().getRoot());
        int total = 0;
        while (!todo.isEmpty()) {
            javafx.scene.Node n = todo.pop();
            total++;
            javafx.scene.Node a = n;
            while (a != null && a.getId() == null) {
                a = a.getParent();
            }
            counts.merge(a == null ? "?" : a.getId(), 1, Integer::sum);
            if (n instanceof javafx.scene.Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
            if (n.getClip() != null) {
                todo.add(n.getClip());
            }
        }
        StringBuilder out = new StringBuilder(total + " nodes;");
        counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> out.append(' ').append(e.getKey()).append(' ').append(e.getValue()));
        return out.toString();
    }

    /** Nodes whose CSS must be done again, by their nearest ancestor with an id (read through reflection). */
    private static String dirtyCss(javafx.scene.Parent root) {
        try {
            java.lang.reflect.Field flag = javafx.scene.Node.class.getDeclaredField("cssFlag");
            flag.setAccessible(true);
            java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
            java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(java.util.List.of(root));
            while (!todo.isEmpty()) {
                javafx.scene.Node n = todo.pop();
                Object f = flag.get(n);
                if (!"CLEAN".equals(String.valueOf(f))) {
                    javafx.scene.Node a = n;
                    while (a != null && a.getId() == null) {
                        a = a.getParent();
                    }
                    counts.merge((a == null ? "?" : a.getId()) + ":" + f, 1, Integer::sum);
                }
                if (n instanceof javafx.scene.Parent p) {
                    todo.addAll(p.getChildrenUnmodifiable());
                }
            }
            return counts.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "not readable: " + e;
        }
    }

    /** Nodes in the scene graph below {@code root}, by class, most first (what every pulse's bounds pass walks). */
    private static String nodeCounts(javafx.scene.Parent root) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        java.util.ArrayDeque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(java.util.List.of(root));
        int total = 0;
        while (!todo.isEmpty()) {
            javafx.scene.Node n = todo.pop();
            total++;
            counts.merge(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()), 1, Integer::sum);
            if (n instanceof javafx.scene.Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        return total + " nodes: " + counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue()
                .reversed()).limit(15).map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private void log(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[gui-bench] " + line);
        report.append(line).append('\n');
    }

    @Test
    void measure(FxRobot robot) throws IOException {
        Path file = Path.of(System.getProperty("stracewb.bench"));
        long lines;
        try (var s = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            lines = s.count();
        }
        log("trace: %s, %,d lines, %,d bytes", file, lines, Files.size(file));

        // 0. start as the application does with nothing to open: the views readied behind the welcome screen; then
        // (unless -Dstracewb.bench.cold=true) warm up as a user would, with the sample incident opened
        if (Boolean.parseBoolean(System.getProperty("stracewb.bench.appwarmup", "true"))) {
            sleep(2000);
            pulses.reset();
            long w0 = System.nanoTime();
            fxRun(() -> wb.warmUp());
            waitUntil(60, "the warm-up behind the welcome screen", () -> wb.controller().isSettled());
            log("start: the application's warm-up behind the welcome screen read the sample in %d ms; the"
                    + " welcome screen's longest FX pulse gap meanwhile %.1f ms, %d gaps over 50 ms"
                    + " (-Dstracewb.bench.appwarmup=false to skip the warm-up)", (System.nanoTime() - w0) / 1_000_000,
                    pulses.maxGapMillis(), pulses.gapsOver50ms());
            pulses.reset();
            long e0 = System.nanoTime();
            long cpu0 = fxCpu();
            if (!Boolean.getBoolean("stracewb.bench.capture.early")) {
                waitUntil(60, "the views' exercise behind the welcome screen", () -> !wb.controller().isWarmingUp());
            }
            log("start: then it exercised the views for %d ms, FX thread CPU %d ms; the welcome screen's"
                    + " longest FX pulse gap meanwhile %.1f ms, %d gaps over 50 ms"
                    + " (-Dstracewb.bench.capture.early=true starts the capture without waiting for it)",
                    (System.nanoTime() - e0) / 1_000_000, (fxCpu() - cpu0) / 1_000_000, pulses.maxGapMillis(),
                    pulses.gapsOver50ms());
            sleep(1000);
        }
        if (!Boolean.getBoolean("stracewb.bench.cold")) {
            fxRun(() -> wb.controller().openSample());
            waitUntil(60, "the sample", () -> wb.controller().isSettled()
                    && wb.controller().findingsView().firstFinding() != null);
            sleep(1000);
            log("warmed up with the sample incident opened (-Dstracewb.bench.cold=true to skip)");
        }

        if (Boolean.getBoolean("stracewb.bench.live.only")) {
            // just the live figure, N times (-Dstracewb.bench.live.runs), for comparing one change at a time
            if (Boolean.getBoolean("stracewb.bench.sample")) {
                pulses.watch(60);
            }
            for (int i = 0; i < Integer.getInteger("stracewb.bench.live.runs", 1); i++) {
                live(file, Long.getLong("stracewb.bench.live.rate", 100_000), Math.min(lines, 1_000_000));
            }
            Files.writeString(Path.of("target", "gui-bench-live.txt"), report.toString());
            return;
        }

        // 1. open a big file
        log("machine: %d cores, load average %s at start", Runtime.getRuntime().availableProcessors(), load());
        pulses.reset();
        long cpu0 = fxCpu();
        FxThreadSampler sampler = new FxThreadSampler();
        if (Boolean.getBoolean("stracewb.bench.sample")) {
            pulses.watch(150);
        }
        long t0 = System.nanoTime();
        fxRun(() -> wb.controller().open(file));
        waitUntil(60, "first rows", () -> robot.lookup("#events").queryAs(TableView.class).getItems().size() > 0);
        long firstRows = System.nanoTime() - t0;
        waitUntil(600, "finished", () -> wb.controller().document() != null
                && wb.controller().document().finishedProperty().get());
        long read = System.nanoTime() - t0;
        waitUntil(600, "findings", () -> wb.controller().isSettled()
                && wb.controller().findingsView().firstFinding() != null);
        long findings = System.nanoTime() - t0;
        int rows = fx(() -> wb.controller().document().store().size());
        log("open: first rows on screen after %d ms; all %,d rows read after %d ms; findings shown after %d ms",
                firstRows / 1_000_000, rows, read / 1_000_000, findings / 1_000_000);
        log("open: longest FX pulse gap while loading %.1f ms (%d gaps over 50 ms, %d frames); FX thread CPU %d ms"
                + " of %d ms (%.0f %%); load average now %s",
                pulses.maxGapMillis(), pulses.gapsOver50ms(), pulses.frames(), (fxCpu() - cpu0) / 1_000_000,
                findings / 1_000_000, 100.0 * (fxCpu() - cpu0) / findings, load());
        log("culprit: %s", fx(() -> wb.controller().findingsView().firstFinding().path()));
        if (Boolean.getBoolean("stracewb.bench.sample")) {
            System.out.println("FX thread while loading:\n" + sampler.stop(12));
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (long id : mx.getAllThreadIds()) {
                var info = mx.getThreadInfo(id);
                long cpu = mx.getThreadCpuTime(id);
                if (info != null && cpu > 200_000_000L) {
                    System.out.printf("cpu %6d ms  %s%n", cpu / 1_000_000, info.getThreadName());
                }
            }
            if (Boolean.getBoolean("stracewb.bench.only.open")) {
                return;
            }
            pulses.watch(300);
        }

        if (Boolean.getBoolean("stracewb.bench.scroll.only")) {
            for (int i = 0; i < 3; i++) {
                System.gc();
                sleep(200);
            }
            Runtime r = Runtime.getRuntime();
            log("heap after loading (after GC): %,d MB used", (r.totalMemory() - r.freeMemory()) >> 20);
            scroll(robot);
            Files.writeString(Path.of("target", "gui-bench-scroll.txt"), report.toString());
            return;
        }

        // 2. heap
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        long columns = fx(() -> wb.controller().document().store().columnHeapBytes());
        log("heap after loading and analysing (after GC): %,d MB used; store columns + line index: %,d MB",
                heap >> 20, columns >> 20);

        // 3. filters over all rows
        if (Boolean.getBoolean("stracewb.bench.skip.filters")) {
            scroll(robot);
            live(file, 100_000, Math.min(lines, 1_000_000));
            return;
        }
        filter(robot, "failed only", () -> robot.clickOn("#failedOnly"));
        filter(robot, "failed only + errno ENOENT", () -> fxRun(() -> robot.lookup("#errnoFilter")
                .queryAs(javafx.scene.control.ComboBox.class).getEditor().setText("ENOENT")));
        fxRun(() -> wb.controller().onClearFilters());
        waitUntil(60, "no filter", () -> wb.controller().isSettled());
        filter(robot, "path glob *.phpp", () -> {
            robot.clickOn("#pathGlob");
            robot.write("*.phpp");
        });
        fxRun(() -> wb.controller().onClearFilters());
        waitUntil(60, "no filter", () -> wb.controller().isSettled());
        filter(robot, "free text 'version.phpp' (names, paths and every raw line)", () -> {
            robot.clickOn("#filterText");
            robot.write("version.phpp");
        });
        fxRun(() -> wb.controller().onClearFilters());
        waitUntil(60, "no filter", () -> wb.controller().isSettled());

        // 4. scrolling the whole table
        scroll(robot);

        // 5. live: 100,000 lines/s
        if (Boolean.getBoolean("stracewb.bench.sample")) {
            pulses.watch(60);
        }
        live(file, 100_000, Math.min(lines, 1_000_000));

        Path out = Path.of("target", "gui-bench.txt");
        Files.writeString(out, report.toString(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private void filter(FxRobot robot, String what, Runnable action) {
        pulses.reset();
        int runs = fx(() -> wb.controller().filterRuns());
        long t0 = System.nanoTime();
        action.run();
        waitUntil(120, what, () -> wb.controller().filterRuns() > runs && wb.controller().isSettled()
                && !wb.controller().filterBusy());
        long took = System.nanoTime() - t0;
        int shown = fx(() -> wb.controller().eventsView().rows().size());
        log("filter %s: %,d rows; engine %d ms; from keystroke to rows on screen %d ms (incl. 180 ms debounce"
                + " for typed fields and the robot's typing); longest FX pulse gap %.1f ms",
                what, shown, fx(() -> wb.controller().lastFilterMillis()), took / 1_000_000, pulses.maxGapMillis());
    }

    private void scroll(FxRobot robot) {
        TableView<?> table = robot.lookup("#events").queryAs(TableView.class);
        ScrollBar whole = robot.lookup("#eventsScroll").queryAs(ScrollBar.class);
        // the bar over the whole list when the table holds a window of it, else the table's own
        ScrollBar bar = fx(() -> whole.isVisible() ? whole : (ScrollBar) table.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar s && s.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                .findFirst().orElseThrow());
        double max = fx(bar::getMax);
        pulses.reset();
        FxThreadSampler sampler = new FxThreadSampler();
        if (Boolean.getBoolean("stracewb.bench.sample")) {
            sampler.start();
        }
        int steps = 200;
        long worst = 0;
        long total = 0;
        for (int i = 0; i <= steps; i++) {
            double v = max * i / steps;
            // the FX thread's own work for one jump: scroll, lay out and fill a screenful of cells
            long took = fx(() -> {
                long t = System.nanoTime();
                bar.setValue(v);
                table.layout();
                return System.nanoTime() - t;
            });
            worst = Math.max(worst, took);
            total += took;
            sleep(40);
        }
        if (Boolean.getBoolean("stracewb.bench.sample")) {
            System.out.println("FX thread while scrolling:\n" + sampler.stop(15));
        }
        int size = fx(() -> wb.controller().eventsView().rows().size());
        log("scroll: %d jumps from top to bottom of %,d rows: FX work per jump %.1f ms on average, %.1f ms at"
                + " worst (arguments then fill in from the reader thread); longest FX pulse gap %.1f ms",
                steps, size, total / 1e6 / (steps + 1), worst / 1e6, pulses.maxGapMillis());
    }

    private void live(Path file, long rate, long lines) throws IOException {
        // the baseline: the same window, doing nothing, on the same machine
        pulses.reset();
        sleep(5000);
        log("idle: longest FX pulse gap %.1f ms, %d gaps over 50 ms in 5 s (%d frames); load average %s",
                pulses.maxGapMillis(), pulses.gapsOver50ms(), pulses.frames(), load());
        pulses.reset();
        TraceSession session = TraceSession.of(new RateLimitedLineSource(file, rate));
        long t0 = System.nanoTime();
        long cpu0 = fxCpu();
        long gc0 = gcMillis();
        long render0 = threadCpu("QuantumRenderer");
        long ingest0 = threadCpu("stracewb-ingest") + threadCpu("stracewb-read");
        long workers0 = threadCpu("stracewb-ui-worker");
        long process0 = processCpu();
        java.util.Map<String, Long> threads0 = nativeThreadCpu();
        FxThreadSampler sampler = new FxThreadSampler();
        if (Boolean.getBoolean("stracewb.bench.sample")) {
            sampler.start();
        }
        FxThreadSampler first = Boolean.getBoolean("stracewb.bench.sample.first") ? new FxThreadSampler() : null;
        if (first != null) {
            first.start();
        }
        long[] showNanos = new long[1];
        fxRun(() -> {
            long s0 = System.nanoTime();
            wb.controller().showSession(session, "bench at " + rate + " lines/s", TraceDocument.Kind.CAPTURE);
            showNanos[0] = System.nanoTime() - s0;
            if (Boolean.getBoolean("stracewb.bench.anatomy")) {
                System.out.println("switch anatomy: " + anatomy());
            }
        });
        log("live: switching the window to the capture (at %s) took the FX thread %.1f ms (before the next pulse's"
                + " CSS and layout)", java.time.LocalTime.now(), showNanos[0] / 1e6);
        if (Boolean.getBoolean("stracewb.bench.start.cpu")) {
            // who has the CPU in the capture's first second, a tenth of a second at a time
            java.util.Map<String, Long> before = nativeThreadCpu();
            for (int i = 0; i < 10; i++) {
                sleep(100);
                java.util.Map<String, Long> after = nativeThreadCpu();
                System.out.println("start +" + (i + 1) * 100 + " ms: " + topThreads(before, after, 10));
                before.clear();
                before.putAll(after);
            }
        }
        if (first != null) {
            sleep(700);
            System.out.println("FX thread in the first 0.7 s of the capture (by our frame):\n" + first.stop(30));
        }
        long seconds = Math.max(3, Math.min(10, lines / rate));
        sleep(seconds * 1000);
        if (Boolean.getBoolean("stracewb.bench.sample")) {
            System.out.println("FX thread while ingesting live:\n" + sampler.stop(40));
        }
        double maxGap = pulses.maxGapMillis();
        long over50 = pulses.gapsOver50ms();
        long over33 = pulses.gapsOver33ms();
        long frames = pulses.frames();
        java.util.List<String> stalls = pulses.stalls();
        double maxFrameCpu = pulses.maxFrameCpuMillis();
        long cpuOver33 = pulses.framesOver33msCpu();
        java.util.List<String> busyFrames = pulses.busyFrames();
        // the raw log's tail must show the file's lines under the right numbers (it is swapped in by chunks)
        String tailCheck = rawLogTail(session);
        long delivered = session.store().raw().lineCount();
        double tookS = (System.nanoTime() - t0) / 1e9;
        long fxCpu = fxCpu() - cpu0;
        log("live: GC %d ms in total over those %.1f s (%s); renderer thread CPU %d ms", gcMillis() - gc0,
                (System.nanoTime() - t0) / 1e9, gcNames(), (threadCpu("QuantumRenderer") - render0) / 1_000_000);
        log("live: %,d lines/s asked, %,d lines ingested in %.1f s (%.0f lines/s); longest FX pulse gap %.1f ms,"
                + " %d gaps over 50 ms, %d frames (%.0f fps); FX thread CPU %d ms (%.0f %% of one core);"
                + " load average %s", rate, delivered, tookS, delivered / tookS,
                maxGap, over50, frames, frames / tookS, fxCpu / 1_000_000, fxCpu / 1e7 / tookS, load());
        log("live: CPU over those %.1f s: whole process %d ms, ingest threads %d ms, workbench workers %d ms",
                tookS, (processCpu() - process0) / 1_000_000,
                (threadCpu("stracewb-ingest") + threadCpu("stracewb-read") - ingest0) / 1_000_000,
                (threadCpu("stracewb-ui-worker") - workers0) / 1_000_000);
        log("live: CPU by thread (kernel names, 10 ms ticks): %s", topThreads(threads0, nativeThreadCpu()));
        log("live: raw log tail %s", tailCheck);
        log("live: FX thread CPU between two pulses: %.1f ms at most, %d times over 33 ms %s", maxFrameCpu, cpuOver33,
                busyFrames);
        log("live: %d gaps over 33 ms; the gaps over 50 ms (wall clock when each ended, length): %s", over33, stalls);
        if (Boolean.getBoolean("stracewb.bench.anatomy")) {
            String[] c = new String[1];
            fxRun(() -> c[0] = census());
            log("live: the scene during the capture: %s", c[0]);
        }
        long stop = System.nanoTime();
        fxRun(() -> wb.controller().onStop());
        waitUntil(30, "stopped", () -> wb.controller().document().finishedProperty().get());
        log("live: Stop to finished %d ms", (System.nanoTime() - stop) / 1_000_000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
