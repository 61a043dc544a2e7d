package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests, hangs, processes and "did you mean" on the traces recorded from the real lab (src/test/scripts/record-fixtures.sh). */
class RecordedTracesTest {

    @Test
    void outageHasTwentyRequestsAllFailingWith500OnThePhppInclude() {
        TraceSession s = Traces.fixtureSession("apache-prefork-outage.strace");
        Findings f = s.findings();

        assertThat(f.requests()).hasSize(20);
        assertThat(f.requests()).allSatisfy(r -> {
            assertThat(r.title()).isEqualTo("GET /");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.failures()).containsExactly("/tmp/stracewb-lab/www/wp-includes/version.phpp");
            assertThat(r.connection()).startsWith("127.0.0.1:");
            assertThat(r.durationMs()).isPositive().isLessThan(1000);
        });
        assertThat(f.requestSummary().text()).isEqualTo(
                "20 requests: 20 × 500 GET /; every 500 failed to open /…/wp-includes/version.phpp");
        assertThat(f.requestSummary().culprit()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.phpp");
    }

    @Test
    void outageSuggestsVersionPhpForVersionPhpp() {
        Findings f = Traces.fixtureSession("apache-prefork-outage.strace").findings();
        Suggestion s = f.suggestions().get("/tmp/stracewb-lab/www/wp-includes/version.phpp");

        assertThat(s.suggestion()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.php");
        // "disk" when the lab's docroot is on this machine now, else taken from the trace's own opens
        assertThat(s.source()).isIn("disk", "trace");
        assertThat(s.distance()).isEqualTo(1);
    }

    @Test
    void healthySiteHasNoUnexpectedFailureNoHangAndTwentyOks() {
        Findings f = Traces.fixtureSession("apache-prefork-healthy.strace").findings();

        assertThat(f.failures()).allMatch(FailureGroup::isExpected);
        assertThat(f.requests()).hasSize(20).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.failures()).isEmpty();
            assertThat(r.hangRows()).isEmpty();
        });
        assertThat(f.realHangs()).isEmpty();
        assertThat(f.suggestions()).isEmpty();
        assertThat(f.requestSummary().text()).isEqualTo("20 requests: 20 × 200 GET /healthy/");
    }

    @Test
    void eaccesRequestsFailOnTheUnreadableInclude() {
        Findings f = Traces.fixtureSession("apache-prefork-eacces.strace").findings();

        assertThat(f.requests()).hasSize(5).allSatisfy(r -> {
            assertThat(r.title()).isEqualTo("GET /eacces.php");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.failures()).containsExactly("/tmp/stracewb-lab/www/wp-content/object-cache.php");
        });
        FailureGroup first = f.failures().get(0);
        assertThat(first.path()).isEqualTo("/tmp/stracewb-lab/www/wp-content/object-cache.php");
        assertThat(first.mainErrno()).isEqualTo("EACCES");
        // the file is there, it is unreadable: nothing to suggest
        assertThat(f.suggestions()).doesNotContainKey(first.path());
    }

    @Test
    void udpHangIsTheUnfinishedRecvfromWaitingOnTheResolverInsideTheRequest() {
        Findings f = Traces.fixtureSession("apache-prefork-hang-udp.strace").findings();
        List<Hang> hangs = f.realHangs();

        assertThat(hangs).hasSize(1);
        Hang h = hangs.get(0);
        assertThat(h.syscall()).isEqualTo("recvfrom");
        assertThat(h.pid()).isEqualTo(f.requests().get(h.request()).pid());
        assertThat(h.target()).isEqualTo("127.0.0.1:18081");
        assertThat(h.unfinished()).isTrue();
        assertThat(h.reason()).isEqualTo("unfinished at end of trace");
        assertThat(h.requestTitle()).isEqualTo("GET /hang.php");
        assertThat(h.blockedMs()).isGreaterThan(3000);
        assertThat(Traces.fixtureSession("apache-prefork-hang-udp.strace").store().raw().line(h.firstLine()))
                .contains("recvfrom(").endsWith("<unfinished ...>");
        Request r = f.requests().get(h.request());
        assertThat(r.status()).isNull();
        assertThat(r.end()).isEqualTo("open");
        assertThat(r.hangRows()).containsExactly(h.row());
        // idle workers in accept4 and the master's pselect6 are idle waits, not hangs
        assertThat(f.idleWaits()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void tcpHangIsTheUnfinishedPollOnTheConnectedAuthServer() {
        Findings f = Traces.fixtureSession("apache-prefork-hang-tcp.strace").findings();
        List<Hang> hangs = f.realHangs();

        assertThat(hangs).hasSize(1);
        assertThat(hangs.get(0).syscall()).isEqualTo("poll");
        assertThat(hangs.get(0).target()).isEqualTo("127.0.0.1:18081");
        assertThat(hangs.get(0).requestTitle()).isEqualTo("GET /hang-tcp.php");
    }

    @Test
    void crashedWorkerIsKilledBySigsegvInTheProcessTreeAndItsRequestGotNoResponse() {
        Findings f = Traces.fixtureSession("apache-prefork-crash.strace").findings();
        Map<Integer, ProcessNode> byPid = f.processes().stream()
                .collect(Collectors.toMap(ProcessNode::pid, Function.identity()));

        ProcessNode worker = f.processes().stream().filter(p -> p.signal() != null).findFirst().orElseThrow();
        assertThat(worker.signal()).isEqualTo("SIGSEGV");
        assertThat(worker.crashed()).isTrue();
        assertThat(worker.outcome()).isEqualTo("killed by SIGSEGV");
        assertThat(worker.signals()).containsEntry("SIGSEGV", 2);
        // the master forks a replacement
        ProcessNode master = f.processes().stream().filter(p -> !p.children().isEmpty()).findFirst().orElseThrow();
        int replacement = master.children().get(0);
        assertThat(byPid.get(replacement).ppid()).isEqualTo(master.pid());
        assertThat(f.requests().get(0).pid()).isEqualTo(worker.pid());
        assertThat(f.requests()).extracting(Request::title, Request::status, Request::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET /crash.php", null, "killed by SIGSEGV"),
                org.assertj.core.groups.Tuple.tuple("GET /readme.html", 200, "response"));
    }

    @Test
    void nginxAndPhpFpmRequestsAreLinkedAndCarryThePhppFailure() {
        Findings f = Traces.fixtureSession("nginx-fpm-outage.strace").findings();
        List<Request> http = f.requests().stream().filter(r -> r.protocol().equals("http")).toList();
        List<Request> fpm = f.requests().stream().filter(r -> r.protocol().equals("fastcgi")).toList();

        assertThat(http).hasSize(20);
        assertThat(fpm).hasSize(20);
        assertThat(fpm).allSatisfy(r -> {
            assertThat(r.title()).isEqualTo("GET /");
            assertThat(r.connection()).isEqualTo("/tmp/stracewb-lab/run/php-fpm.sock");
            // -s 256 cuts php-fpm's Status: header off; the status comes from nginx's response
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.statusSource()).isEqualTo("upstream");
            assertThat(r.failures()).contains("/tmp/stracewb-lab/www/wp-includes/version.phpp");
            assertThat(f.requests().get(r.linked()).protocol()).isEqualTo("http");
        });
        assertThat(http).allSatisfy(r -> assertThat(r.failures())
                .contains("/tmp/stracewb-lab/www/wp-includes/version.phpp"));
        assertThat(f.requestSummary().text()).isEqualTo(
                "20 requests: 20 × 500 GET /; every 500 failed to open /…/wp-includes/version.phpp");
        // php-fpm's .user.ini lookups are a normal miss
        assertThat(f.failures().stream().filter(g -> g.path().endsWith("/.user.ini")))
                .allMatch(g -> "php-user-ini".equals(g.expected()));
    }

    @Test
    void eventMpmThreadsServeSixtyInterleavedRequests() {
        Findings f = Traces.fixtureSession("threads-interleaved.strace").findings();

        assertThat(f.requests()).hasSize(60);
        Map<String, Long> mix = f.requests().stream()
                .collect(Collectors.groupingBy(r -> r.status() + " " + r.title(), Collectors.counting()));
        assertThat(mix).containsExactlyInAnyOrderEntriesOf(Map.of("200 GET /readme.html", 40L, "500 GET /", 20L));
        assertThat(f.requests().stream().map(Request::pid).distinct().count()).isGreaterThan(1);
        assertThat(f.requests()).allSatisfy(r -> assertThat(r.end()).isEqualTo("response"));
    }

    @Test
    void keepAliveFixtureHasTwoRequestsOnOneConnection() {
        Findings f = Traces.fixtureSession("analysis/keepalive.strace").findings();

        assertThat(f.requests()).extracting(Request::title, Request::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET /readme.html", 200),
                org.assertj.core.groups.Tuple.tuple("GET /missing.html", 404));
        assertThat(f.requests().get(0).connection()).isEqualTo(f.requests().get(1).connection());
        assertThat(f.requests().get(1).failures()).containsExactly("/tmp/stracewb-analysis-lab/www/missing.html");
    }
}
