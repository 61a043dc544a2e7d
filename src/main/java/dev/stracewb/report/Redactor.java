package dev.stracewb.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of trace text before it goes into a report. strace string arguments hold request headers and
 * bodies and the files a server reads, so a report would otherwise carry session cookies, bearer tokens, login
 * passwords and the database password of wp-config.php.
 *
 * <p>Works on display text as the store gives it: strace's escapes ({@code \r\n}, {@code \"}) are still
 * two-character sequences, and a bare {@code "} ends a strace string. A value is replaced by
 * {@code [redacted:KIND]}; names (header, cookie, parameter, constant) stay, so the evidence still reads.
 * Every value redacted is counted by {@link Kind}; a value found once is also redacted wherever else it shows up
 * ({@link #learn} lets a caller show the redactor all text first, so that order does not matter).
 *
 * <p>Errs on the side of redacting too much: a value cut by strace's {@code -s} limit is redacted up to the
 * cut, and a FastCGI parameter's value may take the next parameter's length bytes with it.
 * Not thread-safe: one per report.
 */
public final class Redactor {

    /** What was redacted; {@link #label()} is what the report and its JSON call it. */
    public enum Kind {
        COOKIE("cookie", "values of Cookie headers (cookie names are kept)"),
        SET_COOKIE("set-cookie", "cookie values in Set-Cookie headers (name and attributes are kept)"),
        AUTHORIZATION("authorization", "credentials in Authorization headers (the scheme, e.g. Bearer, is kept)"),
        PROXY_AUTHORIZATION("proxy-authorization", "credentials in Proxy-Authorization headers"),
        TOKEN_HEADER("token-header", "values of X-*-Token headers"),
        SECRET_PARAMETER("secret-parameter",
                "password, passwd, pass, pwd, secret, token and key parameters (and names ending in them) in "
                        + "query strings, form bodies, JSON bodies and environment strings"),
        CONFIG_SECRET("config-secret",
                "define('DB_PASSWORD', '...')-style constants and 'password' => '...' entries in PHP files "
                        + "(names ending in PASSWORD, PASSWD, PASS, PWD, SECRET, KEY, SALT or TOKEN)"),
        HIGH_ENTROPY("high-entropy", "long random-looking tokens: 32 or more letters, digits and -_.+=~ "
                + "that mix character classes with high entropy (hex digests included)");

        private final String label;
        private final String rule;

        Kind(String label, String rule) {
            this.label = label;
            this.rule = rule;
        }

        public String label() {
            return label;
        }

        public String rule() {
            return rule;
        }

        public String marker() {
            return "[redacted:" + label + "]";
        }
    }

    private static final Pattern MARKER = Pattern.compile("\\[redacted:[a-z-]+\\]");

    /** A header name at the start of a header line: after a \r or \n escape, a real line break or a quote. */
    private static final Pattern HEADER = Pattern.compile(
            "(?:(?<=\\\\[rn])|(?<![A-Za-z0-9_-]))(cookie|set-cookie|authorization|proxy-authorization|x-[a-z0-9-]*token)"
                    + "[ \\t]*:[ \\t]*",
            Pattern.CASE_INSENSITIVE);

    /** The same headers as FastCGI/CGI parameters (the value follows the name directly, or after '='). */
    private static final Pattern CGI_HEADER = Pattern.compile(
            "HTTP_(COOKIE|AUTHORIZATION|PROXY_AUTHORIZATION|X_[A-Z0-9_]*TOKEN)=?");

    /** A parameter name at a parameter boundary: after ? & ; a quote, a \r or \n escape, or the text start. */
    private static final Pattern PARAMETER = Pattern.compile(
            "(?:(?<=[?&;\"])|(?<=\\\\[rn])|^)([A-Za-z0-9_.\\-\\[\\]]{1,64})=");

    /** {@code \"password\": \"...\"} in a JSON body as strace writes it (quotes escaped). */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\\\\\"([A-Za-z0-9_.\\-]{1,64})\\\\\"\\s*:\\s*\\\\\"");

    private static final String SPACE = "(?:\\s|\\\\[tnr])*";
    private static final String QUOTE = "('|\\\\\")";

    /** {@code define( 'DB_PASSWORD', '...' )} with single or (escaped) double quotes. */
    private static final Pattern DEFINE = Pattern.compile(
            "(?i)define" + SPACE + "\\(" + SPACE + QUOTE + "([A-Za-z0-9_]{1,64})\\1" + SPACE + "," + SPACE + QUOTE);

    /** {@code 'password' => '...'} in a PHP array. */
    private static final Pattern ARRAY_ENTRY = Pattern.compile(
            QUOTE + "([A-Za-z0-9_.\\-]{1,64})\\1" + SPACE + "=>" + SPACE + QUOTE);

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_=.~+\\-]{32,}");

    private static final Set<String> AUTH_SCHEMES = Set.of("bearer", "basic", "digest", "negotiate", "ntlm",
            "token", "hoba", "mutual", "aws4-hmac-sha256", "dpop");

    private static final int MIN_LEARNED_LENGTH = 6;

    private final boolean enabled;
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    /** Secret values seen, longest first so that a value that contains another is replaced whole. */
    private final Map<String, Kind> learned = new LinkedHashMap<>();
    private final Set<String> learnedOrder = new TreeSet<>((a, b) -> a.length() != b.length()
            ? Integer.compare(b.length(), a.length()) : a.compareTo(b));
    private boolean counting = true;

    private Redactor(boolean enabled) {
        this.enabled = enabled;
    }

    /** A redactor that redacts. */
    public static Redactor create() {
        return new Redactor(true);
    }

    /** A redactor that keeps everything ({@code --no-redact}). */
    public static Redactor disabled() {
        return new Redactor(false);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The text with every secret replaced by {@code [redacted:KIND]}, counted; null stays null. */
    public String redact(String text) {
        if (!enabled || text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        out = headers(out);
        out = cgiHeaders(out);
        out = configSecrets(out, DEFINE);
        out = configSecrets(out, ARRAY_ENTRY);
        out = parameters(out);
        out = jsonFields(out);
        out = repeats(out);
        out = highEntropy(out);
        return out;
    }

    /** Finds the secrets in the text without counting them, so that their repeats elsewhere are redacted too. */
    public void learn(String text) {
        boolean was = counting;
        counting = false;
        try {
            redact(text);
        } finally {
            counting = was;
        }
    }

    /** Values redacted so far, by kind, in {@link Kind} order; kinds never seen are absent. */
    public Map<Kind, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    // ---- rules --------------------------------------------------------------------------------------------

    private String headers(String s) {
        return rewriteValues(s, HEADER, (t, m) -> valueEnd(t, m.end(), false), (m, value) ->
                switch (m.group(1).toLowerCase(Locale.ROOT)) {
                    case "cookie" -> cookies(value, Kind.COOKIE, false);
                    case "set-cookie" -> cookies(value, Kind.SET_COOKIE, true);
                    case "authorization" -> credentials(value, Kind.AUTHORIZATION);
                    case "proxy-authorization" -> credentials(value, Kind.PROXY_AUTHORIZATION);
                    default -> whole(value, Kind.TOKEN_HEADER);
                });
    }

    private String cgiHeaders(String s) {
        return rewriteValues(s, CGI_HEADER, (t, m) -> {
            int end = m.end();
            while (end < t.length() && t.charAt(end) != '\\' && t.charAt(end) != '"') {
                end++;
            }
            return end;
        }, (m, value) -> switch (m.group(1)) {
            case "COOKIE" -> cookies(value, Kind.COOKIE, false);
            case "AUTHORIZATION" -> credentials(value, Kind.AUTHORIZATION);
            case "PROXY_AUTHORIZATION" -> credentials(value, Kind.PROXY_AUTHORIZATION);
            default -> whole(value, Kind.TOKEN_HEADER);
        });
    }

    /** {@code a=1; b=2} → {@code a=[redacted]; b=[redacted]}; for Set-Cookie only the first pair is the cookie. */
    private String cookies(String value, Kind kind, boolean firstOnly) {
        StringBuilder out = new StringBuilder(value.length());
        String[] parts = value.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(';');
            }
            String part = parts[i];
            int eq = part.indexOf('=');
            if ((firstOnly && i > 0) || eq < 0) {
                out.append(i == 0 && eq < 0 ? whole(part, kind) : part);
                continue;
            }
            out.append(part, 0, eq + 1).append(whole(part.substring(eq + 1), kind));
        }
        return out.toString();
    }

    /** {@code Bearer xyz} → {@code Bearer [redacted]}; the scheme says which kind of credential it was. */
    private String credentials(String value, Kind kind) {
        int space = value.indexOf(' ');
        if (space > 0 && AUTH_SCHEMES.contains(value.substring(0, space).toLowerCase(Locale.ROOT))) {
            int start = space;
            while (start < value.length() && value.charAt(start) == ' ') {
                start++;
            }
            return value.substring(0, start) + whole(value.substring(start), kind);
        }
        return whole(value, kind);
    }

    private String configSecrets(String s, Pattern pattern) {
        return rewriteValues(s, pattern,
                (t, m) -> isConfigSecretName(m.group(2)) ? quotedEnd(t, m.end(), m.group(3)) : -1,
                (m, value) -> whole(value, Kind.CONFIG_SECRET));
    }

    private String parameters(String s) {
        return rewriteValues(s, PARAMETER, (t, m) -> {
            if (!isSecretParameterName(m.group(1))) {
                return -1;
            }
            int end = m.end();
            while (end < t.length() && "&#;\"\\ \t\r\n".indexOf(t.charAt(end)) < 0) {
                end++;
            }
            return end == m.end() ? -1 : end;
        }, (m, value) -> whole(value, Kind.SECRET_PARAMETER));
    }

    private String jsonFields(String s) {
        return rewriteValues(s, JSON_FIELD,
                (t, m) -> isSecretParameterName(m.group(1)) ? quotedEnd(t, m.end(), "\\\"") : -1,
                (m, value) -> whole(value, Kind.SECRET_PARAMETER));
    }

    /**
     * The shape every rule but the entropy one shares: a pattern finds where a value starts (at the match's
     * end), {@code valueEnd} says where it ends (or -1 to leave this match alone), and {@code redact} gives its
     * replacement. Text outside the values is copied unchanged.
     */
    private static String rewriteValues(String s, Pattern pattern,
                                        java.util.function.ToIntBiFunction<String, Matcher> valueEnd,
                                        java.util.function.BiFunction<Matcher, String, String> redact) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            int start = m.end();
            from = start;
            int end = valueEnd.applyAsInt(s, m);
            if (end < 0) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, start).append(redact.apply(m, s.substring(start, end)));
            copied = end;
            from = Math.max(end, from);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** Values found elsewhere, wherever they show up again (outside markers). */
    private String repeats(String s) {
        if (learnedOrder.isEmpty()) {
            return s;
        }
        List<int[]> markers = new ArrayList<>();
        Matcher mm = MARKER.matcher(s);
        while (mm.find()) {
            markers.add(new int[] {mm.start(), mm.end()});
        }
        StringBuilder out = new StringBuilder(s.length());
        int pos = 0;
        for (int[] mk : markers) {
            out.append(replaceLearned(s.substring(pos, mk[0]))).append(s, mk[0], mk[1]);
            pos = mk[1];
        }
        out.append(replaceLearned(s.substring(pos)));
        return out.toString();
    }

    private String replaceLearned(String segment) {
        String out = segment;
        for (String value : learnedOrder) {
            if (out.contains(value)) {
                Kind kind = learned.get(value);
                int n = 0;
                int i = out.indexOf(value);
                StringBuilder b = new StringBuilder(out.length());
                int copied = 0;
                while (i >= 0) {
                    b.append(out, copied, i).append(kind.marker());
                    copied = i + value.length();
                    n++;
                    i = out.indexOf(value, copied);
                }
                out = b.append(out, copied, out.length()).toString();
                count(kind, n);
            }
        }
        return out;
    }

    private String highEntropy(String s) {
        Matcher m = TOKEN.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            String token = m.group();
            if (!looksRandom(token) || insideMarker(s, m.start())) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, m.start()).append(whole(token, Kind.HIGH_ENTROPY));
            copied = m.end();
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Replaces a whole value by the kind's marker, counts it and remembers it; empty values stay empty. */
    private String whole(String value, Kind kind) {
        if (value.isEmpty() || MARKER.matcher(value).matches()) {
            return value;
        }
        if (value.length() >= MIN_LEARNED_LENGTH && !value.contains("[redacted:")) {
            if (learned.putIfAbsent(value, kind) == null) {
                learnedOrder.add(value);
            }
        }
        count(kind, 1);
        return kind.marker();
    }

    private void count(Kind kind, long n) {
        if (counting && n > 0) {
            counts.merge(kind, n, Long::sum);
        }
    }

    /**
     * End of a header value: a \r or \n escape, a real line break, or the bare quote that ends the strace string.
     * Other escapes ({@code \"}, {@code \\}) are part of the value.
     */
    static int valueEnd(String s, int from, boolean stopAtAnyEscape) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '"') {
                return i;
            }
            if (c == '\\') {
                if (stopAtAnyEscape || i + 1 >= s.length()) {
                    return i;
                }
                char e = s.charAt(i + 1);
                if (e == 'r' || e == 'n') {
                    return i;
                }
                i += 2;
                continue;
            }
            i++;
        }
        return s.length();
    }

    /** End of a quoted value opened by {@code quote} ({@code '} or {@code \"}); a bare {@code "} also ends it. */
    private static int quotedEnd(String s, int from, String quote) {
        boolean escapedQuote = quote.length() == 2;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\n') {
                return i;
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    return i;
                }
                if (escapedQuote && s.charAt(i + 1) == '"') {
                    return i;
                }
                i += 2;
                continue;
            }
            if (!escapedQuote && c == '\'') {
                return i;
            }
            i++;
        }
        return s.length();
    }

    private static boolean insideMarker(String s, int at) {
        int open = s.lastIndexOf("[redacted:", at);
        return open >= 0 && s.indexOf(']', open) >= at;
    }

    static boolean isSecretParameterName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return n.endsWith("password") || n.endsWith("passwd") || n.endsWith("pwd") || n.endsWith("secret")
                || n.endsWith("token") || n.endsWith("key") || n.equals("pass") || n.endsWith("_pass")
                || n.endsWith("-pass") || n.endsWith(".pass");
    }

    static boolean isConfigSecretName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.endsWith("PASSWORD") || n.endsWith("PASSWD") || n.endsWith("PASS") || n.endsWith("PWD")
                || n.endsWith("SECRET") || n.endsWith("KEY") || n.endsWith("SALT") || n.endsWith("TOKEN");
    }

    /**
     * Random-looking. Hex (UUIDs too) of 32 or more digits with some entropy is a digest or a session id. Other
     * tokens must not read as words joined by separators (file names such as
     * {@code libapache2-mod-php8.2-module.so}), must mix letters and digits, and must have a high Shannon entropy
     * per character. Paths never qualify as a whole: '/' is not a token character.
     */
    static boolean looksRandom(String token) {
        int digits = 0;
        int upper = 0;
        int lower = 0;
        int separators = 0;
        boolean hex = true;
        int[] freq = new int[128];
        String body = token.replaceAll("=+$", "");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            freq[c & 127]++;
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
            } else {
                separators++;
            }
            if (Character.digit(c, 16) < 0 && c != '-') {
                hex = false;
            }
        }
        double entropy = entropy(freq, body.length());
        if (hex) {
            return digits >= 2 && upper + lower >= 2 && body.length() - separators >= 32 && entropy >= 3.0;
        }
        if (separators >= 3 || digits < 2 || upper + lower < 2 || entropy < 4.0) {
            return false;
        }
        if (upper > 0 && lower > 0) {
            return true;
        }
        double n = body.length() - separators;
        return digits / n >= 0.2 && (upper + lower) / n >= 0.2;
    }

    private static double entropy(int[] freq, int length) {
        double entropy = 0;
        for (int f : freq) {
            if (f > 0) {
                double p = (double) f / length;
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        return entropy;
    }
}
