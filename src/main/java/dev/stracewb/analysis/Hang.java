package dev.stracewb.analysis;

/**
 * A call that never returned, or returned later than the slow threshold: what blocked, on what, for how long,
 * and inside which request.
 *
 * @param row          store row of the call
 * @param syscall      its name
 * @param arguments    its argument text as strace wrote it (unfinished and resumed parts joined)
 * @param target       what the call waited on: a socket's peer ({@code 127.0.0.1:5353}), a connected socket's
 *                     decoration, a file path, or null when the trace does not tell
 * @param unfinished   true when the call never returned
 * @param reason       {@code "unfinished at end of trace"}, {@code "detached"} (strace let go while it blocked),
 *                     {@code "killed by SIGKILL"} / {@code "process exited"}, or {@code "slow"}
 * @param blockedNanos how long it blocked: its {@code -T} time, or until the end of the trace (or the process's
 *                     end) for one that never returned
 * @param request      index into the requests list, or -1
 * @param requestTitle {@code GET /hang.php}, or null
 * @param idle         true for a server waiting for work (accept on a listening socket, epoll_wait, select,
 *                     wait4...) outside any request: not a hang, listed apart
 */
public record Hang(
        int row,
        int pid,
        String syscall,
        String arguments,
        String target,
        boolean unfinished,
        String reason,
        long blockedNanos,
        double blockedMs,
        long firstLine,
        String start,
        int request,
        String requestTitle,
        boolean idle) {
}
