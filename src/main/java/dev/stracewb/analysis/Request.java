package dev.stracewb.analysis;

import java.util.List;

/**
 * One HTTP request (or one FastCGI request to php-fpm) as the syscalls of the worker that served it show it:
 * from the read of its request line to the close of its connection or the next request on a keep-alive
 * connection.
 *
 * @param index         position in {@link RequestTracker#requests}, in the order the requests started
 * @param pid           pid or tid of the worker (thread) that read the request
 * @param protocol      {@code "http"} (apache, nginx) or {@code "fastcgi"} (php-fpm)
 * @param connection    the client's address and port for TCP ({@code 127.0.0.1:40422}), the socket path for a
 *                      unix socket, or the socket as strace decorated it
 * @param method        {@code GET}..., or null when the trace does not show it
 * @param uri           as the client sent it (FastCGI: REQUEST_URI), or null
 * @param status        HTTP status code, or null when no response was seen
 * @param statusSource  where the status came from: {@code "response"} (status line), {@code "header"} (FastCGI
 *                      {@code Status:}), {@code "default"} (FastCGI output without Status: 200), {@code "upstream"}
 *                      (the web server's response to the linked request), or null
 * @param scriptFilename FastCGI SCRIPT_FILENAME (null for http, or when cut off by {@code -s})
 * @param startNanos    time of the request line's read, as the store keeps times
 * @param start         the same, formatted as the trace writes times
 * @param durationMs    from the request line to the end of the response's last write; for a request that got no
 *                      response, to its close, to its process's death, or to the end of the trace
 * @param firstLine     input line of the request line's read
 * @param lastLine      input line of its last row (close, last response write, or the last call attributed to it)
 * @param firstRow      store row of the request line's read
 * @param lastRow       store row of {@code lastLine}
 * @param failures      paths of unexpected failed file accesses made while serving it (its own, and those of the
 *                      linked php-fpm request), in the order first seen
 * @param hangRows      store rows of calls inside it that never returned or were slower than the threshold
 * @param end           how it ended: {@code "response"}, {@code "closed without response"},
 *                      {@code "killed by SIGSEGV"} (any signal), {@code "process exited"}, or {@code "open"} (still
 *                      in progress when the trace ended)
 * @param linked        index of the linked request on the other side of FastCGI (nginx/apache to php-fpm and
 *                      back), or -1
 */
public record Request(
        int index,
        int pid,
        String protocol,
        String connection,
        String method,
        String uri,
        Integer status,
        String statusSource,
        String scriptFilename,
        long startNanos,
        String start,
        double durationMs,
        long firstLine,
        long lastLine,
        int firstRow,
        int lastRow,
        List<String> failures,
        List<Integer> hangRows,
        String end,
        int linked) {

    /** {@code GET /index.php}, or a placeholder when the trace does not show the request line. */
    public String title() {
        return (method == null ? "?" : method) + " " + (uri == null ? "?" : uri);
    }

    public boolean isAnswered() {
        return status != null;
    }

    /** Whether the row belongs to this request's span ({@code firstRow..lastRow}, by row order). */
    public boolean spans(int row) {
        return row >= firstRow && row <= lastRow;
    }
}
