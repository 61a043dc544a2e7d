package dev.stracewb.capture;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the installed strace is and can do: its path, version, and which version-dependent options work here.
 * Probed once per strace binary and cached, because each probe runs strace a few times.
 * It never traces anything but strace's own {@code -V}.
 */
public final class StraceProbe {

    static final String NOT_INSTALLED = "strace is not installed: apt-get install strace (or dnf install strace)";

    private static final Map<Path, StraceProbe> CACHE = new ConcurrentHashMap<>();
    private static final Pattern VERSION = Pattern.compile("version\\s+(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern INVALID_SYSCALL = Pattern.compile("invalid system call '([^']*)'");
    private static final long PROBE_TIMEOUT_SECONDS = 15;

    private final Path executable;
    private final String version;
    private final int major;
    private final int minor;
    private final Set<StraceFeature> features;
    private final Map<String, Boolean> syscallKnown = new ConcurrentHashMap<>();

    private StraceProbe(Path executable, String version, int major, int minor, Set<StraceFeature> features) {
        this.executable = executable;
        this.version = version;
        this.major = major;
        this.minor = minor;
        this.features = Collections.unmodifiableSet(features);
    }

    /** Probes the strace found on this process's PATH. */
    public static StraceProbe probe() throws CaptureException {
        return probe(System.getenv("PATH"));
    }

    /** Probes the strace found on {@code searchPath} (a PATH value), cached per binary. */
    public static StraceProbe probe(String searchPath) throws CaptureException {
        Path exe = locate(searchPath)
                .orElseThrow(() -> new CaptureException(CaptureException.Reason.STRACE_MISSING, NOT_INSTALLED));
        StraceProbe cached = CACHE.get(exe);
        if (cached != null) {
            return cached;
        }
        StraceProbe fresh = run(exe);
        CACHE.putIfAbsent(exe, fresh);
        return CACHE.get(exe);
    }

    /** The first executable {@code strace} on {@code searchPath}, resolved to a real path. */
    public static Optional<Path> locate(String searchPath) {
        return findOnPath("strace", searchPath);
    }

    /** The first executable named {@code name} on {@code searchPath}; a name with a slash is taken as is. */
    public static Optional<Path> findOnPath(String name, String searchPath) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        if (searchPath == null || searchPath.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static StraceProbe run(Path exe) throws CaptureException {
        ProbeRun v = exec(exe, List.of("-V"));
        Matcher m = VERSION.matcher(v.output);
        if (v.exitCode != 0 || !m.find()) {
            throw new CaptureException(CaptureException.Reason.STRACE_UNUSABLE,
                    exe + " -V did not print a version (" + firstLine(v.output) + "): reinstall strace");
        }
        String version = m.group(1) + "." + m.group(2) + (m.group(3) != null ? "." + m.group(3) : "");
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));

        ProbeRun base = trace(exe, List.of());
        if (base.exitCode != 0) {
            throw new CaptureException(CaptureException.Reason.STRACE_UNUSABLE,
                    "strace cannot trace on this machine (" + firstLine(base.output)
                            + "): in a container, allow ptrace (docker run --cap-add SYS_PTRACE)");
        }
        Set<StraceFeature> features = EnumSet.noneOf(StraceFeature.class);
        for (StraceFeature f : StraceFeature.values()) {
            if (f == StraceFeature.STACK_TRACE && !v.output.contains("stack-trace=")) {
                continue;
            }
            ProbeRun r = trace(exe, f.probeArgs());
            boolean ok = r.exitCode == 0 && !(f == StraceFeature.SECCOMP_BPF && r.output.toLowerCase().contains("seccomp"));
            if (ok) {
                features.add(f);
            }
        }
        return new StraceProbe(exe, version, major, minor, features);
    }

    /** Runs {@code strace ARGS -o /dev/null -- strace -V}: the option is accepted and works on a real tracee. */
    private static ProbeRun trace(Path exe, List<String> args) throws CaptureException {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-o", "/dev/null", "--", exe.toString(), "-V"));
        return exec(exe, all);
    }

    private static ProbeRun exec(Path exe, List<String> args) throws CaptureException {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CaptureException(CaptureException.Reason.STRACE_UNUSABLE,
                        exe + " did not answer within " + PROBE_TIMEOUT_SECONDS + " s: check that strace works by hand");
            }
            return new ProbeRun(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CaptureException(CaptureException.Reason.STRACE_UNUSABLE,
                    "cannot run " + exe + ": " + e.getMessage() + ": check its permissions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException(CaptureException.Reason.FAILED, "interrupted while probing strace");
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /**
     * The syscall names of {@code wanted} this strace knows, in order. Names strace rejects ("invalid system
     * call") are dropped; the answer is cached per name.
     */
    public List<String> knownSyscalls(List<String> wanted) throws CaptureException {
        Set<String> unknown = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>();
        for (String name : wanted) {
            Boolean k = syscallKnown.get(name);
            if (k == null) {
                pending.add(name);
            } else if (!k) {
                unknown.add(name);
            }
        }
        while (!pending.isEmpty()) {
            ProbeRun r = trace(executable, List.of("-e", "trace=" + String.join(",", pending)));
            Matcher m = INVALID_SYSCALL.matcher(r.output);
            if (r.exitCode == 0) {
                pending.forEach(n -> syscallKnown.put(n, true));
                break;
            }
            if (!m.find() || !pending.remove(m.group(1))) {
                throw new CaptureException(CaptureException.Reason.STRACE_UNUSABLE,
                        "strace rejected the syscall filter (" + firstLine(r.output) + "): use --profile full");
            }
            syscallKnown.put(m.group(1), false);
            unknown.add(m.group(1));
        }
        List<String> known = new ArrayList<>();
        for (String name : wanted) {
            if (!unknown.contains(name)) {
                known.add(name);
            }
        }
        return known;
    }

    public Path executable() {
        return executable;
    }

    /** As strace prints it: "6.1". */
    public String version() {
        return version;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public boolean supports(StraceFeature feature) {
        return features.contains(feature);
    }

    public Set<StraceFeature> features() {
        return features;
    }

    @Override
    public String toString() {
        return "strace " + version + " at " + executable + " " + features;
    }

    private record ProbeRun(int exitCode, String output) {
    }
}
