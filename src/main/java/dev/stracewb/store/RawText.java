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
        if (line == lastLine && appender == Thread.currentThread() && lastBuf != null) {
            return java.util.Arrays.copyOfRange(lastBuf, lastOff, lastOff + lastLen);
        }
        long start = index.offset(line);
        long end = index.end(line);
        int len = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(0, end - start));
        if (spooled) {
            byte[] pending = fromSpoolBuffer(start, len);
            if (pending != null) {
                return pending;
            }
        } else {
            byte[] mapped = mapped(start, len);
            if (mapped != null) {
                return mapped;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(len);
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
        return buffer.array();
    }

    /**
     * A spooled line not written to the spool file yet is copied from the buffer (no flush per re-read: the
     * collectors re-read stitched calls all the time); a line already written returns null, after making sure
     * every byte before the buffer is in the file.
     */
    private synchronized byte[] fromSpoolBuffer(long start, int len) {
        if (start >= flushed && start + len <= flushed + spoolBuffer.position()) {
            int from = (int) (start - flushed);
            return java.util.Arrays.copyOfRange(spoolBuffer.array(), from, from + len);
        }
        if (start + len > flushed) {
            try {
                flushSpool();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the trace spool " + file + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    /**
     * A line of an in-place file, copied from a memory mapping of the file (no system call per line). The file
     * may grow (a live capture writes it): a segment is mapped again when a line lies beyond it. Lines across a
     * segment boundary, and any trouble with the mapping (a file cut shorter), fall back to a plain read.
     */
    private byte[] mapped(long start, int len) {
        int seg = (int) (start >>> SEGMENT_BITS);
        long segStart = (long) seg << SEGMENT_BITS;
        if (start + len > segStart + SEGMENT) {
            return null;
        }
        try {
            java.nio.MappedByteBuffer m = segment(seg, start + len - segStart);
            if (m == null) {
                return null;
            }
            byte[] out = new byte[len];
            m.get((int) (start - segStart), out, 0, len);
            return out;
        } catch (IOException | RuntimeException | InternalError e) {
            return null;
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

    private static final int SEGMENT_BITS = 30;
    private static final long SEGMENT = 1L << SEGMENT_BITS;
    private java.nio.MappedByteBuffer[] segments = new java.nio.MappedByteBuffer[0];
    /** Bytes of the spool already written to its file. */
    private long flushed;

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
        reader.close();
        if (spooled) {
            Files.deleteIfExists(file);
        }
    }
}
