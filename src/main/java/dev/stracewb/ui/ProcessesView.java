package dev.stracewb.ui;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/** The Processes view: the process tree of the trace, with events, errors, signals and how each ended. */
final class ProcessesView {
    private final TreeTableView<ProcessOverview.Proc> tree;

    ProcessesView(TreeTableView<ProcessOverview.Proc> tree, IntConsumer onSelectRow) {
        this.tree = tree;
        tree.setShowRoot(false);
        tree.setRoot(new TreeItem<>());
        tree.setPlaceholder(new Label("Processes appear here once a trace is open."));
        column("colProcPid", p -> Integer.toString(p.pid()));
        column("colProcProgram", ProcessOverview.Proc::program);
        column("colProcEvents", p -> Long.toString(p.events()));
        column("colProcErrors", p -> p.errors() == 0 ? "" : Long.toString(p.errors()));
        column("colProcSignals", p -> String.join(", ", p.signals()));
        column("colProcEnd", ProcessOverview.Proc::end);
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            if (item != null && item.getValue() != null) {
                onSelectRow.accept(item.getValue().firstRow());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void column(String id, Function<ProcessOverview.Proc, String> value) {
        for (TreeTableColumn<ProcessOverview.Proc, ?> c : tree.getColumns()) {
            if (id.equals(c.getId())) {
                ((TreeTableColumn<ProcessOverview.Proc, String>) c).setCellValueFactory(p -> {
                    ProcessOverview.Proc v = p.getValue().getValue();
                    return new ReadOnlyStringWrapper(v == null ? "" : value.apply(v));
                });
                return;
            }
        }
        throw new IllegalStateException("processes tree has no column " + id);
    }

    void show(List<ProcessOverview.Proc> roots) {
        TreeItem<ProcessOverview.Proc> root = new TreeItem<>();
        for (ProcessOverview.Proc p : roots) {
            root.getChildren().add(item(p));
        }
        tree.setRoot(root);
    }

    private static TreeItem<ProcessOverview.Proc> item(ProcessOverview.Proc p) {
        TreeItem<ProcessOverview.Proc> i = new TreeItem<>(p);
        for (ProcessOverview.Proc c : p.children()) {
            i.getChildren().add(item(c));
        }
        i.setExpanded(true);
        return i;
    }
}
