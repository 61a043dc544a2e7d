package dev.stracewb.session;

import dev.stracewb.parse.LineParser;
import dev.stracewb.parse.LineShape;
import dev.stracewb.parse.ParsedLine;
import dev.stracewb.store.EventStore;
import dev.stracewb.store.TextBytes;
import dev.stracewb.trace.EventKind;
import dev.stracewb.trace.ExitEvent;
import dev.stracewb.trace.SignalEvent;
import dev.stracewb.trace.SyscallEvent;
import dev.stracewb.trace.TextEvent;
import dev.stracewb.trace.TraceEvent;

import java.util.Arrays;

/**
 * Makes a full {@link TraceEvent} for one row, on demand: numbers come from the store's columns, argument and
 * result text from the raw lines, parsed again. Cheap enough for the rows on screen; not for bulk work.
 * Synchronized, so one reader can serve several threads.
 */
public final class EventReader {
    private final EventStore store;
    private final LineParser parser = new LineParser();
    private final ParsedLine parsed = new ParsedLine();

    public EventReader(EventStore store) {
        this.store = store;
    }

    public synchronized TraceEvent event(int row) {
        EventKind kind = store.kind(row);
        long first = store.firstLine(row);
        byte[] line = store.raw().lineBytes(first);
        return switch (kind) {
            case SYSCALL -> syscall(row, line);
            case SIGNAL -> {
                parser.parse(line, 0, line.length, parsed);
                String info = parsed.shape == LineShape.SIGNAL ? text(line, parsed.argsStart, parsed.argsEnd) : "";
                yield new SignalEvent(row, store.pid(row), store.timeNanos(row), first, store.name(row), info);
            }
            case EXIT -> {
                boolean killed = store.name(row) != null;
                yield new ExitEvent(row, store.pid(row), store.timeNanos(row), first,
                        killed ? null : (int) store.returnValue(row), store.name(row), store.isFailed(row));
            }
            default -> new TextEvent(row, store.pid(row), store.timeNanos(row), first, kind,
                    TextBytes.toDisplayString(line));
        };
    }

    private SyscallEvent syscall(int row, byte[] firstLine) {
        parser.parse(firstLine, 0, firstLine.length, parsed);
        long lastNo = store.lastLine(row);
        if (parsed.shape == LineShape.UNPARSED && lastNo != store.firstLine(row)) {
            // a call line broken in two by output on the same terminal: the ingest joined the two lines
            byte[] rest = store.raw().lineBytes(lastNo);
            byte[] both = Arrays.copyOf(firstLine, firstLine.length + rest.length);
            System.arraycopy(rest, 0, both, firstLine.length, rest.length);
            parser.parse(both, 0, both.length, parsed);
            return new SyscallEvent(row, store.pid(row), store.timeNanos(row), store.firstLine(row), lastNo,
                    store.name(row), text(both, parsed.argsStart, parsed.argsEnd),
                    text(both, parsed.resultStart, parsed.resultEnd), store.returnValue(row), store.errno(row),
                    parsed.errno != null ? text(both, parsed.errnoTextStart, parsed.errnoTextEnd) : null,
                    store.durationNanos(row), store.path(row), store.path2(row), store.isFinished(row));
        }
        String args = parsed.shape == LineShape.UNPARSED ? "" : text(firstLine, parsed.argsStart, parsed.argsEnd);
        String result = parsed.shape == LineShape.SYSCALL || parsed.shape == LineShape.RESUMED
                ? text(firstLine, parsed.resultStart, parsed.resultEnd) : null;
        String errnoText = parsed.errno != null ? text(firstLine, parsed.errnoTextStart, parsed.errnoTextEnd) : null;
        long last = store.lastLine(row);
        if (last != store.firstLine(row)) {
            byte[] lastLine = store.raw().lineBytes(last);
            parser.parse(lastLine, 0, lastLine.length, parsed);
            if (parsed.shape != LineShape.RESUMED) {
                // the rest of a call line that strace broke with its own attach message
                parser.parseContinuation(lastLine, 0, lastLine.length, parsed);
            }
            if (parsed.shape == LineShape.RESUMED) {
                String rest = text(lastLine, parsed.argsStart, parsed.argsEnd);
                args = joinArgs(args, rest);
                result = text(lastLine, parsed.resultStart, parsed.resultEnd);
                errnoText = parsed.errno != null ? text(lastLine, parsed.errnoTextStart, parsed.errnoTextEnd) : null;
            }
        }
        return new SyscallEvent(row, store.pid(row), store.timeNanos(row), store.firstLine(row), last,
                store.name(row), args, result, store.returnValue(row), store.errno(row), errnoText,
                store.durationNanos(row), store.path(row), store.path2(row), store.isFinished(row));
    }

    private static String joinArgs(String head, String tail) {
        if (head.isEmpty()) {
            return tail;
        }
        if (tail.isEmpty()) {
            return head;
        }
        return head.endsWith(",") ? head + " " + tail : head + tail;
    }

    private static String text(byte[] b, int from, int to) {
        if (to <= from) {
            return "";
        }
        return TextBytes.toDisplayString(Arrays.copyOfRange(b, from, to));
    }
}
