package dev.stracewb.store;

/**
 * Offsets of input lines in the raw text, by 1-based line number, in chunks that are never copied, so a reader
 * on another thread never sees a half-grown array.
 */
final class LineIndex {
    private static final int BITS = 16;
    private static final int CHUNK = 1 << BITS;
    private static final int MASK = CHUNK - 1;

    private long[][] chunks = new long[16][];
    private volatile long count;
    private volatile long endOffset;

    /** Records the next line at {@code offset}; its end is the next line's offset minus the terminator. */
    void add(long offset, long end) {
        long n = count;
        int chunk = (int) (n >>> BITS);
        if (chunk == chunks.length) {
            long[][] grown = new long[chunks.length * 2][];
            System.arraycopy(chunks, 0, grown, 0, chunks.length);
            chunks = grown;
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new long[CHUNK];
        }
        chunks[chunk][(int) (n & MASK)] = offset;
        endOffset = end;
        count = n + 1;
    }

    long count() {
        return count;
    }

    long offset(long line) {
        long i = line - 1;
        return chunks[(int) (i >>> BITS)][(int) (i & MASK)];
    }

    /** Where the line's bytes end (exclusive), excluding the newline. */
    long end(long line) {
        if (line >= count) {
            return endOffset;
        }
        return offset(line + 1) - 1;
    }

    long heapBytes() {
        long bytes = 0;
        for (long[] c : chunks) {
            if (c != null) {
                bytes += 16 + 8L * c.length;
            }
        }
        return bytes + 16 + 8L * chunks.length;
    }
}
