package dev.stracewb.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private web server serving the outage lab (src/test/resources/lab) on 127.0.0.1, for
 * integration tests: apache2 prefork + mod_php (the default), nginx + php-fpm, or apache2
 * mpm_event + php-fpm. Each instance gets a free port and a fresh state directory under the
 * temp dir, and is started and stopped by {@code src/test/scripts/lab.sh} with fixed arguments.
 * It never touches the system's own apache2, nginx or php-fpm, and never listens beyond
 * 127.0.0.1. Needs root (the workers run as www-data).
 *
 * <pre>
 * try (PrivateApache apache = PrivateApache.start()) {
 *     assertThat(apache.get("/")).isEqualTo(500);
 * }
 * </pre>
 *
 * URLs: {@code /} 500 (requires wp-includes/version.phpp), {@code /healthy/} 200,
 * {@code /eacces.php} 500, {@code /hang.php} and {@code /hang-tcp.php} never answer,
 * {@code /crash.php} kills its worker with SIGSEGV, {@code /login.php}, {@code /readme.html}.
 */
public final class PrivateApache implements AutoCloseable {

    /** Which server the lab runs. */
    public enum Mode {
        /** apache2 prefork + mod_php, 4 worker processes. */
        PREFORK("prefork"),
        /** nginx (2 workers) in front of php-fpm (4 workers). */
        FPM("fpm"),
        /** apache2 mpm_event (1 child, 8 threads) in front of php-fpm (4 workers). */
        EVENT("event");

        private final String labName;

        Mode(String labName) {
            this.labName = labName;
        }
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final LabScript lab;
    private final Mode mode;
    private final Path state;
    private final int port;
    private final int blackholePort;
    private final long masterPid;
    private final long fpmMasterPid;
    private final long blackholePid;
    private final HttpClient http;
    private boolean closed;

    private PrivateApache(LabScript lab, Mode mode, Path state, Map<String, String> started) throws IOException {
        this.lab = lab;
        this.mode = mode;
        this.state = state;
        this.port = Integer.parseInt(started.get("port"));
        this.blackholePort = Integer.parseInt(started.get("blackhole_port"));
        this.masterPid = Long.parseLong(started.get("master_pid"));
        String fpm = started.getOrDefault("fpm_pid", "");
        this.fpmMasterPid = fpm.isEmpty() ? 0 : Long.parseLong(fpm);
        this.blackholePid = Long.parseLong(Files.readString(state.resolve("run/blackhole.pid")).trim());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Starts apache2 prefork + mod_php on a free port. */
    public static PrivateApache start() throws IOException {
        return start(Mode.PREFORK);
    }

    /** Starts the lab in {@code mode} on a free port, in a fresh state directory. */
    public static PrivateApache start(Mode mode) throws IOException {
        LabScript lab = LabScript.locate();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path state = freshStateDir();
            int port = FreePort.find(-1);
            int blackhole = FreePort.find(port);
            try {
                Map<String, String> started = lab.run(List.of("start", mode.labName,
                        "--port", Integer.toString(port), "--blackhole-port", Integer.toString(blackhole),
                        "--state", state.toString()));
                return new PrivateApache(lab, mode, state, started);
            } catch (IOException e) {
                last = e;
                stopQuietly(lab, state);
                deleteTree(state);
                if (!e.getMessage().contains("already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    /** True when integration tests are asked for: {@code -Dstracewb.it=true} or {@code STRACEWB_IT=1}. */
    public static boolean itEnabled() {
        return Boolean.getBoolean("stracewb.it") || "1".equals(System.getenv("STRACEWB_IT"));
    }

    /**
     * Skips the calling test unless integration tests are enabled; when they are, fails it (never skips)
     * if the machine cannot run them: not root, or apache2, mod_php, php or strace missing.
     */
    public static void assumeIt() {
        Assumptions.assumeTrue(itEnabled(),
                "integration test: needs root, apache2 + mod_php and strace; enable with -Dstracewb.it=true or STRACEWB_IT=1");
        List<String> missing = new ArrayList<>();
        if (ProcessTable.ownUid() != 0) {
            missing.add("root (run the tests as root)");
        }
        requireProgram(missing, "apache2", "apt-get install apache2");
        requireProgram(missing, "strace", "apt-get install strace");
        requireProgram(missing, "php", "apt-get install php-cli");
        try (Stream<Path> modules = Files.list(Path.of("/usr/lib/apache2/modules"))) {
            if (modules.noneMatch(p -> p.getFileName().toString().matches("libphp[0-9.]*\\.so"))) {
                missing.add("mod_php (apt-get install libapache2-mod-php)");
            }
        } catch (IOException e) {
            missing.add("mod_php (apt-get install libapache2-mod-php)");
        }
        if (!missing.isEmpty()) {
            fail("integration tests are enabled but this machine lacks: " + String.join(", ", missing));
        }
    }

    /** The HTTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The UDP and TCP port of the blackhole that /hang.php and /hang-tcp.php wait on. */
    public int blackholePort() {
        return blackholePort;
    }

    /** Which server runs. */
    public Mode mode() {
        return mode;
    }

    /** The pid of apache2's master (PREFORK, EVENT) or of nginx's master (FPM). */
    public long masterPid() {
        return masterPid;
    }

    /** The master's running children from /proc (apache2 or nginx workers), ascending. */
    public List<Long> workerPids() {
        return ProcessTable.childrenOf(masterPid);
    }

    /** The php-fpm master's pid (FPM, EVENT), or 0 under PREFORK. */
    public long fpmMasterPid() {
        return fpmMasterPid;
    }

    /** The php-fpm workers (FPM, EVENT), ascending; empty under PREFORK. */
    public List<Long> fpmWorkerPids() {
        return fpmMasterPid == 0 ? List.of() : ProcessTable.childrenOf(fpmMasterPid);
    }

    /** Every running server process: masters first, then their descendants (not the blackhole). */
    public List<Long> serverPids() {
        List<Long> pids = new ArrayList<>(ProcessTable.treeOf(masterPid));
        if (fpmMasterPid != 0) {
            pids.addAll(ProcessTable.treeOf(fpmMasterPid));
        }
        return pids;
    }

    /** The document root (the outage site; {@code healthy/} holds the fixed copy). */
    public Path docroot() {
        return state.resolve("www");
    }

    /** The state directory: www/, conf/, run/, logs/. Deleted by {@link #close()}. */
    public Path stateDir() {
        return state;
    }

    /** The server's error log (apache2's, or nginx's under FPM). */
    public Path errorLog() {
        return state.resolve("logs/error.log");
    }

    /** {@code http://127.0.0.1:PORT} + {@code path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path));
    }

    /** GETs {@code path} and returns the HTTP status; throws when no response came within 10 s. */
    public int get(String path) throws IOException {
        return get(path, Duration.ofSeconds(10));
    }

    /** GETs {@code path} and returns the HTTP status; throws when no response came within {@code timeout}. */
    public int get(String path, Duration timeout) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(timeout).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for GET " + path, e);
        }
    }

    /** The access log's lines ({@code %h %l %u %t "%r" %>s %b %D %P}; nginx: the same fields). */
    public List<String> accessLog() throws IOException {
        Path log = state.resolve("logs/access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /**
     * The access log once it holds at least {@code lines} lines: apache logs a request after the response is
     * sent, so the last request's line can land a moment after the client has its answer. Waits 10 s at most.
     */
    public List<String> accessLog(int lines) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<String> log = accessLog();
        while (log.size() < lines && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            log = accessLog();
        }
        return log;
    }

    /**
     * Stops every server process and the blackhole, waits until they have exited (SIGKILL after
     * 10 s, by lab.sh), and deletes the state directory. Throws if a process outlives the stop.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Set<Long> ours = new LinkedHashSet<>(serverPids());
        ours.add(blackholePid);
        try {
            lab.run(List.of("stop", "--state", state.toString()));
            if (!ProcessTable.awaitGone(ours, STOP_TIMEOUT)) {
                List<Long> left = ours.stream().filter(ProcessTable::isRunning).toList();
                throw new IOException("lab processes still running after stop: " + left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the lab", e);
        } finally {
            if (!Boolean.getBoolean("stracewb.keepLab")) {
                deleteTree(state);
            }
        }
    }

    private static Path freshStateDir() throws IOException {
        Path dir = Files.createTempDirectory("stracewb-lab-");
        // the workers (www-data) must traverse it to reach the docroot
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static void stopQuietly(LabScript lab, Path state) {
        try {
            lab.run(List.of("stop", "--state", state.toString()));
        } catch (IOException ignored) {
            // the start failed; whatever ran was already stopped by lab.sh or never started
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    private static void requireProgram(List<String> missing, String name, String install) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return;
            }
        }
        missing.add(name + " (" + install + ")");
    }
}
