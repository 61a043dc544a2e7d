package dev.stracewb.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the C2 compiler out of a one-shot {@code analyze} of a trace of ordinary size, and out of a capture. Measured on a 1.2M-line
 * apache trace (BENCHMARKS.md): C2 spends about 2.2 s of CPU compiling the parser and the collectors and
 * saves about 0.45 s per million lines, so below a few million lines the run is faster without it. The JVM
 * takes no flags from a jar's manifest, so this adds a compiler directive at run time through the
 * DiagnosticCommand MBean's native entry (the manifest opens {@code jdk.management/com.sun.management.internal}
 * for it). Anything that goes wrong leaves the JVM as it was: this is only about speed.
 *
 * <p>The directive only helps if it comes before C2 starts: {@link #startEarly} applies it from {@code Main},
 * on a thread of its own, while the command line is read and the trace opened (C2 had compiled ~0.15 s of CPU
 * worth of start-up code by the time {@code AnalyzeCommand} ran, when it was applied there).
 */
public final class BatchJit {
    /** Inputs larger than this (about 4.5M lines of -f -tt -T -yy) run long enough for C2 to pay off. */
    static final long C2_PAYS_OFF_BYTES = 512L << 20;
    private static final String DIRECTIVE = "[{ match: \"*.*\", c2: { Exclude: true } }]";
    /** analyze's options that take a value: their values are not inputs (see {@link #startEarly}). */
    private static final Set<String> VALUE_OPTIONS = Set.of("--top", "--slow", "--source", "--report");

    /** Set once the directive is in (or being put in) by {@link #startEarly}. */
    private static volatile boolean early;

    private BatchJit() {
    }

    /**
     * Called first thing in {@code main}: for {@code analyze} of plain files small enough, adds the directive on
     * a daemon thread at once. The inputs are told from the raw arguments (words that are not options or
     * option values); when in doubt it does nothing, and {@link #tuneFor} decides after picocli's parse.
     */
    public static void startEarly(String[] args) {
        if (args.length < 2 || !"analyze".equals(args[0]) || "full".equals(System.getProperty("stracewb.jit"))) {
            return;
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (VALUE_OPTIONS.contains(a)) {
                i++;
            } else if (a.equals("--")) {
                inputs.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (a.equals("-") || !a.startsWith("-")) {
                inputs.add(a);
            }
        }
        if (inputs.isEmpty()) {
            return;
        }
        early = true;
        Thread t = new Thread(() -> {
            if (!small(inputs) || !excludeC2()) {
                early = false;
            }
        }, "stracewb-jit");
        t.setDaemon(true);
        t.start();
    }

    /** Applies the directive when the inputs are plain files small enough; returns whether it did. */
    static boolean tuneFor(List<String> inputs) {
        if (early || "full".equals(System.getProperty("stracewb.jit"))) {
            return false;
        }
        return small(inputs) && excludeC2();
    }

    /** Whether the inputs are plain files (a .gz counted at ten times its size) of at most C2_PAYS_OFF_BYTES. */
    private static boolean small(List<String> inputs) {
        long bytes = 0;
        for (String s : inputs) {
            try {
                Path p = Path.of(s);
                if (s.equals("-") || !Files.isRegularFile(p)) {
                    return false;
                }
                long size = Files.size(p);
                // a .gz holds about ten times its size in trace text
                bytes += s.endsWith(".gz") ? size * 10 : size;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return bytes <= C2_PAYS_OFF_BYTES;
    }

    /**
     * Applies the directive for a live capture. strace writes at most a few tens of thousands of lines a second
     * (its ptrace stops are the limit), which C1 code parses with a few percent of a core; C2's compile burst of
     * about 2 s of CPU would come out of the traced server's CPU, during the capture.
     */
    static boolean tuneForCapture() {
        return !"full".equals(System.getProperty("stracewb.jit")) && excludeC2();
    }

    private static boolean excludeC2() {
        Path file = null;
        try {
            // loads libmanagement_ext, which the DiagnosticCommand MBean's native methods live in
            Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl", true, null);
            Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
            Method get = impl.getDeclaredMethod("getDiagnosticCommandMBean");
            get.setAccessible(true);
            Object commands = get.invoke(null);
            // the MBean's invoke() first builds the descriptions of every diagnostic command (JFR's load their
            // Java classes); the native entry it ends in runs the one command
            Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
            execute.setAccessible(true);
            // a name of our own, created exclusively (no SecureRandom start-up for a temp file's random name)
            file = Path.of(System.getProperty("java.io.tmpdir"),
                    "stracewb-jit-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".json");
            Files.write(file, DIRECTIVE.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Object result = execute.invoke(commands, "Compiler.directives_add " + file);
            return String.valueOf(result).contains("1 compiler directives added");
        } catch (Throwable e) {
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file of a few bytes; the OS cleans /tmp
                }
            }
        }
    }
}
