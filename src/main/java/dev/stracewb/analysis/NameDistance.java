package dev.stracewb.analysis;

import java.util.Locale;

/** Edit distance between file names, as a person mistypes them: insert, delete, change, swap two letters. */
public final class NameDistance {
    private NameDistance() {
    }

    /** Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }

    /**
     * How far a candidate is from the missing name, or -1 when it is too far to be what was meant: names that
     * differ only in case are 0; otherwise at most 1 edit for short names, 2 from 8 characters, 3 from 16.
     */
    public static int nearness(String missing, String candidate) {
        if (missing.equals(candidate)) {
            return -1;
        }
        if (missing.toLowerCase(Locale.ROOT).equals(candidate.toLowerCase(Locale.ROOT))) {
            return 0;
        }
        if (Math.abs(missing.length() - candidate.length()) > 3) {
            return -1;
        }
        int limit = missing.length() >= 16 ? 3 : missing.length() >= 8 ? 2 : 1;
        int d = distance(missing, candidate);
        return d <= limit ? d : -1;
    }

    /** The stem of a file name (before its last dot). */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
