package dev.stracewb.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads processes from /proc: one process, all of them, the descendants of one, and the masters and workers of a
 * web server. The same discovery serves {@code stracewb ps}, {@code attach} and the GUI's attach dialog.
 * It only reads; it never signals or traces anything.
 */
public final class ProcessDiscovery {

    private final Path proc;
    private final Map<Integer, String> userNames = new HashMap<>();
    private boolean passwdRead;

    public ProcessDiscovery() {
        this(Path.of("/proc"));
    }

    ProcessDiscovery(Path procRoot) {
        this.proc = procRoot;
    }

    /** The pid of this JVM, which a capture must never trace. */
    public static int ownPid() {
        return (int) ProcessHandle.current().pid();
    }

    /** Every process readable now, sorted by pid. Processes that vanish while being read are left out. */
    public List<ProcessInfo> all() {
        List<ProcessInfo> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!isNumber(name)) {
                    continue;
                }
                read(Integer.parseInt(name)).ifPresent(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparingInt(ProcessInfo::pid));
        return out;
    }

    /** One process, or empty if there is no such process (or it exited while being read). */
    public Optional<ProcessInfo> process(int pid) {
        return pid > 0 ? read(pid) : Optional.empty();
    }

    /** Whether {@code pid} names a live process (zombies count as gone). */
    public boolean isAlive(int pid) {
        return process(pid).filter(p -> p.state() != 'Z' && p.state() != 'X').isPresent();
    }

    /** Every descendant of {@code pid} (children, their children...), parents before children. */
    public List<ProcessInfo> descendants(int pid) {
        return descendants(pid, all());
    }

    static List<ProcessInfo> descendants(int pid, List<ProcessInfo> all) {
        Map<Integer, List<ProcessInfo>> byParent = byParent(all);
        List<ProcessInfo> out = new ArrayList<>();
        Deque<Integer> todo = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            int p = todo.poll();
            for (ProcessInfo c : byParent.getOrDefault(p, List.of())) {
                if (seen.add(c.pid())) {
                    out.add(c);
                    todo.add(c.pid());
                }
            }
        }
        return out;
    }

    /**
     * The running instances of {@code kind}: each master (a matching process whose parent is not of the same kind)
     * with its matching descendants as workers. Sorted by master pid.
     */
    public List<ServerGroup> servers(ServerKind kind) {
        List<ProcessInfo> all = all();
        Map<Integer, ProcessInfo> byPid = new HashMap<>();
        all.forEach(p -> byPid.put(p.pid(), p));
        List<ServerGroup> groups = new ArrayList<>();
        for (ProcessInfo p : all) {
            if (p.isKernelThread() || p.state() == 'Z' || !kind.matches(p)) {
                continue;
            }
            ProcessInfo parent = byPid.get(p.ppid());
            if (parent != null && kind.matches(parent)) {
                continue;
            }
            List<ProcessInfo> workers = descendants(p.pid(), all).stream()
                    .filter(kind::matches).filter(w -> w.state() != 'Z').toList();
            groups.add(new ServerGroup(kind, p, workers));
        }
        return groups;
    }

    /** The processes as a forest: each process under its parent; processes whose parent is not listed are roots. */
    public static List<ProcessNode> tree(List<ProcessInfo> processes) {
        Map<Integer, ProcessInfo> byPid = new LinkedHashMap<>();
        processes.forEach(p -> byPid.put(p.pid(), p));
        Map<Integer, List<ProcessInfo>> byParent = byParent(processes);
        List<ProcessNode> roots = new ArrayList<>();
        for (ProcessInfo p : processes) {
            if (!byPid.containsKey(p.ppid()) || p.ppid() == p.pid()) {
                roots.add(node(p, byParent, new HashSet<>()));
            }
        }
        return roots;
    }

    private static ProcessNode node(ProcessInfo p, Map<Integer, List<ProcessInfo>> byParent, Set<Integer> path) {
        path.add(p.pid());
        List<ProcessNode> kids = new ArrayList<>();
        for (ProcessInfo c : byParent.getOrDefault(p.pid(), List.of())) {
            if (!path.contains(c.pid())) {
                kids.add(node(c, byParent, path));
            }
        }
        return new ProcessNode(p, kids);
    }

    private static Map<Integer, List<ProcessInfo>> byParent(List<ProcessInfo> all) {
        Map<Integer, List<ProcessInfo>> byParent = new HashMap<>();
        for (ProcessInfo p : all) {
            byParent.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
        }
        byParent.values().forEach(l -> l.sort(Comparator.comparingInt(ProcessInfo::pid)));
        return byParent;
    }

    private Optional<ProcessInfo> read(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            String stat = ProcFiles.string(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open) {
                return Optional.empty();
            }
            String comm = new String(stat.substring(open + 1, close).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            String[] f = stat.substring(close + 2).trim().split(" ");
            // f[0] is field 3 (state) of proc(5); field N is f[N - 3]
            char state = f[0].isEmpty() ? '?' : f[0].charAt(0);
            int ppid = Integer.parseInt(f[1]);
            long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            int threads = Integer.parseInt(f[17]);
            int uid = -1;
            int tracer = 0;
            for (String line : ProcFiles.string(dir.resolve("status"), StandardCharsets.ISO_8859_1).split("\n")) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("TracerPid:")) {
                    tracer = Integer.parseInt(line.substring(10).trim());
                }
            }
            return Optional.of(new ProcessInfo(pid, ppid, uid, userName(uid), threads, state, comm,
                    cmdline(dir), cpu, tracer));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> cmdline(Path dir) {
        byte[] raw;
        try {
            raw = ProcFiles.bytes(dir.resolve("cmdline"));
        } catch (IOException e) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                words.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            words.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
            words.remove(words.size() - 1);
        }
        return words;
    }

    private synchronized String userName(int uid) {
        if (!passwdRead) {
            passwdRead = true;
            try {
                for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                    String[] f = line.split(":", -1);
                    if (f.length > 2 && isNumber(f[2])) {
                        userNames.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no passwd: numbers will do
            }
        }
        return userNames.getOrDefault(uid, Integer.toString(uid));
    }

    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
