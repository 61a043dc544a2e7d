package dev.stracewb.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a bad trace does that a good one did not, culprit first: the deployment story (trace the old release,
 * trace the new one, diff). Paths that fail only in BAD (unexpected ones first, ranked as failures are), syscalls
 * whose error count rose, commands exec'd only in BAD, and the mix of response statuses before and after.
 *
 * @param culprit     the first new unexpected failure, or null
 * @param newFailures paths that fail in BAD and never in GOOD, culprit first
 * @param errorsRose  syscalls with more errors in BAD than in GOOD, biggest rise first
 * @param newExecs    commands run in BAD that GOOD never ran
 * @param statusesBefore request status mix in GOOD ({@code "500"} or {@code "none"}: count), most first
 * @param statusesAfter  the same in BAD
 */
public record TraceDiff(
        String good,
        String bad,
        NewFailure culprit,
        List<NewFailure> newFailures,
        List<ErrorRise> errorsRose,
        List<String> newExecs,
        Map<String, Integer> statusesBefore,
        Map<String, Integer> statusesAfter) {

    /** A path that fails only in BAD. */
    public record NewFailure(String path, long count, Map<String, Long> errnos, String expected,
                             boolean unusualExtension, String suggestion, long firstLine) {
        public String mainErrno() {
            return errnos.isEmpty() ? null : errnos.keySet().iterator().next();
        }
    }

    /** A syscall whose failures rose from GOOD to BAD. */
    public record ErrorRise(String syscall, long goodErrors, long badErrors, long goodCalls, long badCalls) {
        public long rise() {
            return badErrors - goodErrors;
        }
    }

    /**
     * Compares two analysed traces.
     *
     * @param goodStats per-syscall table of GOOD, {@code badStats} of BAD
     */
    public static TraceDiff of(String goodName, Findings good, List<SyscallStat> goodStats,
                               String badName, Findings bad, List<SyscallStat> badStats) {
        Set<String> goodPaths = new HashSet<>();
        good.failures().forEach(g -> goodPaths.add(g.path()));
        List<FailureGroup> only = bad.failures().stream().filter(g -> !goodPaths.contains(g.path()))
                .sorted(FailureCollector.CULPRIT_FIRST).toList();
        List<NewFailure> failures = new ArrayList<>();
        for (FailureGroup g : only) {
            Suggestion s = bad.suggestions().get(g.path());
            failures.add(new NewFailure(g.path(), g.count(), g.errnos(), g.expected(), g.unusualExtension(),
                    s == null ? null : s.suggestion(), g.firstLine()));
        }
        NewFailure culprit = failures.stream().filter(f -> f.expected() == null).findFirst().orElse(null);
        return new TraceDiff(goodName, badName, culprit, List.copyOf(failures), errorsRose(goodStats, badStats),
                newExecs(good.processes(), bad.processes()), statuses(good.requests()), statuses(bad.requests()));
    }

    private static List<ErrorRise> errorsRose(List<SyscallStat> good, List<SyscallStat> bad) {
        Map<String, SyscallStat> before = new HashMap<>();
        good.forEach(s -> before.put(s.name(), s));
        List<ErrorRise> out = new ArrayList<>();
        for (SyscallStat s : bad) {
            SyscallStat b = before.get(s.name());
            long goodErrors = b == null ? 0 : b.errors();
            if (s.errors() > goodErrors) {
                out.add(new ErrorRise(s.name(), goodErrors, s.errors(), b == null ? 0 : b.calls(), s.calls()));
            }
        }
        out.sort(Comparator.comparingLong(ErrorRise::rise).reversed().thenComparing(ErrorRise::syscall));
        return List.copyOf(out);
    }

    private static List<String> newExecs(List<ProcessNode> good, List<ProcessNode> bad) {
        Set<String> before = new HashSet<>();
        for (ProcessNode p : good) {
            if (p.executable() != null) {
                before.add(p.executable());
            }
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        for (ProcessNode p : bad) {
            if (p.executable() != null && !before.contains(p.executable())) {
                out.add(p.command() != null ? p.command() : p.executable());
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, Integer> statuses(List<Request> requests) {
        List<Request> http = requests.stream().filter(r -> r.protocol().equals("http")).toList();
        Map<String, Integer> counts = new TreeMap<>();
        for (Request r : http.isEmpty() ? requests : http) {
            counts.merge(r.status() == null ? "none" : String.valueOf(r.status()), 1, Integer::sum);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Whether BAD did nothing that GOOD did not. */
    public boolean isEmpty() {
        return newFailures.isEmpty() && errorsRose.isEmpty() && newExecs.isEmpty()
                && statusesBefore.equals(statusesAfter);
    }
}
