package dev.stracewb.session;

import dev.stracewb.analysis.AnalysisOptions;
import dev.stracewb.analysis.EventCollector;
import dev.stracewb.analysis.FailureCollector;
import dev.stracewb.analysis.HangCollector;
import dev.stracewb.analysis.ProcessCounter;
import dev.stracewb.analysis.ProcessTree;
import dev.stracewb.analysis.RequestTracker;
import dev.stracewb.analysis.Suggestions;
import dev.stracewb.analysis.SyscallStats;
import dev.stracewb.cli.AnalysisJson;
import dev.stracewb.source.Sources;
import dev.stracewb.store.EventStore;
import dev.stracewb.store.RawText;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the time of one {@code analyze --json} goes, phase by phase, in one JVM (for profiling, not a target):
 * the ingest thread's CPU with a chosen set of collectors, then {@code findings()} and the JSON.
 * {@code java -XX:TieredStopAtLevel=1 -cp target/test-classes:target/stracewb.jar
 * dev.stracewb.session.AnalyzePhases TRACE [RUNS] [COLLECTORS]}, COLLECTORS a comma list of
 * failures,stats,processes,requests,hangs,tree,suggestions (default: all; "none" for the ingest alone).
 */
public final class AnalyzePhases {
    private AnalyzePhases() {
    }

    public static void main(String[] args) throws Exception {
        String trace = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String which = args.length > 2 ? args[2] : "all";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 0; run < runs; run++) {
            if (which.equals("replay")) {
                replay(trace, threads);
                continue;
            }
            if (!which.equals("all")) {
                ingestOnly(trace, which, threads);
                continue;
            }
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            try (TraceSession s = TraceSession.of(Sources.open(trace), AnalysisOptions.DEFAULT)) {
                ReaderCpu reader = ReaderCpu.watch(threads);
                s.run();
                long readerCpu = reader.stop();
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                var f = s.findings();
                long t2 = System.nanoTime();
                Writer w = new OutputStreamWriter(java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
                AnalysisJson.write(s, w);
                w.flush();
                long t3 = System.nanoTime();
                System.out.printf("run %d: reader ~%d ms CPU; ", run, readerCpu / 1_000_000);
                System.out.printf("run %d: ingest %d ms wall, %d ms main-thread CPU; findings %d ms; json (incl."
                                + " findings) %d ms; %d requests%n", run, (t1 - t0) / 1_000_000,
                        (c1 - c0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, f.requests().size());
            }
        }
    }

    /** Each collector alone over the rows of a loaded store (lines read back from the mapping). */
    private static void replay(String trace, ThreadMXBean threads) throws Exception {
        RawText raw = RawText.inPlace(Path.of(trace));
        EventStore store = new EventStore(raw);
        TraceIngest ingest = new TraceIngest(store, List.of(), idle -> { });
        new ParallelIngest(Sources.open(trace), ingest).run();
        ingest.finish();
        StringBuilder sb = new StringBuilder("replay:");
        for (String n : List.of("failures", "stats", "processes", "requests", "hangs", "tree", "suggestions")) {
            EventCollector c = switch (n) {
                case "failures" -> new FailureCollector();
                case "stats" -> new SyscallStats();
                case "processes" -> new ProcessCounter();
                case "requests" -> new RequestTracker();
                case "hangs" -> new HangCollector();
                case "tree" -> new ProcessTree();
                default -> new Suggestions();
            };
            long c0 = threads.getCurrentThreadCpuTime();
            for (int row = 0, size = store.size(); row < size; row++) {
                if (store.isFinished(row)) {
                    c.accept(store, row);
                }
            }
            sb.append(' ').append(n).append(' ').append((threads.getCurrentThreadCpuTime() - c0) / 1_000_000);
        }
        System.out.println(sb.append(" ms CPU"));
        store.close();
    }

    private static void ingestOnly(String trace, String which, ThreadMXBean threads) throws Exception {
        var source = Sources.open(trace);
        RawText raw = RawText.inPlace(Path.of(trace));
        EventStore store = new EventStore(raw);
        List<EventCollector> cs = new ArrayList<>();
        for (String n : which.split(",")) {
            switch (n) {
                case "failures" -> cs.add(new FailureCollector());
                case "stats" -> cs.add(new SyscallStats());
                case "processes" -> cs.add(new ProcessCounter());
                case "requests" -> cs.add(new RequestTracker());
                case "hangs" -> cs.add(new HangCollector());
                case "tree" -> cs.add(new ProcessTree());
                case "suggestions" -> cs.add(new Suggestions());
                default -> {
                }
            }
        }
        TraceIngest ingest = new TraceIngest(store, cs, idle -> { });
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        ReaderCpu reader = ReaderCpu.watch(threads);
        new ParallelIngest(source, ingest).run();
        ingest.finish();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        System.out.printf("%s: ingest %d ms wall, %d ms ingest-thread CPU, reader ~%d ms CPU, %d rows%n", which,
                (t1 - t0) / 1_000_000, (c1 - c0) / 1_000_000, reader.stop() / 1_000_000, store.size());
        store.close();
    }

    /** Polls the reader thread's CPU time every 5 ms (it is gone when the run ends). */
    private static final class ReaderCpu implements Runnable {
        private final ThreadMXBean threads;
        private volatile boolean stop;
        private volatile long cpu;
        private final Thread poller;

        private ReaderCpu(ThreadMXBean threads) {
            this.threads = threads;
            poller = new Thread(this, "reader-cpu");
            poller.setDaemon(true);
        }

        static ReaderCpu watch(ThreadMXBean threads) {
            ReaderCpu r = new ReaderCpu(threads);
            r.poller.start();
            return r;
        }

        @Override
        public void run() {
            while (!stop) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().startsWith("stracewb-read")) {
                        long c = threads.getThreadCpuTime(t.getId());
                        if (c > 0) {
                            cpu = c;
                        }
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long stop() {
            stop = true;
            return cpu;
        }
    }
}
