package dev.stracewb.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's {@code src/test/scripts/lab.sh} with an argument list (never through a shell) and
 * returns the {@code key=value} lines it prints. The script, not this class, knows how to set up
 * the docroot and start the servers, so that tests, fixtures and benchmarks share one lab.
 */
final class LabScript {

    private static final long TIMEOUT_SECONDS = 90;

    private final Path script;

    private LabScript(Path script) {
        this.script = script;
    }

    /** Finds {@code src/test/scripts/lab.sh} from the Maven basedir, the working directory, or their parents. */
    static LabScript locate() {
        List<Path> starts = new ArrayList<>();
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            starts.add(Path.of(basedir));
        }
        starts.add(Path.of(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("src/test/scripts/lab.sh");
                if (Files.isRegularFile(candidate)) {
                    return new LabScript(candidate);
                }
            }
        }
        throw new IllegalStateException("src/test/scripts/lab.sh not found above " + starts + "; run the tests from the project");
    }

    /** Runs {@code lab.sh ARGS...}; returns its key=value output, or throws with its last error line. */
    Map<String, String> run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Path stderr = Files.createTempFile("stracewb-lab", ".log");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("src/test/scripts/lab.sh " + String.join(" ", args) + " timed out after "
                        + TIMEOUT_SECONDS + " s");
            }
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("src/test/scripts/lab.sh " + String.join(" ", args) + " failed (exit "
                        + process.exitValue() + "): " + lastLine(errors));
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running src/test/scripts/lab.sh", e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
