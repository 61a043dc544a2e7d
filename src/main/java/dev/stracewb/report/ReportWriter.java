package dev.stracewb.report;

import dev.stracewb.session.TraceSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a session's report to a file: builds the {@link Report}, renders it in the chosen format and writes it
 * atomically (a temporary file beside the target, then a rename), so a failed export never leaves half a report.
 * What the CLI's {@code --report} and the GUI's Export call.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** The report of the session, format by the file's extension, redaction on or off. */
    public static Report write(TraceSession session, Path file, boolean redact) throws ReportException {
        return write(session, file, ReportFormat.of(file), ReportOptions.defaults().withRedact(redact));
    }

    /** What the GUI's Export dialog calls: the format chosen in the dialog, redaction as toggled. */
    public static Report write(TraceSession session, Path file, ReportFormat format, boolean redact)
            throws ReportException {
        return write(session, file, format, ReportOptions.defaults().withRedact(redact));
    }

    /** Full control: options carry the capture's own details (run, attach), a clock and a host for tests. */
    public static Report write(TraceSession session, Path file, ReportFormat format, ReportOptions options)
            throws ReportException {
        Report report = ReportBuilder.build(session, options);
        write(report, file, format);
        return report;
    }

    /** Writes an already built report. */
    public static void write(Report report, Path file, ReportFormat format) throws ReportException {
        byte[] bytes = format.render(report).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            if (dir != null && !Files.isDirectory(dir)) {
                throw new ReportException("cannot write the report " + file + ": the directory " + dir
                        + " does not exist");
            }
            // not Files.createTempFile: its 0600 mode would stay on the report; this one gets the umask's
            tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                    + ".tmp");
            Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (AccessDeniedException e) {
            throw new ReportException("cannot write the report " + file + ": permission denied (choose a "
                    + "directory you can write to)", e);
        } catch (NoSuchFileException e) {
            throw new ReportException("cannot write the report " + file + ": no such directory", e);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new ReportException("cannot write the report " + file + ": "
                    + (m != null && m.contains("No space left") ? "disk full (free space or choose another "
                    + "directory)" : m), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is all that is left of a failed export
                }
            }
        }
    }
}
