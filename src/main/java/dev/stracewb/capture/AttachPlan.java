package dev.stracewb.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which processes an attach traces, decided from the user's {@code --pid}, {@code --children}, {@code --server}
 * and {@code --sample} and checked against /proc: every pid exists, none is this JVM, none is already traced.
 * Masters come before workers, as strace should attach parents first.
 *
 * @param targets the processes to give strace with {@code -p}, parents first
 * @param notes   what the plan chose, one line each, for the user ("apache2 master 1234 with 4 workers")
 */
public record AttachPlan(List<AttachTarget> targets, List<String> notes) {

    public AttachPlan {
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    /** What the user asked for. {@code sample} 0 means every worker. */
    public record Wish(List<Integer> pids, boolean children, ServerKind server, int sample, boolean sampleRandom) {
        public Wish {
            pids = List.copyOf(pids);
        }

        public static Wish pids(Integer... pids) {
            return new Wish(List.of(pids), false, null, 0, false);
        }
    }

    public static AttachPlan of(Wish wish, ProcessDiscovery discovery) throws CaptureException {
        return of(wish, discovery, new Random());
    }

    static AttachPlan of(Wish wish, ProcessDiscovery discovery, Random random) throws CaptureException {
        if (wish.pids().isEmpty() && wish.server() == null) {
            throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS,
                    "nothing to attach to: give --pid N or --server NAME (see stracewb ps)");
        }
        if (wish.sample() < 0) {
            throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS, "--sample must be 1 or more");
        }
        if (wish.sample() > 0 && wish.server() == null && !wish.children()) {
            throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS,
                    "--sample picks workers: use it with --server NAME or with --pid N --children");
        }
        int own = ProcessDiscovery.ownPid();
        Map<Integer, AttachTarget> chosen = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<ProcessInfo> pool = new ArrayList<>();

        for (int pid : wish.pids()) {
            ProcessInfo p = checked(pid, discovery, own);
            if (wish.sample() == 0) {
                chosen.putIfAbsent(pid, new AttachTarget(pid, AttachTarget.Role.PROCESS));
            }
            if (wish.children()) {
                List<ProcessInfo> kids = ProcessDiscovery.descendants(pid, discovery.all()).stream()
                        .filter(c -> c.pid() != own && c.state() != 'Z').toList();
                notes.add("PID " + pid + " (" + p.comm() + ") with " + kids.size() + " descendants");
                pool.addAll(kids);
            }
        }
        if (wish.server() != null) {
            List<ServerGroup> groups = discovery.servers(wish.server());
            if (groups.isEmpty()) {
                throw new CaptureException(CaptureException.Reason.NO_SERVER_FOUND,
                        "no " + wish.server().userName() + " process is running: start the server, or find its "
                                + "processes with stracewb ps and attach with --pid");
            }
            for (ServerGroup g : groups) {
                notes.add(wish.server().userName() + " master " + g.master().pid() + " (" + g.master().user()
                        + ") with " + g.workers().size() + " workers");
                if (wish.sample() == 0) {
                    checked(g.master().pid(), discovery, own);
                    chosen.putIfAbsent(g.master().pid(), new AttachTarget(g.master().pid(), AttachTarget.Role.MASTER));
                }
                pool.addAll(g.workers());
            }
        }
        List<ProcessInfo> picked = pool;
        if (wish.sample() > 0) {
            picked = wish.sampleRandom() ? random(pool, wish.sample(), random) : busiest(pool, wish.sample());
            if (picked.isEmpty()) {
                throw new CaptureException(CaptureException.Reason.NO_SERVER_FOUND,
                        "no worker to sample: the server has no worker processes right now; attach to its master");
            }
            notes.add("sampling " + picked.size() + " of " + pool.size() + " workers ("
                    + (wish.sampleRandom() ? "random" : "busiest by CPU time") + "): "
                    + String.join(" ", picked.stream().map(p -> Integer.toString(p.pid())).toList()));
        }
        AttachTarget.Role role = wish.server() != null ? AttachTarget.Role.WORKER : AttachTarget.Role.CHILD;
        for (ProcessInfo p : picked) {
            // workers come and go (apache reaps spare ones): one that exited since the listing is skipped
            Optional<ProcessInfo> now = discovery.process(p.pid()).filter(x -> x.state() != 'Z');
            if (now.isEmpty()) {
                notes.add("PID " + p.pid() + " exited before the attach; skipped");
                continue;
            }
            checked(p.pid(), discovery, own);
            chosen.putIfAbsent(p.pid(), new AttachTarget(p.pid(), role));
        }
        if (chosen.isEmpty()) {
            throw new CaptureException(CaptureException.Reason.NO_SUCH_PROCESS,
                    "every chosen process exited before the attach: try again, or check with stracewb ps");
        }
        return new AttachPlan(new ArrayList<>(chosen.values()), notes);
    }

    /** The {@code k} workers with the most CPU time so far: where the traffic goes. */
    static List<ProcessInfo> busiest(List<ProcessInfo> workers, int k) {
        List<ProcessInfo> sorted = new ArrayList<>(workers);
        sorted.sort(Comparator.comparingLong(ProcessInfo::cpuTicks).reversed().thenComparingInt(ProcessInfo::pid));
        return sorted.subList(0, Math.min(k, sorted.size()));
    }

    static List<ProcessInfo> random(List<ProcessInfo> workers, int k, Random random) {
        List<ProcessInfo> shuffled = new ArrayList<>(workers);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(k, shuffled.size()));
    }

    /** The process behind {@code pid}, if strace may be pointed at it. */
    static ProcessInfo checked(int pid, ProcessDiscovery discovery, int own) throws CaptureException {
        if (pid == own) {
            throw new CaptureException(CaptureException.Reason.OWN_PROCESS,
                    "PID " + pid + " is stracewb itself: give the pid of the process to trace (see stracewb ps)");
        }
        ProcessInfo p = discovery.process(pid).orElseThrow(() -> new CaptureException(
                CaptureException.Reason.NO_SUCH_PROCESS,
                "no process with PID " + pid + ": check the pid with stracewb ps"));
        if (p.state() == 'Z') {
            throw new CaptureException(CaptureException.Reason.NO_SUCH_PROCESS,
                    "PID " + pid + " (" + p.comm() + ") has exited (zombie): check the pid with stracewb ps");
        }
        if (p.isKernelThread()) {
            throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS,
                    "PID " + pid + " is a kernel thread (" + p.comm() + "): strace cannot trace it");
        }
        if (p.isTraced()) {
            String by = discovery.process(p.tracerPid()).map(t -> " (" + t.comm() + ")").orElse("");
            throw new CaptureException(CaptureException.Reason.ALREADY_TRACED,
                    "PID " + pid + " is already traced by PID " + p.tracerPid() + by + ": stop that tracer first");
        }
        return p;
    }
}
