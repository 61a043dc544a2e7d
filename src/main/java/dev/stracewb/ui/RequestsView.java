package dev.stracewb.ui;

import dev.stracewb.analysis.Request;
import dev.stracewb.analysis.RequestSummary;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The Requests view: each HTTP (or FastCGI) request the workers served, with its status, duration and the
 * unexpected failures made while serving it, under the one-line summary ("20 requests: 20 × 500 GET /; every 500
 * failed to open …/version.phpp"). Failed requests are coloured; choosing one shows its request line's read.
 */
final class RequestsView {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private final TableView<Request> table;
    private final Label summary;

    RequestsView(TableView<Request> table, Label summary, IntConsumer onSelectRow) {
        this.table = table;
        this.summary = summary;
        table.setPlaceholder(new Label("No HTTP or FastCGI requests in this trace (they show when strace saw the"
                + " workers read a request line: trace the workers with -s 256 or more)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column("colReqStart", Request::start);
        column("colReqMethod", r -> r.method() == null ? "?" : r.method());
        column("colReqUri", r -> r.uri() == null ? "?" : r.uri());
        column("colReqStatus", r -> r.status() == null ? "—" : Integer.toString(r.status()));
        column("colReqDuration", r -> String.format(Locale.ROOT, "%.1f", r.durationMs()));
        column("colReqPid", r -> Integer.toString(r.pid()));
        column("colReqFailures", r -> String.join(", ", r.failures().stream()
                .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList()));
        column("colReqEnd", Request::end);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Request r, boolean empty) {
                super.updateItem(r, empty);
                boolean failed = !empty && r != null && (r.status() == null ? !r.failures().isEmpty() : r.status() >= 500);
                pseudoClassStateChanged(FAILED, failed);
                setTooltip(empty || r == null ? null : new Tooltip(r.title() + " from " + r.connection()
                        + (r.failures().isEmpty() ? "" : "\nfailed: " + String.join("\n        ", r.failures()))
                        + "\nlines " + r.firstLine() + "–" + r.lastLine()));
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                onSelectRow.accept(r.firstRow());
            }
        });
        summary.setText("");
    }

    private void column(String id, Function<Request, String> value) {
        for (TableColumn<Request, ?> c : table.getColumns()) {
            if (id.equals(c.getId())) {
                @SuppressWarnings("unchecked")
                TableColumn<Request, String> col = (TableColumn<Request, String>) c;
                col.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue() == null ? "" : value.apply(f.getValue())));
                return;
            }
        }
        throw new IllegalStateException("requests table has no column " + id);
    }

    void show(List<Request> requests, RequestSummary s) {
        Request selected = table.getSelectionModel().getSelectedItem();
        table.setItems(FXCollections.observableArrayList(requests));
        if (selected != null) {
            requests.stream().filter(r -> r.index() == selected.index()).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
        }
        summary.setText(s == null || s.total() == 0 ? "" : s.text());
    }

    void clear() {
        table.setItems(FXCollections.observableArrayList());
        summary.setText("");
    }
}
