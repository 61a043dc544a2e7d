package dev.stracewb.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Ctrl-C (SIGINT) and SIGTERM stop the capture instead of the JVM, so the CLI can still print its summary and
 * exit 0. Uses sun.misc.Signal where the JVM offers it; elsewhere the capture's own shutdown hook detaches
 * strace and the JVM exits as usual.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** Installs the handlers; returns what puts the previous ones back. */
    @SuppressWarnings("removal")
    static Runnable onStop(Runnable stop) {
        List<Runnable> undo = new ArrayList<>();
        for (String name : List.of("INT", "TERM")) {
            try {
                sun.misc.Signal sig = new sun.misc.Signal(name);
                sun.misc.SignalHandler previous = sun.misc.Signal.handle(sig, s -> stop.run());
                undo.add(() -> sun.misc.Signal.handle(sig, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // not available here: the shutdown hook of the capture does the work
            }
        }
        return () -> undo.forEach(Runnable::run);
    }
}
