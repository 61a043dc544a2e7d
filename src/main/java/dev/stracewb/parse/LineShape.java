package dev.stracewb.parse;

/** What the line parser recognised in one line, before stitching. */
public enum LineShape {
    /** {@code name(args) = result} */
    SYSCALL,
    /** {@code name(args <unfinished ...>} */
    UNFINISHED,
    /** {@code <... name resumed>rest) = result} */
    RESUMED,
    SIGNAL,
    EXIT,
    STRACE_MESSAGE,
    STACK_FRAME,
    SUMMARY,
    UNPARSED
}
