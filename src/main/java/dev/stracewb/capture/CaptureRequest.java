package dev.stracewb.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to start one capture: what to trace, with which profile, where the raw trace goes, and for
 * how long. Immutable; the {@code with...} methods return changed copies.
 *
 * @param mode              run a command, or attach to processes
 * @param command           for {@code run}: the command and its arguments (never passed through a shell)
 * @param targets           for {@code attach}: the processes, in the order given
 * @param profile           which syscalls strace prints
 * @param extraStraceArgs   expert options appended after the profile's
 * @param elevation         how strace alone gets root: not at all, {@code sudo -n}, or {@code pkexec}
 * @param saveFile          the raw trace file; empty: a session file under the user's data directory
 * @param duration          stop after this long; empty: until stopped or the tracees end
 * @param inheritCommandIo  for {@code run}: the command's stdin/stdout are ours and its stderr is passed on to
 *                          ours (CLI); false: they go nowhere (GUI)
 * @param searchPath        the PATH used to find strace and the command; null: this process's PATH
 * @param tracerNice        CPU niceness (0-19) strace runs at; above 0 the server's untraced processes get the CPU
 *                          before strace, which is what sampling a few workers is for (see {@link #SAMPLED_NICE})
 * @param socketEndpoints   {@code -yy} (sockets show their endpoints, e.g. {@code TCP:[a->b]}) rather than {@code -y}
 *                          (paths only, sockets as {@code socket:[inode]}); see {@link #sampled()}
 */
public record CaptureRequest(
        CaptureMode mode,
        List<String> command,
        List<AttachTarget> targets,
        CaptureProfile profile,
        List<String> extraStraceArgs,
        Elevation elevation,
        Optional<Path> saveFile,
        Optional<Duration> duration,
        boolean inheritCommandIo,
        String searchPath,
        int tracerNice,
        boolean socketEndpoints) {

    /**
     * The niceness strace gets when it traces a sample of a server's workers. On a busy server every traced
     * syscall costs the tracer CPU; at this niceness that CPU goes first to the workers that are not traced, so the
     * server keeps its rate and only the sampled worker slows (measured in BENCHMARKS.md, "Cost to the traced
     * server"). When the machine has idle CPU the niceness changes nothing.
     */
    public static final int SAMPLED_NICE = 10;

    public CaptureRequest {
        Objects.requireNonNull(mode);
        command = List.copyOf(command);
        targets = List.copyOf(targets);
        Objects.requireNonNull(profile);
        extraStraceArgs = List.copyOf(extraStraceArgs);
        Objects.requireNonNull(elevation);
        Objects.requireNonNull(saveFile);
        Objects.requireNonNull(duration);
        if (tracerNice < 0 || tracerNice > 19) {
            throw new IllegalArgumentException("niceness must be 0 to 19, not " + tracerNice);
        }
        if (mode == CaptureMode.RUN && command.isEmpty()) {
            throw new IllegalArgumentException("run needs a command");
        }
        if (mode == CaptureMode.ATTACH && targets.isEmpty()) {
            throw new IllegalArgumentException("attach needs at least one pid");
        }
    }

    /** {@code stracewb run -- CMD ARGS...} with the defaults. */
    public static CaptureRequest run(List<String> command) {
        return new CaptureRequest(CaptureMode.RUN, command, List.of(), CaptureProfile.WEB, List.of(), Elevation.NONE,
                Optional.empty(), Optional.empty(), false, null, 0, true);
    }

    /** {@code stracewb attach -p ...} with the defaults. */
    public static CaptureRequest attach(List<AttachTarget> targets) {
        return new CaptureRequest(CaptureMode.ATTACH, List.of(), targets, CaptureProfile.WEB, List.of(), Elevation.NONE,
                Optional.empty(), Optional.empty(), false, null, 0, true);
    }

    /** Attach to plain pids. */
    public static CaptureRequest attachPids(int... pids) {
        List<AttachTarget> t = new ArrayList<>();
        for (int pid : pids) {
            t.add(new AttachTarget(pid, AttachTarget.Role.PROCESS));
        }
        return attach(t);
    }

    public CaptureRequest withProfile(CaptureProfile p) {
        return new CaptureRequest(mode, command, targets, p, extraStraceArgs, elevation, saveFile, duration,
                inheritCommandIo, searchPath, tracerNice, socketEndpoints);
    }

    public CaptureRequest withExtraStraceArgs(List<String> args) {
        return new CaptureRequest(mode, command, targets, profile, args, elevation, saveFile, duration,
                inheritCommandIo, searchPath, tracerNice, socketEndpoints);
    }

    /** {@code true}: {@link Elevation#SUDO}; {@code false}: {@link Elevation#NONE}. */
    public CaptureRequest withSudo(boolean s) {
        return withElevation(s ? Elevation.SUDO : Elevation.NONE);
    }

    public CaptureRequest withElevation(Elevation e) {
        return new CaptureRequest(mode, command, targets, profile, extraStraceArgs, e, saveFile, duration,
                inheritCommandIo, searchPath, tracerNice, socketEndpoints);
    }

    /** Whether strace runs through {@code sudo -n}. */
    public boolean sudo() {
        return elevation == Elevation.SUDO;
    }

    /** Whether strace runs as root through a helper (sudo or pkexec). */
    public boolean elevated() {
        return elevation.elevated();
    }

    public CaptureRequest withSaveFile(Path file) {
        return new CaptureRequest(mode, command, targets, profile, extraStraceArgs, elevation, Optional.ofNullable(file),
                duration, inheritCommandIo, searchPath, tracerNice, socketEndpoints);
    }

    public CaptureRequest withDuration(Duration d) {
        return new CaptureRequest(mode, command, targets, profile, extraStraceArgs, elevation, saveFile,
                Optional.ofNullable(d), inheritCommandIo, searchPath, tracerNice, socketEndpoints);
    }

    public CaptureRequest withInheritCommandIo(boolean inherit) {
        return new CaptureRequest(mode, command, targets, profile, extraStraceArgs, elevation, saveFile, duration,
                inherit, searchPath, tracerNice, socketEndpoints);
    }

    public CaptureRequest withSearchPath(String path) {
        return new CaptureRequest(mode, command, targets, profile, extraStraceArgs, elevation, saveFile, duration,
                inheritCommandIo, path, tracerNice, socketEndpoints);
    }

    /** strace at this CPU niceness (0: as this process); for {@code run} the command inherits it too. */
    public CaptureRequest withTracerNice(int nice) {
        return new CaptureRequest(mode, command, targets, profile, extraStraceArgs, elevation, saveFile, duration,
                inheritCommandIo, searchPath, nice, socketEndpoints);
    }

    /** {@code -yy} (true) or {@code -y} (false): see the record's {@code socketEndpoints}. */
    public CaptureRequest withSocketEndpoints(boolean endpoints) {
        return new CaptureRequest(mode, command, targets, profile, extraStraceArgs, elevation, saveFile, duration,
                inheritCommandIo, searchPath, tracerNice, endpoints);
    }

    /**
     * This request set up to trace a sample of a server's workers at the least cost to the server: strace at
     * {@link #SAMPLED_NICE}, and {@code -y} rather than {@code -yy}. For every syscall on a socket, {@code -yy} costs
     * strace a sock_diag netlink round trip while the worker waits stopped; measured on apache2 + mod_php, the
     * sampled worker's tracer used 4 to 7 times the CPU per trace line with it (BENCHMARKS.md, "Reading the cost
     * figures"). Paths still show, a connection is still known by its socket inode, and the client's address is in
     * accept's result.
     */
    public CaptureRequest sampled() {
        return withTracerNice(SAMPLED_NICE).withSocketEndpoints(false);
    }

    /** The PATH to search: {@link #searchPath()} or this process's own. */
    public String effectiveSearchPath() {
        return searchPath != null ? searchPath : Objects.requireNonNullElse(System.getenv("PATH"), "");
    }

    public List<Integer> pids() {
        return targets.stream().map(AttachTarget::pid).toList();
    }
}
