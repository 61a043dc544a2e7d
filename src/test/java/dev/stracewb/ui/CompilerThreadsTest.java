package dev.stracewb.ui;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The JIT compiler threads of this JVM end up at the lower priority, and no other thread does. */
class CompilerThreadsTest {

    private static int nice(String tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"), StandardCharsets.ISO_8859_1);
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    @Test
    void compilerThreadsAreRenicedAndTheOthersAreNot() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        List<String> compilers = CompilerThreads.compilerThreadIds();
        assertThat(compilers).isNotEmpty();

        CompilerThreads.lowerPriority();

        for (String tid : CompilerThreads.compilerThreadIds()) {
            assertThat(nice(tid)).as("compiler thread " + tid).isEqualTo(CompilerThreads.NICE);
        }
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        assertThat(nice(self)).as("the test's own thread").isZero();
    }
}
