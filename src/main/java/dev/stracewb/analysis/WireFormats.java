package dev.stracewb.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads just enough of HTTP/1.x and FastCGI out of the buffers strace shows to follow a request: request lines,
 * status lines, FastCGI record types, params and the {@code Status:} header. Buffers may be cut by {@code -s};
 * every method copes with a partial message and never throws.
 */
public final class WireFormats {
    private static final Set<String> METHODS = Set.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK");

    /** FastCGI record types (the second byte of a record header). */
    public static final int FCGI_BEGIN_REQUEST = 1;
    public static final int FCGI_END_REQUEST = 3;
    public static final int FCGI_PARAMS = 4;
    public static final int FCGI_STDIN = 5;
    public static final int FCGI_STDOUT = 6;
    public static final int FCGI_STDERR = 7;

    private WireFormats() {
    }

    /** A request line: {@code GET /index.php HTTP/1.1}. */
    public record RequestLine(String method, String uri) {
    }

    /**
     * The request lines at the start of {@code data} and, for pipelined requests, after each header block's
     * blank line. Empty when the data does not start with a request line (a request body, TLS, other protocols).
     */
    public static List<RequestLine> requestLines(String data) {
        List<RequestLine> out = new ArrayList<>(1);
        int from = 0;
        while (from < data.length()) {
            RequestLine line = requestLineAt(data, from);
            if (line == null) {
                break;
            }
            out.add(line);
            int blank = data.indexOf("\r\n\r\n", from);
            if (blank < 0) {
                break;
            }
            from = blank + 4;
        }
        return out;
    }

    /** Whether {@code data} starts like an HTTP request ({@code METHOD SP}). */
    public static boolean startsLikeRequest(String data) {
        return requestLineAt(data, 0) != null;
    }

    /**
     * False when no data that starts with {@code prefix} (its first 11 chars or more, or all of it) starts like a
     * request: a method of at most 10 letters and a space. {@link #startsLikeRequest} decides on the whole data.
     */
    public static boolean mayStartRequest(String prefix) {
        int sp = prefix.indexOf(' ');
        return sp > 0 && sp <= 10 && METHODS.contains(prefix.substring(0, sp));
    }

    private static RequestLine requestLineAt(String data, int from) {
        int sp = data.indexOf(' ', from);
        if (sp <= from || sp - from > 10) {
            return null;
        }
        String method = data.substring(from, sp);
        if (!METHODS.contains(method)) {
            return null;
        }
        int eol = data.indexOf('\n', sp);
        String rest = data.substring(sp + 1, eol < 0 ? data.length() : eol).stripTrailing();
        int version = rest.lastIndexOf(" HTTP/");
        String uri = version >= 0 ? rest.substring(0, version) : rest;
        if (uri.isEmpty() || uri.indexOf(' ') >= 0 && version < 0) {
            return null;
        }
        return new RequestLine(method, uri);
    }

    /** The status code of an HTTP status line at the start of {@code data} ({@code HTTP/1.1 500 ...}), or -1. */
    public static int statusLine(String data) {
        if (!data.startsWith("HTTP/") || data.length() < 12) {
            return -1;
        }
        int sp = data.indexOf(' ');
        if (sp < 0 || sp > 9 || sp + 4 > data.length()) {
            return -1;
        }
        return threeDigits(data, sp + 1);
    }

    /** The status of a CGI {@code Status: 404 Not Found} header anywhere in {@code data}, or -1. */
    public static int cgiStatus(String data) {
        int i = data.indexOf("Status: ");
        while (i >= 0) {
            if (i == 0 || data.charAt(i - 1) == '\n' || data.charAt(i - 1) < ' ') {
                int code = threeDigits(data, i + 8);
                if (code > 0) {
                    return code;
                }
            }
            i = data.indexOf("Status: ", i + 1);
        }
        return -1;
    }

    private static int threeDigits(String s, int at) {
        if (at + 3 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        if (at + 3 < s.length() && Character.isDigit(s.charAt(at + 3))) {
            return -1;
        }
        return v >= 100 && v <= 599 ? v : -1;
    }

    /** The type of the FastCGI record whose header starts {@code data} (version byte 1), or -1. */
    public static int fcgiRecordType(String data) {
        if (data.length() < 2 || data.charAt(0) != 1) {
            return -1;
        }
        int type = data.charAt(1);
        return type >= 1 && type <= 11 ? type : -1;
    }

    /**
     * Whether {@code data} holds a FastCGI record of {@code type}: at its start, or (for a buffer with several
     * records) at a record boundary found by walking the headers' content and padding lengths.
     */
    public static boolean hasFcgiRecord(String data, int type) {
        int p = 0;
        while (p + 8 <= data.length()) {
            if (data.charAt(p) != 1) {
                return false;
            }
            if (data.charAt(p + 1) == type) {
                return true;
            }
            int length = (data.charAt(p + 4) << 8) | data.charAt(p + 5);
            int padding = data.charAt(p + 6);
            p += 8 + length + padding;
        }
        return p < data.length() && p + 2 <= data.length() && data.charAt(p) == 1 && data.charAt(p + 1) == type;
    }

    /**
     * FastCGI params found in {@code data} by name ({@code REQUEST_METHOD}, {@code REQUEST_URI}...): each name is
     * looked for with its name-length and value-length bytes in front, so the search works on any slice of a
     * params stream. A value cut by {@code -s} is returned as far as it goes.
     */
    public static void fcgiParams(String data, Set<String> names, Map<String, String> out) {
        for (String name : names) {
            if (out.containsKey(name)) {
                continue;
            }
            int i = data.indexOf(name);
            while (i >= 0) {
                String value = paramValue(data, i, name);
                if (value != null) {
                    out.put(name, value);
                    break;
                }
                i = data.indexOf(name, i + 1);
            }
        }
    }

    private static String paramValue(String data, int nameAt, String name) {
        // short form: [nameLen][valueLen]name value; long value length: [nameLen][4 bytes]name value
        if (nameAt >= 2 && data.charAt(nameAt - 2) == name.length() && data.charAt(nameAt - 1) < 0x80) {
            return slice(data, nameAt + name.length(), data.charAt(nameAt - 1));
        }
        if (nameAt >= 5 && data.charAt(nameAt - 5) == name.length() && data.charAt(nameAt - 4) >= 0x80) {
            int len = ((data.charAt(nameAt - 4) & 0x7f) << 24) | (data.charAt(nameAt - 3) << 16)
                    | (data.charAt(nameAt - 2) << 8) | data.charAt(nameAt - 1);
            return slice(data, nameAt + name.length(), len);
        }
        return null;
    }

    private static String slice(String data, int from, int length) {
        int to = (int) Math.min((long) from + length, data.length());
        return from > data.length() ? "" : data.substring(from, to);
    }
}
