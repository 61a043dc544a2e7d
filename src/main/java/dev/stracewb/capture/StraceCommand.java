package dev.stracewb.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact argument list that starts strace for a {@link CaptureRequest}: the profile's options adjusted to what
 * the installed strace supports, the expert's extra options, {@code -o FILE}, and the tracees; wrapped in a
 * watchdog so strace detaches when this JVM dies, and in {@code sudo -n} or {@code pkexec} when asked
 * ({@link Elevation}).
 * Never a shell command line built from user input: every user word stays one argv element.
 *
 * @param argv        the full command to start
 * @param straceArgs  strace's own arguments (after the strace path), for display and tests
 * @param launcher    how strace is tied to this JVM's life
 * @param outputFile  strace's {@code -o} file
 * @param environment variables to set for the started process
 * @param warnings    fallbacks taken because this strace lacks an option, one line each
 */
public record StraceCommand(List<String> argv, List<String> straceArgs, Launcher launcher, Path outputFile,
                            Map<String, String> environment, List<String> warnings) {

    public StraceCommand {
        argv = List.copyOf(argv);
        straceArgs = List.copyOf(straceArgs);
        environment = Map.copyOf(environment);
        warnings = List.copyOf(warnings);
    }

    /**
     * How strace learns that this JVM is gone (even after SIGKILL), so it detaches instead of tracing on.
     */
    public enum Launcher {
        /**
         * {@code setpriv --pdeathsig INT -- strace ...}: the kernel sends strace SIGINT when the thread that
         * started it exits. The capture starts strace from a thread that lives exactly as long as strace.
         */
        PDEATHSIG,
        /**
         * {@code sh -c LIFELINE lifeline strace ...}: a fixed script (user words are only ever "$@") starts
         * strace and sends it SIGINT when its stdin, a pipe from this JVM, reaches end of file. Used under sudo,
         * where a parent-death signal does not survive the set-user-ID exec, and where setpriv is missing. Under
         * pkexec the same watchdog is the installed script {@link #ROOT_SCRIPT}, which execs /usr/bin/strace only.
         */
        LIFELINE
    }

    /** The lifeline watchdog. It is constant; strace and its arguments arrive as positional parameters. */
    static final String LIFELINE_SCRIPT = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "s=$!",
            "trap 'kill -INT \"$s\" 2>/dev/null' INT TERM HUP",
            "( while read -r _ <&3; do :; done; kill -INT \"$s\" 2>/dev/null ) &",
            "w=$!",
            "exec 3<&-",
            "while :; do",
            "  wait \"$s\"; rc=$?",
            "  kill -0 \"$s\" 2>/dev/null || break",
            "done",
            "kill \"$w\" 2>/dev/null",
            "exit \"$rc\"");

    /**
     * The root lifeline for {@link Elevation#PKEXEC}, installed root-owned by the .deb (source:
     * packaging/libexec/stracewb-strace-root): {@code LIFELINE_SCRIPT} with strace fixed to /usr/bin/strace. The
     * polkit action {@code dev.stracewb.strace} names this path, so pkexec runs nothing else for the app.
     */
    public static final Path ROOT_SCRIPT = Path.of("/usr/libexec/stracewb/stracewb-strace-root");

    /** The message when {@link Elevation#PKEXEC} is asked for but {@link #ROOT_SCRIPT} is not installed. */
    static String rootScriptMissing(Path script) {
        return "pkexec can only run strace through " + script + ", which the stracewb .deb installs and is missing "
                + "here: install the .deb, or use sudo (--sudo, after sudo -v) or run as root";
    }

    public static StraceCommand build(CaptureRequest request, StraceProbe probe, Path outputFile)
            throws CaptureException {
        return build(request, probe, outputFile, null);
    }

    /** As {@link #build(CaptureRequest, StraceProbe, Path)}, with the launcher forced (tests). */
    static StraceCommand build(CaptureRequest request, StraceProbe probe, Path outputFile, Launcher forced)
            throws CaptureException {
        return build(request, probe, outputFile, forced, ROOT_SCRIPT);
    }

    /** As {@link #build(CaptureRequest, StraceProbe, Path, Launcher)}, with the pkexec lifeline's path (tests). */
    static StraceCommand build(CaptureRequest request, StraceProbe probe, Path outputFile, Launcher forced,
                               Path rootScript) throws CaptureException {
        List<String> warnings = new ArrayList<>();
        List<String> args = new ArrayList<>(CaptureProfile.BASE_OPTIONS);
        if (!request.socketEndpoints()) {
            args.add("-y");
        } else if (probe.supports(StraceFeature.DECODE_FDS_ALL)) {
            args.add("-yy");
        } else {
            args.add("-y");
            warnings.add("strace " + probe.version() + " has no -yy: sockets show without their addresses");
        }
        List<String> filter = filter(request.profile(), probe, warnings);
        if (!filter.isEmpty()) {
            args.add("-e");
            args.add("trace=" + String.join(",", filter));
        }
        if (request.mode() == CaptureMode.RUN && !filter.isEmpty()) {
            if (probe.supports(StraceFeature.SECCOMP_BPF)) {
                args.add("--seccomp-bpf");
            } else {
                warnings.add("strace " + probe.version() + " cannot filter with --seccomp-bpf here: the command "
                        + "stops on every syscall and runs slower");
            }
        }
        StraceArgs.checkAllowed(request.extraStraceArgs());
        args.addAll(request.extraStraceArgs());
        args.add("-o");
        // absolute: pkexec starts strace in root's home, not in our working directory
        args.add(outputFile.toAbsolutePath().toString());

        String searchPath = request.effectiveSearchPath();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (request.mode() == CaptureMode.ATTACH) {
            for (AttachTarget t : request.targets()) {
                args.add("-p");
                args.add(Integer.toString(t.pid()));
            }
        } else {
            Path resolved = StraceProbe.findOnPath(request.command().get(0), searchPath)
                    .orElseThrow(() -> new CaptureException(CaptureException.Reason.COMMAND_NOT_FOUND,
                            "command not found: " + request.command().get(0)
                                    + ": check the spelling, or give its full path"));
            if (request.elevated() && !asRoot) {
                args.add("-u");
                args.add(System.getProperty("user.name"));
            }
            args.add("--");
            List<String> cmd = new ArrayList<>(request.command());
            if (request.elevated()) {
                cmd.set(0, resolved.toString());
            }
            args.addAll(cmd);
        }

        Launcher launcher = forced;
        Optional<Path> setpriv = StraceProbe.findOnPath("setpriv", searchPath)
                .or(() -> StraceProbe.findOnPath("/usr/bin/setpriv", null));
        if (launcher == null) {
            launcher = !request.elevated() && setpriv.isPresent() ? Launcher.PDEATHSIG : Launcher.LIFELINE;
        }
        if (request.elevation() == Elevation.PKEXEC) {
            return pkexec(request, probe, args, outputFile, rootScript, searchPath, warnings);
        }
        List<String> argv = new ArrayList<>(nicePrefix(request, searchPath, warnings));
        if (request.sudo()) {
            Path sudo = StraceProbe.findOnPath("sudo", searchPath).orElseThrow(() -> new CaptureException(
                    CaptureException.Reason.NOT_PERMITTED,
                    "--sudo needs sudo, which is not installed: apt-get install sudo, or run stracewb as root"));
            argv.addAll(List.of(sudo.toString(), "-n", "--"));
        }
        if (launcher == Launcher.PDEATHSIG) {
            Path sp = setpriv.orElseThrow(() -> new CaptureException(CaptureException.Reason.STRACE_UNUSABLE,
                    "setpriv is missing: apt-get install util-linux"));
            argv.addAll(List.of(sp.toString(), "--pdeathsig", "INT", "--"));
        } else {
            argv.addAll(List.of("/bin/sh", "-c", LIFELINE_SCRIPT, "stracewb-lifeline"));
        }
        argv.add(probe.executable().toString());
        argv.addAll(args);
        return new StraceCommand(argv, args, launcher, outputFile, Map.of("PATH", searchPath), warnings);
    }

    /**
     * {@code pkexec ROOT_SCRIPT STRACE-ARGS...}: pkexec starts only the installed lifeline, which execs
     * /usr/bin/strace; the probed strace's path is not passed (the script would not take it).
     */
    private static StraceCommand pkexec(CaptureRequest request, StraceProbe probe, List<String> args,
                                        Path outputFile, Path rootScript, String searchPath, List<String> warnings)
            throws CaptureException {
        if (!Files.isRegularFile(rootScript) || !Files.isExecutable(rootScript)) {
            throw new CaptureException(CaptureException.Reason.NOT_PERMITTED, rootScriptMissing(rootScript));
        }
        Path pkexec = StraceProbe.findOnPath("pkexec", searchPath)
                .or(() -> StraceProbe.findOnPath("/usr/bin/pkexec", null))
                .orElseThrow(() -> new CaptureException(CaptureException.Reason.NOT_PERMITTED,
                        "pkexec is not installed: apt-get install pkexec, or use sudo (--sudo, after sudo -v) or "
                                + "run as root"));
        if (!probe.executable().toString().equals("/usr/bin/strace")) {
            warnings.add("as root, /usr/bin/strace runs, not " + probe.executable());
        }
        List<String> argv = new ArrayList<>(nicePrefix(request, searchPath, warnings));
        argv.add(pkexec.toString());
        argv.add(rootScript.toString());
        argv.addAll(args);
        return new StraceCommand(argv, args, Launcher.LIFELINE, outputFile, Map.of("PATH", searchPath), warnings);
    }

    /**
     * {@code nice -n N}, outermost so that sudo, pkexec, the watchdog and strace all inherit the niceness (each execs
     * the next, or forks strace, and niceness survives both); nothing when the request asks for none.
     */
    private static List<String> nicePrefix(CaptureRequest request, String searchPath, List<String> warnings) {
        if (request.tracerNice() == 0) {
            return List.of();
        }
        Optional<Path> nice = StraceProbe.findOnPath("nice", searchPath)
                .or(() -> StraceProbe.findOnPath("/usr/bin/nice", null));
        if (nice.isEmpty()) {
            warnings.add("nice is missing (apt-get install coreutils): strace runs at normal priority and takes CPU "
                    + "from the server");
            return List.of();
        }
        return List.of(nice.get().toString(), "-n", Integer.toString(request.tracerNice()));
    }

    /** The installed pkexec and root lifeline, if both are there: whether {@link Elevation#PKEXEC} can work. */
    public static boolean pkexecAvailable() {
        return Files.isExecutable(ROOT_SCRIPT) && (StraceProbe.findOnPath("pkexec", System.getenv("PATH")).isPresent()
                || Files.isExecutable(Path.of("/usr/bin/pkexec")));
    }

    private static List<String> filter(CaptureProfile profile, StraceProbe probe, List<String> warnings)
            throws CaptureException {
        if (profile.syscalls().isEmpty()) {
            return List.of();
        }
        List<String> wanted = new ArrayList<>();
        boolean classes = probe.supports(StraceFeature.SYSCALL_CLASSES);
        for (String s : profile.syscalls()) {
            if (!s.startsWith("%")) {
                wanted.add(s);
            } else if (classes) {
                wanted.add(s);
            }
        }
        if (!classes) {
            wanted.addAll(CaptureProfile.WEB_CLASS_MEMBERS);
            warnings.add("strace " + probe.version() + " has no %file/%process/%network classes: using a fixed "
                    + "syscall list");
        }
        List<String> names = new ArrayList<>();
        for (String s : wanted) {
            if (!s.startsWith("%") && !names.contains(s)) {
                names.add(s);
            }
        }
        List<String> known = probe.knownSyscalls(names);
        List<String> out = new ArrayList<>();
        for (String s : wanted) {
            if ((s.startsWith("%") || known.contains(s)) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The command as a user could paste it into a shell (for display only; never executed through a shell). */
    public String display() {
        StringBuilder sb = new StringBuilder();
        if (argv.size() > 3 && argv.get(0).endsWith("nice") && argv.get(1).equals("-n")) {
            sb.append("nice -n ").append(argv.get(2)).append(' ');
        }
        sb.append("strace");
        for (String a : straceArgs) {
            sb.append(' ').append(quoteForDisplay(a));
        }
        return sb.toString();
    }

    static String quoteForDisplay(String a) {
        if (!a.isEmpty() && a.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_=./,%:@+".indexOf(c) >= 0)) {
            return a;
        }
        return "'" + a.replace("'", "'\\''") + "'";
    }
}
