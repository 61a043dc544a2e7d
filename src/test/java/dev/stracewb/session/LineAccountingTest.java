package dev.stracewb.session;

import dev.stracewb.source.SourceException;
import dev.stracewb.source.Sources;
import dev.stracewb.testsupport.CoreFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every input line is counted exactly once, on every recorded fixture. */
class LineAccountingTest {

    static Stream<Path> fixtures() {
        return CoreFixtures.allRecordedTraces().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyLineIsCountedOnce(Path fixture) throws SourceException {
        TraceSession s = CoreFixtures.load(Sources.open(fixture.toString()));
        LineAccounting acc = s.accounting();
        long fileLines = CoreFixtures.lines(fixture).size();
        assertThat(acc.lines()).isEqualTo(fileLines);
        assertThat(acc.balanced()).as("%s", acc).isTrue();
        // rows: one per event line and per non-event or unparsed line; resumed lines join their call's row
        assertThat((long) s.store().size()).isEqualTo(acc.eventLines() + acc.nonEventLines() + acc.unparsedLines());
        long stitchedSpan = 0;
        for (int r = 0; r < s.store().size(); r++) {
            if (s.store().lastLine(r) != s.store().firstLine(r)) {
                stitchedSpan++;
            }
        }
        assertThat(stitchedSpan).isEqualTo(acc.resumedLines());
    }

    /**
     * Every recorded trace is read completely, the terminal forms included (strace's own messages and the traced
     * program's output breaking call lines in pid-bracket.strace, stderr-f-pid-prefix.strace and
     * strace-messages.strace).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void recordedFixturesHaveNoUnparsedLines(Path fixture) throws SourceException {
        TraceSession s = CoreFixtures.load(Sources.open(fixture.toString()));
        assertThat(s.accounting().unparsedLines()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffSets")
    void ffSetLinesAreCountedOnce(String dir) throws Exception {
        Path set = CoreFixtures.labFixture(dir);
        TraceSession s = CoreFixtures.load(Sources.open(set.toString()));
        long lines = 0;
        for (Path f : dev.stracewb.source.FfSets.inDirectory(set)) {
            lines += CoreFixtures.lines(f).size();
        }
        assertThat(s.accounting().lines()).isEqualTo(lines);
        assertThat(s.accounting().balanced()).isTrue();
        assertThat(s.accounting().unparsedLines()).isZero();
    }

    static List<String> ffSets() {
        return List.of("core/ff-sh", "ff-php-cli");
    }
}
