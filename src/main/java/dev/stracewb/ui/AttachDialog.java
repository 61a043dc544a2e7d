package dev.stracewb.ui;

import dev.stracewb.capture.AttachPlan;
import dev.stracewb.capture.CaptureProfile;
import dev.stracewb.capture.CaptureRequest;
import dev.stracewb.capture.Elevation;
import dev.stracewb.capture.ProcessDiscovery;
import dev.stracewb.capture.ProcessInfo;
import dev.stracewb.capture.Privileges;
import dev.stracewb.capture.ProcessNode;
import dev.stracewb.capture.ServerGroup;
import dev.stracewb.capture.ServerKind;
import dev.stracewb.capture.StraceCommand;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckBoxTreeItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Attach: the processes of this machine from the capture package's /proc discovery, with apache2, httpd,
 * php-fpm and nginx masters and their workers grouped first; tick a server or single processes, choose the
 * profile and sampling, and start. Every refusal (no such process, strace missing, EPERM with its fix) is shown
 * in the dialog, which stays open so the user can correct it.
 */
final class AttachDialog {
    /** One line of the process tree: a server group, the "all processes" heading, or a process. */
    record Row(String label, ProcessInfo process, ServerGroup group) {
    }

    private final Stage stage;
    private final Background background;
    private final Consumer<CaptureRequest> onStart;
    private final ProcessDiscovery discovery = new ProcessDiscovery();
    private final TextField processFilter;
    private final TreeTableView<Row> tree;
    private final ChoiceBox<CaptureProfile> profile;
    private final Label profileNote;
    private final Spinner<Integer> sample;
    private final TextField saveFile;
    private final ChoiceBox<Elevation> runAsRoot;
    private final Label error;
    private final Label selection;
    private final ProgressIndicator busy;
    private final Button start;
    private List<ProcessInfo> processes = List.of();
    private List<ServerGroup> servers = List.of();

    /**
     * @param onStart gets the checked request; it starts the capture and reports failure through {@link #fail}
     */
    AttachDialog(Window owner, List<String> stylesheets, Background background, Consumer<CaptureRequest> onStart) {
        this.background = background;
        this.onStart = onStart;
        FXMLLoader loader = Layouts.load("AttachDialog.fxml", "attach dialog's");
        Parent root = loader.getRoot();
        var ns = loader.getNamespace();
        processFilter = (TextField) ns.get("processFilter");
        @SuppressWarnings("unchecked")
        TreeTableView<Row> t = (TreeTableView<Row>) ns.get("processTree");
        tree = t;
        @SuppressWarnings("unchecked")
        ChoiceBox<CaptureProfile> p = (ChoiceBox<CaptureProfile>) ns.get("profile");
        profile = p;
        profileNote = (Label) ns.get("profileNote");
        @SuppressWarnings("unchecked")
        Spinner<Integer> s = (Spinner<Integer>) ns.get("sample");
        sample = s;
        saveFile = (TextField) ns.get("saveFile");
        @SuppressWarnings("unchecked")
        ChoiceBox<Elevation> r = (ChoiceBox<Elevation>) ns.get("runAsRoot");
        runAsRoot = r;
        error = (Label) ns.get("attachError");
        selection = (Label) ns.get("attachSelection");
        busy = (ProgressIndicator) ns.get("attachBusy");
        start = (Button) ns.get("attachStart");
        ((Button) ns.get("attachCancel")).setOnAction(e -> close());
        ((Button) ns.get("refreshProcesses")).setOnAction(e -> refresh());
        start.setOnAction(e -> attach());
        processFilter.textProperty().addListener((o, a, b) -> rebuild());
        setUpProfile(profile, profileNote);
        setUpTree();
        setUpRunAsRoot(runAsRoot, Privileges.effectiveUid() == 0, StraceCommand.pkexecAvailable());

        stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Attach to processes — " + Workbench.APP_NAME);
        Scene scene = new Scene(root);
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
    }

    /**
     * no / pkexec / sudo -n; disabled (no) for root; pkexec first choice for a user where pkexec and the .deb's
     * root lifeline are installed.
     */
    static void setUpRunAsRoot(ChoiceBox<Elevation> box, boolean root, boolean pkexecAvailable) {
        box.getItems().setAll(Elevation.NONE, Elevation.PKEXEC, Elevation.SUDO);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Elevation e) {
                return e == null ? "" : switch (e) {
                    case NONE -> "no";
                    case PKEXEC -> "pkexec (asks for the administrator password)";
                    case SUDO -> "sudo -n";
                };
            }

            @Override
            public Elevation fromString(String s) {
                return null;
            }
        });
        box.setValue(!root && pkexecAvailable ? Elevation.PKEXEC : Elevation.NONE);
        box.setDisable(root);
    }

    static void setUpProfile(ChoiceBox<CaptureProfile> profile, Label note) {
        profile.getItems().setAll(CaptureProfile.values());
        profile.setConverter(new StringConverter<>() {
            @Override
            public String toString(CaptureProfile p) {
                return p == null ? "" : p.userName();
            }

            @Override
            public CaptureProfile fromString(String s) {
                return null;
            }
        });
        profile.setValue(CaptureProfile.WEB);
        if (note != null) {
            Runnable describe = () -> note.setText(profile.getValue() == CaptureProfile.FULL
                    ? "every syscall (more overhead on the traced server)"
                    : "files, processes, network, request reads/writes, polls (less overhead)");
            profile.valueProperty().addListener((o, a, b) -> describe.run());
            describe.run();
        }
    }

    private void setUpTree() {
        tree.setPlaceholder(new Label("Reading /proc…"));
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column("colAttachName", r -> "").setCellFactory(c -> new CheckCell());
        column("colAttachPid", r -> r.process() == null ? "" : Integer.toString(r.process().pid()));
        column("colAttachUser", r -> r.process() == null ? "" : r.process().user());
        column("colAttachCommand", r -> r.process() == null ? "" : r.process().commandLine());
    }

    @SuppressWarnings("unchecked")
    private TreeTableColumn<Row, String> column(String id, Function<Row, String> value) {
        for (TreeTableColumn<Row, ?> c : tree.getColumns()) {
            if (id.equals(c.getId())) {
                TreeTableColumn<Row, String> col = (TreeTableColumn<Row, String>) c;
                col.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue().getValue() == null ? ""
                        : value.apply(p.getValue().getValue())));
                col.setSortable(false);
                return col;
            }
        }
        throw new IllegalStateException("attach dialog has no column " + id);
    }

    /** The name column: a check box with the process's program name or the group's label. */
    private final class CheckCell extends TreeTableCell<Row, String> {
        private final CheckBox box = new CheckBox();
        private CheckBoxTreeItem<Row> bound;

        @Override
        protected void updateItem(String ignored, boolean empty) {
            super.updateItem(ignored, empty);
            TreeItem<Row> item = getTableRow() == null ? null : getTableRow().getTreeItem();
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.selectedProperty());
                box.indeterminateProperty().unbindBidirectional(bound.indeterminateProperty());
                bound = null;
            }
            if (empty || item == null || item.getValue() == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Row r = item.getValue();
            getStyleClass().remove("attach-group");
            if (r.process() == null && r.group() == null) {
                setGraphic(null);
                setText(r.label());
                getStyleClass().add("attach-group");
                return;
            }
            if (r.group() != null) {
                getStyleClass().add("attach-group");
            }
            if (item instanceof CheckBoxTreeItem<Row> cb) {
                box.setText(r.label());
                // bound both ways: ticking a server group ticks its master and workers, and the boxes show it
                box.selectedProperty().bindBidirectional(cb.selectedProperty());
                box.indeterminateProperty().bindBidirectional(cb.indeterminateProperty());
                bound = cb;
                box.setOnAction(e -> updateSelection());
                setGraphic(box);
                setText(null);
            }
        }
    }

    void show() {
        stage.show();
        refresh();
    }

    private void refresh() {
        error.setVisible(false);
        error.setManaged(false);
        int own = ProcessDiscovery.ownPid();
        background.run(() -> {
            List<ProcessInfo> all = discovery.all().stream()
                    .filter(p -> p.pid() != own && !p.isKernelThread() && p.state() != 'Z').toList();
            List<ServerGroup> groups = new ArrayList<>();
            for (ServerKind k : ServerKind.values()) {
                groups.addAll(discovery.servers(k));
            }
            return new Object[] {all, groups};
        }, found -> {
            @SuppressWarnings("unchecked")
            List<ProcessInfo> all = (List<ProcessInfo>) found[0];
            @SuppressWarnings("unchecked")
            List<ServerGroup> groups = (List<ServerGroup>) found[1];
            processes = all;
            servers = groups;
            rebuild();
        }, e -> fail("cannot read the processes from /proc: " + Messages.of(e)));
    }

    private void rebuild() {
        Set<Integer> checked = checkedPids();
        String filter = processFilter.getText() == null ? "" : processFilter.getText().strip().toLowerCase(Locale.ROOT);
        TreeItem<Row> root = new TreeItem<>(new Row("", null, null));
        for (ServerGroup g : servers) {
            if (!filter.isEmpty() && !matches(g.master(), filter)
                    && g.workers().stream().noneMatch(w -> matches(w, filter))) {
                continue;
            }
            CheckBoxTreeItem<Row> group = new CheckBoxTreeItem<>(new Row(g.kind().userName() + ": master "
                    + g.master().pid() + " with " + g.workers().size() + (g.workers().size() == 1 ? " worker" : " workers"),
                    null, g));
            group.getChildren().add(check(new Row(g.master().programName() + " (master)", g.master(), null), checked));
            for (ProcessInfo w : g.workers()) {
                group.getChildren().add(check(new Row(w.programName() + " (worker)", w, null), checked));
            }
            group.setExpanded(true);
            root.getChildren().add(group);
        }
        TreeItem<Row> everything = new TreeItem<>(new Row(filter.isEmpty() ? "All processes"
                : "Processes matching \"" + filter + "\"", null, null));
        if (filter.isEmpty()) {
            for (ProcessNode n : ProcessDiscovery.tree(processes)) {
                everything.getChildren().add(node(n, checked));
            }
        } else {
            for (ProcessInfo p : processes) {
                if (matches(p, filter)) {
                    everything.getChildren().add(check(new Row(p.programName(), p, null), checked));
                }
            }
        }
        everything.setExpanded(!filter.isEmpty() || servers.isEmpty());
        root.getChildren().add(everything);
        tree.setRoot(root);
        tree.setPlaceholder(new Label("No process matches."));
        updateSelection();
    }

    private CheckBoxTreeItem<Row> node(ProcessNode n, Set<Integer> checked) {
        CheckBoxTreeItem<Row> item = check(new Row(n.process().programName(), n.process(), null), checked);
        for (ProcessNode c : n.children()) {
            item.getChildren().add(node(c, checked));
        }
        item.setExpanded(false);
        return item;
    }

    private CheckBoxTreeItem<Row> check(Row row, Set<Integer> checked) {
        CheckBoxTreeItem<Row> item = new CheckBoxTreeItem<>(row);
        // ticking a process in the full tree ticks that process only, not its descendants
        item.setIndependent(true);
        item.setSelected(row.process() != null && checked.contains(row.process().pid()));
        return item;
    }

    private static boolean matches(ProcessInfo p, String filter) {
        return Integer.toString(p.pid()).equals(filter) || p.user().toLowerCase(Locale.ROOT).contains(filter)
                || p.commandLine().toLowerCase(Locale.ROOT).contains(filter);
    }

    /** The pids ticked anywhere in the tree, parents first as listed. */
    Set<Integer> checkedPids() {
        Set<Integer> out = new LinkedHashSet<>();
        if (tree.getRoot() != null) {
            collect(tree.getRoot(), out);
        }
        return out;
    }

    private static void collect(TreeItem<Row> item, Set<Integer> out) {
        if (item instanceof CheckBoxTreeItem<Row> cb && cb.isSelected() && item.getValue().process() != null) {
            out.add(item.getValue().process().pid());
        }
        for (TreeItem<Row> c : item.getChildren()) {
            collect(c, out);
        }
    }

    /** The pids listed in the dialog, for tests. */
    Set<Integer> listedPids() {
        Set<Integer> out = new LinkedHashSet<>();
        processes.forEach(p -> out.add(p.pid()));
        return out;
    }

    /** Ticks a process as a user would (tests). */
    void check(int pid) {
        processFilter.setText(Integer.toString(pid));
        TreeItem<Row> all = tree.getRoot().getChildren().get(tree.getRoot().getChildren().size() - 1);
        for (TreeItem<Row> c : all.getChildren()) {
            if (c.getValue().process() != null && c.getValue().process().pid() == pid && c instanceof CheckBoxTreeItem<Row> cb) {
                cb.setSelected(true);
            }
        }
        updateSelection();
    }

    private void updateSelection() {
        Set<Integer> pids = checkedPids();
        selection.setText(pids.isEmpty() ? "Nothing ticked yet." : pids.size() + (pids.size() == 1 ? " process: " : " processes: ")
                + pids.stream().limit(12).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                + (pids.size() > 12 ? ", …" : ""));
        start.setDisable(pids.isEmpty());
    }

    private void attach() {
        error.setVisible(false);
        error.setManaged(false);
        Set<Integer> pids = checkedPids();
        int n = sample.getValue() == null ? 0 : sample.getValue();
        ServerKind kind = sampledServer(pids, n);
        if (n > 0 && kind == null) {
            fail("Sampling picks workers of a web server: tick a server group (or set Sample workers to 0)");
            return;
        }
        CaptureProfile chosenProfile = profile.getValue();
        Elevation elevation = runAsRoot.getValue() == null ? Elevation.NONE : runAsRoot.getValue();
        String save = saveFile.getText() == null ? "" : saveFile.getText().strip();
        busy.setVisible(true);
        start.setDisable(true);
        background.run(() -> {
            AttachPlan.Wish wish = kind != null
                    ? new AttachPlan.Wish(List.of(), false, kind, n, true)
                    : new AttachPlan.Wish(List.copyOf(pids), false, null, 0, false);
            AttachPlan plan = AttachPlan.of(wish, discovery);
            CaptureRequest all = CaptureRequest.attach(plan.targets());
            CaptureRequest request = (n > 0 ? all.sampled() : all).withProfile(chosenProfile)
                    .withElevation(elevation);
            return save.isEmpty() ? request : request.withSaveFile(Path.of(save));
        }, onStart::accept, e -> fail(Messages.of(e)));
    }

    /** With a sample size, the ticked processes must be one server's: its kind, or an error shown. */
    private ServerKind sampledServer(Set<Integer> pids, int n) {
        if (n <= 0) {
            return null;
        }
        for (ServerGroup g : servers) {
            if (pids.contains(g.master().pid())) {
                return g.kind();
            }
        }
        return null;
    }

    /**
     * Shows why the capture could not start; the dialog stays open. An attach refused for want of root suggests
     * this dialog's pkexec choice instead of the CLI's --sudo.
     */
    void fail(String message) {
        message = suggestingRunAsRoot(message);
        busy.setVisible(false);
        start.setDisable(checkedPids().isEmpty());
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
    }

    /** The capture's EPERM advice for the CLI ("add --sudo ...") turned into this dialog's choice. */
    static String suggestingRunAsRoot(String message) {
        return message.replace(Privileges.ELEVATE_HINT,
                "choose Run strace as root: pkexec (or sudo -n), or run the workbench as root");
    }

    void close() {
        stage.close();
    }

    boolean isShowing() {
        return stage.isShowing();
    }

    Stage stage() {
        return stage;
    }
}
