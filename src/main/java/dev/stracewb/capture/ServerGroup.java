package dev.stracewb.capture;

import java.util.List;

/** A server's master process and its workers, as found in /proc. */
public record ServerGroup(ServerKind kind, ProcessInfo master, List<ProcessInfo> workers) {

    public ServerGroup {
        workers = List.copyOf(workers);
    }
}
