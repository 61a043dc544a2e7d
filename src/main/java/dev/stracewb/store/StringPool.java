package dev.stracewb.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Interns strings (syscall names, errnos, paths) to dense int ids so rows hold ints, not references.
 * One writer (the ingest thread) and any number of readers.
 */
public final class StringPool {
    private final Map<String, Integer> ids = new HashMap<>();
    private volatile String[] values = new String[256];
    private volatile int size;

    public synchronized int intern(String s) {
        Integer id = ids.get(s);
        if (id != null) {
            return id;
        }
        int n = size;
        String[] v = values;
        if (n == v.length) {
            String[] grown = new String[n * 2];
            System.arraycopy(v, 0, grown, 0, n);
            v = grown;
        }
        v[n] = s;
        values = v;
        ids.put(s, n);
        size = n + 1;
        return n;
    }

    /** The id of {@code s}, or -1 if it was never interned. */
    public synchronized int find(String s) {
        Integer id = ids.get(s);
        return id == null ? -1 : id;
    }

    /** The string of an id, or null for -1. */
    public String get(int id) {
        return id < 0 ? null : values[id];
    }

    public int size() {
        return size;
    }
}
