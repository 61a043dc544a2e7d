package dev.stracewb.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Captures with the real strace on real processes. */
class StraceCaptureSourceTest {

    @TempDir
    Path dir;

    @Test
    void runOfLsOnAMissingPathShowsItsEnoentAndEndsWithTheCommand() throws Exception {
        Tracees.assumeStrace();
        Path save = dir.resolve("ls.strace");
        CaptureRequest req = CaptureRequest.run(List.of("/bin/ls", "/nonexistent-stracewb")).withSaveFile(save);
        LineCollector lines = new LineCollector();
        try (StraceCaptureSource capture = StraceCaptureSource.start(req)) {
            capture.readLines(lines);
            CaptureResult r = capture.result().orElseThrow();
            assertThat(r.reason()).isEqualTo(StopReason.TARGETS_EXITED);
            assertThat(r.straceExitCode()).isEqualTo(2); // ls's own exit status, passed on by strace
            assertThat(r.lines()).isEqualTo(lines.lines().size());
        }
        assertThat(lines.lines()).anyMatch(l -> l.contains("\"/nonexistent-stracewb\"") && l.contains("ENOENT"));
        assertThat(lines.lines()).anyMatch(l -> l.contains("execve(\"/bin/ls\""));
        assertThat(lines.lines().get(lines.lines().size() - 1)).contains("+++ exited with 2 +++");
        assertThat(Files.readAllLines(save)).isEqualTo(lines.lines());
    }

    @Test
    void runKeepsTheCommandsOwnOutputOutOfTheTrace() throws Exception {
        Tracees.assumeStrace();
        CaptureRequest req = CaptureRequest.run(List.of("sh", "-c", "echo OUT-MARKER; echo ERR-MARKER >&2"))
                .withSaveFile(dir.resolve("sh.strace"));
        LineCollector lines = new LineCollector();
        try (StraceCaptureSource capture = StraceCaptureSource.start(req)) {
            capture.readLines(lines);
        }
        // the markers appear only inside write() calls, never as lines of their own
        assertThat(lines.lines()).noneMatch(l -> l.startsWith("OUT-MARKER") || l.startsWith("ERR-MARKER"));
        assertThat(lines.lines()).anyMatch(l -> l.contains("write(1") && l.contains("OUT-MARKER"));
    }

    @Test
    void runUsesTheWebProfileWithSeccompWhereSupported() throws Exception {
        Tracees.assumeStrace();
        CaptureRequest req = CaptureRequest.run(List.of("/bin/true")).withSaveFile(dir.resolve("t.strace"));
        try (StraceCaptureSource capture = StraceCaptureSource.start(req)) {
            capture.readLines(new LineCollector());
            List<String> args = capture.command().straceArgs();
            assertThat(args).containsSubsequence("-f", "-tt", "-T", "-s", "256");
            assertThat(args).contains("-yy");
            assertThat(args.get(args.indexOf("-e") + 1)).startsWith("trace=%file,%process,%network,read,write");
            if (capture.probe().supports(StraceFeature.SECCOMP_BPF)) {
                assertThat(args).contains("--seccomp-bpf");
            }
        }
    }

    @Test
    void stoppingARunInterruptsTheCommandAndTracesItsEnd() throws Exception {
        Tracees.assumeStrace();
        CaptureRequest req = CaptureRequest.run(List.of("sleep", "30")).withSaveFile(dir.resolve("sleep.strace"));
        LineCollector lines = new LineCollector();
        StraceCaptureSource capture = StraceCaptureSource.start(req);
        Thread reader = lines.readInBackground(capture);
        Thread.sleep(300);
        long t0 = System.nanoTime();
        capture.stop();
        assertThat(capture.awaitEnd(Duration.ofSeconds(15))).isTrue();
        reader.join(5000);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(capture.result().orElseThrow().reason()).isEqualTo(StopReason.STOPPED);
        assertThat(lines.lines()).anyMatch(l -> l.contains("--- SIGINT"));
        assertThat(lines.lines().get(lines.lines().size() - 1)).contains("+++ killed by SIGINT +++");
    }

    @Test
    void durationEndsARunningCapture() throws Exception {
        Tracees.assumeStrace();
        CaptureRequest req = CaptureRequest.run(List.of("sleep", "30")).withSaveFile(dir.resolve("d.strace"))
                .withDuration(Duration.ofMillis(500));
        try (StraceCaptureSource capture = StraceCaptureSource.start(req)) {
            capture.readLines(new LineCollector());
            CaptureResult r = capture.result().orElseThrow();
            assertThat(r.reason()).isEqualTo(StopReason.DURATION);
            assertThat(r.elapsed()).isBetween(Duration.ofMillis(400), Duration.ofSeconds(6));
        }
    }

    @Test
    void attachDeliversLinesWhileTheTraceeRunsAndDetachLeavesItRunningUntraced() throws Exception {
        Tracees.assumeAttachAllowed();
        try (Tracees t = new Tracees()) {
            Path missing = dir.resolve("not-there.php");
            Process loop = t.statLoop(missing);
            Thread.sleep(300);
            CaptureRequest req = CaptureRequest.attachPids((int) loop.pid()).withSaveFile(dir.resolve("a.strace"));
            LineCollector lines = new LineCollector();
            StraceCaptureSource capture = StraceCaptureSource.start(req);
            assertThat(capture.attachedPids()).contains((int) loop.pid());
            assertThat(Tracees.tracerPid(loop.pid())).isEqualTo(capture.pid());
            Thread reader = lines.readInBackground(capture);
            // live: the stat of the missing file shows up while strace still runs
            assertThat(Tracees.eventually(Duration.ofSeconds(3), () -> lines.any("not-there.php"))).isTrue();
            assertThat(capture.isRunning()).isTrue();

            capture.stop();
            assertThat(capture.awaitEnd(Duration.ofSeconds(15))).isTrue();
            reader.join(5000);
            CaptureResult r = capture.result().orElseThrow();
            assertThat(r.reason()).isEqualTo(StopReason.STOPPED);
            assertThat(r.detached()).contains((int) loop.pid());
            assertThat(r.stillTraced()).isEmpty();
            assertThat(r.clean()).isTrue();
            assertThat(Tracees.tracerPid(loop.pid())).isZero();
            assertThat(loop.isAlive()).isTrue();
            assertThat(Tracees.state(loop.pid())).isIn('S', 'R');
            assertThat(lines.lines()).anyMatch(l -> l.contains("stat") && l.contains("not-there.php")
                    && l.contains("ENOENT"));
        }
    }

    @Test
    void straceFlushesEachLineAtOnceSoALoneCallShowsWhileTheTraceeSleeps() throws Exception {
        Tracees.assumeAttachAllowed();
        try (Tracees t = new Tracees()) {
            // blocks in one read of stdin, then stats one marker path and sleeps: nothing else fills a buffer
            Process p = t.start(List.of(Tracees.python(), "-c", "import os, sys, time\n"
                    + "sys.stdin.buffer.read(1)\n"
                    + "try:\n    os.stat('/lone-marker-stracewb')\nexcept OSError:\n    pass\n"
                    + "time.sleep(30)\n"));
            // wait until python has started and blocks in read(0, ...) (syscall 0 on x86_64; elsewhere: state S)
            assertThat(Tracees.eventually(Duration.ofSeconds(10), () -> blockedInRead(p.pid()))).isTrue();
            StraceCaptureSource capture = StraceCaptureSource.start(
                    CaptureRequest.attachPids((int) p.pid()).withSaveFile(dir.resolve("lone.strace")));
            LineCollector lines = new LineCollector();
            lines.readInBackground(capture);
            p.getOutputStream().write('x');
            p.getOutputStream().flush();
            assertThat(Tracees.eventually(Duration.ofSeconds(2), () -> lines.any("/lone-marker-stracewb"))).isTrue();
            assertThat(p.isAlive()).isTrue();
            assertThat(capture.isRunning()).isTrue();
            // no later line pushed it out: strace flushed that line on its own
            Thread.sleep(500);
            List<String> got = lines.lines();
            assertThat(got.get(got.size() - 1)).contains("/lone-marker-stracewb");
            capture.close();
        }
    }

    private static boolean blockedInRead(long pid) {
        try {
            String sc = ProcFiles.string(Path.of("/proc/" + pid + "/syscall"), java.nio.charset.StandardCharsets.US_ASCII);
            return Tracees.state(pid) == 'S' && (sc.startsWith("0 ") || !"amd64".equals(System.getProperty("os.arch")));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void theTraceesExitEndsTheCapture() throws Exception {
        Tracees.assumeAttachAllowed();
        try (Tracees t = new Tracees()) {
            Process p = t.start(List.of("sleep", "1"));
            StraceCaptureSource capture = StraceCaptureSource.start(
                    CaptureRequest.attachPids((int) p.pid()).withSaveFile(dir.resolve("exit.strace")));
            LineCollector lines = new LineCollector();
            capture.readLines(lines);
            assertThat(capture.result().orElseThrow().reason()).isEqualTo(StopReason.TARGETS_EXITED);
            assertThat(lines.lines().get(lines.lines().size() - 1)).contains("+++ exited with 0 +++");
        }
    }

    @Test
    void childrenOfAPidAreAttachedAndAllDetachedAtStop() throws Exception {
        Tracees.assumeAttachAllowed();
        try (Tracees t = new Tracees()) {
            Process parent = t.start(List.of("sh", "-c", "sleep 60 & sleep 60 & wait"));
            ProcessDiscovery d = new ProcessDiscovery();
            assertThat(Tracees.eventually(Duration.ofSeconds(3), () -> d.descendants((int) parent.pid()).size() == 2))
                    .isTrue();
            AttachPlan plan = AttachPlan.of(new AttachPlan.Wish(List.of((int) parent.pid()), true, null, 0, false), d);
            List<Integer> kids = d.descendants((int) parent.pid()).stream().map(ProcessInfo::pid).toList();
            assertThat(plan.targets()).extracting(AttachTarget::pid).containsExactly(
                    (int) parent.pid(), kids.get(0), kids.get(1));

            StraceCaptureSource capture = StraceCaptureSource.start(
                    CaptureRequest.attach(plan.targets()).withSaveFile(dir.resolve("kids.strace")));
            assertThat(capture.attachedPids()).containsAll(kids).contains((int) parent.pid());
            for (int k : kids) {
                assertThat(Tracees.tracerPid(k)).isEqualTo(capture.pid());
            }
            capture.close();
            CaptureResult r = capture.result().orElseThrow();
            assertThat(r.detached()).containsAll(kids);
            for (int k : kids) {
                assertThat(Tracees.tracerPid(k)).isZero();
                assertThat(Tracees.eventually(Duration.ofSeconds(2), () -> Tracees.state(k) == 'S')).isTrue();
            }
            assertThat(parent.isAlive()).isTrue();
        }
    }
}
