package dev.stracewb.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the C2 compiler out of a one-shot {@code analyze} of a trace of ordinary size, and out of a capture. Measured on a 1.2M-line
 * apache trace (BENCHMARKS.md): C2 spends about 2.2 s of CPU compiling the parser and the collectors and
 * saves about 0.45 s per million lines, so below a few million lines the run is faster without it. The JVM
 * takes no flags from a jar's manifest, so this adds a compiler directive at run time through the
 * DiagnosticCommand MBean (the manifest opens {@code jdk.management/com.sun.management.internal} for it).
 * Anything that goes wrong leaves the JVM as it was: this is only about speed.
 */
final class BatchJit {
    /** Inputs larger than this (about 4.5M lines of -f -tt -T -yy) run long enough for C2 to pay off. */
    static final long C2_PAYS_OFF_BYTES = 512L << 20;
    private static final String DIRECTIVE = "[{ match: \"*.*\", c2: { Exclude: true } }]";

    private BatchJit() {
    }

    /** Applies the directive when the inputs are plain files small enough; returns whether it did. */
    static boolean tuneFor(List<String> inputs) {
        if ("full".equals(System.getProperty("stracewb.jit"))) {
            return false;
        }
        long bytes = 0;
        for (String s : inputs) {
            Path p = Path.of(s);
            try {
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
        return bytes <= C2_PAYS_OFF_BYTES && excludeC2();
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
            javax.management.DynamicMBean commands = (javax.management.DynamicMBean) get.invoke(null);
            file = Files.createTempFile("stracewb-jit", ".json");
            Files.writeString(file, DIRECTIVE);
            Object result = commands.invoke("compilerDirectivesAdd", new Object[] {new String[] {file.toString()}},
                    new String[] {String[].class.getName()});
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
