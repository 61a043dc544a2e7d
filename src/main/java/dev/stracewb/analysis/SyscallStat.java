package dev.stracewb.analysis;

/**
 * One line of the per-syscall table, like {@code strace -c}. {@code calls} includes the {@code unfinished} ones:
 * calls that never returned in the trace (a hang, or strace detached), which have no result and no time.
 */
public record SyscallStat(String name, long calls, long errors, double seconds, long unfinished) {

    public SyscallStat(String name, long calls, long errors, double seconds) {
        this(name, calls, errors, seconds, 0);
    }
}
