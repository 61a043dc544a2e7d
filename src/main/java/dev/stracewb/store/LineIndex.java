package dev.stracewb.store;

/**
 * Offsets of input lines in the raw text, by 1-based line number: 4 bytes a line (an offset relative to its
 * chunk's first line, as an unsigned int, so 32768 lines may span 4 GiB), in chunks that are never copied, so a
 * reader on another thread never sees a half-grown array. Chunks stay below G1's humongous size at 1 MiB regions.
 */
final class LineIndex {
    private static final int BITS = 15;
    private static final int CHUNK = 1 << BITS;
    private static final int MASK = CHUNK - 1;

    private int[][] chunks = new int[16][];
    private long[] bases = new long[16];
    private volatile long count;
    /** Written before {@link #count}, read after it: the volatile count publishes it (one barrier a line, not two). */
    private long endOffset;

    /** Records the next line at {@code offset}; its end is the next line's offset minus the terminator. */
    void add(long offset, long end) {
        long n = count;
        int chunk = (int) (n >>> BITS);
        if (chunk == chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, chunks.length * 2);
            bases = java.util.Arrays.copyOf(bases, bases.length * 2);
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new int[CHUNK];
            bases[chunk] = offset;
        }
        long relative = offset - bases[chunk];
        if (relative > 0xffff_ffffL) {
            throw new IllegalStateException("32768 lines of more than 4 GiB: not strace output");
        }
        chunks[chunk][(int) (n & MASK)] = (int) relative;
        endOffset = end;
        count = n + 1;
    }

    long count() {
        return count;
    }

    long offset(long line) {
        long i = line - 1;
        int chunk = (int) (i >>> BITS);
        return bases[chunk] + Integer.toUnsignedLong(chunks[chunk][(int) (i & MASK)]);
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
        for (int[] c : chunks) {
            if (c != null) {
                bytes += 16 + 4L * c.length;
            }
        }
        return bytes + 32 + 16L * chunks.length;
    }
}
