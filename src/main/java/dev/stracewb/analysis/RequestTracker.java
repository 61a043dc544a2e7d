package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.SyscallTable;
import dev.stracewb.trace.TraceEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows HTTP requests through the syscalls of the workers that serve them: apache2 (prefork, and the threaded
 * MPMs per thread), nginx, and php-fpm behind either (FastCGI). A connection is known by its {@code -yy}
 * decoration ({@code TCP:[server->client]}), so a request read by one thread and answered by another of the same
 * process is still one request; with {@code -y} by its socket inode ({@code socket:[4370962]}, the client's address
 * then read from accept's result); without {@code -y} by pid and fd.
 *
 * <p>The state machine per connection: accept, then a read that starts with a request line opens a request (a
 * read holding several request lines opens several: pipelining); a write that starts with a status line answers
 * the oldest unanswered one; the next request line on the connection (keep-alive) or its close ends them. Failed
 * file accesses and slow calls of a thread belong to the request that thread is serving.
 *
 * <p>Only accept, read, write, close and shutdown rows are read back from the raw text, after a check of the
 * row's name id; everything else costs an array read.
 */
public final class RequestTracker implements EventCollector {
    /** Requests kept in full; beyond this they are counted only. */
    public static final int MAX_REQUESTS = 200_000;
    private static final int MAX_FAILURES_PER_REQUEST = 64;
    /** Web-server requests waiting for their php-fpm side to appear, at most. */
    private static final int MAX_UNLINKED = 50_000;
    /**
     * Chars of a buffer decoded to decide whether to read it further: a request line's method and its space fit
     * in 11, a status line's code ends by the 14th, a FastCGI record type is the 2nd.
     */
    private static final int PEEK = 16;
    private static final Set<String> FCGI_NAMES = new LinkedHashSet<>(
            List.of("REQUEST_METHOD", "REQUEST_URI", "SCRIPT_FILENAME", "DOCUMENT_ROOT"));

    private final SyscallKinds kinds = new SyscallKinds();
    private final CallText text = new CallText();
    private final Map<String, Connection> connections = new HashMap<>();
    private final Map<Integer, Builder> activeByTid = new HashMap<>();
    /** Web-server requests by the local end of the socket they sent FastCGI on, for php-fpm to find. */
    private final Map<String, Builder> byUpstreamEnd = new HashMap<>();
    private final List<Builder> builders = new ArrayList<>();
    private long dropped;
    private long lastTime = TraceEvent.NO_TIME;
    private int lastRowSeen = -1;

    @Override
    public synchronized void accept(EventStore store, int row) {
        lastRowSeen = Math.max(lastRowSeen, row);
        long t = store.timeNanos(row);
        if (t != TraceEvent.NO_TIME) {
            lastTime = Math.max(lastTime, t + Math.max(0, store.durationNanos(row)));
        }
        EventKind kind = store.kind(row);
        if (kind == EventKind.EXIT) {
            exited(store, row);
            return;
        }
        if (kind != EventKind.SYSCALL) {
            return;
        }
        if (store.isFailed(row) && store.pathId(row) >= 0) {
            failure(store, row);
            return;
        }
        switch (kinds.of(store, row)) {
            case SyscallKinds.ACCEPT -> accepted(store, row);
            case SyscallKinds.READ -> read(store, row);
            case SyscallKinds.WRITE, SyscallKinds.SENDTO -> written(store, row);
            case SyscallKinds.SENDFILE -> sentFile(store, row);
            case SyscallKinds.CLOSE -> closed(store, row);
            case SyscallKinds.SHUTDOWN -> shutDown(store, row);
            default -> {
            }
        }
    }

    @Override
    public synchronized void finish(EventStore store, int[] unfinishedRows) {
        for (int row : unfinishedRows) {
            Builder b = activeByTid.get(store.pid(row));
            if (b != null) {
                b.lastRow = Math.max(b.lastRow, row);
            }
        }
    }

    // ---- syscalls ----

    private void accepted(EventStore store, int row) {
        if (store.isFailed(row) || store.returnValue(row) < 0 || !text.load(store, row)) {
            return;
        }
        String deco = text.resultDecoration();
        String key = deco != null ? deco : store.pid(row) + "/" + store.returnValue(row);
        String client = deco != null ? clientOf(deco) : null;
        if (client == null || client.equals(deco)) {
            // -y names a socket by inode only ({@code socket:[4370962]}): accept's own result has the client
            String addr = SocketText.sockaddr(text.arguments());
            client = addr != null ? addr : client;
        }
        connections.put(key, new Connection(client));
    }

    private void read(EventStore store, int row) {
        if (store.isFailed(row) || store.returnValue(row) <= 0 || !text.loadIfSocket(store, row)) {
            return;
        }
        String key = connectionKey(store, row);
        if (key == null) {
            return;
        }
        Connection c = connections.get(key);
        String name = store.name(row);
        // the start of the data tells whether any step below applies; most reads are decoded no further
        String peek = data(name, 1, PEEK);
        if (peek == null || peek.isEmpty() || !WireFormats.mayStartRequest(peek)
                && WireFormats.fcgiRecordType(peek) != WireFormats.FCGI_BEGIN_REQUEST
                && (c == null || c.protocol != Protocol.FASTCGI || c.open.isEmpty())) {
            return;
        }
        String data = data(name, 1, Integer.MAX_VALUE);
        if ((c == null || c.protocol != Protocol.FASTCGI) && WireFormats.startsLikeRequest(data)) {
            c = connection(key, c);
            c.protocol = Protocol.HTTP;
            endAnswered(c);
            for (WireFormats.RequestLine line : WireFormats.requestLines(data)) {
                Builder b = start(store, row, Protocol.HTTP, c);
                b.method = line.method();
                b.uri = utf8(line.uri());
            }
        } else if ((c == null || c.protocol != Protocol.HTTP)
                && WireFormats.fcgiRecordType(data) == WireFormats.FCGI_BEGIN_REQUEST) {
            c = connection(key, c);
            c.protocol = Protocol.FASTCGI;
            endAnswered(c);
            Builder b = start(store, row, Protocol.FASTCGI, c);
            linkUpstream(b, key);
            params(b, data);
        } else if (c != null && c.protocol == Protocol.FASTCGI && !c.open.isEmpty()) {
            params(c.open.peekLast(), data);
        }
    }

    private void written(EventStore store, int row) {
        if (store.isFailed(row) || !text.loadIfSocket(store, row)) {
            return;
        }
        String key = connectionKey(store, row);
        if (key == null) {
            return;
        }
        Connection c = connections.get(key);
        String name = store.name(row);
        if (c == null) {
            upstream(store, row, key, name);
            return;
        }
        if (c.protocol == Protocol.HTTP) {
            // a status line is told by its first 14 chars
            httpResponse(c, chunks(name, PEEK), row);
        } else if (c.protocol == Protocol.FASTCGI) {
            fcgiResponse(c, chunks(name, Integer.MAX_VALUE), row);
        }
    }

    private void sentFile(EventStore store, int row) {
        if (store.isFailed(row) || !text.loadIfSocket(store, row)) {
            return;
        }
        String key = connectionKey(store, row);
        Connection c = key == null ? null : connections.get(key);
        if (c != null) {
            Builder b = c.responding();
            if (b != null) {
                b.lastRow = row;
                b.responseEnd = endTime(store, row);
            }
        }
    }

    private void closed(EventStore store, int row) {
        if (!text.loadIfSocket(store, row)) {
            return;
        }
        String key = connectionKey(store, row);
        Connection c = key == null ? null : connections.remove(key);
        if (c == null) {
            return;
        }
        for (Builder b : c.open) {
            if (b.status < 0 && !b.wroteResponse) {
                b.lastRow = Math.max(b.lastRow, row);
                b.responseEnd = endTime(store, row);
                b.end = "closed without response";
            } else {
                b.end = "response";
            }
            b.windowEnd = row;
            release(b);
        }
        c.open.clear();
    }

    private void shutDown(EventStore store, int row) {
        if (!text.loadIfSocket(store, row)) {
            return;
        }
        String key = connectionKey(store, row);
        Connection c = key == null ? null : connections.get(key);
        Builder b = c == null ? null : c.lastAnswered();
        if (b != null) {
            b.lastRow = row;
            b.responseEnd = endTime(store, row);
        }
    }

    private void exited(EventStore store, int row) {
        Builder b = activeByTid.remove(store.pid(row));
        if (b == null || b.end != null) {
            return;
        }
        String signal = store.name(row);
        b.end = b.status >= 0 ? "response" : signal != null ? "killed by " + signal : "process exited";
        if (b.status < 0) {
            b.lastRow = Math.max(b.lastRow, row);
            b.responseEnd = store.timeNanos(row);
        }
        b.windowEnd = row;
        if (b.connection != null) {
            b.connection.open.remove(b);
        }
    }

    private void failure(EventStore store, int row) {
        Builder b = activeByTid.get(store.pid(row));
        if (b == null || !SyscallTable.takesPath(store.name(row))) {
            return;
        }
        int id = store.pathId(row);
        for (int i = 0; i < b.failureCount; i++) {
            if (b.failures[i] == id) {
                return;
            }
        }
        if (b.failureCount < MAX_FAILURES_PER_REQUEST) {
            if (b.failureCount == b.failures.length) {
                b.failures = Arrays.copyOf(b.failures, b.failures.length * 2);
            }
            b.failures[b.failureCount++] = id;
        }
        if (b.status < 0) {
            b.lastRow = Math.max(b.lastRow, row);
        }
    }

    // ---- protocol steps ----

    private void httpResponse(Connection c, List<String> chunks, int row) {
        for (String s : chunks) {
            int status = WireFormats.statusLine(s);
            if (status > 0) {
                Builder b = c.firstUnanswered();
                if (b != null) {
                    b.status = status;
                    b.statusSource = "response";
                }
            }
        }
        Builder b = c.responding();
        if (b != null) {
            b.lastRow = row;
            b.responseEnd = rowEnd;
        }
    }

    private void fcgiResponse(Connection c, List<String> chunks, int row) {
        Builder b = c.open.peekFirst();
        if (b == null) {
            return;
        }
        for (String s : chunks) {
            int status = WireFormats.cgiStatus(s);
            if (status > 0 && b.status < 0) {
                b.status = status;
                b.statusSource = "header";
            }
            if (WireFormats.hasFcgiRecord(s, WireFormats.FCGI_STDOUT) && s.contains("\r\n\r\n")) {
                b.headersSeen = true;
            }
            if (WireFormats.hasFcgiRecord(s, WireFormats.FCGI_END_REQUEST)) {
                b.ended = true;
            }
        }
        b.wroteResponse = true;
        b.lastRow = row;
        b.responseEnd = rowEnd;
    }

    /** A web-server worker sends FastCGI to php-fpm: remember the socket's local end to link the two requests. */
    private void upstream(EventStore store, int row, String key, String name) {
        Builder b = activeByTid.get(store.pid(row));
        if (b == null || b.protocol != Protocol.HTTP) {
            return;
        }
        List<String> chunks = chunks(name, PEEK);
        if (!chunks.isEmpty() && WireFormats.fcgiRecordType(chunks.get(0)) > 0) {
            String local = SocketText.local(key);
            if (local != null) {
                if (byUpstreamEnd.size() >= MAX_UNLINKED) {
                    // php-fpm is not in this trace: nothing will ever claim these
                    byUpstreamEnd.clear();
                }
                byUpstreamEnd.put(local, b);
            }
        }
    }

    private void linkUpstream(Builder fpm, String key) {
        String peer = SocketText.peer(key);
        Builder web = peer == null ? null : byUpstreamEnd.remove(peer);
        if (web != null) {
            fpm.linked = web;
            web.linked = fpm;
        }
    }

    private void params(Builder b, String data) {
        Map<String, String> found = new HashMap<>(4);
        WireFormats.fcgiParams(data, FCGI_NAMES, found);
        if (b.method == null && found.containsKey("REQUEST_METHOD")) {
            b.method = found.get("REQUEST_METHOD");
        }
        if (b.uri == null && found.containsKey("REQUEST_URI")) {
            b.uri = utf8(found.get("REQUEST_URI"));
        }
        if (b.script == null && found.containsKey("SCRIPT_FILENAME")) {
            b.script = utf8(found.get("SCRIPT_FILENAME"));
        }
        if (b.documentRoot == null && found.containsKey("DOCUMENT_ROOT")) {
            b.documentRoot = utf8(found.get("DOCUMENT_ROOT"));
        }
    }

    private Builder start(EventStore store, int row, Protocol protocol, Connection c) {
        Builder b = new Builder(store.pid(row), protocol, c, row, store.timeNanos(row));
        c.open.addLast(b);
        Builder previous = activeByTid.put(b.pid, b);
        if (previous != null && previous != b && previous.windowEnd == Integer.MAX_VALUE) {
            previous.windowEnd = row - 1;
        }
        if (builders.size() < MAX_REQUESTS) {
            b.index = builders.size();
            builders.add(b);
        } else {
            dropped++;
        }
        return b;
    }

    /** Keep-alive: a new request on the connection ends the answered ones before it. */
    private void endAnswered(Connection c) {
        while (!c.open.isEmpty() && (c.open.peekFirst().status >= 0 || c.open.peekFirst().ended)) {
            Builder b = c.open.pollFirst();
            b.end = "response";
            release(b);
        }
    }

    private void release(Builder b) {
        if (activeByTid.get(b.pid) == b) {
            activeByTid.remove(b.pid);
        }
        if (b.windowEnd == Integer.MAX_VALUE) {
            b.windowEnd = Math.max(b.lastRow, lastRowSeen);
        }
    }

    private Connection connection(String key, Connection existing) {
        if (existing != null) {
            return existing;
        }
        Connection c = new Connection(key.indexOf('[') >= 0 ? clientOf(key) : null);
        connections.put(key, c);
        return c;
    }

    private long rowEnd;

    /** The connection an fd argument names, or null when it is not a socket. Sets {@link #rowEnd}. */
    private String connectionKey(EventStore store, int row) {
        rowEnd = endTime(store, row);
        String deco = text.fdDecoration(0);
        if (deco != null) {
            return SocketText.isSocket(deco) ? deco : null;
        }
        int fd = text.fdNumber(0);
        return fd < 0 ? null : store.pid(row) + "/" + fd;
    }

    private static long endTime(EventStore store, int row) {
        long t = store.timeNanos(row);
        long d = store.durationNanos(row);
        return t == TraceEvent.NO_TIME ? t : t + (d == SyscallEvent.NO_DURATION ? 0 : d);
    }

    /** The data of a read (argument {@code index}), or its first {@code max} chars; null when there is none. */
    private String data(String name, int index, int max) {
        if (SyscallKinds.dataIsVector(name)) {
            List<String> parts = text.latin1Strings(index, max);
            if (parts.isEmpty()) {
                return null;
            }
            String joined = String.join("", parts);
            return joined.length() > max ? joined.substring(0, max) : joined;
        }
        return max == Integer.MAX_VALUE ? text.latin1(index) : text.latin1Prefix(index, max);
    }

    /** The buffers of a write (argument 1), each cut to its first {@code max} chars. */
    private List<String> chunks(String name, int max) {
        if (SyscallKinds.dataIsVector(name)) {
            return text.latin1Strings(1, max);
        }
        return single(max == Integer.MAX_VALUE ? text.latin1(1) : text.latin1Prefix(1, max));
    }

    private static List<String> single(String s) {
        return s == null ? List.of() : List.of(s);
    }

    private static String clientOf(String deco) {
        if (deco.startsWith("UNIX")) {
            String path = SocketText.unixPath(deco);
            return path != null ? path : deco;
        }
        String peer = SocketText.peer(deco);
        return peer != null ? peer : deco;
    }

    private static String utf8(String latin1) {
        if (latin1 == null) {
            return null;
        }
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0x7f) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }

    // ---- snapshot ----

    /** Requests started beyond {@link #MAX_REQUESTS}, not kept. */
    public synchronized long droppedCount() {
        return dropped;
    }

    /**
     * The requests so far, in the order they started.
     *
     * @param unexpected   which failed paths count as failures of a request (the unexpected ones: not explained
     *                     by a {@link NormalMissRule}); null keeps all
     * @param hangCandidates store rows of calls that never returned or were slow, to attach to their requests
     */
    public synchronized List<Request> requests(EventStore store, java.util.function.IntPredicate unexpected,
                                               int[] hangCandidates) {
        List<Integer>[] hangs = attachHangs(store, hangCandidates);
        List<Request> out = new ArrayList<>(builders.size());
        for (int i = 0; i < builders.size(); i++) {
            out.add(builders.get(i).build(i, store, unexpected, hangs[i] == null ? List.of() : hangs[i], lastTime));
        }
        return out;
    }

    /** The index of the request that {@code pid} was serving at {@code row}, or -1. */
    public synchronized int requestAt(int pid, int row) {
        return index().requestAt(pid, row);
    }

    /** Document roots that php-fpm was given (FastCGI DOCUMENT_ROOT), in the order first seen. */
    public synchronized List<String> documentRoots() {
        LinkedHashSet<String> roots = new LinkedHashSet<>();
        for (Builder b : builders) {
            if (b.documentRoot != null && b.documentRoot.startsWith("/")) {
                roots.add(b.documentRoot);
            }
        }
        return List.copyOf(roots);
    }

    private PidIndex cachedIndex;

    private PidIndex index() {
        if (cachedIndex == null || cachedIndex.size != builders.size()) {
            cachedIndex = new PidIndex(builders);
        }
        return cachedIndex;
    }

    /** Hang rows per request (null: none), by request index. */
    @SuppressWarnings("unchecked")
    private List<Integer>[] attachHangs(EventStore store, int[] rows) {
        List<Integer>[] out = new List[builders.size()];
        if (rows == null) {
            return out;
        }
        PidIndex idx = index();
        for (int row : rows) {
            int i = idx.requestAt(store.pid(row), row);
            if (i >= 0) {
                if (out[i] == null) {
                    out[i] = new ArrayList<>(1);
                }
                out[i].add(row);
            }
        }
        return out;
    }

    /** Requests by pid, in start order, to find the one a row belongs to by binary search. */
    private static final class PidIndex {
        final int size;
        final List<Builder> all;
        final Map<Integer, int[]> byPid = new HashMap<>();

        PidIndex(List<Builder> builders) {
            size = builders.size();
            all = builders;
            Map<Integer, List<Integer>> lists = new HashMap<>();
            for (int i = 0; i < builders.size(); i++) {
                lists.computeIfAbsent(builders.get(i).pid, k -> new ArrayList<>()).add(i);
            }
            lists.forEach((pid, l) -> byPid.put(pid, l.stream().mapToInt(Integer::intValue).toArray()));
        }

        int requestAt(int pid, int row) {
            int[] idx = byPid.get(pid);
            if (idx == null) {
                return -1;
            }
            int lo = 0;
            int hi = idx.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (all.get(idx[mid]).firstRow <= row) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            // pipelined requests share their first row: look at the few before too
            for (int k = found; k >= 0 && k > found - 8; k--) {
                if (all.get(idx[k]).contains(row)) {
                    return idx[k];
                }
            }
            return -1;
        }
    }

    enum Protocol {
        HTTP, FASTCGI
    }

    private static final class Connection {
        final String client;
        Protocol protocol;
        final ArrayDeque<Builder> open = new ArrayDeque<>(2);

        Connection(String client) {
            this.client = client;
        }

        Builder firstUnanswered() {
            for (Builder b : open) {
                if (b.status < 0) {
                    return b;
                }
            }
            return null;
        }

        /** The request whose response is being written: the last answered one. */
        Builder responding() {
            return lastAnswered();
        }

        Builder lastAnswered() {
            Builder last = null;
            for (Builder b : open) {
                if (b.status >= 0) {
                    last = b;
                }
            }
            return last;
        }
    }

    private static final class Builder {
        final int pid;
        final Protocol protocol;
        final Connection connection;
        final int firstRow;
        final long startTime;
        int lastRow;
        long responseEnd = TraceEvent.NO_TIME;
        /** Rows up to here (inclusive) by this pid belong to this request. */
        int windowEnd = Integer.MAX_VALUE;
        String method;
        String uri;
        String script;
        String documentRoot;
        int status = -1;
        String statusSource;
        boolean headersSeen;
        /** php-fpm wrote to the web server for it (the status may be past the {@code -s} cut). */
        boolean wroteResponse;
        boolean ended;
        String end;
        Builder linked;
        int[] failures = new int[2];
        int failureCount;
        /** Position in the list of requests kept, or -1 when beyond {@link #MAX_REQUESTS}. */
        int index = -1;

        Builder(int pid, Protocol protocol, Connection connection, int row, long time) {
            this.pid = pid;
            this.protocol = protocol;
            this.connection = connection;
            this.firstRow = row;
            this.lastRow = row;
            this.startTime = time;
        }

        boolean contains(int row) {
            if (row < firstRow) {
                return false;
            }
            return status >= 0 ? row <= lastRow : row <= windowEnd;
        }

        Request build(int index, EventStore store, java.util.function.IntPredicate unexpected,
                      List<Integer> hangRows, long traceEnd) {
            Integer code = status >= 0 ? status : null;
            String source = statusSource;
            if (code == null && protocol == Protocol.FASTCGI) {
                if (linked != null && linked.status >= 0) {
                    code = linked.status;
                    source = "upstream";
                } else if (headersSeen) {
                    code = 200;
                    source = "default";
                }
            }
            List<String> paths = List.of();
            if (failureCount > 0 || linked != null && linked.failureCount > 0) {
                LinkedHashSet<String> found = new LinkedHashSet<>();
                addFailures(store, unexpected, found);
                if (linked != null) {
                    linked.addFailures(store, unexpected, found);
                }
                paths = List.copyOf(found);
            }
            String how = end != null ? end : ended ? "response" : code != null ? "response" : "open";
            long endTime = responseEnd;
            if ("open".equals(how) || endTime == TraceEvent.NO_TIME) {
                endTime = "open".equals(how) ? traceEnd : endTimeOf(store, lastRow);
            }
            double ms = startTime == TraceEvent.NO_TIME || endTime == TraceEvent.NO_TIME ? 0
                    : Math.max(0, endTime - startTime) / 1e6;
            String when = startTime == TraceEvent.NO_TIME ? "" : store.timeFormat().format(startTime);
            return new Request(index, pid, protocol == Protocol.HTTP ? "http" : "fastcgi",
                    connection == null ? null : connection.client, method, uri, code, source, script, startTime,
                    when, Math.round(ms * 1000) / 1000.0, store.firstLine(firstRow), store.lastLine(lastRow),
                    firstRow, lastRow, paths, List.copyOf(hangRows), how, linked == null ? -1 : linked.index);
        }

        private void addFailures(EventStore store, java.util.function.IntPredicate unexpected, Set<String> out) {
            for (int i = 0; i < failureCount; i++) {
                if (unexpected == null || unexpected.test(failures[i])) {
                    out.add(store.paths().get(failures[i]));
                }
            }
        }

        private static long endTimeOf(EventStore store, int row) {
            long t = store.timeNanos(row);
            long d = store.durationNanos(row);
            return t == TraceEvent.NO_TIME ? t : t + Math.max(0, d);
        }
    }
}
