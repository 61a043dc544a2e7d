package dev.stracewb.capture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A capturing JVM killed with SIGKILL must not leave its tracees traced or stopped. */
class SigkillSafetyTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "launcher {0}")
    @ValueSource(strings = {"pdeathsig", "lifeline"})
    void killingTheCapturingJvmWithSigkillDetachesStraceWithinSeconds(String launcher) throws Exception {
        Tracees.assumeAttachAllowed();
        try (Tracees t = new Tracees()) {
            Process sleeper = t.sleeper();
            try (ChildJvm jvm = new ChildJvm(List.of(), "attach", Long.toString(sleeper.pid()),
                    dir.resolve("k.strace").toString(), launcher)) {
                String first = jvm.nextLine(30);
                assertThat(first).startsWith("ATTACHED ");
                int tracer = Tracees.tracerPid(sleeper.pid());
                assertThat(tracer).isPositive();

                jvm.process.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(jvm.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

                assertThat(Tracees.eventually(Duration.ofSeconds(5), () -> Tracees.tracerPid(sleeper.pid()) == 0))
                        .as("TracerPid of the sleeper after the capturing JVM was killed").isTrue();
                // strace exits after detaching (a zombie until its new parent reaps it counts as gone)
                assertThat(Tracees.eventually(Duration.ofSeconds(5),
                        () -> Tracees.state(tracer) == '?' || Tracees.state(tracer) == 'Z'))
                        .as("strace itself is gone").isTrue();
                assertThat(sleeper.isAlive()).isTrue();
                // running again, not left stopped ('T'/'t'): back asleep in a moment
                assertThat(Tracees.eventually(Duration.ofSeconds(2), () -> Tracees.state(sleeper.pid()) == 'S'))
                        .isTrue();
            }
        }
    }
}
