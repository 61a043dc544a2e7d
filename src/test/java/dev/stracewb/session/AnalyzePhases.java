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
            if (!which.equals("all")) {
                ingestOnly(trace, which, threads);
                continue;
            }
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            try (TraceSession s = TraceSession.of(Sources.open(trace), AnalysisOptions.DEFAULT)) {
                s.run();
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                var f = s.findings();
                long t2 = System.nanoTime();
                Writer w = new OutputStreamWriter(java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
                AnalysisJson.write(s, w);
                w.flush();
                long t3 = System.nanoTime();
                System.out.printf("run %d: ingest %d ms wall, %d ms main-thread CPU; findings %d ms; json (incl."
                                + " findings) %d ms; %d requests%n", run, (t1 - t0) / 1_000_000,
                        (c1 - c0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, f.requests().size());
            }
        }
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
        new ParallelIngest(source, ingest).run();
        ingest.finish();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        System.out.printf("%s: ingest %d ms wall, %d ms ingest-thread CPU, %d rows%n", which, (t1 - t0) / 1_000_000,
                (c1 - c0) / 1_000_000, store.size());
        store.close();
    }
}
