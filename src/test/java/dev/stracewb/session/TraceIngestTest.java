package dev.stracewb.session;

import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.ExitEvent;
import dev.stracewb.trace.SignalEvent;
import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.TextEvent;
import dev.stracewb.trace.TimeFormat;
import org.junit.jupiter.api.Test;

import dev.stracewb.source.FileLineSource;
import dev.stracewb.testsupport.CoreFixtures;

import static dev.stracewb.testsupport.CoreFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

/** Lines to rows: stitching, times, kinds and the accounting, on recorded traces. */
class TraceIngestTest {

    /** The row whose first line is {@code line}. */
    static int rowAt(EventStore store, long line) {
        for (int r = 0; r < store.size(); r++) {
            if (store.firstLine(r) == line) {
                return r;
            }
        }
        throw new AssertionError("no row starts at line " + line);
    }

    @Test
    void unfinishedAndResumedOfInterleavedThreadsAreStitchedPerPidKeepingBothLines() {
        TraceSession s = load("threads-interleaved.strace");
        EventStore store = s.store();
        int futex = rowAt(store, 518);
        assertThat(store.lastLine(futex)).isEqualTo(530);
        assertThat(store.pid(futex)).isEqualTo(14846);
        assertThat(store.name(futex)).isEqualTo("futex");
        assertThat(store.returnValue(futex)).isZero();
        assertThat(store.durationNanos(futex)).isEqualTo(1_537_000L);
        assertThat(store.isFinished(futex)).isTrue();

        // read(3, began at 531 by thread 14847 and resumed 96 lines later, past 40 lines of other threads
        int read = rowAt(store, 531);
        assertThat(store.lastLine(read)).isEqualTo(627);
        assertThat(store.returnValue(read)).isEqualTo(2);
        SyscallEvent e = (SyscallEvent) s.event(read);
        assertThat(e.arguments()).isEqualTo("3, \"go\", 10");
        assertThat(e.result()).isEqualTo("2");
        assertThat(e.firstLine()).isEqualTo(531);
        assertThat(e.lastLine()).isEqualTo(627);

        LineAccounting acc = s.accounting();
        assertThat(acc.resumedLines()).isEqualTo(25);
        assertThat(acc.balanced()).isTrue();
        assertThat(s.processes().count()).isEqualTo(5);
    }

    @Test
    void failedResumedCallKeepsItsErrno() {
        TraceSession s = load("threads-interleaved.strace");
        int futex = rowAt(s.store(), 550);
        assertThat(s.store().lastLine(futex)).isEqualTo(552);
        assertThat(s.store().errno(futex)).isEqualTo("EAGAIN");
        assertThat(s.store().isFailed(futex)).isTrue();
    }

    @Test
    void callBegunWithoutPidPrefixResumesUnderItsPid() {
        // strace -f to a terminal: "vfork(strace: Process 14774 attached" / " <unfinished ...>" /
        // "[pid 14773] <... vfork resumed>) = 14774"
        TraceSession s = load("pid-bracket.strace");
        EventStore store = s.store();
        int vfork = rowAt(store, 53);
        assertThat(store.name(vfork)).isEqualTo("vfork");
        assertThat(store.lastLine(vfork)).isEqualTo(57);
        assertThat(store.pid(vfork)).isEqualTo(14773);
        assertThat(store.returnValue(vfork)).isEqualTo(14774);
        int continuation = rowAt(store, 54);
        assertThat(store.kind(continuation)).isEqualTo(EventKind.STRACE_MESSAGE);

        int wait4 = rowAt(store, 60);
        assertThat(store.lastLine(wait4)).isEqualTo(211);
        assertThat(store.returnValue(wait4)).isEqualTo(14774);
    }

    @Test
    void callLineBrokenByTheProgramsOwnOutputIsJoinedKeepingBothLines() {
        // the traced program wrote "\n" to the terminal strace wrote to: "write(2, "\n", 1" / ") = 1"
        TraceSession s = load("pid-bracket.strace");
        int row = rowAt(s.store(), 205);
        assertThat(s.store().kind(row)).isEqualTo(EventKind.SYSCALL);
        assertThat(s.store().name(row)).isEqualTo("write");
        assertThat(s.store().lastLine(row)).isEqualTo(206);
        assertThat(s.store().returnValue(row)).isEqualTo(1);
        assertThat(s.store().pid(row)).isEqualTo(14774);
        SyscallEvent e = (SyscallEvent) s.event(row);
        assertThat(e.arguments()).isEqualTo("2, \"\\n\", 1");
        assertThat(e.result()).isEqualTo("1");
        assertThat(s.store().raw().line(206)).isEqualTo(") = 1");
        assertThat(s.accounting().unparsedLines()).isZero();
        assertThat(s.accounting().balanced()).isTrue();
    }

    @Test
    void callLineBrokenByStracesAttachMessageResumesOnTheNextLine() {
        // "clone(..., flags=...|SIGCHLDstrace: Process 27082 attached" / ", child_tidptr=0x7f6c56349a10) = 27082"
        TraceSession s = load(new FileLineSource(CoreFixtures.labFixture("stderr-f-pid-prefix.strace")));
        int row = rowAt(s.store(), 224);
        assertThat(s.store().name(row)).isEqualTo("clone");
        assertThat(s.store().lastLine(row)).isEqualTo(225);
        assertThat(s.store().returnValue(row)).isEqualTo(27082);
        assertThat(s.store().isFinished(row)).isTrue();
        SyscallEvent e = (SyscallEvent) s.event(row);
        assertThat(e.arguments()).isEqualTo("child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
                + "child_tidptr=0x7f6c56349a10");
    }

    @Test
    void callLineBrokenByStracesDetachMessageNeverReturns() {
        // "pselect6(..., NULLstrace: Process 26684 detached" / " <detached ...>"
        TraceSession s = load(new FileLineSource(CoreFixtures.labFixture("strace-messages.strace")));
        int row = rowAt(s.store(), 208);
        assertThat(s.store().name(row)).isEqualTo("pselect6");
        assertThat(s.store().isFinished(row)).isFalse();
        assertThat(s.store().pid(row)).isEqualTo(26684);
        assertThat(s.store().kind(rowAt(s.store(), 209))).isEqualTo(EventKind.STRACE_MESSAGE);
        assertThat(s.store().kind(rowAt(s.store(), 210))).isEqualTo(EventKind.STRACE_MESSAGE);
    }

    @Test
    void unparsedLinesAreKeptVerbatimWithTheirLineNumbers() throws Exception {
        byte[] input = ("14766 03:34:28.482352 access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)\n"
                + "hello \u00ff world\n"
                + "14766 03:34:28.482400 write(1, \"x\", 1\n"
                + "this is not the rest of that call\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        TraceSession s = load(new dev.stracewb.source.StreamLineSource("test", new java.io.ByteArrayInputStream(input)));
        assertThat(s.accounting()).isEqualTo(new LineAccounting(4, 1, 0, 0, 3));
        assertThat(s.store().kind(1)).isEqualTo(EventKind.UNPARSED);
        assertThat(s.store().firstLine(1)).isEqualTo(2);
        assertThat(s.store().raw().lineBytes(2)).isEqualTo("hello \u00ff world".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(s.store().raw().line(2)).isEqualTo("hello \\xff world");
        assertThat(s.store().firstLine(2)).as("a broken call start with no rest stays unparsed").isEqualTo(3);
        assertThat(s.store().kind(2)).isEqualTo(EventKind.UNPARSED);
        assertThat(s.store().firstLine(3)).isEqualTo(4);
        assertThat(((TextEvent) s.event(1)).text()).isEqualTo("hello \\xff world");
    }

    @Test
    void detachedCallNeverReturnsAndIsCountedAsUnfinished() {
        TraceSession s = load("detached.strace");
        assertThat(s.store().size()).isEqualTo(1);
        assertThat(s.store().isFinished(0)).isFalse();
        assertThat(s.store().name(0)).isEqualTo("restart_syscall");
        assertThat(s.syscallTable()).containsExactly(new SyscallStat("restart_syscall", 1, 0, 0.0, 1));
        assertThat(s.stats().totalCalls()).isEqualTo(1);
        assertThat(s.processes().count()).isEqualTo(1);
        SyscallEvent e = (SyscallEvent) s.event(0);
        assertThat(e.finished()).isFalse();
        assertThat(e.returnValue()).isEqualTo(SyscallEvent.UNKNOWN_RETURN);
    }

    @Test
    void signalsExitsAndKilledByCoreDumped() {
        TraceSession s = load("crash.strace");
        EventStore store = s.store();
        SignalEvent segv = (SignalEvent) s.event(rowAt(store, 546));
        assertThat(segv.signal()).isEqualTo("SIGSEGV");
        assertThat(segv.pid()).isEqualTo(14868);
        assertThat(segv.info()).isEqualTo("{si_signo=SIGSEGV, si_code=SI_USER, si_pid=14868, si_uid=0}");
        ExitEvent killed = (ExitEvent) s.event(rowAt(store, 547));
        assertThat(killed.killedBy()).isEqualTo("SIGSEGV");
        assertThat(killed.coreDumped()).isTrue();
        assertThat(killed.exitCode()).isNull();
        ExitEvent term = (ExitEvent) s.event(rowAt(store, 1043));
        assertThat(term.killedBy()).isEqualTo("SIGTERM");
        assertThat(term.coreDumped()).isFalse();
        ExitEvent exited = (ExitEvent) s.event(rowAt(store, 1050));
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.killedBy()).isNull();
        assertThat(exited.pid()).isEqualTo(14867);
    }

    @Test
    void stackFramesOfDashKAreNonEventLines() {
        TraceSession s = load("k.strace");
        LineAccounting acc = s.accounting();
        assertThat(acc.lines()).isEqualTo(1475);
        assertThat(acc.nonEventLines()).isEqualTo(1475 - 150);
        assertThat(acc.unparsedLines()).isZero();
        assertThat(s.store().kind(rowAt(s.store(), 2))).isEqualTo(EventKind.STACK_FRAME);
        assertThat(s.stats().totalCalls()).isEqualTo(149);
    }

    @Test
    void summaryTableOfDashCapitalCAfterTheCalls() {
        TraceSession s = load("summary-C.strace");
        LineAccounting acc = s.accounting();
        assertThat(acc.nonEventLines()).isEqualTo(26);
        assertThat(acc.unparsedLines()).isZero();
        assertThat(s.store().kind(rowAt(s.store(), 151))).isEqualTo(EventKind.SUMMARY);
    }

    @Test
    void relativeTimesAddUpFromTheFirstLine() {
        TraceSession s = load("ts-r.strace");
        assertThat(s.store().timeFormat()).isEqualTo(TimeFormat.RELATIVE);
        // 0.000000, 0.000382, 0.000254
        assertThat(s.store().timeNanos(0)).isZero();
        assertThat(s.store().timeNanos(1)).isEqualTo(382_000L);
        assertThat(s.store().timeNanos(2)).isEqualTo(636_000L);
        assertThat(s.store().formatTime(2)).isEqualTo("+0.000636s");
    }

    @Test
    void timeFormatOfEachForm() {
        assertThat(load("ts-none.strace").store().timeFormat()).isEqualTo(TimeFormat.NONE);
        assertThat(load("ts-t.strace").store().timeFormat()).isEqualTo(TimeFormat.TIME_OF_DAY);
        assertThat(load("ts-tt-T.strace").store().timeFormat()).isEqualTo(TimeFormat.TIME_OF_DAY);
        assertThat(load("ts-ttt.strace").store().timeFormat()).isEqualTo(TimeFormat.EPOCH);
        assertThat(load("ts-unix-ns.strace").store().timeFormat()).isEqualTo(TimeFormat.EPOCH);
        assertThat(load("ts-unix-s.strace").store().timeFormat()).isEqualTo(TimeFormat.EPOCH);
        assertThat(load("ts-r-ns.strace").store().timeFormat()).isEqualTo(TimeFormat.RELATIVE);
    }

    @Test
    void formattedTimes() {
        assertThat(load("ts-tt-T.strace").store().formatTime(3)).isEqualTo("03:34:28.287830");
        assertThat(load("ts-ttt.strace").store().formatTime(3)).isEqualTo("2026-11-26T03:34:28.307790Z");
        assertThat(load("ts-none.strace").store().formatTime(3)).isEmpty();
    }

    @Test
    void singleProcessTraceWithoutPidsIsOneProcess() {
        TraceSession s = load("ts-none.strace");
        assertThat(s.processes().count()).isEqualTo(1);
        assertThat(s.stats().totalCalls()).isEqualTo(149);
        assertThat(s.accounting()).isEqualTo(new LineAccounting(150, 150, 0, 0, 0));
    }
}
