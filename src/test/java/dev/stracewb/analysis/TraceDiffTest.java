package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceDiffTest {

    @Test
    void healthyVersusOutagePutsThePhppFirst() {
        TraceSession good = Traces.fixtureSession("apache-prefork-healthy.strace");
        TraceSession bad = Traces.fixtureSession("apache-prefork-outage.strace");

        TraceDiff d = TraceDiff.of(good.name(), good.findings(), good.syscallTable(), bad.name(), bad.findings(),
                bad.syscallTable());

        assertThat(d.culprit().path()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.phpp");
        assertThat(d.newFailures().get(0).path()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.phpp");
        assertThat(d.newFailures().get(0).count()).isEqualTo(60);
        assertThat(d.newFailures().get(0).suggestion()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.php");
        assertThat(d.statusesBefore()).containsExactly(java.util.Map.entry("200", 20));
        assertThat(d.statusesAfter()).containsExactly(java.util.Map.entry("500", 20));
        assertThat(d.errorsRose()).extracting(TraceDiff.ErrorRise::syscall).contains("newfstatat");
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void aTraceComparedWithItselfHasNoDifference() {
        TraceSession a = Traces.fixtureSession("apache-prefork-outage.strace");

        TraceDiff d = TraceDiff.of(a.name(), a.findings(), a.syscallTable(), a.name(), a.findings(), a.syscallTable());

        assertThat(d.isEmpty()).isTrue();
        assertThat(d.culprit()).isNull();
    }
}
