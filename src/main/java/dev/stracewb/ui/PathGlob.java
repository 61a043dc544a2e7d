package dev.stracewb.ui;

import java.util.regex.Pattern;

/**
 * A path glob as users type it in the filter bar: {@code *} and {@code ?} within one name, {@code **} across
 * directories, {@code [abc]}, {@code {a,b}}, backslash to escape. A glob without a slash matches the file name,
 * so {@code *.phpp} finds {@code /srv/www/wp-includes/version.phpp}.
 */
final class PathGlob {
    private final Pattern pattern;
    private final boolean nameOnly;

    private PathGlob(Pattern pattern, boolean nameOnly) {
        this.pattern = pattern;
        this.nameOnly = nameOnly;
    }

    static PathGlob of(String glob) {
        return new PathGlob(Pattern.compile(toRegex(glob)), glob.indexOf('/') < 0);
    }

    /** A glob that matches exactly this path (for "only this path"). */
    static String literal(String path) {
        StringBuilder b = new StringBuilder();
        for (char c : path.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    boolean matches(String path) {
        if (path == null) {
            return false;
        }
        String subject = nameOnly ? path.substring(path.lastIndexOf('/') + 1) : path;
        return pattern.matcher(subject).matches();
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close).replace("\\", "\\\\");
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        re.append('[').append(set).append(']');
                        i = close;
                    }
                }
                case '{' -> {
                    inGroup = true;
                    re.append("(?:");
                }
                case '}' -> {
                    if (inGroup) {
                        re.append(')');
                        inGroup = false;
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(inGroup ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inGroup) {
            re.append(')');
        }
        return re.toString();
    }
}
