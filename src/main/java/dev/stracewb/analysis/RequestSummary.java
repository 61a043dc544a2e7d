package dev.stracewb.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The requests in one line: how many, the status mix by request, and the failure every failed request shares,
 * e.g. {@code 20 requests: 20 × 500 GET /; every 500 failed to open /…/wp-includes/version.phpp}.
 *
 * @param total   requests counted (web-server side; php-fpm's requests are counted when no web server's are seen)
 * @param groups  requests by status and request line, most first
 * @param culprit the failed path common to the failing requests, or null
 * @param text    the sentence
 */
public record RequestSummary(int total, List<Group> groups, String culprit, String text) {

    /** {@code count} requests {@code method uri} answered {@code status} (null: no response). */
    public record Group(Integer status, String method, String uri, int count) {
        public String label() {
            return count + " × " + (status == null ? "no response" : status) + " " + (method == null ? "?" : method)
                    + " " + (uri == null ? "?" : uri);
        }
    }

    /**
     * A status and request line, the key requests are counted by. equals and hashCode are written out: a record's
     * generated ones are bootstrapped through method handles on first use, which costs a cold run ~10 ms.
     */
    private record Line(Integer status, String method, String uri) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && Objects.equals(status, l.status) && Objects.equals(method, l.method)
                    && Objects.equals(uri, l.uri);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(status) * 31 + Objects.hashCode(method)) * 31 + Objects.hashCode(uri);
        }
    }

    public static RequestSummary of(List<Request> all) {
        List<Request> requests = all.stream().filter(r -> r.protocol().equals("http")).toList();
        if (requests.isEmpty()) {
            requests = all;
        }
        if (requests.isEmpty()) {
            return new RequestSummary(0, List.of(), null, "no HTTP requests in this trace");
        }
        Map<Line, Integer> counts = new LinkedHashMap<>();
        for (Request r : requests) {
            counts.merge(new Line(r.status(), r.method(), r.uri()), 1, Integer::sum);
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((k, n) -> groups.add(new Group(k.status(), k.method(), k.uri(), n)));
        groups.sort(Comparator.comparingInt(Group::count).reversed());
        StringBuilder sb = new StringBuilder();
        sb.append(requests.size()).append(requests.size() == 1 ? " request: " : " requests: ");
        int shown = Math.min(3, groups.size());
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(groups.get(i).label());
        }
        if (groups.size() > shown) {
            sb.append(", … (").append(groups.size() - shown).append(" more)");
        }
        String culprit = null;
        for (Integer status : failingStatuses(requests)) {
            List<Request> failing = requests.stream().filter(r -> Objects.equals(r.status(), status)).toList();
            Map<String, Integer> byPath = new LinkedHashMap<>();
            for (Request r : failing) {
                for (String p : r.failures()) {
                    byPath.merge(p, 1, Integer::sum);
                }
            }
            if (byPath.isEmpty()) {
                continue;
            }
            Map.Entry<String, Integer> top = byPath.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow();
            String label = status == null ? "unanswered request" : String.valueOf(status);
            sb.append("; ");
            if (top.getValue() == failing.size()) {
                sb.append(failing.size() == 1 ? "the " : "every ").append(label);
            } else {
                sb.append(top.getValue()).append(" of ").append(failing.size()).append(' ').append(label).append("s");
            }
            sb.append(" failed to open ").append(shorten(top.getKey()));
            if (culprit == null) {
                culprit = top.getKey();
            }
        }
        return new RequestSummary(requests.size(), List.copyOf(groups), culprit, sb.toString());
    }

    /** Statuses of failed requests (5xx, 4xx, none), most frequent first. */
    private static List<Integer> failingStatuses(List<Request> requests) {
        Map<Integer, Integer> n = new LinkedHashMap<>();
        for (Request r : requests) {
            if (r.status() == null || r.status() >= 400) {
                n.merge(r.status(), 1, Integer::sum);
            }
        }
        List<Integer> out = new ArrayList<>(n.keySet());
        out.sort(Comparator.comparing((Integer s) -> -n.get(s)));
        return out;
    }

    /** {@code /tmp/lab/www/wp-includes/version.phpp} to {@code /…/wp-includes/version.phpp}. */
    static String shorten(String path) {
        String[] parts = path.split("/");
        if (parts.length <= 4) {
            return path;
        }
        return "/…/" + parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }
}
