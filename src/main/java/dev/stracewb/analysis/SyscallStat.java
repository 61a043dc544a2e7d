package dev.stracewb.analysis;

/** One line of the per-syscall table, like {@code strace -c}. */
public record SyscallStat(String name, long calls, long errors, double seconds) {
}
