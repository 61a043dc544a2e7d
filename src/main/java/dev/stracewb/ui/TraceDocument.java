package dev.stracewb.ui;

import dev.stracewb.session.SessionListener;
import dev.stracewb.session.TraceSession;
import dev.stracewb.store.EventStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The presentation model of one open trace (a file, a replay or a live capture): its session, how far ingest
 * got, and the row the user selected, which every view follows. Lives on the FX thread; the ingest thread only
 * leaves notes in the {@link FxMailbox}.
 */
final class TraceDocument {
    /** What the document shows, for the window title and the status bar. */
    enum Kind { FILE, SAMPLE, REPLAY, CAPTURE }

    private final TraceSession session;
    private final String title;
    private final Kind kind;
    private final long startedNanos = System.nanoTime();
    private final IntegerProperty rowCount = new SimpleIntegerProperty();
    private final IntegerProperty selectedRow = new SimpleIntegerProperty(-1);
    private final BooleanProperty finished = new SimpleBooleanProperty();
    private final ObjectProperty<Throwable> error = new SimpleObjectProperty<>();
    private volatile long finishedNanos;

    TraceDocument(TraceSession session, String title, Kind kind, FxMailbox mailbox) {
        this.session = session;
        this.title = title;
        this.kind = kind;
        session.addListener(new SessionListener() {
            @Override
            public void finished(TraceSession s, Throwable e) {
                finishedNanos = System.nanoTime();
                mailbox.post(() -> {
                    rowCount.set(s.store().size());
                    error.set(e);
                    finished.set(true);
                });
            }
        });
    }

    TraceSession session() {
        return session;
    }

    EventStore store() {
        return session.store();
    }

    String title() {
        return title;
    }

    Kind kind() {
        return kind;
    }

    boolean isLive() {
        return kind == Kind.CAPTURE || kind == Kind.REPLAY;
    }

    /** Reads the store's row count (a volatile read; the ingest thread may be appending). Call on the FX thread. */
    void poll() {
        if (!finished.get()) {
            rowCount.set(session.store().size());
        }
    }

    ReadOnlyIntegerProperty rowCountProperty() {
        return rowCount;
    }

    IntegerProperty selectedRowProperty() {
        return selectedRow;
    }

    void select(int row) {
        selectedRow.set(row);
    }

    ReadOnlyBooleanProperty finishedProperty() {
        return finished;
    }

    ReadOnlyObjectProperty<Throwable> errorProperty() {
        return error;
    }

    /** Seconds since the trace was opened, frozen when it finished. */
    double elapsedSeconds() {
        long end = finishedNanos != 0 ? finishedNanos : System.nanoTime();
        return (end - startedNanos) / 1e9;
    }
}
