package dev.stracewb.analysis;

/**
 * Reads the socket decorations of {@code -yy} ({@code TCP:[127.0.0.1:8080->127.0.0.1:40422]},
 * {@code UNIX-STREAM:[58007->58044,"/run/php-fpm.sock"]}, {@code UDP:[0.0.0.0:48955]}) and the socket addresses
 * strace prints in connect/sendto/accept ({@code {sa_family=AF_INET, sin_port=htons(80),
 * sin_addr=inet_addr("1.2.3.4")}}).
 */
public final class SocketText {
    private SocketText() {
    }

    /** Whether a decoration names a socket (not a file, pipe or anon inode). */
    public static boolean isSocket(String deco) {
        return deco != null && (deco.startsWith("TCP") || deco.startsWith("UDP") || deco.startsWith("UNIX")
                || deco.startsWith("SCTP") || deco.startsWith("socket:") || deco.startsWith("UDPLITE"));
    }

    /** Whether a socket decoration shows a connected pair ({@code a->b}). */
    public static boolean isConnected(String deco) {
        return deco != null && deco.contains("->");
    }

    /** The local end of a socket decoration (address:port, or the unix inode), or null. */
    public static String local(String deco) {
        String inner = inner(deco);
        if (inner == null) {
            return null;
        }
        int arrow = inner.indexOf("->");
        return arrow < 0 ? inner : inner.substring(0, arrow);
    }

    /** The peer end of a socket decoration (address:port, or the unix inode), or null when not connected. */
    public static String peer(String deco) {
        String inner = inner(deco);
        if (inner == null) {
            return null;
        }
        int arrow = inner.indexOf("->");
        return arrow < 0 ? null : inner.substring(arrow + 2);
    }

    /** The path of a unix socket decoration ({@code UNIX-STREAM:[1->2,"/run/x.sock"]}), or null. */
    public static String unixPath(String deco) {
        if (deco == null) {
            return null;
        }
        int q = deco.indexOf(",\"");
        if (q < 0) {
            return null;
        }
        int end = deco.lastIndexOf('"');
        return end > q + 2 ? deco.substring(q + 2, end) : null;
    }

    /** {@code TCP:[a->b]} to {@code a->b}, without a unix socket's path. */
    private static String inner(String deco) {
        if (deco == null) {
            return null;
        }
        int open = deco.indexOf(":[");
        int close = deco.lastIndexOf(']');
        if (open < 0 || close < open) {
            return null;
        }
        String s = deco.substring(open + 2, close);
        int comma = s.indexOf(",\"");
        return comma >= 0 ? s.substring(0, comma) : s;
    }

    /**
     * The address of a strace sockaddr ({@code sin_addr=inet_addr("127.0.0.1")} with {@code sin_port=htons(53)},
     * IPv6, or {@code sun_path="/run/x.sock"}) as {@code 127.0.0.1:53}, {@code [::1]:53} or the unix path; null
     * when the text holds none.
     */
    public static String sockaddr(String text) {
        if (text == null) {
            return null;
        }
        String port = between(text, "sin_port=htons(", ")");
        String v4 = between(text, "sin_addr=inet_addr(\"", "\")");
        if (v4 != null) {
            return port == null ? v4 : v4 + ":" + port;
        }
        String port6 = between(text, "sin6_port=htons(", ")");
        String v6 = between(text, "inet_pton(AF_INET6, \"", "\"");
        if (v6 != null) {
            return port6 == null ? v6 : "[" + v6 + "]:" + port6;
        }
        String path = between(text, "sun_path=\"", "\"");
        if (path == null) {
            path = between(text, "sun_path=@\"", "\"");
            if (path != null) {
                path = "@" + path;
            }
        }
        return path;
    }

    private static String between(String s, String open, String close) {
        int i = s.indexOf(open);
        if (i < 0) {
            return null;
        }
        int from = i + open.length();
        int j = s.indexOf(close, from);
        return j < 0 ? null : s.substring(from, j);
    }
}
