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
    /** A plain file read in place is also mapped, in chunks, so analyses read lines back without a syscall. */
    private static final long MAP_CHUNK = 1L << 30;
    private java.nio.MappedByteBuffer[] maps;

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
        if (!spooled) {
            maps = map(reader);
        }
    }

    private static java.nio.MappedByteBuffer[] map(FileChannel channel) {
        try {
            long size = channel.size();
            int n = (int) ((size + MAP_CHUNK - 1) / MAP_CHUNK);
            java.nio.MappedByteBuffer[] out = new java.nio.MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long from = i * MAP_CHUNK;
                out[i] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(MAP_CHUNK, size - from));
            }
            return out;
        } catch (IOException | UnsupportedOperationException e) {
            return null; // not mappable (a pipe, a special file): positional reads still work
        }
    }

    /** Copies [start, start+len) from the mapping when it lies inside one chunk; false otherwise. */
    private boolean copyMapped(long start, int len, byte[] dst) {
        java.nio.MappedByteBuffer[] m = maps;
        if (m == null) {
            return false;
        }
        int chunk = (int) (start / MAP_CHUNK);
        int at = (int) (start % MAP_CHUNK);
        if (chunk >= m.length || at + (long) len > m[chunk].capacity()) {
            return false;
        }
        m[chunk].get(at, dst, 0, len);
        return true;
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
        ByteBuffer buffer = ByteBuffer.allocate(len);
        try {
            synchronized (this) {
                if (spooled && spoolBuffer.position() > 0) {
                    flushSpool();
                }
            }
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
        if (copyMapped(start, len, dst)) {
            return len;
        }
        ByteBuffer buffer = ByteBuffer.wrap(dst, 0, len);
        try {
            synchronized (this) {
                if (spooled && spoolBuffer.position() > 0) {
                    flushSpool();
                }
            }
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
        maps = null;
        reader.close();
        if (spooled) {
            Files.deleteIfExists(file);
        }
    }
}
