package dev.stracewb.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The expert's {@code --strace-args "..."}: split into words like a shell would split them, without ever running a
 * shell. Whitespace separates words; '...' is literal; "..." allows \" and \\; a backslash outside quotes escapes
 * the next character. Nothing is expanded.
 */
public final class StraceArgs {

    /** Options that would break the capture: we own the output file, the tracee list and the process lifetime. */
    private static final Set<String> REFUSED = Set.of("-o", "--output", "-ff", "--output-separately", "-D", "-DD",
            "-DDD", "--daemonize", "-p", "--attach");

    private StraceArgs() {
    }

    public static List<String> split(String text) throws CaptureException {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unterminated(text);
                }
                cur.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                        cur.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        cur.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw unterminated(text);
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < n) {
                cur.append(text.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                cur.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    /** Refuses options that would take the capture out of our hands. */
    public static void checkAllowed(List<String> words) throws CaptureException {
        for (String w : words) {
            String opt = w.contains("=") && w.startsWith("--") ? w.substring(0, w.indexOf('=')) : w;
            boolean glued = w.length() > 2 && (w.startsWith("-o") || w.startsWith("-p")) && !w.startsWith("--");
            if (REFUSED.contains(opt) || glued) {
                throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS,
                        "--strace-args may not contain " + w + ": stracewb sets the output file and the tracees "
                                + "itself (use --save FILE and --pid N)");
            }
        }
    }

    private static CaptureException unterminated(String text) {
        return new CaptureException(CaptureException.Reason.BAD_ARGUMENTS,
                "unterminated quote in --strace-args \"" + text + "\": close the quote");
    }
}
