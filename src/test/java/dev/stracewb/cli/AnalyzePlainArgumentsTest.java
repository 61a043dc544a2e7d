package dev.stracewb.cli;

import dev.stracewb.testsupport.CoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze [--json] FILE...} runs without picocli (AnalyzeCommand.runPlain): it must print and exit exactly
 * as the picocli command does, and leave every other form of the arguments to picocli.
 */
class AnalyzePlainArgumentsTest {

    private static final String OUTAGE = CoreFixtures.path("apache-outage.strace").toString();

    private static CliRun plain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AnalyzeCommand.runPlain(args, () -> new PrintWriter(out), () -> new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    private static void sameAsPicocli(String... args) {
        CliRun viaPicocli = CliRun.of(args);
        CliRun viaPlain = plain(args);
        assertThat(viaPlain).isEqualTo(viaPicocli);
    }

    @Test
    void jsonOfTheOutageIsTheSameAsPicocliPrints() {
        sameAsPicocli("analyze", "--json", OUTAGE);
        sameAsPicocli("analyze", OUTAGE, "--json");
    }

    @Test
    void humanOutputAndTwoFilesAreTheSameAsPicocliPrints() {
        sameAsPicocli("analyze", OUTAGE);
        sameAsPicocli("analyze", "--json", OUTAGE, CoreFixtures.path("apache-outage.strace").toString());
    }

    @Test
    void inputsItCannotUseFailAsPicocliFails(@TempDir Path tmp) throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.strace"));
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a trace\nat all\n");
        sameAsPicocli("analyze", "--json", tmp.resolve("missing.strace").toString());
        sameAsPicocli("analyze", "--json", tmp.toString());
        sameAsPicocli("analyze", "--json", empty.toString());
        sameAsPicocli("analyze", text.toString());
        assertThat(plain("analyze", "--json", tmp.resolve("missing.strace").toString()).exitCode()).isPositive();
    }

    @Test
    void everyOtherFormIsLeftToPicocli() {
        assertThat(plain("analyze", "--json", "--json", OUTAGE).exitCode()).isEqualTo(-1);
        assertThat(plain("analyze", "--top", "5", OUTAGE).exitCode()).isEqualTo(-1);
        assertThat(plain("analyze", "-").exitCode()).isEqualTo(-1);
        assertThat(plain("analyze", "--", OUTAGE).exitCode()).isEqualTo(-1);
        assertThat(plain("analyze", "@args.txt").exitCode()).isEqualTo(-1);
        assertThat(plain("analyze", "--json").exitCode()).isEqualTo(-1);
        assertThat(plain("analyze", "--help").exitCode()).isEqualTo(-1);
        assertThat(plain("diff", OUTAGE, OUTAGE).exitCode()).isEqualTo(-1);
        assertThat(plain("analyze").exitCode()).isEqualTo(-1);
    }
}
