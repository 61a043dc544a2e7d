package dev.stracewb.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns short ASCII byte slices (syscall, errno and signal names) into shared Strings without allocating
 * on a hit. Open addressing on a small power-of-two table; names are few, so it rarely grows.
 */
public final class NameInterner {
    private byte[][] keys = new byte[1024][];
    private String[] values = new String[1024];
    private int size;

    public String intern(byte[] buf, int off, int len) {
        int h = hash(buf, off, len);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return insert(i, buf, off, len);
            }
            if (k.length == len && Arrays.equals(k, 0, len, buf, off, off + len)) {
                return values[i];
            }
        }
    }

    private String insert(int slot, byte[] buf, int off, int len) {
        byte[] key = Arrays.copyOfRange(buf, off, off + len);
        String value = new String(key, StandardCharsets.ISO_8859_1).intern();
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return value;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        values = new String[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = hash(oldKeys[j], 0, oldKeys[j].length) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int hash(byte[] buf, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + buf[i];
        }
        return h ^ (h >>> 16);
    }
}
