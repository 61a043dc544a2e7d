package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    @Test
    void extensionTypoIsOneEditAway() {
        assertThat(NameDistance.nearness("version.phpp", "version.php")).isEqualTo(1);
        assertThat(NameDistance.nearness("verison.php", "version.php")).isEqualTo(1);
        assertThat(NameDistance.nearness("Version.php", "version.php")).isZero();
        assertThat(NameDistance.nearness("version.phpp", "functions.php")).isEqualTo(-1);
        assertThat(NameDistance.nearness("a.js", "b.css")).isEqualTo(-1);
    }

    @Test
    void sameStemWinsATie() {
        assertThat(Suggestions.best("load.phpp", List.of("road.php", "load.php", "loads.phpp"))).isEqualTo("load.php");
    }

    private static String[] traceOpening(Path dir) {
        return new String[] {
                "100 10:00:00.000000 openat(AT_FDCWD</>, \"" + dir + "/load.php\", O_RDONLY) = 3<" + dir + "/load.php> <0.000010>",
                "100 10:00:00.001000 openat(AT_FDCWD</>, \"" + dir + "/version.phpp\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>",
                "100 10:00:00.002000 openat(AT_FDCWD</>, \"" + dir + "/version.php\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>"};
    }

    @Test
    void fileOnDiskIsSuggestedWhenTheTraceWasRecordedHere(@TempDir Path www) throws Exception {
        Files.writeString(www.resolve("load.php"), "<?php");
        Files.writeString(www.resolve("version.php"), "<?php $v = 1;");
        TraceSession s = Traces.text(traceOpening(www));

        Map<String, Suggestion> got = s.suggestions();
        Suggestion sug = got.get(www + "/version.phpp");
        assertThat(sug.suggestion()).isEqualTo(www + "/version.php");
        assertThat(sug.source()).isEqualTo("disk");
    }

    @Test
    void pathsTheTraceOpenedAreSuggestedWhenTheDirectoryIsNotHere() {
        Path gone = Path.of("/nonexistent-stracewb-test/www");
        TraceSession s = Traces.text(
                "100 10:00:00.000000 openat(AT_FDCWD</>, \"" + gone + "/version.php\", O_RDONLY) = 3 <0.000010>",
                "100 10:00:00.001000 openat(AT_FDCWD</>, \"" + gone + "/version.phpp\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>");

        Suggestion sug = s.suggestions().get(gone + "/version.phpp");
        assertThat(sug.suggestion()).isEqualTo(gone + "/version.php");
        assertThat(sug.source()).isEqualTo("trace");
    }

    @Test
    void nothingNearGivesNoSuggestion() {
        TraceSession s = Traces.text(
                "100 10:00:00.001000 openat(AT_FDCWD</>, \"/nonexistent-stracewb-test/x/config.yaml\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>");

        Suggestion sug = s.suggestions().get("/nonexistent-stracewb-test/x/config.yaml");
        assertThat(sug.suggestion()).isNull();
        assertThat(sug.source()).isNull();
    }

    @Test
    void extensionThatNoDocrootFileHasIsFlagged(@TempDir Path www) throws Exception {
        Files.writeString(www.resolve("load.php"), "<?php");
        TraceSession s = Traces.text(new AnalysisOptions(HangCollector.DEFAULT_SLOW_NANOS, www), traceOpening(www));
        Findings f = s.findings();

        assertThat(f.suggestions().get(www + "/version.phpp").extensionInDocroot()).isFalse();
        assertThat(f.suggestions().get(www + "/version.php").extensionInDocroot()).isTrue();
        assertThat(f.references().extensions()).isEqualTo(Set.of("php"));
    }
}
