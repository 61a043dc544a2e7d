package dev.stracewb.session;

import java.util.Arrays;

/**
 * pid -> row of its call in progress, without boxing: open addressing on int keys. Every unfinished and resumed
 * line of a busy trace touches it, so it must cost no more than an array probe.
 */
final class PidRows {
    private static final int EMPTY = Integer.MIN_VALUE;

    private int[] keys = new int[64];
    private int[] values = new int[64];
    private int size;

    PidRows() {
        Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    /** The row of {@code pid}, or -1. */
    int get(int pid) {
        int mask = keys.length - 1;
        for (int i = mix(pid) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == pid) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** Sets the row of {@code pid}; returns the row it replaces, or -1. */
    int put(int pid, int row) {
        int mask = keys.length - 1;
        for (int i = mix(pid) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == pid) {
                int old = values[i];
                values[i] = row;
                return old;
            }
            if (k == EMPTY) {
                keys[i] = pid;
                values[i] = row;
                if (++size * 2 > keys.length) {
                    rehash(keys.length * 2);
                }
                return -1;
            }
        }
    }

    /** Removes {@code pid}; returns its row, or -1. */
    int remove(int pid) {
        int mask = keys.length - 1;
        int i = mix(pid) & mask;
        while (true) {
            int k = keys[i];
            if (k == EMPTY) {
                return -1;
            }
            if (k == pid) {
                break;
            }
            i = (i + 1) & mask;
        }
        int old = values[i];
        // backward-shift deletion keeps every probe chain unbroken
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        size--;
        return old;
    }

    /** The rows, in no particular order. */
    int[] rows() {
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out[n++] = values[i];
            }
        }
        return out;
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
