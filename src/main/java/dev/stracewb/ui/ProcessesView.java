package dev.stracewb.ui;

import dev.stracewb.analysis.ProcessNode;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * The Processes view: the trace's process tree from the analysis (who forked whom, what each ran, how it ended,
 * the signals it got). Crashed processes are marked. Choosing one shows its first event.
 */
final class ProcessesView {
    private final TreeTableView<ProcessNode> tree;

    ProcessesView(TreeTableView<ProcessNode> tree, LongConsumer onSelectLine) {
        this.tree = tree;
        tree.setShowRoot(false);
        tree.setRoot(new TreeItem<>());
        tree.setPlaceholder(new Label("Processes appear here once a trace is open."));
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column("colProcPid", p -> Integer.toString(p.pid()));
        column("colProcCommand", p -> p.command() == null ? "" : p.command());
        column("colProcStart", ProcessNode::start);
        column("colProcThreads", p -> p.threads().isEmpty() ? "" : Integer.toString(p.threads().size()));
        column("colProcSignals", p -> p.signals().entrySet().stream()
                .map(e -> e.getValue() > 1 ? e.getKey() + " ×" + e.getValue() : e.getKey())
                .collect(Collectors.joining(", ")));
        column("colProcEnd", ProcessNode::outcome);
        tree.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(ProcessNode p, boolean empty) {
                super.updateItem(p, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), !empty && p != null && p.crashed());
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            if (item != null && item.getValue() != null) {
                onSelectLine.accept(item.getValue().firstLine());
            }
        });
    }

    private void column(String id, Function<ProcessNode, String> value) {
        for (TreeTableColumn<ProcessNode, ?> c : tree.getColumns()) {
            if (id.equals(c.getId())) {
                @SuppressWarnings("unchecked")
                TreeTableColumn<ProcessNode, String> col = (TreeTableColumn<ProcessNode, String>) c;
                col.setCellValueFactory(p -> {
                    ProcessNode v = p.getValue().getValue();
                    return new ReadOnlyStringWrapper(v == null ? "" : value.apply(v));
                });
                return;
            }
        }
        throw new IllegalStateException("processes tree has no column " + id);
    }

    /** Shows the processes as a tree: each under the process that forked it. */
    void show(List<ProcessNode> processes) {
        Map<Integer, ProcessNode> byPid = new HashMap<>();
        processes.forEach(p -> byPid.put(p.pid(), p));
        TreeItem<ProcessNode> root = new TreeItem<>();
        Set<Integer> placed = new HashSet<>();
        for (ProcessNode p : processes) {
            if (p.ppid() == null || !byPid.containsKey(p.ppid())) {
                root.getChildren().add(item(p, byPid, placed));
            }
        }
        for (ProcessNode p : processes) {
            if (!placed.contains(p.pid())) {
                root.getChildren().add(item(p, byPid, placed));
            }
        }
        tree.setRoot(root);
    }

    private static TreeItem<ProcessNode> item(ProcessNode p, Map<Integer, ProcessNode> byPid, Set<Integer> placed) {
        placed.add(p.pid());
        TreeItem<ProcessNode> i = new TreeItem<>(p);
        for (int child : p.children()) {
            ProcessNode c = byPid.get(child);
            if (c != null && !placed.contains(child)) {
                i.getChildren().add(item(c, byPid, placed));
            }
        }
        i.setExpanded(true);
        return i;
    }
}
