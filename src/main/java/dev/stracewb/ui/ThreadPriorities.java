package dev.stracewb.ui;

import dev.stracewb.session.ThreadNice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives the FX thread and the renderer the CPU first: the JVM's JIT compiler threads run at niceness
 * {@value #NICE} and the threads that read traces at {@value #INGEST_NICE} (Linux nice is per thread). When a live capture starts, the C2 compiler takes up to two thirds of a core for several seconds
 * (BENCHMARKS.md, workbench section: 6.3 s of CPU in the first 10 s of a 100,000 lines/s capture); on a 2-core
 * server that core comes out of the FX thread's and the renderer's time, and frames wait. At this niceness the
 * compilers get what the UI leaves, which only delays when the compiled code arrives.
 * <p>
 * Compiler threads the JVM adds later are started by a compiler thread and inherit its niceness. The threads that
 * read traces get {@link #INGEST_NICE}: below the UI, above the compilers. Without {@code renice} (util-linux,
 * essential on Debian) or /proc, nothing changes: this is only about smoothness.
 */
final class ThreadPriorities {
    static final int NICE = 10;
    static final int INGEST_NICE = 5;
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private ThreadPriorities() {
    }

    /** Once per JVM: sets the ingest niceness for sessions to come and, in the background, renices the compilers. */
    static void favourTheUiOnce() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        ThreadNice.setForIngest(INGEST_NICE);
        Thread t = new Thread(ThreadPriorities::lowerPriority, "stracewb-jit-nice");
        t.setDaemon(true);
        t.start();
    }

    /** The kernel thread ids of this JVM's compiler threads ("C1 CompilerThre", "C2 CompilerThre"). */
    static List<String> compilerThreadIds() {
        List<String> ids = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.ISO_8859_1);
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        ids.add(task.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return List.of();
        }
        return ids;
    }

    static void lowerPriority() {
        ThreadNice.renice(NICE, compilerThreadIds());
    }
}
