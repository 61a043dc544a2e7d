package dev.stracewb.session;

/**
 * Where every input line went; the four parts always add up to {@code lines}.
 *
 * @param eventLines     lines that are one event each (a complete syscall, the unfinished half of a call,
 *                       a signal, an exit)
 * @param resumedLines   {@code <... resumed>} lines stitched into the call they finish
 * @param nonEventLines  recognised lines that are not events: strace's messages, -k frames, summary tables
 * @param unparsedLines  lines kept verbatim because they could not be read
 */
public record LineAccounting(long lines, long eventLines, long resumedLines, long nonEventLines, long unparsedLines) {

    public boolean balanced() {
        return eventLines + resumedLines + nonEventLines + unparsedLines == lines;
    }
}
