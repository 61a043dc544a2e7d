package dev.stracewb.capture;

/** One process strace attaches to with {@code -p}, and why it was chosen. */
public record AttachTarget(int pid, Role role) {

    public enum Role {
        /** Named by the user with --pid. */
        PROCESS,
        /** A descendant found by --children. */
        CHILD,
        /** A server's master: traced with -f so workers forked later are traced too. */
        MASTER,
        /** A server's worker. */
        WORKER
    }

    public AttachTarget {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
    }
}
