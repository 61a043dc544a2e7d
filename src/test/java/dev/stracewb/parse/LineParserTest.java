package dev.stracewb.parse;

import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.TraceEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.stracewb.testsupport.CoreFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

/** One recorded line of each form strace writes (fixtures/core, src/test/scripts/record-core-fixtures.sh). */
class LineParserTest {

    private static final long S = 1_000_000_000L;
    /** 03:34:28 as seconds of the day, when the ts-* fixtures were recorded. */
    private static final long AT_03_34_28 = 3 * 3600 + 34 * 60 + 28;

    private static Parsed parse(String fixture, int lineNo) {
        return Parsed.of(line(fixture, lineNo));
    }

    @Nested
    class PidPrefixes {
        @Test
        void pidAndSpaceFromDashFWithDashO() {
            Parsed p = parse("f-tt-T-yy.strace", 4);
            assertThat(p.pid()).isEqualTo(14766);
            assertThat(p.shape()).isEqualTo(LineShape.SYSCALL);
            assertThat(p.name()).isEqualTo("access");
        }

        @Test
        void bracketPidFromDashFOnATerminal() {
            Parsed p = parse("pid-bracket.strace", 56);
            assertThat(p.pid()).isEqualTo(14774);
            assertThat(p.name()).isEqualTo("execve");
            assertThat(p.shape()).isEqualTo(LineShape.UNFINISHED);
            assertThat(p.timeNanos()).isEqualTo(AT_03_34_28 * S + 525_318_000L);
        }

        @Test
        void noPrefixForASingleProcess() {
            Parsed p = parse("ts-none.strace", 4);
            assertThat(p.pid()).isZero();
            assertThat(p.timeNanos()).isEqualTo(TraceEvent.NO_TIME);
            assertThat(p.name()).isEqualTo("access");
            assertThat(p.args()).isEqualTo("\"/etc/ld.so.preload\", R_OK");
        }

        @Test
        void pidWithPaddedSpacesWithoutTimestamp() {
            // strace -f -v: "14825 rt_sigaction(..."
            Parsed p = parse("v.strace", 33);
            assertThat(p.pid()).isEqualTo(14825);
            assertThat(p.name()).isEqualTo("rt_sigaction");
            assertThat(p.returnValue()).isZero();
        }
    }

    @Nested
    class Timestamps {
        @Test
        void dashTSeconds() {
            Parsed p = parse("ts-t.strace", 4);
            assertThat(p.timeNanos()).isEqualTo(AT_03_34_28 * S);
            assertThat(p.relativeTime()).isFalse();
        }

        @Test
        void dashTtMicroseconds() {
            Parsed p = parse("ts-tt-T.strace", 4);
            assertThat(p.timeNanos()).isEqualTo(AT_03_34_28 * S + 287_830_000L);
        }

        @Test
        void timeOfDayMilliseconds() {
            assertThat(parse("ts-time-ms.strace", 4).timeNanos()).isEqualTo(AT_03_34_28 * S + 427_000_000L);
        }

        @Test
        void dashTttEpochMicroseconds() {
            Parsed p = parse("ts-ttt.strace", 4);
            assertThat(p.timeNanos()).isEqualTo(1795664068L * S + 307_790_000L);
            assertThat(p.relativeTime()).isFalse();
            assertThat(p.pid()).isZero();
        }

        @Test
        void unixNanoseconds() {
            Parsed p = parse("ts-unix-ns.strace", 4);
            assertThat(p.timeNanos()).isEqualTo(1795664068L * S + 398_109_103L);
            assertThat(p.durationNanos()).isEqualTo(9_000L);
        }

        @Test
        void unixWholeSecondsAreATimeNotAPid() {
            Parsed p = parse("ts-unix-s.strace", 4);
            assertThat(p.pid()).isZero();
            assertThat(p.timeNanos()).isEqualTo(1795664068L * S);
            assertThat(p.name()).isEqualTo("access");
        }

        @Test
        void pidThenUnixWholeSeconds() {
            Parsed p = Parsed.of("14766 1795664068 access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)");
            assertThat(p.pid()).isEqualTo(14766);
            assertThat(p.timeNanos()).isEqualTo(1795664068L * S);
        }

        @Test
        void dashRRelativeMicroseconds() {
            Parsed p = parse("ts-r.strace", 4);
            assertThat(p.timeNanos()).isEqualTo(79_000L);
            assertThat(p.relativeTime()).isTrue();
        }

        @Test
        void dashRRelativeNanoseconds() {
            Parsed p = parse("ts-r-ns.strace", 4);
            assertThat(p.timeNanos()).isEqualTo(54_682L);
            assertThat(p.relativeTime()).isTrue();
        }

        @Test
        void dashTDuration() {
            assertThat(parse("ts-tt-T.strace", 4).durationNanos()).isEqualTo(8_000L);
            assertThat(parse("ts-tt-T.strace", 4).result()).isEqualTo("-1 ENOENT (No such file or directory)");
            assertThat(parse("ts-t.strace", 4).durationNanos()).isEqualTo(SyscallEvent.NO_DURATION);
        }
    }

    @Nested
    class Results {
        @Test
        void decimal() {
            Parsed p = parse("escapes.strace", 394);
            assertThat(p.name()).isEqualTo("write");
            assertThat(p.returnValue()).isEqualTo(70);
            assertThat(p.errno()).isNull();
        }

        @Test
        void hex() {
            Parsed p = parse("X-raw.strace", 2);
            assertThat(p.name()).isEqualTo("brk");
            assertThat(p.returnValue()).isEqualTo(0x55a668eba000L);
            assertThat(p.result()).isEqualTo("0x55a668eba000");
        }

        @Test
        void questionMark() {
            Parsed p = parse("summary-C.strace", 149);
            assertThat(p.name()).isEqualTo("exit_group");
            assertThat(p.returnValue()).isEqualTo(SyscallEvent.UNKNOWN_RETURN);
            assertThat(p.shape()).isEqualTo(LineShape.SYSCALL);
        }

        @Test
        void errnoWithText() {
            Parsed p = parse("ts-none.strace", 4);
            assertThat(p.returnValue()).isEqualTo(-1);
            assertThat(p.errno()).isEqualTo("ENOENT");
            assertThat(p.errnoText()).isEqualTo("No such file or directory");
        }

        @Test
        void timeoutAnnotationIsNoErrno() {
            Parsed p = parse("apache-outage.strace", 5);
            assertThat(p.name()).isEqualTo("pselect6");
            assertThat(p.returnValue()).isZero();
            assertThat(p.errno()).isNull();
            assertThat(p.result()).isEqualTo("0 (Timeout)");
            assertThat(p.durationNanos()).isEqualTo(791_254_000L);
        }

        @Test
        void flagsAnnotationAfterHex() {
            Parsed p = parse("apache-outage.strace", 10);
            assertThat(p.returnValue()).isEqualTo(2);
            assertThat(p.result()).isEqualTo("0x2 (flags O_RDWR)");
            assertThat(p.errno()).isNull();
        }

        @Test
        void decoratedReturnedFd() {
            Parsed p = parse("sockets-yy.strace", 545);
            assertThat(p.name()).isEqualTo("socket");
            assertThat(p.returnValue()).isEqualTo(3);
            assertThat(p.result()).isEqualTo("3<TCP:[132281]>");
        }

        @Test
        void unknownReturnWithErrno() {
            Parsed p = Parsed.of("31320 03:26:29.005973 <... accept4 resumed>0x7ffe, [16], SOCK_CLOEXEC) = ? ERESTARTSYS (To be restarted if SA_RESTART is set) <2.000000>");
            assertThat(p.shape()).isEqualTo(LineShape.RESUMED);
            assertThat(p.returnValue()).isEqualTo(SyscallEvent.UNKNOWN_RETURN);
            assertThat(p.errno()).isEqualTo("ERESTARTSYS");
            assertThat(p.durationNanos()).isEqualTo(2 * S);
        }

        @Test
        void errnoAfterRawHexResult() {
            Parsed p = parse("X-raw.strace", 4);
            assertThat(p.errno()).isEqualTo("ENOENT");
            assertThat(p.args()).isEqualTo("\"/etc/ld.so.preload\", 0x4");
        }
    }

    @Nested
    class Arguments {
        @Test
        void decorationsOfTcpUdpUnixAndPipe() {
            assertThat(parse("sockets-yy.strace", 666).args())
                    .startsWith("3<TCP:[127.0.0.1:33723]>, {sa_family=AF_INET");
            assertThat(parse("sockets-yy.strace", 666).result()).isEqualTo("5<TCP:[127.0.0.1:33723->127.0.0.1:43248]>");
            assertThat(parse("sockets-yy.strace", 675).args()).startsWith("6<UDP:[127.0.0.1:39703]>, \"x\"");
            assertThat(parse("sockets-yy.strace", 676).args())
                    .endsWith("[8<UNIX-STREAM:[132301->132302]>, 9<UNIX-STREAM:[132302->132301]>]");
            assertThat(parse("sockets-yy.strace", 681).args()).isEqualTo("[11<pipe:[132307]>, 12<pipe:[132307]>], O_CLOEXEC");
            assertThat(parse("sockets-yy.strace", 504).args()).isEqualTo("3<anon_inode:[eventpoll]>");
        }

        @Test
        void structsArraysBitsetsAndVarsComments() {
            Parsed sigaction = parse("f-tt-T-yy.strace", 33);
            assertThat(sigaction.args()).isEqualTo("SIGCHLD, {sa_handler=0x55e38813adc0, sa_mask=~[RTMIN RT_1], "
                    + "sa_flags=SA_RESTORER, sa_restorer=0x7fe1afb0e050}, NULL, 8");
            Parsed execve = parse("ts-none.strace", 1);
            assertThat(execve.args()).endsWith("/* 3 vars */");
            assertThat(execve.returnValue()).isZero();
        }

        @Test
        void dashXVerboseComments() {
            Parsed p = parse("X-verbose.strace", 3);
            assertThat(p.args()).isEqualTo("NULL, 8192, 0x3 /* PROT_READ|PROT_WRITE */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0");
            assertThat(p.returnValue()).isEqualTo(0x7f7a6865b000L);
        }

        @Test
        void dashVFullEnvironmentArray() {
            Parsed p = parse("v.strace", 1);
            assertThat(p.args()).isEqualTo("\"/usr/bin/sh\", [\"sh\", \"-c\", \"ls /nonexistent\"], "
                    + "[\"PATH=/usr/local/sbin:/usr/local/\"..., \"LANG=C.UTF-8\", \"HOME=/root\"]");
        }

        @Test
        void stringWithParenthesisAndEqualsInsideIsNotTheEnd() {
            Parsed p = Parsed.of("write(1, \") = 5 (x\", 9) = 9");
            assertThat(p.args()).isEqualTo("1, \") = 5 (x\", 9");
            assertThat(p.returnValue()).isEqualTo(9);
        }

        @Test
        void decorationWithParenthesisInPath() {
            Parsed p = Parsed.of("openat(3</srv/a) = (b>, \"x\", O_RDONLY) = -1 ENOENT (No such file or directory)");
            assertThat(p.args()).isEqualTo("3</srv/a) = (b>, \"x\", O_RDONLY");
            assertThat(p.errno()).isEqualTo("ENOENT");
        }

        @Test
        void unclosedDecorationIsPlainText() {
            // found by ParserFuzzTest: a '<' after a digit with no '>' made the scanner loop forever
            Parsed p = Parsed.of("openat(3<abc, \"x\", O_RDONLY) = 4");
            assertThat(p.shape()).isEqualTo(LineShape.SYSCALL);
            assertThat(p.args()).isEqualTo("3<abc, \"x\", O_RDONLY");
            assertThat(ArgumentScanner.argument(p.args().getBytes(), 0, p.args().length(), 2)).isPositive();
        }

        @Test
        void truncatedStringMark() {
            Parsed p = parse("escapes-s16.strace", 394);
            assertThat(p.args()).isEqualTo("1, \"quote\\\" backslash\"..., 70");
            assertThat(p.returnValue()).isEqualTo(70);
        }
    }

    @Nested
    class UnfinishedAndResumed {
        @Test
        void unfinished() {
            Parsed p = parse("threads-interleaved.strace", 531);
            assertThat(p.shape()).isEqualTo(LineShape.UNFINISHED);
            assertThat(p.pid()).isEqualTo(14847);
            assertThat(p.name()).isEqualTo("read");
            assertThat(p.args()).isEqualTo("3,");
        }

        @Test
        void resumed() {
            Parsed p = parse("threads-interleaved.strace", 569);
            assertThat(p.shape()).isEqualTo(LineShape.RESUMED);
            assertThat(p.pid()).isEqualTo(14846);
            assertThat(p.name()).isEqualTo("rt_sigprocmask");
            assertThat(p.args()).isEqualTo("NULL, 8");
            assertThat(p.durationNanos()).isEqualTo(27_000L);
        }

        @Test
        void detachedIsACallThatNeverReturns() {
            Parsed p = parse("detached.strace", 1);
            assertThat(p.shape()).isEqualTo(LineShape.UNFINISHED);
            assertThat(p.name()).isEqualTo("restart_syscall");
            assertThat(p.args()).isEqualTo("<... resuming interrupted read ...>");
        }

        @Test
        void attachMessageInsideAnUnfinishedCall() {
            // strace to a terminal: "vfork(strace: Process 14774 attached" and then " <unfinished ...>"
            Parsed p = parse("pid-bracket.strace", 53);
            assertThat(p.shape()).isEqualTo(LineShape.UNFINISHED);
            assertThat(p.name()).isEqualTo("vfork");
            assertThat(p.args()).isEmpty();
            Parsed tail = parse("pid-bracket.strace", 54);
            assertThat(tail.shape()).isEqualTo(LineShape.STRACE_MESSAGE);
        }
    }

    @Nested
    class NonSyscallLines {
        @Test
        void signal() {
            Parsed p = parse("crash.strace", 546);
            assertThat(p.shape()).isEqualTo(LineShape.SIGNAL);
            assertThat(p.pid()).isEqualTo(14868);
            assertThat(p.name()).isEqualTo("SIGSEGV");
            assertThat(p.args()).isEqualTo("{si_signo=SIGSEGV, si_code=SI_USER, si_pid=14868, si_uid=0}");
        }

        @Test
        void signalWithNestedComments() {
            Parsed p = parse("crash.strace", 549);
            assertThat(p.name()).isEqualTo("SIGCHLD");
            assertThat(p.args()).endsWith("si_utime=1 /* 0.01 s */, si_stime=1 /* 0.01 s */}");
        }

        @Test
        void exitedWithCode() {
            Parsed p = parse("crash.strace", 1050);
            assertThat(p.shape()).isEqualTo(LineShape.EXIT);
            assertThat(p.exitCode()).isEqualTo(3);
            assertThat(p.name()).isNull();
        }

        @Test
        void killedByWithCoreDumped() {
            Parsed p = parse("crash.strace", 547);
            assertThat(p.shape()).isEqualTo(LineShape.EXIT);
            assertThat(p.name()).isEqualTo("SIGSEGV");
            assertThat(p.coreDumped()).isTrue();
            Parsed term = parse("crash.strace", 1043);
            assertThat(term.name()).isEqualTo("SIGTERM");
            assertThat(term.coreDumped()).isFalse();
        }

        @Test
        void straceMessages() {
            Parsed attached = Parsed.of("strace: Process 31317 attached");
            assertThat(attached.shape()).isEqualTo(LineShape.STRACE_MESSAGE);
            assertThat(attached.pid()).isEqualTo(31317);
            assertThat(Parsed.of("strace: Process 31317 detached").pid()).isEqualTo(31317);
            assertThat(Parsed.of("[pid 14774] strace: Process 14775 attached").shape()).isEqualTo(LineShape.STRACE_MESSAGE);
            assertThat(Parsed.of("strace: [ Process PID=14767 runs in x32 mode. ]").shape()).isEqualTo(LineShape.STRACE_MESSAGE);
            assertThat(Parsed.of("14767 +++ superseded by execve in pid 14768 +++").shape()).isEqualTo(LineShape.STRACE_MESSAGE);
        }

        @Test
        void stackFrameOfDashK() {
            Parsed p = parse("k.strace", 2);
            assertThat(p.shape()).isEqualTo(LineShape.STACK_FRAME);
        }

        @Test
        void summaryTableOfDashC() {
            for (int i = 1; i <= 26; i++) {
                assertThat(parse("summary-c.strace", i).shape()).as("line %d", i).isEqualTo(LineShape.SUMMARY);
            }
        }

        @Test
        void summaryRowsAreNotMistakenForPidPrefixedLines() {
            Parsed row = parse("summary-c.strace", 3);
            assertThat(row.shape()).isEqualTo(LineShape.SUMMARY);
            assertThat(row.pid()).isZero();
        }

        @Test
        void garbageIsUnparsed() {
            assertThat(Parsed.of(") = 1").shape()).isEqualTo(LineShape.UNPARSED);
            assertThat(Parsed.of("").shape()).isEqualTo(LineShape.UNPARSED);
            assertThat(Parsed.of("hello world").shape()).isEqualTo(LineShape.UNPARSED);
            assertThat(Parsed.of("open(\"/x\"").shape()).isEqualTo(LineShape.UNPARSED);
        }
    }
}
