package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import dev.stracewb.source.StreamLineSource;
import org.junit.jupiter.api.Test;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** While a capture runs, the call a worker is blocked in shows as a hang of its request before it ends. */
class LiveHangTest {

    @Test
    void callBlockedNowInARunningCaptureIsAStillBlockedHangOfItsRequest() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed, 1 << 16);
        try (TraceSession s = TraceSession.of(new StreamLineSource("live", in))) {
            s.start();
            String c = "9<TCP:[127.0.0.1:80->127.0.0.1:5000]>";
            feed.write(String.join("\n",
                    "100 10:00:00.000000 read(" + c + ", \"GET /hang.php HTTP/1.1\\r\\n\\r\\n\", 8000) = 28 <0.000010>",
                    "100 10:00:00.001000 connect(12<TCP:[58854]>, {sa_family=AF_INET, sin_port=htons(9999), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0 <0.000010>",
                    "100 10:00:00.002000 recvfrom(12<TCP:[58854]>,  <unfinished ...>",
                    "101 10:00:03.002000 getpid() = 101 <0.000010>", "").getBytes(StandardCharsets.UTF_8));
            feed.flush();
            List<Hang> hangs = List.of();
            for (int i = 0; i < 200 && hangs.isEmpty(); i++) {
                Thread.sleep(25);
                hangs = s.findings().realHangs();
            }

            assertThat(s.isFinished()).isFalse();
            assertThat(hangs).hasSize(1);
            Hang h = hangs.get(0);
            assertThat(h.reason()).isEqualTo("still blocked");
            assertThat(h.syscall()).isEqualTo("recvfrom");
            assertThat(h.target()).isEqualTo("127.0.0.1:9999");
            assertThat(h.requestTitle()).isEqualTo("GET /hang.php");
            assertThat(h.blockedMs()).isEqualTo(3000.01);
            feed.close();
        }
    }
}
