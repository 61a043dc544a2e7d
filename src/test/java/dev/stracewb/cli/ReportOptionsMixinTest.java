package dev.stracewb.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportOptionsMixinTest {

    @Test
    void straceOptionsLeaveOutTheOutputFileTheTraceesAndTheCommand() {
        assertThat(ReportOptionsMixin.straceOptions(List.of("-f", "-tt", "-T", "-yy", "-s", "256", "-o",
                "/tmp/t.strace", "-p", "1921", "-p", "1926"))).isEqualTo("-f -tt -T -yy -s 256");
        assertThat(ReportOptionsMixin.straceOptions(List.of("-f", "--seccomp-bpf", "-o", "/tmp/t", "--", "php",
                "-S", "127.0.0.1:8080"))).isEqualTo("-f --seccomp-bpf");
    }

    @Test
    void mixinAddsReportAndNoRedactToACommand() {
        @CommandLine.Command(name = "probe")
        class Probe implements Runnable {
            @CommandLine.Mixin
            ReportOptionsMixin report;

            @Override
            public void run() {
            }
        }
        Probe probe = new Probe();

        new CommandLine(probe).parseArgs("--report", "out.html", "--no-redact");

        assertThat(probe.report.requested()).isTrue();
        assertThat(probe.report.file()).isEqualTo(Path.of("out.html"));
        assertThat(probe.report.redact()).isFalse();
    }
}
