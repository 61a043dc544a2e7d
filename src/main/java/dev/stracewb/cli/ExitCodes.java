package dev.stracewb.cli;

/** Process exit codes of the CLI. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed that the user can fix (the message says how). */
    public static final int FAILURE = 1;
    /** Wrong usage: picocli's own code. */
    public static final int USAGE = 2;
    /** The input could be read but holds no strace output. */
    public static final int NOT_A_TRACE = 3;

    private ExitCodes() {
    }
}
