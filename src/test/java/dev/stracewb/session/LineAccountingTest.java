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
        return CoreFixtures.allTraces().stream();
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void recordedFixturesHaveNoUnparsedLinesButTheTerminalOne(Path fixture) throws SourceException {
        TraceSession s = CoreFixtures.load(Sources.open(fixture.toString()));
        // pid-bracket.strace is strace writing to a terminal shared with the traced program's own stderr
        long allowed = fixture.getFileName().toString().equals("pid-bracket.strace") ? 4 : 0;
        assertThat(s.accounting().unparsedLines()).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffSets")
    void ffSetLinesAreCountedOnce(String dir) throws Exception {
        TraceSession s = CoreFixtures.load(Sources.open(CoreFixtures.path(dir).toString()));
        long lines = 0;
        for (Path f : dev.stracewb.source.FfSets.inDirectory(CoreFixtures.path(dir))) {
            lines += CoreFixtures.lines(f).size();
        }
        assertThat(s.accounting().lines()).isEqualTo(lines);
        assertThat(s.accounting().balanced()).isTrue();
        assertThat(s.accounting().unparsedLines()).isZero();
    }

    static List<String> ffSets() {
        return List.of("ff-sh");
    }
}
