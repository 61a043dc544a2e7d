package dev.stracewb.analysis;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatsTest {

    @Test
    void requestLineGivesMethodAndUri() {
        assertThat(WireFormats.requestLines("GET /wp-admin/?a=1 HTTP/1.1\r\nHost: x\r\n\r\n"))
                .containsExactly(new WireFormats.RequestLine("GET", "/wp-admin/?a=1"));
    }

    @Test
    void pipelinedRequestsInOneReadAreAllFound() {
        assertThat(WireFormats.requestLines("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nHEAD /2 HTTP/1.1\r\n\r\n"))
                .extracting(WireFormats.RequestLine::uri).containsExactly("/1", "/2");
    }

    @Test
    void requestBodyIsNotARequest() {
        assertThat(WireFormats.requestLines("log=admin&pwd=x")).isEmpty();
        assertThat(WireFormats.startsLikeRequest("\1\1\0\1\0\10\0\0")).isFalse();
    }

    @Test
    void requestLineCutByStringLimitStillGivesTheUri() {
        assertThat(WireFormats.requestLines("GET /a/very/long/pa"))
                .containsExactly(new WireFormats.RequestLine("GET", "/a/very/long/pa"));
    }

    @Test
    void statusLineGivesTheCode() {
        assertThat(WireFormats.statusLine("HTTP/1.1 500 Internal Server Error\r\n")).isEqualTo(500);
        assertThat(WireFormats.statusLine("HTTP/1.0 404 Not Found\r\n")).isEqualTo(404);
        assertThat(WireFormats.statusLine("<html>HTTP/1.1 200")).isEqualTo(-1);
        assertThat(WireFormats.statusLine("HTTP/1.1 2000 x")).isEqualTo(-1);
    }

    @Test
    void cgiStatusHeaderIsFoundAfterTheRecordHeader() {
        assertThat(WireFormats.cgiStatus("\1\6\0\1\0\100\0\0Status: 503 Service Unavailable\r\n")).isEqualTo(503);
        assertThat(WireFormats.cgiStatus("X-Powered-By: PHP\r\nContent-type: text/html\r\n\r\n")).isEqualTo(-1);
    }

    @Test
    void fcgiParamsAreReadByNameWithTheirLengthBytes() {
        String params = "\16\4REQUEST_METHODPOST\13\6REQUEST_URI/login\17\22SCRIPT_FILENAME/var/www/login.php";
        Map<String, String> out = new HashMap<>();
        WireFormats.fcgiParams(params, Set.of("REQUEST_METHOD", "REQUEST_URI", "SCRIPT_FILENAME"), out);
        assertThat(out).containsEntry("REQUEST_METHOD", "POST").containsEntry("REQUEST_URI", "/login")
                .containsEntry("SCRIPT_FILENAME", "/var/www/login.php");
    }

    @Test
    void fcgiParamCutByStringLimitKeepsWhatIsThere() {
        Map<String, String> out = new HashMap<>();
        WireFormats.fcgiParams("\17\22SCRIPT_FILENAME/var/ww", Set.of("SCRIPT_FILENAME"), out);
        assertThat(out).containsEntry("SCRIPT_FILENAME", "/var/ww");
    }

    @Test
    void fcgiRecordsAreWalkedByTheirLengths() {
        String stderrThenStdout = "\1\7\0\1\0\3\0\0abc" + "\1\6\0\1\0\2\0\0hi" + "\1\3\0\1\0\10\0\0" + "\0".repeat(8);
        assertThat(WireFormats.fcgiRecordType(stderrThenStdout)).isEqualTo(WireFormats.FCGI_STDERR);
        assertThat(WireFormats.hasFcgiRecord(stderrThenStdout, WireFormats.FCGI_STDOUT)).isTrue();
        assertThat(WireFormats.hasFcgiRecord(stderrThenStdout, WireFormats.FCGI_END_REQUEST)).isTrue();
        assertThat(WireFormats.hasFcgiRecord("\1\7\0\1\0\3\0\0abc", WireFormats.FCGI_STDOUT)).isFalse();
    }
}
