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

    /** What the row context menu asks the workbench to do. */
    interface Actions {
        void onlyPath(String path);

        void onlyPid(int pid);

        void onlySyscall(String name);

        void showInRawLog(int row);

        void findReferences(String path);

        void copyRows(List<Integer> rows);
    }

    private final TableView<Integer> table;
    private EventText text;
    private EventStore store;
    private boolean selecting;

    EventsView(TableView<Integer> table, Actions actions, java.util.function.IntConsumer onSelect) {
        this.table = table;
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

    private TableRow<Integer> row(Actions actions) {
        TableRow<Integer> r = new TableRow<>() {
            @Override
            protected void updateItem(Integer row, boolean empty) {
                super.updateItem(row, empty);
                boolean has = !empty && row != null && store != null;
                EventKind kind = has ? store.kind(row) : null;
                pseudoClassStateChanged(FAILED, has && store.isFailed(row));
                pseudoClassStateChanged(SIGNAL, kind == EventKind.SIGNAL);
                pseudoClassStateChanged(EXIT, kind == EventKind.EXIT);
                pseudoClassStateChanged(UNFINISHED, kind == EventKind.SYSCALL && !store.isFinished(row));
                pseudoClassStateChanged(TEXT, kind != null && kind != EventKind.SYSCALL && kind != EventKind.SIGNAL
                        && kind != EventKind.EXIT);
            }
        };
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

    /** Shows a document's rows (or none). */
    void show(TraceDocument doc, RowIndexList rows, FxMailbox mailbox) {
        if (text != null) {
            text.close();
        }
        this.store = doc == null ? null : doc.store();
        this.text = doc == null ? null : new EventText(doc.session(), mailbox);
        setRows(rows);
    }

    EventText text() {
        return text;
    }

    void setRows(RowIndexList rows) {
        selecting = true;
        try {
            table.setItems(rows);
        } finally {
            selecting = false;
        }
    }

    @SuppressWarnings("unchecked")
    RowIndexList rows() {
        return table.getItems() instanceof RowIndexList r ? r : null;
    }

    /** Selects a store row and scrolls it into view; false if the filter hides it. */
    boolean select(int row) {
        RowIndexList rows = rows();
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
            table.getSelectionModel().clearAndSelect(pos);
            table.scrollTo(Math.max(0, pos - 8));
            return true;
        } finally {
            selecting = false;
        }
    }

    /** Re-reads the visible cells (live rows may have been completed since they were drawn). */
    void refreshVisible() {
        if (text != null) {
            text.clear();
        }
        table.refresh();
    }

    TableView<Integer> table() {
        return table;
    }
}
