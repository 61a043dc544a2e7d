package dev.stracewb.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The private lab server that the integration tests run against (needs root; see {@link PrivateApache#assumeIt()}). */
class PrivateApacheTest {

    @BeforeEach
    void onlyAsIntegrationTest() {
        PrivateApache.assumeIt();
    }

    @Test
    void outageSiteFailsWhileHealthyCopyServes() throws Exception {
        try (PrivateApache apache = PrivateApache.start()) {
            assertThat(apache.get("/")).isEqualTo(500);
            assertThat(apache.get("/healthy/")).isEqualTo(200);
            assertThat(apache.get("/eacces.php")).isEqualTo(500);
            assertThat(apache.get("/readme.html")).isEqualTo(200);
            assertThat(apache.get("/missing.html")).isEqualTo(404);

            assertThat(apache.accessLog(5))
                    .extracting(PrivateApacheTest::requestAndStatus)
                    .containsExactly("GET / 500", "GET /healthy/ 200", "GET /eacces.php 500",
                            "GET /readme.html 200", "GET /missing.html 404");
            assertThat(Files.readString(apache.errorLog()))
                    .contains("Failed opening required '" + apache.docroot().resolve("wp-includes/version.phpp") + "'");
        }
    }

    @Test
    void startsFourWorkersRunningAsWwwDataUnderARootMaster() throws Exception {
        int wwwData = Integer.parseInt(new String(new ProcessBuilder("id", "-u", "www-data").start()
                .getInputStream().readAllBytes()).trim());
        try (PrivateApache apache = PrivateApache.start()) {
            assertThat(apache.port()).isPositive();
            assertThat(ProcessTable.uid(apache.masterPid())).contains(0);
            assertThat(apache.workerPids()).hasSizeGreaterThanOrEqualTo(4);
            for (long worker : apache.workerPids()) {
                assertThat(ProcessTable.uid(worker)).contains(wwwData);
                assertThat(ProcessTable.parentOf(worker)).contains(apache.masterPid());
                assertThat(ProcessTable.commandLine(worker).orElse("")).startsWith("apache2 -f " + apache.stateDir());
            }
            assertThat(apache.docroot().resolve("wp-includes/version.php")).isRegularFile();
            assertThat(apache.docroot().resolve("wp-includes/version.phpp")).doesNotExist();
        }
    }

    @Test
    void closeLeavesNoProcessAndNoStateBehind() throws Exception {
        List<Long> pids;
        PrivateApache apache = PrivateApache.start();
        try {
            assertThat(apache.get("/")).isEqualTo(500);
            pids = new ArrayList<>(apache.serverPids());
            assertThat(pids).contains(apache.masterPid()).containsAll(apache.workerPids());
        } finally {
            apache.close();
        }
        assertThat(pids).noneMatch(ProcessTable::isRunning);
        assertThat(apache.stateDir()).doesNotExist();
    }

    @Test
    void closeEndsAWorkerBlockedInAHang() throws Exception {
        List<Long> pids;
        PrivateApache apache = PrivateApache.start();
        try {
            assertThat(catchTimeout(() -> apache.get("/hang.php", java.time.Duration.ofMillis(700)))).isTrue();
            pids = new ArrayList<>(apache.serverPids());
        } finally {
            apache.close();
        }
        assertThat(pids).noneMatch(ProcessTable::isRunning);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static boolean catchTimeout(Call call) {
        try {
            call.run();
            return false;
        } catch (java.net.http.HttpTimeoutException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code GET / 500} from {@code 127.0.0.1 - - [date] "GET / HTTP/1.1" 500 - 1914 28580}. */
    private static String requestAndStatus(String accessLogLine) {
        String[] quoted = accessLogLine.split("\"");
        String[] request = quoted[1].split(" ");
        String status = quoted[2].trim().split(" ")[0];
        return request[0] + " " + request[1] + " " + status;
    }
}
