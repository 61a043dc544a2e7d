package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Hang;
import dev.stracewb.analysis.SourceReference;
import dev.stracewb.analysis.SourceReferences;
import dev.stracewb.analysis.Suggestion;
import dev.stracewb.analysis.NormalMissRule;
import dev.stracewb.analysis.NormalMissRules;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.text.Text;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Failures grouped by path, culprit first: unexpected failures by directory then file, each file name with its
 * unusual part (an extension nothing else in the trace has, such as {@code .phpp}) in bold colour; then the
 * expected misses, collapsed, under the normal-miss rule that explains them. Choosing a line selects its first
 * failing event.
 */
final class FindingsView {
    private static final ObservableValue<String> EMPTY = new ReadOnlyStringWrapper("");

    private final TreeTableView<Finding> tree;
    private final Label details;
    private String shown = "";
    private boolean updating;

    FindingsView(TreeTableView<Finding> tree, Label details, Consumer<Finding> onSelect) {
        this.tree = tree;
        this.details = details;
        tree.setShowRoot(false);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setRoot(new TreeItem<>());
        tree.setPlaceholder(new Label("No failed calls on paths yet."));
        // the path column never changes for an item (a new path makes a new tree): its value is a constant, so a
        // count update does not redraw the highlighted names
        column("colFindingPath", null).setCellFactory(c -> new PathCell());
        column("colFindingCount", f -> Long.toString(f.count()));
        column("colFindingErrno", f -> f instanceof Finding.File file ? Finding.errnos(file.group())
                : f instanceof Finding.HangItem h ? h.hang().syscall() : "");
        column("colFindingSuggestion", f -> f instanceof Finding.File file ? file.didYouMean() : "");
        column("colFindingSyscalls", f -> f instanceof Finding.File file ? Finding.syscalls(file.group().syscalls()) : "");
        column("colFindingFirst", f -> f instanceof Finding.File file ? Long.toString(file.group().firstLine())
                : f instanceof Finding.HangItem h ? Long.toString(h.hang().firstLine()) : "");
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            Finding f = valueOf(item);
            details.setText(f == null ? "" : describe(f));
            if (f != null && !updating) {
                onSelect.accept(f);
            }
        });
    }

    /**
     * A column whose cells follow their item's {@link FindingItem#currentProperty() current} value: when only counts
     * change, each cell updates its text and nothing is rebuilt ({@code value} null: a constant "").
     */
    @SuppressWarnings("unchecked")
    private TreeTableColumn<Finding, String> column(String id, Function<Finding, String> value) {
        for (TreeTableColumn<Finding, ?> c : tree.getColumns()) {
            if (id.equals(c.getId())) {
                TreeTableColumn<Finding, String> col = (TreeTableColumn<Finding, String>) c;
                col.setCellValueFactory(p -> {
                    if (value == null) {
                        return EMPTY;
                    }
                    if (p.getValue() instanceof FindingItem item) {
                        // the binding is held by the cell; the item's property holds it only weakly
                        return Bindings.createStringBinding(() -> item.current() == null ? ""
                                : value.apply(item.current()), item.currentProperty());
                    }
                    Finding f = p.getValue().getValue();
                    return new ReadOnlyStringWrapper(f == null ? "" : value.apply(f));
                });
                col.setSortable(false);
                return col;
            }
        }
        throw new IllegalStateException("findings tree has no column " + id);
    }

    /** Shows failure groups alone (while a trace is read, before the slower analyses). */
    void show(List<FailureGroup> groups) {
        show(groups, Map.of(), null, List.of());
    }

    /**
     * Shows the failure groups with "did you mean", the source references and the hangs, keeping the selection
     * when only counts changed.
     */
    void show(List<FailureGroup> groups, Map<String, Suggestion> suggestions, SourceReferences.Result references,
              List<Hang> hangs) {
        String signature = signature(groups, suggestions, references, hangs);
        if (signature.equals(shown)) {
            return;
        }
        String selectedPath = selectedPath();
        boolean sameShape = structure(groups, suggestions, references, hangs).equals(shownStructure);
        shown = signature;
        shownStructure = structure(groups, suggestions, references, hangs);
        updating = true;
        try {
            TreeItem<Finding> root = build(groups, suggestions, references, hangs);
            if (sameShape && tree.getRoot() != null) {
                // only counts changed (a live capture): new values into the same items, no new rows to lay out
                copyValues(root, tree.getRoot());
                Finding selected = valueOf(tree.getSelectionModel().getSelectedItem());
                if (selected != null) {
                    details.setText(describe(selected));
                }
                return;
            }
            tree.setRoot(root);
            if (selectedPath != null) {
                reselect(root, selectedPath);
            }
        } finally {
            updating = false;
        }
    }

    private String shownStructure = "";

    /**
     * New counts into the items on screen. Not {@code TreeItem.setValue}: the tree's skin answers a value change by
     * rebuilding every cell (JavaFX's TreeTableViewSkin, "requestRebuildCells"), which on a live capture cost the
     * FX thread a stall per analysis; the items' own property changes only the texts that changed.
     */
    private void copyValues(TreeItem<Finding> from, TreeItem<Finding> to) {
        if (to instanceof FindingItem item) {
            item.setCurrent(from.getValue());
        }
        for (int i = 0; i < from.getChildren().size(); i++) {
            copyValues(from.getChildren().get(i), to.getChildren().get(i));
        }
    }

    /** A line's current value (its counts may have been updated in place since the tree was built). */
    static Finding valueOf(TreeItem<Finding> item) {
        if (item == null) {
            return null;
        }
        return item instanceof FindingItem f ? f.current() : item.getValue();
    }

    /**
     * A line of the tree. Its {@code value} is what it was built with (the shape: path, culprit, suggestion); its
     * {@code current} value follows the analysis, so counts change without a value-change event.
     */
    static final class FindingItem extends TreeItem<Finding> {
        private final ObjectProperty<Finding> current;

        FindingItem(Finding value) {
            super(value);
            current = new SimpleObjectProperty<>(value);
        }

        Finding current() {
            return current.get();
        }

        void setCurrent(Finding f) {
            current.set(f);
        }

        ObservableValue<Finding> currentProperty() {
            return current;
        }
    }

    /** What decides the tree's shape: the paths in order, their rules, suggestions, references and hangs. */
    private static String structure(List<FailureGroup> groups, Map<String, Suggestion> suggestions,
                                    SourceReferences.Result references, List<Hang> hangs) {
        StringBuilder b = new StringBuilder();
        for (FailureGroup g : groups) {
            b.append(g.path()).append('|').append(g.expected()).append('|').append(g.unusualExtension()).append('\n');
        }
        b.append(suggestions).append(references == null ? "" : references.references()).append(hangs.size());
        return b.toString();
    }

    private static String signature(List<FailureGroup> groups, Map<String, Suggestion> suggestions,
                                    SourceReferences.Result references, List<Hang> hangs) {
        StringBuilder b = new StringBuilder();
        for (FailureGroup g : groups) {
            b.append(g.path()).append('|').append(g.count()).append('|').append(g.expected()).append('\n');
        }
        b.append(suggestions).append(references == null ? "" : references.references()).append(hangs.size());
        return b.toString();
    }

    static TreeItem<Finding> build(List<FailureGroup> groups, Map<String, Suggestion> suggestions,
                                   SourceReferences.Result references, List<Hang> hangs) {
        TreeItem<Finding> root = new TreeItem<>();
        Map<String, List<SourceReference>> refs = new LinkedHashMap<>();
        if (references != null) {
            for (SourceReference r : references.references()) {
                refs.computeIfAbsent(r.missing(), k -> new ArrayList<>()).add(r);
            }
        }
        List<FailureGroup> unexpected = groups.stream().filter(g -> !g.isExpected()).toList();
        List<FailureGroup> expected = groups.stream().filter(FailureGroup::isExpected).toList();
        boolean first = true;
        for (Map.Entry<String, List<FailureGroup>> dir : byDirectory(unexpected).entrySet()) {
            TreeItem<Finding> d = new FindingItem(directory(dir.getKey(), dir.getValue()));
            for (FailureGroup g : dir.getValue()) {
                d.getChildren().add(new FindingItem(new Finding.File(g, first && g.unusualExtension(),
                        suggestions.get(g.path()), refs.getOrDefault(g.path(), List.of()))));
                first = false;
            }
            d.setExpanded(true);
            root.getChildren().add(d);
        }
        List<Hang> real = hangs.stream().filter(h -> !h.idle()).toList();
        if (!real.isEmpty()) {
            TreeItem<Finding> heading = new FindingItem(new Finding.Heading("Hangs (" + real.size() + ")",
                    "Calls that never returned, or returned later than the slow threshold, inside requests",
                    real.size(), real.get(0).row()));
            real.forEach(h -> heading.getChildren().add(new FindingItem(new Finding.HangItem(h))));
            heading.setExpanded(true);
            root.getChildren().add(heading);
        }
        if (!expected.isEmpty()) {
            long calls = expected.stream().mapToLong(FailureGroup::count).sum();
            TreeItem<Finding> heading = new FindingItem(new Finding.Heading(
                    "Expected misses (" + expected.size() + (expected.size() == 1 ? " path)" : " paths)"),
                    "Failed lookups that healthy programs make all the time, each explained by a normal-miss rule",
                    calls, expected.get(0).firstRow()));
            Map<String, List<FailureGroup>> byRule = new LinkedHashMap<>();
            for (FailureGroup g : expected) {
                byRule.computeIfAbsent(g.expected(), k -> new ArrayList<>()).add(g);
            }
            for (Map.Entry<String, List<FailureGroup>> rule : byRule.entrySet()) {
                String description = NormalMissRules.byName(rule.getKey()).map(NormalMissRule::description).orElse("");
                TreeItem<Finding> r = new FindingItem(new Finding.Heading(rule.getKey(), description,
                        rule.getValue().stream().mapToLong(FailureGroup::count).sum(), rule.getValue().get(0).firstRow()));
                for (FailureGroup g : rule.getValue()) {
                    r.getChildren().add(new FindingItem(new Finding.File(g, false, null, List.of())));
                }
                heading.getChildren().add(r);
            }
            heading.setExpanded(false);
            root.getChildren().add(heading);
        }
        return root;
    }

    private static Map<String, List<FailureGroup>> byDirectory(List<FailureGroup> groups) {
        Map<String, List<FailureGroup>> out = new LinkedHashMap<>();
        for (FailureGroup g : groups) {
            out.computeIfAbsent(g.directory(), k -> new ArrayList<>()).add(g);
        }
        return out;
    }

    private static Finding.Directory directory(String dir, List<FailureGroup> groups) {
        return new Finding.Directory(dir.isEmpty() ? "(relative)" : dir,
                groups.stream().mapToLong(FailureGroup::count).sum(), groups.size(), groups.get(0).firstRow());
    }

    private String selectedPath() {
        Finding f = valueOf(tree.getSelectionModel().getSelectedItem());
        return f instanceof Finding.File file ? file.group().path() : null;
    }

    private void reselect(TreeItem<Finding> root, String path) {
        TreeItem<Finding> found = find(root, path);
        if (found != null) {
            for (TreeItem<Finding> p = found.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            tree.getSelectionModel().select(found);
        }
    }

    private static TreeItem<Finding> find(TreeItem<Finding> item, String path) {
        if (item.getValue() instanceof Finding.File f && f.group().path().equals(path)) {
            return item;
        }
        for (TreeItem<Finding> c : item.getChildren()) {
            TreeItem<Finding> hit = find(c, path);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /** The first failing path in the tree (the culprit when there is one), or null. */
    FailureGroup firstFinding() {
        TreeItem<Finding> root = tree.getRoot();
        if (root == null || root.getChildren().isEmpty()) {
            return null;
        }
        TreeItem<Finding> top = root.getChildren().get(0);
        while (!(top.getValue() instanceof Finding.File) && !top.getChildren().isEmpty()) {
            top = top.getChildren().get(0);
        }
        return valueOf(top) instanceof Finding.File f ? f.group() : null;
    }

    /** Selects the first failing path (the culprit), as a user would click it. */
    void selectFirst() {
        FailureGroup g = firstFinding();
        if (g != null) {
            reselect(tree.getRoot(), g.path());
        }
    }

    static String describe(Finding f) {
        if (f instanceof Finding.Heading h) {
            return h.label() + ": " + h.tooltip();
        }
        if (f instanceof Finding.Directory d) {
            return d.path() + ": " + d.files() + (d.files() == 1 ? " path, " : " paths, ") + d.count() + " failed calls";
        }
        if (f instanceof Finding.HangItem hi) {
            Hang h = hi.hang();
            return h.syscall() + (h.target() == null ? "" : " on " + h.target()) + ": " + h.reason()
                    + String.format(java.util.Locale.ROOT, ", blocked %.1f ms", h.blockedMs())
                    + (h.requestTitle() == null ? "" : "\nin request " + h.requestTitle())
                    + "\npid " + h.pid() + ", at " + h.start() + ", line " + h.firstLine()
                    + "\n" + h.syscall() + "(" + h.arguments() + ")";
        }
        Finding.File file = (Finding.File) f;
        FailureGroup g = file.group();
        StringBuilder b = new StringBuilder(g.path()).append('\n');
        b.append(g.count()).append(g.count() == 1 ? " failed call (" : " failed calls (").append(Finding.errnos(g))
                .append(") by ").append(Finding.syscalls(g.syscalls()));
        b.append(" in pid").append(g.pids().size() == 1 ? " " : "s ")
                .append(g.pids().stream().limit(8).map(String::valueOf).reduce((a, c) -> a + ", " + c).orElse(""))
                .append(g.pids().size() > 8 ? ", …" : "").append('\n');
        b.append("first at ").append(g.firstTime()).append(", line ").append(g.firstLine());
        if (g.lastLine() != g.firstLine()) {
            b.append("; last at line ").append(g.lastLine());
        }
        if (g.unusualExtension()) {
            b.append("\nno file with the extension .").append(g.extension())
                    .append(" was opened successfully in this trace: a typo?");
        }
        if (!file.didYouMean().isEmpty()) {
            b.append("\ndid you mean ").append(file.suggestion().suggestion()).append("? (")
                    .append("disk".equals(file.suggestion().source()) ? "it exists on this machine"
                            : "the trace opened it").append(')');
        }
        if (!file.references().isEmpty()) {
            b.append("\nnamed in the source:");
            for (SourceReference r : file.references()) {
                b.append("\n  ").append(r.file()).append(':').append(r.line()).append(": ").append(r.text());
            }
        }
        if (g.isExpected()) {
            b.append("\nexpected (").append(g.expected()).append("): ")
                    .append(NormalMissRules.byName(g.expected()).map(NormalMissRule::description).orElse(""));
        }
        return b.toString();
    }

    /** The path column: directories and headings as text, file names with their unusual part highlighted. */
    private static final class PathCell extends TreeTableCell<Finding, String> {
        /** One tooltip per cell, its text changed: a Tooltip is a popup window, too dear to make per update. */
        private final Tooltip tip = new Tooltip();

        private void tip(String text) {
            tip.setText(text);
            if (getTooltip() != tip) {
                setTooltip(tip);
            }
        }

        @Override
        protected void updateItem(String ignored, boolean empty) {
            super.updateItem(ignored, empty);
            TreeItem<Finding> item = getTableRow() == null ? null : getTableRow().getTreeItem();
            Finding f = empty || item == null ? null : item.getValue();
            setText(null);
            getStyleClass().removeAll("finding-heading", "finding-directory", "finding-file", "finding-culprit");
            if (f == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            if (f instanceof Finding.Heading h) {
                getStyleClass().add("finding-heading");
                setGraphic(new Text(h.label()));
                tip(h.tooltip());
            } else if (f instanceof Finding.HangItem h) {
                getStyleClass().add("finding-file");
                Text t = new Text(h.hang().syscall() + (h.hang().target() == null ? "" : " " + h.hang().target())
                        + (h.hang().requestTitle() == null ? "" : " — " + h.hang().requestTitle()));
                t.getStyleClass().add("finding-name");
                setGraphic(t);
                tip(h.hang().reason());
            } else if (f instanceof Finding.Directory d) {
                getStyleClass().add("finding-directory");
                String shown = d.path().length() <= 40 ? d.path() : "…" + d.path().substring(d.path().length() - 39);
                Text t = new Text(shown + "/");
                t.getStyleClass().add("finding-dir-text");
                setGraphic(t);
                tip(d.path());
            } else {
                Finding.File file = (Finding.File) f;
                getStyleClass().add(file.culprit() ? "finding-culprit" : "finding-file");
                setGraphic(nameFlow(file.group(), item.getParent() != null && item.getParent().getValue()
                        instanceof Finding.Heading));
                tip(file.group().path());
            }
        }
    }

    /** The file name (or the whole path under a rule) with an unusual extension in its own style. */
    static HBox nameFlow(FailureGroup g, boolean fullPath) {
        String name = fullPath ? g.path() : g.fileName();
        Text normal;
        HBox flow = new HBox();
        flow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (g.unusualExtension() && g.extension() != null && name.endsWith("." + g.extension())) {
            int cut = name.length() - g.extension().length() - 1;
            normal = new Text(name.substring(0, cut));
            Text unusual = new Text(name.substring(cut));
            unusual.getStyleClass().add("unusual-part");
            normal.getStyleClass().add("finding-name");
            flow.getChildren().addAll(normal, unusual);
        } else {
            normal = new Text(name);
            normal.getStyleClass().add("finding-name");
            flow.getChildren().add(normal);
        }
        return flow;
    }

    TreeTableView<Finding> tree() {
        return tree;
    }
}
