package dev.stracewb.analysis;

import dev.stracewb.session.TraceSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The request state machine on small handwritten traces in strace's own format (-f -tt -T -yy). */
class RequestTrackerTest {
    private static final String C = "9<TCP:[127.0.0.1:80->10.0.0.7:5000]>";

    @Test
    void keepAliveConnectionCarriesTwoRequestsEachWithItsStatusAndFailures() {
        TraceSession s = Traces.text(
                "100 10:00:00.000000 accept4(3<TCP:[127.0.0.1:80]>, {sa_family=AF_INET, sin_port=htons(5000), sin_addr=inet_addr(\"10.0.0.7\")}, [128 => 16], SOCK_CLOEXEC) = " + C + " <0.000010>",
                "100 10:00:00.001000 read(" + C + ", \"GET /a HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n\", 8000) = 28 <0.000010>",
                "100 10:00:00.002000 openat(AT_FDCWD</var/www>, \"/var/www/a.phpp\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>",
                "100 10:00:00.003000 writev(" + C + ", [{iov_base=\"HTTP/1.1 500 Internal Server Error\\r\\n\\r\\n\", iov_len=38}], 1) = 38 <0.000010>",
                "100 10:00:00.004000 poll([{fd=" + C + ", events=POLLIN}], 1, 5000) = 1 ([{fd=9, revents=POLLIN}]) <1.500000>",
                "100 10:00:01.504000 read(" + C + ", \"GET /b HTTP/1.1\\r\\n\\r\\n\", 8000) = 19 <0.000010>",
                "100 10:00:01.505000 writev(" + C + ", [{iov_base=\"HTTP/1.1 200 OK\\r\\n\\r\\n\", iov_len=19}], 1) = 19 <0.000010>",
                "100 10:00:01.506000 close(" + C + ") = 0 <0.000010>");
        List<Request> requests = s.requests();

        assertThat(requests).extracting(Request::uri).containsExactly("/a", "/b");
        assertThat(requests).extracting(Request::status).containsExactly(500, 200);
        assertThat(requests.get(0).failures()).containsExactly("/var/www/a.phpp");
        assertThat(requests.get(1).failures()).isEmpty();
        assertThat(requests.get(0).connection()).isEqualTo("10.0.0.7:5000");
        assertThat(requests.get(0).firstLine()).isEqualTo(2);
        assertThat(requests.get(0).lastLine()).isEqualTo(4);
        assertThat(requests.get(0).durationMs()).isEqualTo(2.01);
        assertThat(requests.get(1).end()).isEqualTo("response");
    }

    @Test
    void withDashYAConnectionIsItsSocketInodeAndTheClientComesFromAccept() {
        String c = "9<socket:[4370962]>";
        TraceSession s = Traces.text(
                "100 10:00:00.000000 accept4(3<socket:[3480116]>, {sa_family=AF_INET, sin_port=htons(32810), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16], SOCK_CLOEXEC) = " + c + " <0.000010>",
                "100 10:00:00.001000 read(" + c + ", \"GET / HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n\", 8000) = 26 <0.000010>",
                "100 10:00:00.002000 newfstatat(AT_FDCWD</srv>, \"/srv/wp-includes/version.phpp\", 0x7ffc, 0) = -1 ENOENT (No such file or directory) <0.000010>",
                "100 10:00:00.003000 writev(" + c + ", [{iov_base=\"HTTP/1.0 500 Internal Server Error\\r\\n\\r\\n\", iov_len=38}], 1) = 38 <0.000010>",
                "100 10:00:00.004000 close(" + c + ") = 0 <0.000010>");
        List<Request> requests = s.requests();

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).status()).isEqualTo(500);
        assertThat(requests.get(0).connection()).isEqualTo("127.0.0.1:32810");
        assertThat(requests.get(0).failures()).containsExactly("/srv/wp-includes/version.phpp");
    }

    @Test
    void keepAliveWaitBetweenRequestsIsIdleNotAHang() {
        TraceSession s = Traces.text(
                "100 10:00:00.001000 read(" + C + ", \"GET /a HTTP/1.1\\r\\n\\r\\n\", 8000) = 19 <0.000010>",
                "100 10:00:00.003000 writev(" + C + ", [{iov_base=\"HTTP/1.1 200 OK\\r\\n\\r\\n\", iov_len=19}], 1) = 19 <0.000010>",
                "100 10:00:00.004000 poll([{fd=" + C + ", events=POLLIN}], 1, 5000) = 0 (Timeout) <2.000000>",
                "100 10:00:02.004000 close(" + C + ") = 0 <0.000010>");
        List<Hang> hangs = s.hangs();

        assertThat(hangs).hasSize(1);
        assertThat(hangs.get(0).idle()).isTrue();
        assertThat(hangs.get(0).request()).isEqualTo(-1);
        assertThat(s.requests().get(0).hangRows()).isEmpty();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        TraceSession s = Traces.text(
                "100 10:00:00.001000 read(" + C + ", \"GET /1 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\nGET /2 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n\", 8000) = 56 <0.000010>",
                "100 10:00:00.002000 writev(" + C + ", [{iov_base=\"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\n\", iov_len=38}, {iov_base=\"ok\", iov_len=2}], 2) = 40 <0.000010>",
                "100 10:00:00.003000 write(" + C + ", \"HTTP/1.1 404 Not Found\\r\\n\\r\\n\", 26) = 26 <0.000010>",
                "100 10:00:00.004000 close(" + C + ") = 0 <0.000010>");
        List<Request> requests = s.requests();

        assertThat(requests).extracting(Request::uri).containsExactly("/1", "/2");
        assertThat(requests).extracting(Request::status).containsExactly(200, 404);
        assertThat(requests).extracting(Request::firstLine).containsExactly(1L, 1L);
    }

    @Test
    void interleavedThreadsKeepTheirRequestsAndFailuresApart() {
        String c1 = "10<TCP:[127.0.0.1:80->127.0.0.1:6000]>";
        String c2 = "11<TCP:[127.0.0.1:80->127.0.0.1:6001]>";
        TraceSession s = Traces.text(
                "200 10:00:00.000000 accept4(3<TCP:[127.0.0.1:80]>, {sa_family=AF_INET, sin_port=htons(6000), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16], SOCK_CLOEXEC) = " + c1 + " <0.000010>",
                "200 10:00:00.000100 accept4(3<TCP:[127.0.0.1:80]>, {sa_family=AF_INET, sin_port=htons(6001), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16], SOCK_CLOEXEC) = " + c2 + " <0.000010>",
                "201 10:00:00.000200 read(" + c1 + ",  <unfinished ...>",
                "202 10:00:00.000300 read(" + c2 + ",  <unfinished ...>",
                "201 10:00:00.000400 <... read resumed>\"GET /one HTTP/1.1\\r\\n\\r\\n\", 8000) = 21 <0.000200>",
                "202 10:00:00.000500 <... read resumed>\"POST /two HTTP/1.1\\r\\n\\r\\n\", 8000) = 22 <0.000200>",
                "202 10:00:00.000600 openat(AT_FDCWD</srv>, \"/srv/two.cfg\", O_RDONLY) = -1 EACCES (Permission denied) <0.000010>",
                "201 10:00:00.000700 writev(" + c1 + ", [{iov_base=\"HTTP/1.1 200 OK\\r\\n\\r\\n\", iov_len=19}], 1 <unfinished ...>",
                "202 10:00:00.000800 writev(" + c2 + ", [{iov_base=\"HTTP/1.1 403 Forbidden\\r\\n\\r\\n\", iov_len=26}], 1 <unfinished ...>",
                "201 10:00:00.000900 <... writev resumed>) = 19 <0.000200>",
                "202 10:00:00.001000 <... writev resumed>) = 26 <0.000200>",
                "201 10:00:00.001100 close(" + c1 + ") = 0 <0.000010>",
                "202 10:00:00.001200 close(" + c2 + ") = 0 <0.000010>");
        List<Request> requests = s.requests();

        assertThat(requests).extracting(Request::title).containsExactly("GET /one", "POST /two");
        assertThat(requests).extracting(Request::pid).containsExactly(201, 202);
        assertThat(requests).extracting(Request::status).containsExactly(200, 403);
        assertThat(requests).extracting(Request::connection).containsExactly("127.0.0.1:6000", "127.0.0.1:6001");
        assertThat(requests.get(0).failures()).isEmpty();
        assertThat(requests.get(1).failures()).containsExactly("/srv/two.cfg");
        assertThat(requests.get(0).firstLine()).isEqualTo(3);
        assertThat(requests.get(0).lastLine()).isEqualTo(10);
    }

    @Test
    void fastCgiParamsGiveMethodUriAndScriptAndStatusHeaderGivesStatus() {
        String fpm = "4<UNIX-STREAM:[101->102,\"/run/php-fpm.sock\"]>";
        TraceSession s = Traces.text(
                "300 10:00:00.000000 accept(5<UNIX-STREAM:[100,\"/run/php-fpm.sock\"]>, {sa_family=AF_UNIX}, [112 => 2]) = " + fpm + " <0.100000>",
                "300 10:00:00.000100 read(" + fpm + ", \"\\1\\1\\0\\1\\0\\10\\0\\0\", 8) = 8 <0.000010>",
                "300 10:00:00.000200 read(" + fpm + ", \"\\0\\1\\0\\0\\0\\0\\0\\0\", 8) = 8 <0.000010>",
                "300 10:00:00.000300 read(" + fpm + ", \"\\1\\4\\0\\1\\0Z\\0\\0\", 8) = 8 <0.000010>",
                "300 10:00:00.000400 read(" + fpm + ", \"\\16\\4REQUEST_METHODPOST\\v\\6REQUEST_URI/login\\17\\22SCRIPT_FILENAME/var/www/login.php\", 90) = 90 <0.000010>",
                "300 10:00:00.000500 openat(AT_FDCWD</>, \"/var/www/wp-config.phpp\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>",
                "300 10:00:00.000600 write(" + fpm + ", \"\\1\\6\\0\\1\\0@\\0\\0Status: 404 Not Found\\r\\nContent-type: text/html\\r\\n\\r\\n\", 72) = 72 <0.000010>",
                "300 10:00:00.000700 write(" + fpm + ", \"\\1\\3\\0\\1\\0\\10\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", 16) = 16 <0.000010>",
                "300 10:00:00.000800 close(" + fpm + ") = 0 <0.000010>");
        Request r = s.requests().get(0);

        assertThat(r.protocol()).isEqualTo("fastcgi");
        assertThat(r.title()).isEqualTo("POST /login");
        assertThat(r.scriptFilename()).isEqualTo("/var/www/login.php");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.statusSource()).isEqualTo("header");
        assertThat(r.connection()).isEqualTo("/run/php-fpm.sock");
        assertThat(r.failures()).containsExactly("/var/www/wp-config.phpp");
        assertThat(r.end()).isEqualTo("response");
    }

    @Test
    void fastCgiOutputWithoutStatusHeaderIs200() {
        String fpm = "4<UNIX-STREAM:[101->102,\"/run/php-fpm.sock\"]>";
        TraceSession s = Traces.text(
                "300 10:00:00.000100 read(" + fpm + ", \"\\1\\1\\0\\1\\0\\10\\0\\0\", 8) = 8 <0.000010>",
                "300 10:00:00.000400 read(" + fpm + ", \"\\1\\4\\0\\1\\0\\31\\0\\0\\16\\3REQUEST_METHODGET\", 90) = 25 <0.000010>",
                "300 10:00:00.000600 write(" + fpm + ", \"\\1\\6\\0\\1\\0\\33\\0\\0Content-type: text/html\\r\\n\\r\\nhi\", 35) = 35 <0.000010>",
                "300 10:00:00.000800 close(" + fpm + ") = 0 <0.000010>");
        Request r = s.requests().get(0);

        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.statusSource()).isEqualTo("default");
    }

    @Test
    void withoutFdDecorationsTheConnectionIsKnownByPidAndFd() {
        TraceSession s = Traces.text(
                "100 10:00:00.000000 accept4(3, {sa_family=AF_INET, sin_port=htons(5000), sin_addr=inet_addr(\"10.0.0.7\")}, [128 => 16], SOCK_CLOEXEC) = 9 <0.000010>",
                "100 10:00:00.001000 read(9, \"GET /old HTTP/1.0\\r\\n\\r\\n\", 8000) = 21 <0.000010>",
                "100 10:00:00.002000 write(9, \"HTTP/1.0 302 Found\\r\\n\\r\\n\", 22) = 22 <0.000010>",
                "100 10:00:00.003000 close(9) = 0 <0.000010>");
        Request r = s.requests().get(0);

        assertThat(r.title()).isEqualTo("GET /old");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.connection()).isEqualTo("10.0.0.7:5000");
    }

    @Test
    void workerKilledMidRequestEndsItWithTheSignal() {
        TraceSession s = Traces.text(
                "100 10:00:00.001000 read(" + C + ", \"GET /crash.php HTTP/1.1\\r\\n\\r\\n\", 8000) = 28 <0.000010>",
                "100 10:00:00.002000 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
                "100 10:00:00.003000 +++ killed by SIGSEGV (core dumped) +++");
        Request r = s.requests().get(0);

        assertThat(r.status()).isNull();
        assertThat(r.end()).isEqualTo("killed by SIGSEGV");
        assertThat(r.lastLine()).isEqualTo(3);
        assertThat(r.durationMs()).isEqualTo(2.0);
    }

    @Test
    void requestStillOpenAtTheEndOwnsTheCallThatNeverReturned() {
        TraceSession s = Traces.text(
                "100 10:00:00.000000 read(" + C + ", \"GET /hang.php HTTP/1.1\\r\\n\\r\\n\", 8000) = 28 <0.000010>",
                "100 10:00:00.001000 sendto(12<UDP:[57352]>, \"LA\\1\\0\", 4, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.9.9.9\")}, 16) = 4 <0.000010>",
                "100 10:00:00.002000 recvfrom(12<UDP:[0.0.0.0:48955]>,  <unfinished ...>",
                "101 10:00:05.002000 getpid() = 101 <0.000010>");
        Request r = s.requests().get(0);
        Hang h = s.hangs().get(0);

        assertThat(r.end()).isEqualTo("open");
        assertThat(r.hangRows()).containsExactly(h.row());
        assertThat(h.syscall()).isEqualTo("recvfrom");
        assertThat(h.target()).isEqualTo("10.9.9.9:53");
        assertThat(h.unfinished()).isTrue();
        assertThat(h.requestTitle()).isEqualTo("GET /hang.php");
        assertThat(h.blockedMs()).isEqualTo(5000.01);
        assertThat(h.idle()).isFalse();
    }
}
