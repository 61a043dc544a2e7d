package dev.stracewb.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The trace's text as strace wrote it, read back by line number when a row is shown. Either the source file
 * itself (nothing is copied) or a spool file that the ingest writes as lines arrive (gzip, -ff sets, stdin,
 * live captures). The heap holds only the line offsets.
 */
public final class RawText implements AutoCloseable {
    private final LineIndex index = new LineIndex();
    private final Path file;
    private final boolean spooled;
    private final FileChannel reader;
    private FileChannel spool;
    private final ByteBuffer spoolBuffer;
    private long position;
    /**
     * The line just appended, still in the caller's buffer: collectors on the ingest thread read the row they are
     * handed without a trip to the disk. Only the appending thread may use it (the buffer is reused after).
     */
    private byte[] lastBuf;
    private int lastOff;
    private int lastLen;
    private long lastLine;
    private Thread appender;
    /**
     * What the parser found in the line just appended (its shape and call-text spans, relative to the line's
     * start), or {@code lastSpansLine != lastLine} when not told: a collector that re-reads this line's call text
     * skips parsing it a second time.
     */
    private long lastSpansLine;
    private int lastShape;
    private int lastArgsStart;
    private int lastArgsEnd;
    private int lastResultStart;
    private int lastResultEnd;
    /**
     * A plain file read in place is also mapped, in 1 GiB segments, so lines are read back without a system call.
     * Segments are mapped when first needed and again when the file has grown past them (a live capture's file).
     */
    private static final int SEGMENT_BITS = 30;
    private static final long SEGMENT = 1L << SEGMENT_BITS;
    private java.nio.MappedByteBuffer[] segments = new java.nio.MappedByteBuffer[0];
    private volatile boolean mappable;
    /** Bytes of the spool already written to its file. */
    private long flushed;

    private RawText(Path file, boolean spooled) throws IOException {
        this.file = file;
        this.spooled = spooled;
        if (spooled) {
            spool = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.CREATE);
            spoolBuffer = ByteBuffer.allocate(1 << 20);
        } else {
            spoolBuffer = null;
        }
        reader = FileChannel.open(file, StandardOpenOption.READ);
        mappable = !spooled;
    }

    /**
     * Copies [start, start+len) from the mapping when it lies inside one segment; false otherwise (a line across
     * a segment boundary, a file that cannot be mapped, a file cut shorter than its index: plain reads then).
     */
    private boolean copyMapped(long start, int len, byte[] dst) {
        if (!mappable) {
            return false;
        }
        int seg = (int) (start >>> SEGMENT_BITS);
        long segStart = (long) seg << SEGMENT_BITS;
        if (start + len > segStart + SEGMENT) {
            return false;
        }
        try {
            java.nio.MappedByteBuffer m = segment(seg, start + len - segStart);
            if (m == null) {
                return false;
            }
            m.get((int) (start - segStart), dst, 0, len);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            mappable = false; // not mappable (a special file): positional reads still work
            return false;
        } catch (RuntimeException | InternalError e) {
            return false;
        }
    }

    private synchronized java.nio.MappedByteBuffer segment(int seg, long needed) throws IOException {
        if (segments.length <= seg) {
            segments = java.util.Arrays.copyOf(segments, seg + 1);
        }
        java.nio.MappedByteBuffer m = segments[seg];
        if (m == null || m.capacity() < needed) {
            long segStart = (long) seg << SEGMENT_BITS;
            long size = Math.min(SEGMENT, reader.size() - segStart);
            if (size < needed) {
                return null;
            }
            m = reader.map(FileChannel.MapMode.READ_ONLY, segStart, size);
            segments[seg] = m;
        }
        return m;
    }

    /**
     * A spooled line not written to the spool file yet is copied from the buffer (no flush per re-read: the
     * collectors re-read stitched calls all the time); for a line already written, returns false after making
     * sure every byte of it is in the file.
     */
    private synchronized boolean copySpooled(long start, int len, byte[] dst) {
        if (start >= flushed && start + len <= flushed + spoolBuffer.position()) {
            System.arraycopy(spoolBuffer.array(), (int) (start - flushed), dst, 0, len);
            return true;
        }
        if (start + len > flushed) {
            try {
                flushSpool();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the trace spool " + file + ": " + e.getMessage(), e);
            }
        }
        return false;
    }

    /** Raw text read in place from a plain file that holds exactly the source's lines. */
    public static RawText inPlace(Path file) throws IOException {
        return new RawText(file, false);
    }

    /** Raw text copied to a temporary spool file, deleted on close. */
    public static RawText spooled() throws IOException {
        Path tmp = Files.createTempFile("stracewb-", ".spool");
        tmp.toFile().deleteOnExit();
        return new RawText(tmp, true);
    }

    /** Records the next line; spooled text also copies its bytes. Returns its 1-based line number. */
    public long append(byte[] buf, int off, int len) {
        long start = position;
        if (spooled) {
            write(buf, off, len);
            write(NEWLINE, 0, 1);
        }
        position += len + 1L;
        index.add(start, start + len);
        lastBuf = buf;
        lastOff = off;
        lastLen = len;
        lastLine = index.count();
        appender = Thread.currentThread();
        return lastLine;
    }

    private static final byte[] NEWLINE = {'\n'};

    /**
     * Tells what parsing the line just appended gave: a shape code and the argument and result spans, relative to
     * the line's start. The appending thread only; good until the next append.
     */
    public void noteLastLineSpans(int shape, int argsStart, int argsEnd, int resultStart, int resultEnd) {
        lastSpansLine = lastLine;
        lastShape = shape;
        lastArgsStart = argsStart;
        lastArgsEnd = argsEnd;
        lastResultStart = resultStart;
        lastResultEnd = resultEnd;
    }

    /**
     * The spans noted for {@code line} by {@link #noteLastLineSpans} ({shape, argsStart, argsEnd, resultStart,
     * resultEnd} into {@code out}), when it is the line just appended and the caller is the appending thread.
     */
    public boolean lastLineSpans(long line, int[] out) {
        if (line != lastSpansLine || line != lastLine || appender != Thread.currentThread() || lastBuf == null) {
            return false;
        }
        out[0] = lastShape;
        out[1] = lastArgsStart;
        out[2] = lastArgsEnd;
        out[3] = lastResultStart;
        out[4] = lastResultEnd;
        return true;
    }

    private synchronized void write(byte[] buf, int off, int len) {
        try {
            while (len > 0) {
                int n = Math.min(len, spoolBuffer.remaining());
                spoolBuffer.put(buf, off, n);
                off += n;
                len -= n;
                if (!spoolBuffer.hasRemaining()) {
                    flushSpool();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace spool " + file + ": " + e.getMessage(), e);
        }
    }

    private void flushSpool() throws IOException {
        spoolBuffer.flip();
        while (spoolBuffer.hasRemaining()) {
            spool.write(spoolBuffer);
        }
        flushed += spoolBuffer.limit();
        spoolBuffer.clear();
    }

    public long lineCount() {
        return index.count();
    }

    /** The bytes of a line, as strace wrote them. */
    public byte[] lineBytes(long line) {
        if (line < 1 || line > index.count()) {
            return new byte[0];
        }
        int len = line == lastLine && appender == Thread.currentThread() && lastBuf != null ? lastLen
                : (int) Math.min(Integer.MAX_VALUE - 16, Math.max(0, index.end(line) - index.offset(line)));
        byte[] out = new byte[len];
        lineBytesInto(line, out);
        return out;
    }

    /**
     * Copies a line's bytes into {@code dst} without allocating, for analyses that read many lines back. Returns
     * the line's length, or minus the length needed when {@code dst} is too small (nothing is copied then).
     */
    public int lineBytesInto(long line, byte[] dst) {
        if (line < 1 || line > index.count()) {
            return 0;
        }
        if (line == lastLine && appender == Thread.currentThread() && lastBuf != null) {
            if (lastLen > dst.length) {
                return -lastLen;
            }
            System.arraycopy(lastBuf, lastOff, dst, 0, lastLen);
            return lastLen;
        }
        long start = index.offset(line);
        int len = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(0, index.end(line) - start));
        if (len > dst.length) {
            return -len;
        }
        if (spooled ? copySpooled(start, len, dst) : copyMapped(start, len, dst)) {
            return len;
        }
        ByteBuffer buffer = ByteBuffer.wrap(dst, 0, len);
        try {
            long pos = start;
            while (buffer.hasRemaining()) {
                int n = reader.read(buffer, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read line " + line + " of " + file + ": " + e.getMessage(), e);
        }
        return len;
    }

    /** A line as text: UTF-8 where it is, each other byte as {@code \xNN}, so nothing is hidden. */
    public String line(long line) {
        return TextBytes.toDisplayString(lineBytes(line));
    }

    public long heapBytes() {
        return index.heapBytes();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (spool != null) {
                flushSpool();
                spool.close();
                spool = null;
            }
        }
        synchronized (this) {
            segments = new java.nio.MappedByteBuffer[0];
        }
        reader.close();
        if (spooled) {
            Files.deleteIfExists(file);
        }
    }
}
