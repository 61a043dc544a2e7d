package dev.stracewb.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads the process table from /proc: parents, children, owners and tracers of processes,
 * for tests that start servers and attach strace to them. Read-only: it never signals anything.
 */
public final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    /** True when {@code pid} exists and is not a zombie (a container's PID 1 may reap late). */
    public static boolean isRunning(long pid) {
        return stat(pid).map(fields -> !fields[0].equals("Z") && !fields[0].equals("X")).orElse(false);
    }

    /** The parent pid of {@code pid}, or empty when it is gone. */
    public static Optional<Long> parentOf(long pid) {
        return stat(pid).map(fields -> Long.parseLong(fields[1]));
    }

    /** Running (non-zombie) direct children of {@code parent}, in ascending pid order. */
    public static List<Long> childrenOf(long parent) {
        List<Long> children = new ArrayList<>();
        for (long pid : allPids()) {
            Optional<String[]> fields = stat(pid);
            if (fields.isPresent() && Long.parseLong(fields.get()[1]) == parent
                    && !fields.get()[0].equals("Z")) {
                children.add(pid);
            }
        }
        return children;
    }

    /** {@code pid} and all its running descendants, parents before children. */
    public static List<Long> treeOf(long pid) {
        List<Long> tree = new ArrayList<>();
        if (!isRunning(pid)) {
            return tree;
        }
        tree.add(pid);
        for (int i = 0; i < tree.size(); i++) {
            tree.addAll(childrenOf(tree.get(i)));
        }
        return tree;
    }

    /** The value of {@code TracerPid:} in /proc/PID/status (0: not traced), or empty when gone. */
    public static Optional<Long> tracerPid(long pid) {
        return statusField(pid, "TracerPid:").map(Long::parseLong);
    }

    /** The real uid of {@code pid}, or empty when it is gone. */
    public static Optional<Integer> uid(long pid) {
        return statusField(pid, "Uid:").map(v -> Integer.parseInt(v.split("\\s+")[0]));
    }

    /** The command line of {@code pid}, arguments joined by spaces, or empty when it is gone. */
    public static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The uid of this JVM. */
    public static int ownUid() {
        return uid(ProcessHandle.current().pid()).orElseThrow();
    }

    /** Waits until none of {@code pids} runs; true if they all ended within {@code timeout}. */
    public static boolean awaitGone(Collection<Long> pids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pids.stream().anyMatch(ProcessTable::isRunning)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        pids.sort(null);
        return pids;
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... */
    /** The niceness of a process or thread (field 19 of /proc/ID/stat; /proc/TID works for any thread id). */
    public static int niceOf(long id) {
        return stat(id).map(fields -> Integer.parseInt(fields[16]))
                .orElseThrow(() -> new IllegalStateException("no process or thread " + id));
    }

    private static Optional<String[]> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int end = line.lastIndexOf(')');
            return Optional.of(line.substring(end + 2).trim().split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith(name)) {
                    return Optional.of(line.substring(name.length()).trim());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
