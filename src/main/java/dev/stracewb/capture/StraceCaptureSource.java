package dev.stracewb.capture;

import dev.stracewb.source.LineSink;
import dev.stracewb.source.LineSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running strace, as a {@link LineSource}: {@link #start} launches strace (running a command or attached to
 * processes) writing to a file, and {@link #readLines} follows that file as strace writes it, until strace ends.
 * <p>
 * What it guarantees: strace never waits for us (it writes to a file, not to a pipe we read); every complete line
 * is delivered exactly once and a last partial line at the end; stopping detaches strace so every traced process
 * keeps running untraced; if this JVM dies, even by SIGKILL, strace is told to detach (a parent-death signal or a
 * lifeline pipe, see {@link StraceCommand.Launcher}). What it must never do: build a shell line from user input,
 * or trace this JVM.
 */
public final class StraceCaptureSource implements LineSource {

    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    /** pkexec waits for the user to type the administrator password before strace even starts. */
    private static final Duration PKEXEC_TIMEOUT = Duration.ofMinutes(3);
    /** pkexec's own exit codes, before it runs anything: the dialog was dismissed; not authorized or failed. */
    static final int PKEXEC_DISMISSED = 126;
    static final int PKEXEC_NOT_AUTHORIZED = 127;
    private static final Duration RUN_STARTUP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DETACH_GRACE = Duration.ofSeconds(15);
    private static final Duration COMMAND_GRACE = Duration.ofSeconds(5);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final CaptureRequest request;
    private final StraceProbe probe;
    private final StraceCommand command;
    private final List<CaptureListener> listeners = new CopyOnWriteArrayList<>();
    private final StderrTail otherStderr = new StderrTail();
    private final CompletableFuture<Process> started = new CompletableFuture<>();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicReference<CaptureException> failure = new AtomicReference<>();
    private final Set<Integer> attached = new ConcurrentSkipListSet<>();
    private final Set<Integer> detached = new ConcurrentSkipListSet<>();
    private final List<StraceMessage.AttachFailed> attachFailures = new CopyOnWriteArrayList<>();
    private final List<StraceMessage> startupErrors = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AtomicBoolean readStarted = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CountDownLatch straceGone = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch stderrDone = new CountDownLatch(1);
    private final GrowingFileReader reader;
    private final long startNanos = System.nanoTime();
    private final Object stderrLock = new Object();

    private volatile Process process;
    private volatile boolean straceEnded;
    private volatile boolean readerRunning;
    private volatile boolean abandoned;
    private volatile int straceExitCode = -1;
    private volatile long endNanos;
    private volatile List<Integer> stillTraced = List.of();
    private volatile CaptureResult result;
    private Thread shutdownHook;

    private StraceCaptureSource(CaptureRequest request, StraceProbe probe, StraceCommand command) {
        this.request = request;
        this.probe = probe;
        this.command = command;
        this.reader = new GrowingFileReader(command.outputFile());
        warnings.addAll(command.warnings());
    }

    /**
     * Checks the request (strace installed, pids alive and not ours, output writable), starts strace and returns
     * once it runs: for {@code attach}, once strace has attached to every target; for {@code run}, once the
     * command has started.
     *
     * @throws CaptureException with a one-line message that says what to do
     */
    public static StraceCaptureSource start(CaptureRequest request) throws CaptureException {
        return start(request, null, null);
    }

    /** As {@link #start(CaptureRequest)}, with a listener registered before strace starts. */
    public static StraceCaptureSource start(CaptureRequest request, CaptureListener listener) throws CaptureException {
        return start(request, listener, null);
    }

    static StraceCaptureSource start(CaptureRequest request, CaptureListener listener,
                                     StraceCommand.Launcher launcher) throws CaptureException {
        StraceProbe probe = StraceProbe.probe(request.effectiveSearchPath());
        List<String> skipped = new ArrayList<>();
        if (request.mode() == CaptureMode.ATTACH) {
            request = withLiveTargets(request, skipped);
        }
        Path out = request.saveFile().isPresent()
                ? TraceFiles.prepare(request.saveFile().get())
                : TraceFiles.newSessionFile(System.getenv(), LocalDateTime.now());
        StraceCommand command = StraceCommand.build(request, probe, out, launcher);
        StraceCaptureSource capture = new StraceCaptureSource(request, probe, command);
        capture.warnings.addAll(skipped);
        if (listener != null) {
            capture.addListener(listener);
        }
        capture.launch();
        return capture;
    }

    /**
     * The request with every target checked against /proc: a pid the user named must be there (else the error
     * says so), while a worker or child that exited since it was listed (servers reap spare workers all the
     * time) is dropped with a note.
     */
    private static CaptureRequest withLiveTargets(CaptureRequest request, List<String> skipped)
            throws CaptureException {
        ProcessDiscovery discovery = new ProcessDiscovery();
        int own = ProcessDiscovery.ownPid();
        List<AttachTarget> live = new ArrayList<>();
        for (AttachTarget t : request.targets()) {
            boolean gone = discovery.process(t.pid()).filter(p -> p.state() != 'Z').isEmpty();
            if (gone && t.role() != AttachTarget.Role.PROCESS && t.role() != AttachTarget.Role.MASTER) {
                skipped.add("PID " + t.pid() + " exited before the attach; skipped");
                continue;
            }
            AttachPlan.checked(t.pid(), discovery, own);
            live.add(t);
        }
        if (live.isEmpty()) {
            throw new CaptureException(CaptureException.Reason.NO_SUCH_PROCESS,
                    "every process to trace has exited: check with stracewb ps");
        }
        return live.size() == request.targets().size() ? request : new CaptureRequest(request.mode(),
                request.command(), live, request.profile(), request.extraStraceArgs(), request.elevation(),
                request.saveFile(), request.duration(), request.inheritCommandIo(), request.searchPath(),
                request.tracerNice(), request.socketEndpoints());
    }

    public void addListener(CaptureListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CaptureListener listener) {
        listeners.remove(listener);
    }

    private void launch() throws CaptureException {
        Thread supervisor = new Thread(this::superviseStrace, "stracewb-strace-" + SEQ.incrementAndGet());
        // Daemon: if the JVM ends without stopping us, this thread dies and the parent-death signal detaches strace.
        supervisor.setDaemon(true);
        supervisor.start();
        try {
            process = started.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CaptureException(CaptureException.Reason.STRACE_UNUSABLE,
                    "cannot start strace: " + e.getCause().getMessage() + ": check that " + probe.executable()
                            + " runs", e.getCause());
        } catch (TimeoutException e) {
            throw new CaptureException(CaptureException.Reason.STRACE_UNUSABLE, "strace did not start within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException(CaptureException.Reason.FAILED, "interrupted while starting strace");
        }
        shutdownHook = new Thread(() -> {
            requestStop(StopReason.JVM_EXIT);
            awaitStraceExit(DETACH_GRACE.plus(COMMAND_GRACE.multipliedBy(3)));
            if (readerRunning) {
                awaitEnd(Duration.ofSeconds(5));
            }
        }, "stracewb-capture-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            shutdownHook = null;
        }
        try {
            if (request.mode() == CaptureMode.ATTACH) {
                awaitAttached();
            } else {
                awaitCommandStarted();
            }
        } catch (CaptureException e) {
            requestStop(StopReason.FAILED);
            awaitStraceExit(DETACH_GRACE.plusSeconds(5));
            abandoned = true;
            finishIfDone();
            throw e;
        }
    }

    /**
     * Starts strace and waits for it, on a thread that lives exactly as long as strace: the parent-death signal
     * fires when the thread that started the child ends, not the process.
     */
    private void superviseStrace() {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command.argv());
            pb.environment().putAll(command.environment());
            configureIo(pb);
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
            straceEnded = true;
            straceGone.countDown();
            return;
        }
        process = p;
        started.complete(p);
        Thread stderr = new Thread(() -> readStderr(p.getErrorStream()), "stracewb-strace-stderr");
        stderr.setDaemon(true);
        stderr.start();
        try {
            Optional<Duration> d = request.duration();
            if (d.isPresent() && !p.waitFor(d.get().toNanos(), TimeUnit.NANOSECONDS)) {
                requestStop(StopReason.DURATION);
            }
            straceExitCode = waitUninterruptibly(p);
            stderr.join(2000);
        } catch (InterruptedException e) {
            straceExitCode = waitUninterruptibly(p);
        }
        endNanos = System.nanoTime();
        stopReason.compareAndSet(null, StopReason.TARGETS_EXITED);
        stillTraced = stillTraced();
        straceEnded = true;
        straceGone.countDown();
        finishIfDone();
    }

    private static int waitUninterruptibly(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: strace must be reaped before the thread may end
            }
        }
    }

    private void configureIo(ProcessBuilder pb) {
        File devNull = new File("/dev/null");
        boolean lifeline = command.launcher() == StraceCommand.Launcher.LIFELINE;
        boolean inherit = request.mode() == CaptureMode.RUN && request.inheritCommandIo();
        if (lifeline) {
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        } else if (inherit) {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.from(devNull));
        }
        pb.redirectOutput(inherit ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
    }

    /** Waits until strace confirms each target attached, or refuses one, or gives up. */
    private void awaitAttached() throws CaptureException {
        long deadline = System.nanoTime() + startupTimeout(ATTACH_TIMEOUT).toNanos();
        List<Integer> pids = request.pids();
        while (System.nanoTime() < deadline && !straceEnded) {
            boolean allKnown = pids.stream().allMatch(pid -> attached.contains(pid)
                    || attachFailures.stream().anyMatch(f -> f.pid() == pid));
            if (allKnown) {
                break;
            }
            sleep(5);
        }
        if (straceEnded) {
            awaitStderrDrained();
        }
        checkStartupErrors();
        ProcessDiscovery discovery = new ProcessDiscovery();
        List<StraceMessage.AttachFailed> exited = new ArrayList<>();
        for (StraceMessage.AttachFailed f : attachFailures) {
            if (!f.notPermitted()) {
                continue;
            }
            // the kernel also answers EPERM for a process that is exiting (a worker the server reaps just then)
            // and for one that has a tracer: only a live, untraced process means a privilege problem
            ProcessInfo target = discovery.process(f.pid()).orElse(null);
            if (target == null || target.state() == 'Z' || target.state() == 'X') {
                exited.add(f);
                continue;
            }
            if (target.isTraced() && target.tracerPid() != pid()) {
                throw new CaptureException(CaptureException.Reason.ALREADY_TRACED, "PID " + f.pid()
                        + " is already traced by PID " + target.tracerPid() + ": stop that tracer first");
            }
            if (target.isTraced()) {
                continue; // our strace got it anyway, following a fork of its parent
            }
            throw new CaptureException(CaptureException.Reason.NOT_PERMITTED,
                    Privileges.explainAttachRefused(f.pid(), target, request.elevated()));
        }
        List<Integer> ok = pids.stream().filter(attached::contains).toList();
        for (StraceMessage.AttachFailed f : attachFailures) {
            if (f.noSuchProcess() || exited.contains(f)) {
                if (ok.isEmpty()) {
                    throw new CaptureException(CaptureException.Reason.NO_SUCH_PROCESS,
                            "PID " + f.pid() + " exited before strace could attach: check the pid with stracewb ps");
                }
                warn("PID " + f.pid() + " exited before strace could attach; tracing the others");
            } else if (ok.isEmpty()) {
                throw new CaptureException(CaptureException.Reason.FAILED,
                        "strace could not attach to PID " + f.pid() + ": " + f.error());
            }
        }
        if (straceEnded && ok.isEmpty()) {
            throw new CaptureException(CaptureException.Reason.FAILED,
                    "strace ended at once (exit " + straceExitCode + "): " + stderrSummary());
        }
        if (ok.size() < pids.size() && !straceEnded && attachFailures.isEmpty()) {
            warn("strace has not confirmed the attach to every process after " + ATTACH_TIMEOUT.toSeconds() + " s");
        }
    }

    /**
     * Waits until the command has started (the trace shows its execve returning 0) or strace has ended, so that a
     * command strace cannot execute fails here with a message instead of later.
     */
    private void awaitCommandStarted() throws CaptureException {
        long deadline = System.nanoTime() + startupTimeout(RUN_STARTUP_TIMEOUT).toNanos();
        while (System.nanoTime() < deadline && !straceEnded && !execSucceeded()) {
            sleep(2);
        }
        if (straceEnded) {
            awaitStderrDrained();
        }
        checkStartupErrors();
    }

    private boolean execSucceeded() {
        byte[] head = new byte[64 * 1024];
        int n;
        try (InputStream in = Files.newInputStream(command.outputFile())) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return true;
        }
        for (String line : new String(head, 0, n, StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.contains("execve(") && line.contains(") = 0")) {
                return true;
            }
        }
        return n == head.length;
    }

    /** After strace exits, its last stderr lines may still be in the pipe. */
    private void awaitStderrDrained() {
        try {
            stderrDone.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration startupTimeout(Duration usual) {
        return request.elevation() == Elevation.PKEXEC ? usual.plus(PKEXEC_TIMEOUT) : usual;
    }

    /** One line for sudo's own refusal (its stderr line starts with "sudo: "), else null. */
    static String sudoFailure(String stderrLine) {
        if (stderrLine == null || !stderrLine.startsWith("sudo: ")) {
            return null;
        }
        if (stderrLine.contains("password is required") || stderrLine.contains("terminal is required")) {
            return "sudo -n cannot ask for a password (" + stderrLine + "): run sudo -v first, in the same terminal, "
                    + "then attach again, or run stracewb as root";
        }
        return "sudo did not run strace (" + stderrLine + "): check that you may run strace with sudo "
                + "(sudo -l), or run stracewb as root";
    }

    /** One line for pkexec's own failures (it exits 126/127 without running anything), else null. */
    static String pkexecFailure(int exitCode, String stderr) {
        if (exitCode == PKEXEC_DISMISSED) {
            return "pkexec: the administrator password dialog was dismissed, so strace did not start: attach again "
                    + "and enter the password, or choose sudo -n";
        }
        if (exitCode == PKEXEC_NOT_AUTHORIZED) {
            String why = stderr == null || stderr.isBlank() ? "" : " (" + stderr.strip().lines().findFirst().orElse("")
                    + ")";
            return "pkexec did not authorize strace" + why + ": enter an administrator's password when asked (a "
                    + "desktop session's polkit agent asks; over SSH use sudo -n), or run as root";
        }
        return null;
    }

    private void checkStartupErrors() throws CaptureException {
        if (straceEnded && request.sudo()) {
            String m = sudoFailure(otherStderr.lastLine());
            if (m != null) {
                throw new CaptureException(CaptureException.Reason.NOT_PERMITTED, m);
            }
        }
        if (straceEnded && request.elevation() == Elevation.PKEXEC) {
            String last = warnings().isEmpty() ? null : warnings().get(warnings().size() - 1);
            String m = pkexecFailure(straceExitCode, last);
            if (m != null) {
                throw new CaptureException(CaptureException.Reason.NOT_PERMITTED, m);
            }
        }
        for (StraceMessage m : startupErrors) {
            if (m instanceof StraceMessage.CannotStat cs) {
                throw new CaptureException(CaptureException.Reason.COMMAND_NOT_FOUND,
                        "command not found: " + cs.path() + " (" + cs.error() + "): check the spelling, or give "
                                + "its full path");
            }
            if (m instanceof StraceMessage.ExecFailed ef) {
                throw new CaptureException(CaptureException.Reason.COMMAND_NOT_FOUND,
                        "cannot execute " + request.command().get(0) + " (" + ef.error() + "): check that it is "
                                + "an executable program");
            }
            if (m instanceof StraceMessage.CannotOpenOutput co) {
                throw new CaptureException(CaptureException.Reason.OUTPUT_NOT_WRITABLE,
                        "strace cannot write the trace to " + co.path() + " (" + co.error()
                                + "): choose another --save file");
            }
        }
        CaptureException f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    /**
     * Reads strace's stderr: attach/detach notices and errors. In {@code run} mode strace's stderr is also the
     * command's, so every line that is not strace's own is passed on untouched (to our stderr for the CLI).
     */
    private void readStderr(InputStream in) {
        OutputStream passOn = request.mode() == CaptureMode.RUN && request.inheritCommandIo()
                ? new FileOutputStream(FileDescriptor.err) : otherStderr;
        StderrSplitter splitter = new StderrSplitter(
                List.of("strace: ", probe.executable() + ": "), passOn, this::onStraceLine);
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                splitter.accept(buf, n);
            }
        } catch (IOException e) {
            // strace is gone
        }
        splitter.finish();
        stderrDone.countDown();
    }

    private void onStraceLine(String line) {
        StraceMessage m = StraceMessage.parse(line, command.outputFile().toString());
        synchronized (stderrLock) {
            if (m instanceof StraceMessage.Attached a) {
                attached.add(a.pid());
                listeners.forEach(l -> l.attached(a.pid()));
            } else if (m instanceof StraceMessage.Detached d) {
                detached.add(d.pid());
                listeners.forEach(l -> l.detached(d.pid()));
            } else if (m instanceof StraceMessage.AttachFailed f) {
                attachFailures.add(f);
            } else if (m instanceof StraceMessage.OutputWriteFailed w) {
                onWriteFailed(w);
            } else if (m instanceof StraceMessage.Other o) {
                warn("strace: " + o.text());
            } else {
                startupErrors.add(m);
            }
        }
    }

    private void onWriteFailed(StraceMessage.OutputWriteFailed w) {
        CaptureException e = w.diskFull()
                ? new CaptureException(CaptureException.Reason.DISK_FULL, "the disk holding " + w.path()
                + " is full, so strace could not write the trace: free some space or --save to another disk")
                : new CaptureException(CaptureException.Reason.OUTPUT_NOT_WRITABLE,
                "strace could not write the trace to " + w.path() + " (" + w.error() + "): choose another --save file");
        if (failure.compareAndSet(null, e)) {
            warn(e.getMessage());
            requestStop(StopReason.FAILED);
        }
    }

    private void warn(String message) {
        warnings.add(message);
        listeners.forEach(l -> l.warning(message));
    }

    /**
     * Follows the trace file until strace has ended and every line is delivered. Call once; from any one thread.
     *
     * @throws CaptureException when strace failed while capturing (for example the disk filled up); the lines
     *                          written before that have been delivered
     */
    @Override
    public void readLines(LineSink sink) throws IOException {
        if (!readStarted.compareAndSet(false, true)) {
            throw new IllegalStateException("readLines may be called once per capture");
        }
        readerRunning = true;
        try {
            reader.follow(sink, () -> straceEnded, () -> abandoned);
        } finally {
            readerRunning = false;
            finishIfDone();
        }
        CaptureException f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    /**
     * Asks strace to stop: attached processes are detached and keep running; a command started by {@code run}
     * gets SIGINT (as from Ctrl-C) and strace ends with it. Returns at once; see {@link #awaitEnd}.
     */
    public void stop() {
        requestStop(StopReason.STOPPED);
    }

    private void requestStop(StopReason reason) {
        if (!stopReason.compareAndSet(null, reason)) {
            return;
        }
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        Thread t = new Thread(() -> stopStrace(p), "stracewb-stop");
        t.setDaemon(true);
        t.start();
    }

    private void stopStrace(Process p) {
        if (request.mode() == CaptureMode.RUN) {
            endCommand(p);
        }
        if (!p.isAlive()) {
            return;
        }
        askStraceToDetach(p);
        if (waitFor(p, DETACH_GRACE)) {
            return;
        }
        warn("strace did not detach within " + DETACH_GRACE.toSeconds() + " s and was killed; the kernel detached "
                + "the traced processes");
        p.toHandle().destroyForcibly();
        p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/strace")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private void askStraceToDetach(Process p) {
        if (command.launcher() == StraceCommand.Launcher.LIFELINE) {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                p.toHandle().destroy();
            }
        } else {
            // setpriv exec'd strace, so this is strace's pid; strace treats SIGTERM like SIGINT: detach and exit.
            // Not Process.destroy(): that also closes our end of strace's stderr, and strace, unable to write
            // "Process N detached", dies of SIGPIPE halfway through detaching.
            p.toHandle().destroy();
        }
    }

    /**
     * {@code run}: strace ignores fatal signals while it runs a command (-I3), so the capture ends by ending the
     * command, as Ctrl-C in a terminal would: SIGINT, then SIGTERM, then SIGKILL. Detaching instead would leave the
     * command with strace's seccomp filter and no tracer, where every filtered syscall fails with ENOSYS.
     */
    private void endCommand(Process p) {
        String[] signals = {"INT", "TERM", "KILL"};
        for (String sig : signals) {
            List<Integer> cmds = commandPids(p);
            if (cmds.isEmpty()) {
                break;
            }
            for (int pid : cmds) {
                signal(pid, sig);
            }
            if (waitFor(p, COMMAND_GRACE)) {
                return;
            }
        }
    }

    /** The processes strace started: strace's children. */
    private List<Integer> commandPids(Process p) {
        ProcessDiscovery d = new ProcessDiscovery();
        List<ProcessInfo> all = d.all();
        List<Integer> strace = new ArrayList<>();
        if (command.launcher() == StraceCommand.Launcher.PDEATHSIG) {
            strace.add((int) p.pid());
        } else {
            ProcessDiscovery.descendants((int) p.pid(), all).stream()
                    .filter(x -> x.comm().equals("strace")).findFirst().ifPresent(x -> strace.add(x.pid()));
        }
        List<Integer> out = new ArrayList<>();
        for (ProcessInfo x : all) {
            if (strace.contains(x.ppid()) && x.state() != 'Z') {
                out.add(x.pid());
            }
        }
        return out;
    }

    private void signal(int pid, String sig) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return;
        }
        if ("KILL".equals(sig)) {
            h.get().destroyForcibly();
            return;
        }
        Optional<Path> kill = StraceProbe.findOnPath("kill", "/usr/bin:/bin");
        if (kill.isPresent()) {
            try {
                Process k = new ProcessBuilder(kill.get().toString(), "-s", sig, Integer.toString(pid))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                k.waitFor(5, TimeUnit.SECONDS);
                return;
            } catch (IOException e) {
                // fall back to SIGTERM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        h.get().destroy();
    }

    private static boolean waitFor(Process p, Duration d) {
        try {
            return p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /**
     * Waits until strace has ended and {@link #readLines} has delivered every line (or the capture was closed
     * without reading).
     */
    public boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the strace process has exited. */
    public boolean awaitStraceExit(Duration timeout) {
        try {
            return straceGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void finishIfDone() {
        if (!straceEnded || readerRunning || finished.get()) {
            return;
        }
        if (readStarted.get() || abandoned) {
            finished.set(true);
            StopReason reason = failure.get() != null ? StopReason.FAILED : stopReason.get();
            long end = endNanos != 0 ? endNanos : System.nanoTime();
            result = new CaptureResult(reason, straceExitCode, command.outputFile(), reader.lines(), reader.bytes(),
                    new ArrayList<>(attached), new ArrayList<>(detached), stillTraced, new ArrayList<>(warnings),
                    Duration.ofNanos(end - startNanos));
            removeShutdownHook();
            ended.countDown();
            listeners.forEach(l -> l.ended(result));
        }
    }

    private void removeShutdownHook() {
        Thread h = shutdownHook;
        if (h != null && Thread.currentThread() != h) {
            try {
                Runtime.getRuntime().removeShutdownHook(h);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    /** Processes strace had attached to that still have a tracer: strace died before detaching them. */
    private List<Integer> stillTraced() {
        ProcessDiscovery d = new ProcessDiscovery();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<Integer> traced;
        do {
            traced = new ArrayList<>();
            for (int pid : attached) {
                Optional<ProcessInfo> p = d.process(pid);
                if (p.isPresent() && p.get().isTraced() && p.get().state() != 'Z') {
                    traced.add(pid);
                }
            }
            if (traced.isEmpty()) {
                return traced;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
        warn("still traced after strace ended: " + traced + "; check /proc/PID/status TracerPid");
        return traced;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the capture and waits for strace to detach and the lines to be delivered. */
    @Override
    public void close() {
        stop();
        if (!readStarted.get()) {
            abandoned = true;
        }
        if (!awaitEnd(DETACH_GRACE.plus(COMMAND_GRACE.multipliedBy(3)))) {
            abandoned = true;
        }
    }

    @Override
    public String name() {
        if (request.mode() == CaptureMode.RUN) {
            return "strace " + String.join(" ", request.command());
        }
        StringBuilder sb = new StringBuilder("strace");
        request.pids().forEach(p -> sb.append(" -p ").append(p));
        return sb.toString();
    }

    /**
     * strace's own output file: it holds exactly the delivered lines, byte for byte, and only grows, so a session
     * can read raw text back from it in place instead of spooling a copy.
     */
    @Override
    public Optional<Path> seekableFile() {
        return Optional.of(command.outputFile());
    }

    /** The raw trace file strace writes, kept after the capture. */
    public Path outputFile() {
        return command.outputFile();
    }

    public StraceCommand command() {
        return command;
    }

    public CaptureRequest request() {
        return request;
    }

    public StraceProbe probe() {
        return probe;
    }

    /** Pids strace has reported attached so far (targets and their threads, and children followed with -f). */
    public Set<Integer> attachedPids() {
        return Set.copyOf(attached);
    }

    /** The pid of the process started for strace (strace itself with the parent-death launcher). */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    public boolean isRunning() {
        return !straceEnded;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Lines delivered so far. */
    public long linesRead() {
        return reader.lines();
    }

    /** How it ended; empty while the capture runs. */
    public Optional<CaptureResult> result() {
        return Optional.ofNullable(result);
    }

    private String stderrSummary() {
        List<String> w = warnings();
        if (!w.isEmpty()) {
            return w.get(w.size() - 1);
        }
        String other = otherStderr.lastLine();
        return other != null ? other : "no message";
    }

    /**
     * The end of what strace's stderr carried besides strace's own lines (sudo's or the watchdog shell's
     * complaints), so that a start that fails before strace runs can say why.
     */
    static final class StderrTail extends OutputStream {
        private static final int KEEP = 4096;
        private final byte[] tail = new byte[KEEP];
        private int length;

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (len >= KEEP) {
                System.arraycopy(b, off + len - KEEP, tail, 0, KEEP);
                length = KEEP;
                return;
            }
            int drop = Math.max(0, length + len - KEEP);
            if (drop > 0) {
                System.arraycopy(tail, drop, tail, 0, length - drop);
                length -= drop;
            }
            System.arraycopy(b, off, tail, length, len);
            length += len;
        }

        /** The last line that is not blank, or null. */
        synchronized String lastLine() {
            String text = new String(tail, 0, length, StandardCharsets.UTF_8);
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? null : lines.get(lines.size() - 1);
        }
    }

    /**
     * Splits strace's stderr into strace's own lines, which start with "strace: " or with the path strace was run
     * by ("/usr/bin/strace: "), and everything else. strace's lines go to a handler without the prefix; the rest is
     * passed on byte for byte as soon as it arrives (a prompt without a newline too).
     */
    static final class StderrSplitter {
        private final byte[][] prefixes;
        private final OutputStream passOn;
        private final java.util.function.Consumer<String> straceLine;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int state; // 0: deciding (pending is a prefix of a prefix), 1: strace line, 2: other line
        private int prefixLength;

        StderrSplitter(List<String> prefixes, OutputStream passOn, java.util.function.Consumer<String> straceLine) {
            this.prefixes = prefixes.stream().map(x -> x.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            this.passOn = passOn;
            this.straceLine = straceLine;
        }

        void accept(byte[] buf, int len) {
            int passFrom = -1;
            for (int i = 0; i < len; i++) {
                byte b = buf[i];
                if (state == 0) {
                    pending.write(b);
                    int matched = match();
                    if (matched > 0) {
                        state = 1;
                        prefixLength = matched;
                    } else if (matched < 0) {
                        write(pending.toByteArray(), 0, pending.size());
                        pending.reset();
                        if (b != '\n') {
                            state = 2;
                            passFrom = i + 1;
                        }
                    }
                } else if (state == 1) {
                    if (b == '\n') {
                        deliverStraceLine();
                    } else {
                        pending.write(b);
                    }
                } else {
                    if (passFrom < 0) {
                        passFrom = i;
                    }
                    if (b == '\n') {
                        write(buf, passFrom, i + 1 - passFrom);
                        passFrom = -1;
                        state = 0;
                    }
                }
            }
            if (state == 2 && passFrom >= 0 && passFrom < len) {
                write(buf, passFrom, len - passFrom);
            }
        }

        /** Length of the prefix {@code pending} equals, 0 while it may still become one, -1 when it cannot. */
        private int match() {
            byte[] p = pending.toByteArray();
            boolean possible = false;
            for (byte[] prefix : prefixes) {
                int n = Math.min(p.length, prefix.length);
                if (java.util.Arrays.equals(p, 0, n, prefix, 0, n)) {
                    if (p.length == prefix.length) {
                        return prefix.length;
                    }
                    possible |= p.length < prefix.length;
                }
            }
            return possible ? 0 : -1;
        }

        private void deliverStraceLine() {
            byte[] p = pending.toByteArray();
            straceLine.accept(new String(p, prefixLength, p.length - prefixLength, StandardCharsets.UTF_8));
            pending.reset();
            state = 0;
        }

        void finish() {
            if (state == 1) {
                deliverStraceLine();
            } else if (pending.size() > 0) {
                write(pending.toByteArray(), 0, pending.size());
            }
            pending.reset();
            try {
                passOn.flush();
            } catch (IOException e) {
                // nowhere to report it
            }
        }

        private void write(byte[] b, int off, int len) {
            try {
                passOn.write(b, off, len);
                passOn.flush();
            } catch (IOException e) {
                // our stderr is closed: drop the command's output, keep capturing
            }
        }
    }
}
