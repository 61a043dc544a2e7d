package dev.stracewb.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Where a capture's raw trace goes: the user's {@code --save FILE}, or a session file named with host and time
 * under {@code $XDG_DATA_HOME/stracewb/sessions} (default {@code ~/.local/share/stracewb/sessions}).
 * The file is created here, before strace starts, so a bad path fails with a message instead of a strace error.
 */
public final class TraceFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private TraceFiles() {
    }

    /** The sessions directory for this environment ({@code XDG_DATA_HOME}, {@code HOME}). */
    public static Path sessionsDirectory(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".local", "share");
        }
        return base.resolve("stracewb").resolve("sessions");
    }

    /** A new, unused session file {@code HOST-YYYYmmdd-HHMMSS.strace} (with -2, -3... if taken), created empty. */
    public static Path newSessionFile(Map<String, String> env, LocalDateTime now) throws CaptureException {
        Path dir = sessionsDirectory(env);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CaptureException(CaptureException.Reason.OUTPUT_NOT_WRITABLE, "cannot create the sessions "
                    + "directory " + dir + " (" + reason(e) + "): set XDG_DATA_HOME or use --save FILE", e);
        }
        String stem = hostName() + "-" + STAMP.format(now);
        for (int i = 1; ; i++) {
            Path f = dir.resolve(stem + (i == 1 ? "" : "-" + i) + ".strace");
            try {
                Files.createFile(f);
                return f;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken in the same second: try the next suffix
            } catch (IOException e) {
                throw notWritable(f, e);
            }
        }
    }

    /**
     * Makes {@code file} ready for strace: an empty regular file in an existing directory that we can write.
     * An existing file is truncated (strace's {@code -o} would do the same).
     */
    public static Path prepare(Path file) throws CaptureException {
        Path f = file.toAbsolutePath().normalize();
        if (Files.isDirectory(f)) {
            throw new CaptureException(CaptureException.Reason.OUTPUT_NOT_WRITABLE,
                    f + " is a directory: give a file name for --save");
        }
        if (Files.exists(f) && !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(f)) {
            throw new CaptureException(CaptureException.Reason.OUTPUT_NOT_WRITABLE,
                    f + " is not a regular file: --save needs a plain file");
        }
        Path parent = f.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CaptureException(CaptureException.Reason.OUTPUT_NOT_WRITABLE,
                    "cannot save the trace to " + f + ": directory " + parent + " does not exist; create it or "
                            + "choose another --save file");
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            return f;
        } catch (IOException e) {
            throw notWritable(f, e);
        }
    }

    static CaptureException notWritable(Path f, IOException e) {
        return new CaptureException(CaptureException.Reason.OUTPUT_NOT_WRITABLE,
                "cannot write the trace to " + f + " (" + reason(e) + "): choose another --save file", e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The kernel's host name, as {@code hostname} prints it; "localhost" if unknown. */
    static String hostName() {
        try {
            String h = ProcFiles.string(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!h.isEmpty()) {
                return h.replace('/', '_');
            }
        } catch (IOException e) {
            // fall through
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env.replace('/', '_') : "localhost";
    }
}
