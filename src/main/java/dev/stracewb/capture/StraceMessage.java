package dev.stracewb.capture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line strace wrote to its stderr while capturing (the trace itself goes to {@code -o FILE}): attach and detach
 * notices, and the errors that end a capture before it starts. Anything else is {@link Other}.
 */
public sealed interface StraceMessage {

    /** {@code strace: Process N attached} (also {@code ... with M threads}). */
    record Attached(int pid) implements StraceMessage {
    }

    /** {@code strace: Process N detached}. */
    record Detached(int pid) implements StraceMessage {
    }

    /** {@code strace: attach: ptrace(PTRACE_SEIZE, N): Operation not permitted}. */
    record AttachFailed(int pid, String error) implements StraceMessage {
        public boolean notPermitted() {
            return error.startsWith("Operation not permitted");
        }

        public boolean noSuchProcess() {
            return error.startsWith("No such process");
        }
    }

    /** {@code strace: Can't stat 'cmd': No such file or directory}: the command of {@code run} is missing. */
    record CannotStat(String path, String error) implements StraceMessage {
    }

    /** {@code strace: Can't fopen 'FILE': Permission denied}: the -o file. */
    record CannotOpenOutput(String path, String error) implements StraceMessage {
    }

    /** {@code strace: FILE: No space left on device}: writing the -o file failed. */
    record OutputWriteFailed(String path, String error) implements StraceMessage {
        public boolean diskFull() {
            return error.startsWith("No space left") || error.startsWith("Disk quota exceeded");
        }
    }

    /** {@code strace: exec: Permission denied}: the command of {@code run} could not be executed. */
    record ExecFailed(String error) implements StraceMessage {
    }

    /** Any other line, without the {@code strace: } prefix. */
    record Other(String text) implements StraceMessage {
    }

    Pattern ATTACHED = Pattern.compile("Process (\\d+) attached(?: with \\d+ threads)?");
    Pattern DETACHED = Pattern.compile("Process (\\d+) detached");
    Pattern ATTACH_FAILED = Pattern.compile("attach: ptrace\\(PTRACE_(?:SEIZE|ATTACH), (\\d+)\\): (.*)");
    Pattern CANT_STAT = Pattern.compile("Can't stat '(.*)': (.*)");
    Pattern CANT_FOPEN = Pattern.compile("Can't fopen '(.*)': (.*)");
    Pattern EXEC = Pattern.compile("exec: (.*)");

    /** Parses one stderr line (with or without the {@code strace: } prefix); {@code outputFile} is strace's -o. */
    static StraceMessage parse(String line, String outputFile) {
        String t = line.startsWith("strace: ") ? line.substring(8) : line;
        Matcher m;
        if ((m = ATTACHED.matcher(t)).matches()) {
            return new Attached(Integer.parseInt(m.group(1)));
        }
        if ((m = DETACHED.matcher(t)).matches()) {
            return new Detached(Integer.parseInt(m.group(1)));
        }
        if ((m = ATTACH_FAILED.matcher(t)).matches()) {
            return new AttachFailed(Integer.parseInt(m.group(1)), m.group(2));
        }
        if ((m = CANT_STAT.matcher(t)).matches()) {
            return new CannotStat(m.group(1), m.group(2));
        }
        if ((m = CANT_FOPEN.matcher(t)).matches()) {
            return new CannotOpenOutput(m.group(1), m.group(2));
        }
        if ((m = EXEC.matcher(t)).matches()) {
            return new ExecFailed(m.group(1));
        }
        if (outputFile != null && t.startsWith(outputFile + ": ")) {
            return new OutputWriteFailed(outputFile, t.substring(outputFile.length() + 2));
        }
        return new Other(t);
    }
}
