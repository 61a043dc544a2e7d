package dev.stracewb.ui;

import dev.stracewb.store.EventStore;
import dev.stracewb.trace.EventKind;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The events table: one line per store row, virtualized, its items a {@link RowIndexList} of row numbers. Cells
 * read the store when they are shown; nothing per row is held. Failed calls, signals, exits and calls that
 * never returned get their own colours (CSS pseudo-classes).
 */
final class EventsView {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass SIGNAL = PseudoClass.getPseudoClass("signal");
    private static final PseudoClass EXIT = PseudoClass.getPseudoClass("exit");
    private static final PseudoClass UNFINISHED = PseudoClass.getPseudoClass("unfinished");
    private static final PseudoClass TEXT = PseudoClass.getPseudoClass("text");
    private static final PseudoClass WINDOWED = PseudoClass.getPseudoClass("windowed");

    /** What the row context menu asks the workbench to do. */
    interface Actions {
        void onlyPath(String path);

        void onlyPid(int pid);

        void onlySyscall(String name);

        void showInRawLog(int row);

        void findReferences(String path);

        void copyRows(List<Integer> rows);
    }

    /** Rows the table holds at once; the scroll bar beside it spans the whole list. */
    static final int WINDOW = 50_000;
    /** How close to the window's edge the view may come before the window moves. */
    private static final int MARGIN = 500;

    private final TableView<Integer> table;
    private final ScrollBar global;
    private EventText text;
    private EventStore store;
    private boolean selecting;
    private boolean moving;
    private RowIndexList rows;
    private WindowList window;
    private VirtualFlow<?> flow;
    /** A document shown before it had rows: the table still holds the old ones, hidden (see {@link #show}). */
    private TraceDocument pending;
    /** Where the texts of the cells come back from the reader thread (the workbench's one mailbox). */
    private FxMailbox mailbox;
    private final javafx.collections.ListChangeListener<Integer> grown = c -> onGrown();
    /** After the window moved: the index that must end up on top, and until when (the table resets its
     * scroll position at its next layout after new items, which must not be taken for a user's scroll). */
    private int pendingTop = -1;
    private long pendingUntil;

    EventsView(TableView<Integer> table, ScrollBar global, Actions actions, java.util.function.IntConsumer onSelect) {
        this.table = table;
        this.global = global;
        global.setMin(0);
        global.setUnitIncrement(1);
        global.valueProperty().addListener((o, a, v) -> {
            if (!moving) {
                scrollToPosition((int) Math.round(v.doubleValue()));
            }
        });
        table.skinProperty().addListener((o, a, skin) -> hookFlow());
        table.setFixedCellSize(22);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_SUBSEQUENT_COLUMNS);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No events. Open a trace, or clear the filter (Esc)."));
        // the raw line number, as in the raw log's gutter (a stitched call shows where it started)
        column("colRow", row -> constant(text.line(row)));
        column("colTime", row -> constant(text.time(row)));
        column("colPid", row -> constant(text.pid(row)));
        column("colSyscall", row -> constant(text.what(row)));
        column("colSubject", row -> text.subject(row));
        column("colResult", row -> text.result(row));
        column("colErrno", row -> constant(text.errno(row)));
        column("colDuration", row -> constant(text.duration(row)));
        table.getColumns().forEach(c -> {
            c.setSortable(false);
            c.setReorderable(false);
        });
        table.setRowFactory(t -> row(actions));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !selecting) {
                onSelect.accept(row);
            }
        });
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        table.setOnKeyPressed(e -> {
            if (copy.match(e)) {
                actions.copyRows(List.copyOf(table.getSelectionModel().getSelectedItems()));
                e.consume();
            }
        });
    }

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    @SuppressWarnings("unchecked")
    private void column(String id, IntFunction<ObservableValue<String>> value) {
        for (TableColumn<Integer, ?> c : table.getColumns()) {
            if (id.equals(c.getId())) {
                ((TableColumn<Integer, String>) c).setCellValueFactory(f -> {
                    Integer row = f.getValue();
                    return row == null || text == null ? constant("") : value.apply(row);
                });
                return;
            }
        }
        throw new IllegalStateException("events table has no column " + id);
    }

    /** A row of the table: its colours say what the event is (failed, signal, exit, unfinished, text). */
    private final class EventRow extends TableRow<Integer> {
        @Override
        protected void updateItem(Integer row, boolean empty) {
            super.updateItem(row, empty);
            restyle();
        }

        void restyle() {
            Integer row = getItem();
            boolean has = !isEmpty() && row != null && store != null && row < store.size();
            EventKind kind = has ? store.kind(row) : null;
            pseudoClassStateChanged(FAILED, has && store.isFailed(row));
            pseudoClassStateChanged(SIGNAL, kind == EventKind.SIGNAL);
            pseudoClassStateChanged(EXIT, kind == EventKind.EXIT);
            pseudoClassStateChanged(UNFINISHED, kind == EventKind.SYSCALL && !store.isFinished(row));
            pseudoClassStateChanged(TEXT, kind != null && kind != EventKind.SYSCALL && kind != EventKind.SIGNAL
                    && kind != EventKind.EXIT);
        }
    }

    private TableRow<Integer> row(Actions actions) {
        EventRow r = new EventRow();
        r.setOnContextMenuRequested(e -> {
            Integer row = r.getItem();
            if (row == null || store == null) {
                return;
            }
            r.setContextMenu(menu(row, actions));
        });
        return r;
    }

    private ContextMenu menu(int row, Actions actions) {
        String path = store.path(row);
        int pid = store.pid(row);
        String name = store.kind(row) == EventKind.SYSCALL ? store.name(row) : null;
        MenuItem onlyPath = new MenuItem(path == null ? "Only this path" : "Only this path: " + shorten(path));
        onlyPath.setDisable(path == null);
        onlyPath.setOnAction(e -> actions.onlyPath(path));
        MenuItem onlyPid = new MenuItem("Only this pid: " + pid);
        onlyPid.setDisable(pid == 0);
        onlyPid.setOnAction(e -> actions.onlyPid(pid));
        MenuItem onlySyscall = new MenuItem(name == null ? "Only this syscall" : "Only " + name);
        onlySyscall.setDisable(name == null);
        onlySyscall.setOnAction(e -> actions.onlySyscall(name));
        MenuItem raw = new MenuItem("Show in raw log");
        raw.setOnAction(e -> actions.showInRawLog(row));
        MenuItem refs = new MenuItem("Find references to this file");
        refs.setDisable(path == null);
        refs.setOnAction(e -> actions.findReferences(path));
        MenuItem copy = new MenuItem("Copy line (strace text)");
        copy.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copy.setOnAction(e -> {
            List<Integer> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
            actions.copyRows(selected.contains(row) ? selected : List.of(row));
        });
        return new ContextMenu(onlyPath, onlyPid, onlySyscall, new SeparatorMenuItem(), raw, refs,
                new SeparatorMenuItem(), copy);
    }

    private static String shorten(String path) {
        return path.length() <= 60 ? path : "…" + path.substring(path.length() - 59);
    }

    /**
     * Shows a document's rows (or none). A new document without rows yet does not empty the table at once: every
     * cell blanked now and filled again with the first rows, a moment later, are two of the longest frames of a
     * capture's start (CSS and layout of every cell, BENCHMARKS.md). The old rows are hidden instead, and the first
     * rows replace them in one go ({@link #onGrown}).
     */
    void show(TraceDocument doc, RowIndexList rows, FxMailbox mailbox) {
        this.mailbox = mailbox;
        if (doc != null && rows.size() == 0 && window != null && window.size() > 0) {
            pending = doc;
            listen(rows);
            bodyVisible(false);
            updateGlobal(); // no rows yet: the bar over the old trace's list goes
            return;
        }
        commit(doc, rows);
    }

    /** The rows shown now become {@code doc}'s. */
    private void commit(TraceDocument doc, RowIndexList rows) {
        pending = null;
        if (text != null) {
            text.close();
        }
        this.store = doc == null ? null : doc.store();
        this.text = doc == null ? null : new EventText(doc.session(), mailbox);
        bodyVisible(true);
        // a row number selected in the last trace is another event in this one: the table must not keep it
        selecting = true;
        try {
            table.getSelectionModel().clearSelection();
        } finally {
            selecting = false;
        }
        setRows(rows);
        if (doc != null) {
            // the cells on screen hold row numbers the new list has too, so the table does not update them: their
            // texts and colours are the last trace's until they are read again
            refreshTexts();
        }
    }

    /** Shows the old rows of a pending document's table now (the new document asked for them). */
    private void commitPending() {
        if (pending != null) {
            commit(pending, rows);
        }
    }

    private void bodyVisible(boolean visible) {
        if (flow == null) {
            hookFlow();
        }
        if (flow != null) {
            flow.setVisible(visible);
        }
    }

    EventText text() {
        return text;
    }

    /** Shows a list of rows (all of the store's, or a filter's), from its start. */
    void setRows(RowIndexList next) {
        if (pending != null) {
            commit(pending, next);
            return;
        }
        listen(next);
        moveWindow(0);
        // new items keep the table's scroll position, and the selected row when the new list has it: show that
        // row, or the list's first
        scrollWindowTo(Math.max(0, table.getSelectionModel().getSelectedIndex() - 8));
    }

    private void listen(RowIndexList next) {
        if (rows != null) {
            rows.removeListener(grown);
        }
        rows = next;
        rows.addListener(grown);
    }

    /** The whole list shown (not only the window the table holds). */
    RowIndexList rows() {
        return rows;
    }

    /** Puts the window at {@code base} (clamped) and gives it to the table; the table's selection is cleared. */
    private void moveWindow(int base) {
        int n = rows.size();
        int b = Math.max(0, Math.min(base, n - WINDOW));
        window = new WindowList(rows, b, Math.min(WINDOW, n - b));
        selecting = true;
        try {
            table.setItems(window);
        } finally {
            selecting = false;
        }
        updateGlobal();
    }

    private void onGrown() {
        if (pending != null) {
            if (rows.size() > 0) {
                commitPending();
            }
            return;
        }
        if (window != null && window.base() + window.size() < rows.size() && window.size() < WINDOW) {
            window.growTo(Math.min(WINDOW, rows.size() - window.base()));
        }
        updateGlobal();
    }

    /** The scroll bar over the whole list: shown only when the list is longer than the window. */
    private void updateGlobal() {
        int n = rows == null ? 0 : rows.size();
        boolean windowed = n > WINDOW;
        global.setVisible(windowed);
        global.setManaged(windowed);
        if (windowed != table.getPseudoClassStates().contains(WINDOWED)) {
            // a pseudo-class, not a style class: a new style class makes JavaFX re-match the CSS of every node in
            // the table (a stall of 80 ms and more when a live capture passes the window's size); a pseudo-class
            // only moves the nodes to their other state
            table.pseudoClassStateChanged(WINDOWED, windowed);
        }
        if (!windowed) {
            return;
        }
        int visible = Math.max(1, (int) (table.getHeight() / table.getFixedCellSize()) - 1);
        moving = true;
        try {
            global.setMax(Math.max(0, n - visible));
            global.setVisibleAmount(visible);
            global.setBlockIncrement(visible);
            global.setValue(window.base() + firstVisible());
        } finally {
            moving = false;
        }
    }

    @SuppressWarnings("unchecked")
    private void hookFlow() {
        table.applyCss();
        var node = table.lookup(".virtual-flow");
        if (node instanceof VirtualFlow<?> f && f != flow) {
            flow = f;
            f.positionProperty().addListener((o, a, b) -> onTableScrolled());
        }
    }

    private int firstVisible() {
        if (flow == null) {
            hookFlow();
        }
        if (flow == null || flow.getFirstVisibleCell() == null) {
            return 0;
        }
        return Math.max(0, flow.getFirstVisibleCell().getIndex());
    }

    /** The table scrolled within its window: follow with the global bar, and move the window near its edges. */
    private void onTableScrolled() {
        if (moving || window == null || rows.size() <= WINDOW) {
            return;
        }
        int first = firstVisible();
        if (pendingTop >= 0 && System.nanoTime() < pendingUntil) {
            if (Math.abs(first - pendingTop) > 1) {
                moving = true;
                try {
                    table.scrollTo(pendingTop);
                } finally {
                    moving = false;
                }
            }
            return;
        }
        pendingTop = -1;
        int position = window.base() + first;
        boolean nearStart = first < MARGIN && window.base() > 0;
        boolean nearEnd = first > window.size() - MARGIN && window.base() + window.size() < rows.size();
        if (nearStart || nearEnd) {
            scrollToPosition(position);
        } else {
            moving = true;
            try {
                global.setValue(position);
            } finally {
                moving = false;
            }
        }
    }

    /** Shows list position {@code p} at the top, moving the window when {@code p} is near or outside its edges. */
    private void scrollToPosition(int p) {
        if (rows == null) {
            return;
        }
        int n = rows.size();
        int target = Math.max(0, Math.min(p, n - 1));
        if (target < window.base() + (window.base() > 0 ? MARGIN : 0)
                || target > window.base() + window.size() - MARGIN && window.base() + window.size() < n) {
            Integer selected = table.getSelectionModel().getSelectedItem();
            moving = true;
            try {
                moveWindow(target - WINDOW / 2);
                if (selected != null) {
                    int w = window.positionOf(selected);
                    if (w >= 0) {
                        selecting = true;
                        table.getSelectionModel().clearAndSelect(w);
                        selecting = false;
                    }
                }
            } finally {
                moving = false;
            }
        }
        moving = true;
        try {
            scrollWindowTo(target - window.base());
            global.setValue(target);
        } finally {
            moving = false;
        }
    }

    private void scrollWindowTo(int index) {
        pendingTop = index;
        pendingUntil = System.nanoTime() + 400_000_000L;
        table.scrollTo(index);
    }

    /** Selects a store row and scrolls it into view; false if the filter hides it. */
    boolean select(int row) {
        commitPending();
        int pos = rows == null ? -1 : rows.positionOf(row);
        Integer current = table.getSelectionModel().getSelectedItem();
        if (current != null && current == row) {
            return pos >= 0;
        }
        selecting = true;
        try {
            if (pos < 0) {
                table.getSelectionModel().clearSelection();
                return false;
            }
            if (window.positionOf(row) < 0 || pos - window.base() < 8 && window.base() > 0) {
                moving = true;
                try {
                    moveWindow(pos - WINDOW / 2);
                } finally {
                    moving = false;
                }
            }
            int w = window.positionOf(row);
            table.getSelectionModel().clearAndSelect(w);
            scrollWindowTo(Math.max(0, w - 8));
            moving = true;
            try {
                global.setValue(window.base() + Math.max(0, w - 8));
            } finally {
                moving = false;
            }
            return true;
        } finally {
            selecting = false;
        }
    }

    /** Re-reads the visible cells (live rows may have been completed since they were drawn). */
    void refreshVisible() {
        commitPending();
        if (text != null) {
            text.clear();
            refreshTexts();
        }
    }

    /**
     * During a capture: redraws the rows on screen only if one of them was still unfinished when drawn (its
     * result may have arrived); rebuilding the cells costs the FX thread, so it is not done for nothing.
     */
    void refreshUnfinished() {
        if (pending == null && text != null && text.completedSinceShown()) {
            refreshTexts();
        }
    }

    /**
     * Re-reads the texts of the cells on screen in place: a cell asked for its index again re-reads its value and
     * redraws only if the text changed (TableCell skips an unchanged item), and each row re-takes its colours.
     * {@code table.refresh()} instead throws every row and cell away and builds them again (new skins, CSS for
     * some 250 nodes): a stall of its own, once a second during a capture.
     */
    private void refreshTexts() {
        int items = table.getItems().size();
        for (javafx.scene.Node n : table.lookupAll(".table-row-cell")) {
            // rows kept aside by the table (not visible) may still hold a row of an older list
            if (n instanceof EventRow r && r.isVisible() && !r.isEmpty() && r.getIndex() >= 0 && r.getIndex() < items) {
                r.restyle();
            }
        }
        for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.isVisible() && c.getIndex() >= 0
                    && c.getIndex() < items) {
                c.updateIndex(c.getIndex());
            }
        }
    }


    TableView<Integer> table() {
        return table;
    }
}
