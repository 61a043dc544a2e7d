package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.report.ReportFormat;
import dev.stracewb.report.ReportOptions;
import dev.stracewb.report.ReportWriter;
import dev.stracewb.analysis.Findings;
import dev.stracewb.analysis.Hang;
import dev.stracewb.analysis.ProcessNode;
import dev.stracewb.analysis.Request;
import dev.stracewb.analysis.RequestSummary;
import dev.stracewb.analysis.SourceReferences;
import dev.stracewb.analysis.Suggestion;
import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.session.LineAccounting;
import dev.stracewb.session.TraceSession;
import dev.stracewb.source.FileLineSource;
import dev.stracewb.source.LineSource;
import dev.stracewb.source.SourceException;
import dev.stracewb.source.Sources;
import dev.stracewb.trace.SyscallClass;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.Notifications;
import org.fxmisc.richtext.CodeArea;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * The workbench window's controller: binds the views to the open {@link TraceDocument} and forwards the
 * toolbar's and filter bar's actions. It decides nothing about traces itself; everything slow is handed to
 * {@link Background}, and the ingest thread is heard only through {@link #tick()} (ten times a second) and the
 * {@link FxMailbox}.
 */
public final class MainController {
    private static final Duration TICK = Duration.millis(100);
    private static final long ANALYSIS_EVERY_NANOS = 1_000_000_000L;
    private static final long REFRESH_EVERY_NANOS = 1_000_000_000L;

    @FXML private BorderPane root;
    @FXML private Button openButton;
    @FXML private Button attachButton;
    @FXML private Button launchButton;
    @FXML private Button stopButton;
    @FXML private MenuButton replayButton;
    @FXML private MenuButton exportButton;
    @FXML private javafx.scene.control.CheckMenuItem exportRedact;
    @FXML private Button findButton;
    @FXML private ToggleButton themeButton;
    @FXML private HBox filterBar;
    @FXML private TextField filterText;
    @FXML private CheckBox failedOnly;
    @FXML private ComboBox<SyscallClass> syscallClass;
    @FXML private CheckComboBox<String> syscalls;
    @FXML private TextField pidFilter;
    @FXML private ComboBox<String> errnoFilter;
    @FXML private TextField pathGlob;
    @FXML private ProgressIndicator filterBusy;
    @FXML private Label filterStatus;
    @FXML private HBox messageBar;
    @FXML private Label message;
    @FXML private ScrollPane welcome;
    @FXML private Button openSample;
    @FXML private Button welcomeAttach;
    @FXML private Button welcomeLaunch;
    @FXML private ListView<Path> recentFiles;
    @FXML private SplitPane traceView;
    @FXML private TabPane leftTabs;
    @FXML private Tab findingsTab;
    @FXML private Tab requestsTab;
    @FXML private Tab processesTab;
    @FXML private Tab summaryTab;
    @FXML private TreeTableView<Finding> findings;
    @FXML private Label findingDetails;
    @FXML private TreeTableView<ProcessNode> processes;
    @FXML private TableView<Request> requests;
    @FXML private Label requestSummary;
    @FXML private TableView<SyscallStat> summary;
    @FXML private TimelineView timeline;
    @FXML private TableView<Integer> events;
    @FXML private javafx.scene.control.ScrollBar eventsScroll;
    @FXML private CodeArea rawLog;
    @FXML private StackPane rawLogStack;
    @FXML private ProgressBar progress;
    @FXML private Label statusEvents;
    @FXML private Label statusErrors;
    @FXML private Label statusRate;
    @FXML private Label statusElapsed;
    @FXML private Label statusFile;

    private final FxMailbox mailbox = new FxMailbox();
    private final Background background = new Background(mailbox);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Workbench.APP_NAME);
    private final Timeline ticker = new Timeline(new KeyFrame(TICK, e -> tick()));
    private final PauseTransition filterDebounce = new PauseTransition(Duration.millis(180));

    private WorkbenchPrefs prefs;
    private Workbench workbench;
    private FindingsView findingsView;
    private EventsView eventsView;
    private RawLogView rawLogView;
    private SummaryView summaryView;
    private ProcessesView processesView;
    private RequestsView requestsView;
    private TraceDocument doc;
    private CaptureActions capture;

    private RowFilter filter = RowFilter.NONE;
    private Future<?> filterTask;
    private int filterGeneration;
    private boolean filterRunning;
    /** Store rows the current filter has looked at. */
    private int filteredUpTo;
    private boolean analysisRunning;
    private boolean analysisDirty;
    private long lastAnalysis;
    /** During ingest: not before this; the pause grows with what the last analysis cost, so it never hogs a core. */
    private long nextAnalysis;
    private Analysis lastResult;
    private long lastRefresh;
    /** New rows of the unfiltered table are waiting for their pulse (see tick). */
    private boolean growthPosted;
    private long rateRows;
    private long rateNanos;
    private double rate;
    private long estimatedLines;
    private boolean culpritAnnounced;
    /** The document is the sample, read behind the welcome screen to ready the views ({@link #warmUpBehindWelcome}). */
    private boolean previewing;
    /** Exercises the views while the warm-up's sample is in them (null until the sample has been read). */
    private ViewsWarmUp viewsWarmUp;
    private long errors;
    private final Set<String> knownSyscalls = new LinkedHashSet<>();
    private int knownErrnos;
    private int analysisGeneration;
    private long idleGeneration;

    @FXML
    private void initialize() {
        findingsView = new FindingsView(findings, findingDetails, f -> select(f.firstRow()));
        eventsView = new EventsView(events, eventsScroll, new RowActions(), this::select);
        rawLogView = new RawLogView(rawLog, rawLogStack, background);
        summaryView = new SummaryView(summary, this::onlySyscall);
        processesView = new ProcessesView(processes, this::selectLine);
        requestsView = new RequestsView(requests, requestSummary, this::select);
        timeline.setOnPick(this::select);
        leftTabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> showTab(tab));
        ticker.setCycleCount(Animation.INDEFINITE);
        setUpFilterBar();
        setUpRecentFiles();
        setUpDragAndDrop();
        setTraceControls(false);
    }

    void attach(Workbench workbench, WorkbenchPrefs prefs) {
        this.workbench = workbench;
        this.prefs = prefs;
        this.capture = new CaptureActions(this);
        capture.install(attachButton, launchButton, welcomeAttach, welcomeLaunch);
        refreshRecent();
        themeButton.setSelected(prefs.dark());
    }

    ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- opening traces

    @FXML
    private void onOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a trace");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("strace output", "*.strace", "*.trace", "*.txt", "*.log", "*.gz", "*.*"),
                new FileChooser.ExtensionFilter("Any file", "*"));
        List<Path> recent = prefs.recentFiles();
        if (!recent.isEmpty() && recent.get(0).getParent() != null) {
            chooser.setInitialDirectory(recent.get(0).getParent().toFile());
        }
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            open(f.toPath());
        }
    }

    @FXML
    private void onOpenSample() {
        openSample();
    }

    /** Opens the recorded outage shipped in the jar. */
    void openSample() {
        background.run(SampleIncident::extract,
                tmp -> openSource(new FileLineSource(tmp), SampleIncident.TITLE, TraceDocument.Kind.SAMPLE, tmp),
                e -> showError("Cannot open the sample incident: " + Messages.of(e)));
    }

    /**
     * Readies the trace views behind the welcome screen. The first trace a fresh workbench shows otherwise pays, in
     * its first frames, for the first run of every class, CSS match and cell of its views: 130-320 ms at a live
     * capture's start (BENCHMARKS.md, "Live, fourth round"). So the bundled sample is read into the views under the
     * welcome screen, with no title, status, message or notification of its own and no control enabled, then the
     * views are exercised a little longer ({@link ViewsWarmUp}) so the JIT compiles them; the first trace the user
     * opens replaces it as any trace replaces another.
     */
    void warmUpBehindWelcome() {
        if (doc != null || previewing) {
            return;
        }
        previewing = true;
        welcome.toFront();
        // the hidden views must not take the keyboard: focus that lands there goes back to the welcome screen
        root.getScene().focusOwnerProperty().addListener((o, a, owner) -> {
            if (previewing && owner != null && isInside(owner, traceView)) {
                openSample.requestFocus();
            }
        });
        background.run(SampleIncident::extract, tmp -> {
            if (previewing && doc == null) {
                openSource(new FileLineSource(tmp), SampleIncident.TITLE, TraceDocument.Kind.SAMPLE, tmp, true);
            }
        }, e -> previewing = false);
    }

    private static boolean isInside(javafx.scene.Node n, javafx.scene.Node ancestor) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The views hold the warm-up's sample, behind the welcome screen (for tests). */
    boolean isPreviewing() {
        return previewing;
    }

    /** Opens a trace file (plain, .gz, -ff directory or prefix), checked off the FX thread first. */
    void open(Path file) {
        background.run(() -> {
            String problem = TraceSniffer.problem(file);
            if (problem != null) {
                throw new SourceException(problem);
            }
            return Sources.open(file.toString());
        }, source -> {
            background.run(() -> {
                prefs.addRecent(file);
                return prefs.recentFiles();
            }, recent -> recentFiles.setItems(FXCollections.observableArrayList(recent)), e -> { });
            openSource(source, file.getFileName().toString(), TraceDocument.Kind.FILE, file);
        }, e -> showError("Cannot open " + file.getFileName() + ": " + Messages.of(e)));
    }

    void replay(Path file, double speed) {
        ReplayLineSource source = new ReplayLineSource(file, speed);
        openSource(source, file.getFileName() + " (replay " + source.speedLabel() + ")", TraceDocument.Kind.REPLAY,
                file);
    }

    /** Shows a session that is already reading (a live capture); the workbench owns it from now on. */
    void showSession(TraceSession session, String name, TraceDocument.Kind kind) {
        show(new TraceDocument(session, name, kind, mailbox), null, false);
        session.start();
    }

    private void openSource(LineSource source, String name, TraceDocument.Kind kind, Path file) {
        openSource(source, name, kind, file, false);
    }

    /** A {@code preview} is the warm-up's sample, read behind the welcome screen ({@link #warmUpBehindWelcome}). */
    private void openSource(LineSource source, String name, TraceDocument.Kind kind, Path file, boolean preview) {
        TraceSession session;
        try {
            session = TraceSession.of(source);
        } catch (IOException e) {
            showError("Cannot open " + name + ": " + Messages.of(e));
            return;
        }
        show(new TraceDocument(session, name, kind, mailbox), file, preview);
        session.start();
    }

    private void show(TraceDocument next, Path file, boolean preview) {
        previewing = preview;
        TraceDocument old = doc;
        doc = next;
        if (!preview) {
            hideMessage(); // a message the user has not dismissed stays over the welcome screen
        }
        filterGeneration++;
        analysisGeneration++;
        if (filterTask != null) {
            filterTask.cancel(true);
        }
        filterRunning = false;
        analysisRunning = false;
        analysisDirty = false;
        culpritAnnounced = false;
        knownSyscalls.clear();
        knownErrnos = 0;
        syscalls.getItems().clear();
        errnoFilter.getItems().clear();
        lastAnalysis = 0;
        nextAnalysis = 0;
        lastResult = null;
        // the raw log's first live tail waits a refresh period: the first frames of a capture already fill the
        // table, the findings and the timeline, and a tail's new paragraphs are the costliest cells on screen
        lastRefresh = System.nanoTime();
        rateRows = 0;
        rateNanos = System.nanoTime();
        rate = 0;
        errors = 0;
        estimatedLines = file == null ? 0 : estimateLines(file);
        filter = readFilterBar();
        filteredUpTo = 0;
        eventsView.show(next, filter.isEmpty() ? RowIndexList.all(0) : RowIndexList.of(new int[0], 0), mailbox);
        rawLogView.show(next.store().raw(), next.isLive());
        mailbox.holdViewsOnePulse();
        // The other panes are emptied in the next pulses, one a pulse: emptied at once, the whole window is
        // repainted in one frame, which the software renderer took 60-115 ms for (BENCHMARKS.md, "Live")
        // Summary, Processes and Requests are emptied when they next come on screen (showTab): emptied while
        // hidden, each table still blanks its cells at once, in the same frame
        mailbox.postView(() -> {
            if (doc == next) {
                findingsView.show(List.of());
                findingDetails.setText("Select a finding to see its evidence.");
                leftTabs.getSelectionModel().select(findingsTab);
            }
        });
        mailbox.postView(() -> {
            if (doc == next) {
                timeline.show(TimelineData.EMPTY, next.store().timeFormat());
                timeline.setMarker(Long.MIN_VALUE, "");
                timeline.setSelectedTime(Long.MIN_VALUE);
            }
        });
        next.selectedRowProperty().addListener((o, a, row) -> onSelected(next, row.intValue()));
        next.finishedProperty().addListener((o, a, done) -> {
            if (done && doc == next) {
                onFinished();
            }
        });
        traceView.setVisible(true);
        ticker.play();
        if (!preview) {
            title.set(Workbench.APP_NAME + " — " + next.title());
            statusFile.setText(next.kind() == TraceDocument.Kind.SAMPLE
                    ? "sample: " + SampleIncident.RESOURCE.substring(SampleIncident.RESOURCE.lastIndexOf('/') + 1)
                    : next.session().name());
            welcome.setVisible(false);
            setTraceControls(true);
            progress.setVisible(true);
            progress.setProgress(next.isLive() || estimatedLines == 0 ? ProgressBar.INDETERMINATE_PROGRESS : 0);
        }
        if (old != null) {
            close(old);
        }
    }

    private static void close(TraceDocument old) {
        Thread t = new Thread(() -> {
            try {
                old.session().close();
            } catch (Exception e) {
                // the old trace is gone from the screen; nothing to tell
            }
        }, "stracewb-close");
        t.setDaemon(true);
        t.start();
    }

    private static long estimateLines(Path file) {
        try {
            long size = Files.size(file);
            byte[] head = new byte[1 << 16];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            if (n < 2 || ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b)) {
                return 0;
            }
            int lines = 0;
            for (int i = 0; i < n; i++) {
                if (head[i] == '\n') {
                    lines++;
                }
            }
            return lines == 0 ? 1 : Math.max(1, size * lines / n);
        } catch (IOException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- the ingest, heard ten times a second

    private void tick() {
        TraceDocument d = doc;
        if (d == null) {
            ticker.stop();
            return;
        }
        d.poll();
        int rows = d.rowCountProperty().get();
        RowIndexList list = eventsView.rows();
        if (list != null && list.isAll()) {
            if (rows > list.size() && !growthPosted) {
                // new rows are a view update too (one a pulse): when they reach the screen they repaint the
                // table, which with the findings or a raw-log tail in the same frame made the longest frames
                growthPosted = true;
                mailbox.postView(() -> {
                    growthPosted = false;
                    if (doc == d && eventsView.rows() == list) {
                        int now = d.rowCountProperty().get();
                        list.growTo(now);
                        filteredUpTo = now;
                    }
                });
            }
        } else if (!filterRunning && rows > filteredUpTo) {
            runFilter(filteredUpTo, rows, false);
        }
        long now = System.nanoTime();
        if (!d.finishedProperty().get()) {
            if (now > nextAnalysis) {
                refreshAnalysis();
            }
            if (d.isLive() && now - lastRefresh > REFRESH_EVERY_NANOS) {
                lastRefresh = now;
                eventsView.refreshUnfinished();
                rawLogView.followTail();
            }
        }
        updateStatus(d, rows, now);
    }

    private void updateStatus(TraceDocument d, int rows, long now) {
        if (previewing) {
            return; // the status bar is the welcome screen's until the user opens a trace
        }
        if (now - rateNanos >= 1_000_000_000L) {
            rate = (rows - rateRows) / ((now - rateNanos) / 1e9);
            rateRows = rows;
            rateNanos = now;
        }
        boolean done = d.finishedProperty().get();
        double shownRate = done ? rows / Math.max(0.001, d.elapsedSeconds()) : rate;
        statusEvents.setText(String.format(Locale.ROOT, "%,d events", rows));
        // never ask the collectors from the FX thread while the ingest thread feeds them: their locks are taken
        // once per row and a waiting FX thread can starve for seconds; the analysis task brings the count
        statusErrors.setText(String.format(Locale.ROOT, "%,d errors", done ? d.session().stats().totalErrors() : errors));
        statusRate.setText(String.format(Locale.ROOT, "%,.0f events/s", shownRate));
        double s = d.elapsedSeconds();
        statusElapsed.setText(String.format(Locale.ROOT, "%d:%04.1f %s", (long) s / 60, s % 60,
                done ? "" : d.kind() == TraceDocument.Kind.CAPTURE
                        ? "capturing (" + capture.attachedCount() + " attached)" : "reading"));
        if (!done && estimatedLines > 0 && !d.isLive()) {
            progress.setProgress(Math.min(0.99, d.store().raw().lineCount() / (double) estimatedLines));
        }
    }

    private void onFinished() {
        TraceDocument d = doc;
        progress.setVisible(false);
        stopButton.setDisable(true);
        tick();
        ticker.stop();
        Throwable error = d.errorProperty().get();
        LineAccounting acc = d.session().accounting();
        if (previewing) {
            // the warm-up's sample: nothing to tell
        } else if (error != null && !d.session().isCancelled()) {
            showError("Reading " + d.title() + " failed: " + Messages.of(error) + " (the events read so far are shown)");
        } else if (acc.lines() > 0 && acc.unparsedLines() == acc.lines()) {
            showError(d.title() + " does not look like strace output: none of its " + acc.lines()
                    + " lines is a syscall, signal or exit. Open the file strace wrote with -o FILE.");
        } else if (acc.lines() == 0 && !d.isLive()) {
            showError(d.title() + " is empty: record a trace with strace -f -tt -T -o FILE");
        }
        updateStatus(d, d.store().size(), System.nanoTime());
        rawLogView.endLive();
        if (!filter.isEmpty()) {
            runFilter(0, d.store().size(), true);
        }
        refreshAnalysis();
        eventsView.refreshVisible();
        if (d.kind() == TraceDocument.Kind.CAPTURE) {
            notifyUser("Capture ended", String.format(Locale.ROOT, "%,d events, %,d errors", d.store().size(),
                    d.session().stats().totalErrors()));
        }
    }

    private void refreshAnalysis() {
        TraceDocument d = doc;
        if (analysisRunning) {
            analysisDirty = true;
            return;
        }
        analysisRunning = true;
        analysisDirty = false;
        lastAnalysis = System.nanoTime();
        int gen = analysisGeneration;
        TraceSession s = d.session();
        int rows = s.store().size();
        boolean full = d.finishedProperty().get();
        Tab shown = leftTabs.getSelectionModel().getSelectedItem();
        boolean requests = shown == requestsTab;
        boolean processes = shown == processesTab;
        background.run(() -> analyse(s, rows, full, requests, processes, () -> gen != analysisGeneration),
                a -> {
                    if (gen != analysisGeneration) {
                        return;
                    }
                    analysisRunning = false;
                    long cost = System.nanoTime() - lastAnalysis;
                    nextAnalysis = System.nanoTime() + Math.max(ANALYSIS_EVERY_NANOS, 3 * cost);
                    showAnalysis(d, a);
                    if (analysisDirty || (d.finishedProperty().get() && rows < d.store().size())) {
                        refreshAnalysis();
                    }
                }, e -> {
                    analysisRunning = false;
                    showError("The analysis failed: " + Messages.of(e));
                });
    }

    /** What the views show, computed off the FX thread at one moment. */
    private record Analysis(List<FailureGroup> failures, Map<String, Suggestion> suggestions,
                            SourceReferences.Result references, List<Hang> hangs, List<Request> requests,
                            RequestSummary requestSummary, List<ProcessNode> processes, List<SyscallStat> stats,
                            long errors, TimelineData timeline) {
    }

    /**
     * While the trace is read: what the collectors know (no disk reads), and the requests and the process tree
     * only if their tab is on screen (null otherwise: at 100,000 lines a second the requests alone allocated a
     * quarter of the heap the capture churned, and every young collection is a pause of the FX thread too);
     * once it is read: all findings, with "did you mean" and the search of the document root for references.
     */
    private static Analysis analyse(TraceSession s, int rows, boolean full, boolean requests, boolean processes,
                                    java.util.function.BooleanSupplier stale) {
        TimelineData timeline = TimelineData.compute(s.store(), rows, stale);
        if (full) {
            Findings f = s.findings();
            return new Analysis(f.failures(), f.suggestions(), f.references(), f.hangs(), f.requests(),
                    f.requestSummary(), f.processes(), s.syscallTable(), s.stats().totalErrors(), timeline);
        }
        List<FailureGroup> failures = s.failures();
        List<Request> reqs = requests ? s.requests() : null;
        return new Analysis(failures, Map.of(), null, List.of(), reqs, reqs == null ? null : RequestSummary.of(reqs),
                processes ? s.processTree() : null, s.syscallTable(), s.stats().totalErrors(), timeline);
    }

    private void showAnalysis(TraceDocument d, Analysis a) {
        errors = a.errors();
        lastResult = a;
        findingsView.show(a.failures(), a.suggestions(), a.references(), a.hangs());
        showTab(leftTabs.getSelectionModel().getSelectedItem());
        FailureGroup culprit = a.failures().isEmpty() || a.failures().get(0).isExpected() ? null : a.failures().get(0);
        if (culprit != null && !d.isLive() && d.finishedProperty().get() && d.selectedRowProperty().get() < 0) {
            // a file that has been read: put its culprit and the evidence on screen at once
            findingsView.selectFirst();
        }
        // the timeline and a notification in the next pulse: with the findings in the same frame, the first
        // analysis of a capture repainted half the window at once (BENCHMARKS.md, "Live")
        mailbox.postView(() -> {
            if (doc != d || lastResult != a) {
                return; // a newer analysis shows its own
            }
            timeline.show(a.timeline(), d.store().timeFormat());
            if (culprit != null) {
                timeline.setMarker(culprit.firstTimeNanos(), culprit.fileName());
                if (!culpritAnnounced && culprit.unusualExtension()) {
                    culpritAnnounced = true;
                    notifyUser("Likely culprit: " + culprit.fileName(), culprit.path() + "\n" + culprit.count()
                            + " failed calls (" + Finding.errnos(culprit) + "), first at line "
                            + culprit.firstLine());
                }
            }
        });
        if (previewing) {
            idleGeneration++;
            if (viewsWarmUp == null && d.finishedProperty().get()) {
                viewsWarmUp = new ViewsWarmUp(eventsView.table(), findingsView, a.failures(),
                        () -> previewing && doc == d,
                        () -> findingsView.show(a.failures(), a.suggestions(), a.references(), a.hangs()));
                viewsWarmUp.start();
            }
            return; // the filter bar is the welcome screen's: no syscall or errno of the warm-up's sample in it
        }
        for (SyscallStat s : a.stats()) {
            if (knownSyscalls.add(s.name())) {
                syscalls.getItems().add(s.name());
            }
        }
        int errnoCount = d.store().errnos().size();
        for (int id = knownErrnos; id < errnoCount; id++) {
            errnoFilter.getItems().add(d.store().errnos().get(id));
        }
        knownErrnos = errnoCount;
        idleGeneration++;
    }

    /** Summary and Processes are filled when they are on screen, not on every analysis. */
    private void showTab(Tab tab) {
        Analysis a = lastResult;
        if (a == null) {
            // no analysis of this trace yet: the tab must not show the last trace's
            if (tab == summaryTab) {
                summaryView.show(List.of());
            } else if (tab == processesTab) {
                processesView.show(List.of());
            } else if (tab == requestsTab) {
                requestsView.clear();
            }
            return;
        }
        if (tab == summaryTab) {
            summaryView.show(a.stats());
        } else if (tab == processesTab) {
            if (a.processes() == null) {
                refreshAnalysis(); // left out of the live analysis while the tab was not on screen
            } else {
                processesView.show(a.processes());
            }
        } else if (tab == requestsTab) {
            if (a.requests() == null) {
                refreshAnalysis();
            } else {
                requestsView.show(a.requests(), a.requestSummary());
            }
        }
    }

    // ---------------------------------------------------------------- selection, shared by every view

    /** Selects the event that starts on an input line (rows are in the order of their first lines). */
    void selectLine(long line) {
        if (doc == null) {
            return;
        }
        var store = doc.store();
        int lo = 0;
        int hi = store.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (store.firstLine(mid) < line) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        select(lo);
    }

    void select(int row) {
        if (doc != null && row >= 0 && row < doc.store().size()) {
            doc.select(row);
        }
    }

    private void onSelected(TraceDocument d, int row) {
        if (d != doc || row < 0) {
            return;
        }
        boolean visible = eventsView.select(row);
        rawLogView.jumpTo(d.store().firstLine(row));
        timeline.setSelectedTime(d.store().timeNanos(row));
        if (!visible) {
            filterStatus.setText("the selected event (#" + (row + 1) + ") is hidden by the filter — Esc clears it");
        } else {
            showFilterCount();
        }
    }

    // ---------------------------------------------------------------- filter bar

    private void setUpFilterBar() {
        List<SyscallClass> classes = new ArrayList<>();
        classes.add(null);
        classes.addAll(List.of(SyscallClass.FILE, SyscallClass.PROCESS, SyscallClass.NETWORK, SyscallClass.MEMORY,
                SyscallClass.SIGNAL, SyscallClass.IPC, SyscallClass.DESC, SyscallClass.OTHER));
        syscallClass.setItems(FXCollections.observableArrayList(classes));
        StringConverter<SyscallClass> names = new StringConverter<>() {
            @Override
            public String toString(SyscallClass c) {
                return c == null ? "all classes" : c.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public SyscallClass fromString(String s) {
                return null;
            }
        };
        syscallClass.setConverter(names);
        syscallClass.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(SyscallClass c, boolean empty) {
                super.updateItem(c, empty);
                setText(names.toString(c));
            }
        });
        syscallClass.getSelectionModel().selectFirst();
        syscalls.setShowCheckedCount(false);
        updateSyscallsTitle();
        syscalls.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> updateSyscallsTitle());
        filterDebounce.setOnFinished(e -> applyFilterBar());
        filterText.textProperty().addListener((o, a, b) -> filterDebounce.playFromStart());
        pidFilter.textProperty().addListener((o, a, b) -> filterDebounce.playFromStart());
        pathGlob.textProperty().addListener((o, a, b) -> filterDebounce.playFromStart());
        errnoFilter.valueProperty().addListener((o, a, b) -> filterDebounce.playFromStart());
        errnoFilter.getEditor().textProperty().addListener((o, a, b) -> filterDebounce.playFromStart());
        failedOnly.selectedProperty().addListener((o, a, b) -> applyFilterBar());
        syscallClass.valueProperty().addListener((o, a, b) -> applyFilterBar());
        syscalls.getCheckModel().getCheckedItems().addListener(
                (javafx.collections.ListChangeListener<String>) c -> {
                    updateSyscallsTitle();
                    applyFilterBar();
                });
    }

    /** The syscall picker's label: what is ticked, or how many there are to pick from. */
    private void updateSyscallsTitle() {
        List<String> checked = syscalls.getCheckModel().getCheckedItems();
        String text = checked.isEmpty() ? "all syscalls (" + syscalls.getItems().size() + ")" : String.join(", ", checked);
        syscalls.setTitle(text);
        // ControlsFX's skin shows its title only when the checks change; its combo box is told directly
        for (javafx.scene.Node n : syscalls.getChildrenUnmodifiable()) {
            if (n instanceof ComboBox<?> box) {
                @SuppressWarnings("unchecked")
                ComboBox<Object> b = (ComboBox<Object>) box;
                b.setValue(text);
            }
        }
    }

    private RowFilter readFilterBar() {
        String errno = errnoFilter.getEditor().getText();
        if ((errno == null || errno.isBlank()) && errnoFilter.getValue() != null) {
            errno = errnoFilter.getValue();
        }
        return new RowFilter(filterText.getText(), failedOnly.isSelected(), syscallClass.getValue(),
                Set.copyOf(syscalls.getCheckModel().getCheckedItems()), pidFilter.getText(), errno,
                pathGlob.getText());
    }

    private void applyFilterBar() {
        RowFilter next = readFilterBar();
        if (next.equals(filter) && doc != null) {
            return;
        }
        filter = next;
        if (doc == null) {
            return;
        }
        if (filter.isEmpty()) {
            filterGeneration++;
            if (filterTask != null) {
                filterTask.cancel(true);
            }
            filterRunning = false;
            filterBusy.setVisible(false);
            int rows = doc.store().size();
            filteredUpTo = rows;
            eventsView.setRows(RowIndexList.all(rows));
            reselect();
            showFilterCount();
            idleGeneration++;
            return;
        }
        runFilter(0, doc.store().size(), true);
    }

    /** Filters rows {@code [from, to)}; a full run replaces the list, an increment appends to it. */
    private void runFilter(int from, int to, boolean full) {
        TraceDocument d = doc;
        RowFilter f = filter;
        if (full) {
            filterGeneration++;
            if (filterTask != null) {
                filterTask.cancel(true);
            }
        }
        int gen = filterGeneration;
        filterRunning = true;
        filterBusy.setVisible(true);
        long started = System.nanoTime();
        filterTask = background.run(
                () -> new RowFilterEngine(d.store(), f, () -> gen != filterGeneration).prepare(from, to).match(from, to),
                rows -> {
                    if (gen != filterGeneration || d != doc) {
                        return;
                    }
                    filterRunning = false;
                    filterBusy.setVisible(false);
                    filteredUpTo = to;
                    if (full) {
                        eventsView.setRows(RowIndexList.of(rows, rows.length));
                        reselect();
                        lastFilterMillis = (System.nanoTime() - started) / 1_000_000;
                        filterRuns++;
                    } else {
                        RowIndexList list = eventsView.rows();
                        if (list != null) {
                            list.append(rows, rows.length);
                        }
                    }
                    showFilterCount();
                    idleGeneration++;
                },
                e -> {
                    if (gen != filterGeneration) {
                        return;
                    }
                    filterRunning = false;
                    filterBusy.setVisible(false);
                    filterStatus.setText(Messages.of(e));
                });
    }

    private long lastFilterMillis;
    /** Full filter runs shown so far (for tests and the benchmark). */
    private int filterRuns;

    int filterRuns() {
        return filterRuns;
    }

    private void reselect() {
        if (doc != null && doc.selectedRowProperty().get() >= 0) {
            eventsView.select(doc.selectedRowProperty().get());
        }
    }

    private void showFilterCount() {
        RowIndexList list = eventsView.rows();
        if (doc == null || list == null) {
            filterStatus.setText("");
            return;
        }
        if (list.isAll()) {
            filterStatus.setText("");
        } else {
            filterStatus.setText(String.format(Locale.ROOT, "%,d of %,d events (%d ms)", list.size(),
                    doc.store().size(), lastFilterMillis));
        }
    }

    @FXML
    void onClearFilters() {
        filterText.clear();
        failedOnly.setSelected(false);
        syscallClass.getSelectionModel().selectFirst();
        syscalls.getCheckModel().clearChecks();
        pidFilter.clear();
        errnoFilter.setValue(null);
        errnoFilter.getEditor().clear();
        pathGlob.clear();
        filterDebounce.stop();
        applyFilterBar();
    }

    private void onlySyscall(String name) {
        syscalls.getCheckModel().clearChecks();
        syscalls.getCheckModel().check(name);
        leftTabs.getSelectionModel().select(summaryTab);
    }

    /** The context menu actions of the events table. */
    private final class RowActions implements EventsView.Actions {
        @Override
        public void onlyPath(String path) {
            pathGlob.setText(PathGlob.literal(path));
            filterDebounce.stop();
            applyFilterBar();
        }

        @Override
        public void onlyPid(int pid) {
            pidFilter.setText(Integer.toString(pid));
            filterDebounce.stop();
            applyFilterBar();
        }

        @Override
        public void onlySyscall(String name) {
            syscalls.getCheckModel().clearChecks();
            syscalls.getCheckModel().check(name);
        }

        @Override
        public void showInRawLog(int row) {
            select(row);
            rawLog.requestFocus();
        }

        @Override
        public void findReferences(String path) {
            // until the references analysis lands: every line that names the file (error logs, reads of PHP source)
            String name = path.substring(path.lastIndexOf('/') + 1);
            onClearFilters();
            filterText.setText(name);
            filterDebounce.stop();
            applyFilterBar();
        }

        @Override
        public void copyRows(List<Integer> rows) {
            copyAsStrace(rows);
        }
    }

    /** Copies rows as strace wrote them; the lines are read off the FX thread. */
    void copyAsStrace(List<Integer> rows) {
        EventText text = eventsView.text();
        if (text == null || rows.isEmpty()) {
            return;
        }
        List<Integer> sorted = rows.stream().sorted().limit(100_000).toList();
        background.run(() -> {
            StringBuilder b = new StringBuilder();
            sorted.forEach(r -> b.append(text.strace(r)).append('\n'));
            return b.toString();
        }, s -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(s);
            Clipboard.getSystemClipboard().setContent(content);
            filterStatus.setText(sorted.size() == 1 ? "copied 1 line" : "copied " + sorted.size() + " events");
        }, e -> showError("Copy failed: " + Messages.of(e)));
    }

    // ---------------------------------------------------------------- toolbar

    @FXML
    void onFind() {
        filterText.requestFocus();
        filterText.selectAll();
    }

    @FXML
    void onStop() {
        if (doc != null && !previewing && !doc.finishedProperty().get()) {
            stopButton.setDisable(true);
            if (!capture.stop(doc)) {
                doc.session().cancel();
            } else {
                statusElapsed.setText("detaching…");
            }
        }
    }

    /** Ctrl+E: opens the Export menu. */
    @FXML
    void onExport() {
        if (!exportButton.isDisabled()) {
            exportButton.show();
        }
    }

    @FXML
    private void onExportMarkdown() {
        chooseReport(ReportFormat.MARKDOWN);
    }

    @FXML
    private void onExportHtml() {
        chooseReport(ReportFormat.HTML);
    }

    @FXML
    private void onExportJson() {
        chooseReport(ReportFormat.JSON);
    }

    private void chooseReport(ReportFormat format) {
        TraceDocument d = doc;
        if (d == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Write a report of " + d.title());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name().toLowerCase(Locale.ROOT)
                + " report", "*." + format.extension()));
        chooser.setInitialFileName(baseName(d) + "-report." + format.extension());
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            writeReport(f.toPath(), format, exportRedact.isSelected());
        }
    }

    /** Writes the report off the FX thread (it reads the document root and the trace's text). */
    void writeReport(Path target, ReportFormat format, boolean redact) {
        TraceDocument d = doc;
        progress.setVisible(true);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        background.run(() -> {
            ReportWriter.write(d.session(), target, format, ReportOptions.defaults().withRedact(redact)
                    .withCapture(capture.captureInfo(d)));
            return target;
        }, t -> {
            progress.setVisible(!d.finishedProperty().get());
            showInfo("Report written to " + t + (redact ? " (secrets redacted)" : " (not redacted)"));
        }, e -> {
            progress.setVisible(!d.finishedProperty().get());
            showError("The report could not be written: " + Messages.of(e));
        });
    }

    @FXML
    private void onExportStrace() {
        TraceDocument d = doc;
        RowIndexList list = eventsView.rows();
        if (d == null || list == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the events shown as strace text");
        chooser.setInitialFileName(exportName(d));
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            exportTo(f.toPath(), d, list);
        }
    }

    private static String baseName(TraceDocument d) {
        String name = d.kind() == TraceDocument.Kind.SAMPLE ? "apache-prefork-outage"
                : d.kind() == TraceDocument.Kind.CAPTURE ? "capture"
                : Path.of(d.session().name()).getFileName().toString();
        return name.replaceAll("\\.(strace|trace|txt|gz)$", "");
    }

    private static String exportName(TraceDocument d) {
        return baseName(d) + "-filtered.strace";
    }

    void exportTo(Path target, TraceDocument d, RowIndexList list) {
        int n = list.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = list.rowAt(i);
        }
        progress.setVisible(true);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        background.run(() -> {
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                for (int row : rows) {
                    long first = d.store().firstLine(row);
                    long last = d.store().lastLine(row);
                    w.write(d.store().raw().line(first));
                    w.newLine();
                    if (last != first) {
                        w.write(d.store().raw().line(last));
                        w.newLine();
                    }
                }
            }
            return rows.length;
        }, count -> {
            progress.setVisible(!d.finishedProperty().get());
            showInfo(String.format(Locale.ROOT, "Exported %,d events to %s", count, target));
        }, e -> {
            progress.setVisible(!d.finishedProperty().get());
            showError("Export failed: " + Messages.of(e));
        });
    }

    @FXML
    private void onAttach() {
        capture.attach();
    }

    @FXML
    private void onLaunch() {
        capture.launch();
    }

    @FXML
    private void onReplay1() {
        chooseReplay(1);
    }

    @FXML
    private void onReplay10() {
        chooseReplay(10);
    }

    @FXML
    private void onReplayMax() {
        chooseReplay(ReplayLineSource.MAX);
    }

    private void chooseReplay(double speed) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Replay a trace");
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            replay(f.toPath(), speed);
        }
    }

    void showTheme(boolean dark) {
        themeButton.setSelected(dark);
        themeButton.setText(dark ? "Light" : "Dark");
    }

    @FXML
    private void onTheme() {
        workbench.setDark(themeButton.isSelected());
        timeline.setDark(themeButton.isSelected());
    }

    @FXML
    private void onDismissMessage() {
        hideMessage();
    }

    private void setTraceControls(boolean open) {
        stopButton.setDisable(!open);
        exportButton.setDisable(!open);
        filterBar.setDisable(!open);
    }

    // ---------------------------------------------------------------- welcome screen

    private void setUpRecentFiles() {
        recentFiles.setPlaceholder(new Label("No traces opened yet."));
        recentFiles.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.getFileName() + "   —   " + p.getParent());
                setTooltip(empty || p == null ? null : new Tooltip(p.toString()));
            }
        });
        recentFiles.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && recentFiles.getSelectionModel().getSelectedItem() != null) {
                open(recentFiles.getSelectionModel().getSelectedItem());
            }
        });
        recentFiles.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && recentFiles.getSelectionModel().getSelectedItem() != null) {
                open(recentFiles.getSelectionModel().getSelectedItem());
            }
        });
    }

    private void refreshRecent() {
        recentFiles.setItems(FXCollections.observableArrayList(prefs.recentFiles()));
    }

    private void setUpDragAndDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) {
                open(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    // ---------------------------------------------------------------- messages

    void showError(String text) {
        showMessage(text, "error");
    }

    void showInfo(String text) {
        showMessage(text, "info");
    }

    private void showMessage(String text, String kind) {
        message.setText(text);
        messageBar.getStyleClass().removeAll("error", "info");
        messageBar.getStyleClass().add(kind);
        messageBar.setVisible(true);
        messageBar.setManaged(true);
    }

    private void hideMessage() {
        messageBar.setVisible(false);
        messageBar.setManaged(false);
        message.setText("");
    }

    void notifyUser(String heading, String text) {
        if (previewing) {
            return;
        }
        Window w = window();
        if (w == null || !w.isShowing() || workbench == null || !workbench.notificationsEnabled()) {
            return;
        }
        try {
            Notifications.create().title(heading).text(text).owner(w).hideAfter(Duration.seconds(6))
                    .showInformation();
        } catch (RuntimeException e) {
            // a notification is a courtesy; the same facts are on screen
        }
    }

    List<String> stylesheets() {
        return root.getScene() == null ? List.of() : List.copyOf(root.getScene().getStylesheets());
    }

    CaptureActions captureActions() {
        return capture;
    }

    Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    // ---------------------------------------------------------------- for the workbench and its tests

    TraceDocument document() {
        return doc;
    }

    Background background() {
        return background;
    }

    FxMailbox mailbox() {
        return mailbox;
    }

    FindingsView findingsView() {
        return findingsView;
    }

    EventsView eventsView() {
        return eventsView;
    }

    RawLogView rawLogView() {
        return rawLogView;
    }

    TimelineView timeline() {
        return timeline;
    }

    Label messageLabel() {
        return message;
    }

    boolean messageShown() {
        return messageBar.isVisible();
    }

    TabPane leftTabs() {
        return leftTabs;
    }

    Tab requestsTab() {
        return requestsTab;
    }

    Tab processesTab() {
        return processesTab;
    }

    /** Whether the views are still being exercised behind the welcome screen ({@link ViewsWarmUp}). */
    boolean isWarmingUp() {
        return previewing && (viewsWarmUp == null || viewsWarmUp.isRunning());
    }

    /** True when the trace is read and no filter or analysis is still running. */
    boolean isSettled() {
        return doc != null && doc.finishedProperty().get() && !filterRunning && !analysisRunning
                && filteredUpTo >= doc.store().size();
    }

    long lastFilterMillis() {
        return lastFilterMillis;
    }

    boolean filterBusy() {
        return filterRunning;
    }

    void shutdown() {
        ticker.stop();
        if (doc != null) {
            doc.session().cancel();
        }
        capture.shutdown();
        background.shutdown();
    }
}
