package dev.stracewb.ui;

import dev.stracewb.store.RawText;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledDocument;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The strace text as written, highlighted, in a read-only CodeArea. A big trace is never loaded whole: the view
 * holds a window of lines around the line it must show, read and highlighted off the FX thread, and moves the
 * window when asked for a line outside it. The gutter shows the real line numbers of the file.
 *
 * <p>While a capture runs and the user has not taken the log elsewhere, the log follows the capture's end in a
 * {@link RawTailView} instead of the CodeArea: a click or a scroll there opens the CodeArea at that line and stops
 * following, and a "Follow the capture" button takes it back.
 */
final class RawLogView {
    /** A trace this short is shown whole. */
    static final int WHOLE = 3000;
    /** Lines held around the line to show, for longer traces: replacing them is a few ms on the FX thread. */
    static final int WINDOW = 400;

    private final CodeArea area;
    private final Node areaPane;
    private final RawTailView tailView;
    private final Button follow = new Button("Follow the capture");
    private final SegmentOps<String, Collection<String>> segments;
    private final Background background;
    private RawText raw;
    private long windowFirst = 1;
    private long windowLast;
    private long wantedLine;
    private Future<?> loading;
    private Future<?> tailLoading;
    private int generation;
    /** The trace is still arriving (a capture or a replay). */
    private boolean live;
    /** The tail view is on screen, following the end of the trace. */
    private boolean following;
    /** The hidden area still holds the text of the trace shown before this one (see {@link #show}). */
    private boolean areaHoldsOldTrace;
    private double gutterWidth = gutterWidth(0);

    /** {@code stack} holds the CodeArea's scroll pane; the tail view and the follow button are laid over it. */
    RawLogView(CodeArea area, StackPane stack, Background background) {
        this.area = area;
        this.areaPane = stack.getChildren().get(0);
        this.segments = area.getSegOps();
        this.background = background;
        this.tailView = new RawTailView(this::jumpTo);
        area.setEditable(false);
        area.setWrapText(false);
        area.setParagraphGraphicFactory(lineNumbers());
        follow.getStyleClass().add("follow-button");
        follow.setTooltip(new Tooltip("Show the capture's last lines as they arrive"));
        follow.setOnAction(e -> resumeFollowing());
        StackPane.setAlignment(follow, Pos.TOP_RIGHT);
        StackPane.setMargin(follow, new Insets(6, 22, 0, 0));
        stack.getChildren().addAll(tailView.node(), follow);
        setFollowing(false);
    }

    static double gutterWidth(long lastLine) {
        return 14 + 7.5 * Math.max(3, Long.toString(Math.max(1, lastLine)).length());
    }

    /**
     * The gutter: reads the window's first line when a paragraph's graphic is made. A new window replaces every
     * paragraph, so every graphic is made again with the new numbers; the factory itself is replaced only when the
     * numbers need a wider gutter (a new factory rebuilds the graphics of all paragraphs once more).
     */
    private IntFunction<Node> lineNumbers() {
        double width = gutterWidth;
        return paragraph -> {
            // a pane and a text, not a Label: a Label is a control with a skin of its own
            Text number = new Text(Long.toString(windowFirst + paragraph));
            number.getStyleClass().add("lineno-text");
            StackPane l = new StackPane(number);
            l.getStyleClass().add("lineno");
            l.setPadding(new Insets(0, 6, 0, 4));
            StackPane.setAlignment(number, Pos.CENTER_RIGHT);
            l.setMinWidth(width);
            l.setPrefWidth(width);
            return l;
        };
    }

    /**
     * Shows another trace; a {@code live} one is followed at its end. Otherwise the old text goes in a pulse of its
     * own (a view update, see {@link FxMailbox}): emptying the area repaints it, and on a trace switch every other
     * pane is repainted too. Windows and tails of the new trace are view updates as well ({@link Background#run}),
     * so they come after it.
     */
    void show(RawText text, boolean live) {
        raw = text;
        windowFirst = 1;
        windowLast = 0;
        wantedLine = 0;
        generation++;
        this.live = live;
        setFollowing(live);
        if (live) {
            // the area is hidden behind the tail: emptied now, its paragraphs' disposal and layout would cost one
            // of the capture's first frames; it is emptied when it comes back on screen instead
            areaHoldsOldTrace = true;
            tailView.clear();
        } else {
            areaHoldsOldTrace = false;
            background.mailbox().postView(() -> {
                area.clear();
                tailView.clear();
            });
        }
    }

    private void setFollowing(boolean on) {
        if (!on && areaHoldsOldTrace) {
            area.clear(); // the new trace's window follows
            areaHoldsOldTrace = false;
        }
        following = on;
        tailView.node().setVisible(on);
        areaPane.setVisible(!on);
        follow.setVisible(live && !on);
    }

    /** Back to the end of a live trace, after the user read elsewhere. */
    void resumeFollowing() {
        if (!live || following) {
            return;
        }
        setFollowing(true);
        followTail();
    }

    boolean isFollowing() {
        return following;
    }

    RawTailView tailView() {
        return tailView;
    }

    /** The file's line number under the caret, or 0 when nothing is shown (or the tail is). */
    long caretLine() {
        return windowLast == 0 || following ? 0 : windowFirst + area.getCurrentParagraph();
    }

    long windowLast() {
        return windowLast;
    }

    /** Shows {@code line} (1-based) in the CodeArea, loading another window of the file if it is not in this one. */
    void jumpTo(long line) {
        if (raw == null || line < 1) {
            return;
        }
        if (following) {
            setFollowing(false);
        }
        wantedLine = line;
        if (line >= windowFirst && line <= windowLast) {
            moveCaret(line);
            return;
        }
        long total = Math.max(raw.lineCount(), line);
        if (total <= WHOLE) {
            load(1, total);
            return;
        }
        long first = Math.max(1, line - WINDOW / 3);
        long last = Math.min(total, first + WINDOW - 1);
        first = Math.max(1, Math.min(first, last - WINDOW + 1));
        load(first, last);
    }

    /** During a live trace: draws its last lines, when there are new ones and the tail is on screen. */
    void followTail() {
        if (raw == null || !following || (tailLoading != null && !tailLoading.isDone())) {
            return;
        }
        long total = raw.lineCount();
        RawTailView.Tail shown = tailView.tail();
        if (total == 0 || (shown != null && shown.last() == total)) {
            return;
        }
        RawText text = raw;
        int gen = generation;
        long first = Math.max(1, total - tailView.linesWanted() + 1);
        tailLoading = background.run(() -> RawTailView.Tail.read(text, first, total), tail -> {
            if (gen == generation && following) {
                tailView.show(tail);
            }
        }, e -> {
            setFollowing(false); // the message goes where the user can read it
            area.replaceText("cannot read the trace text: " + Messages.of(e));
        });
    }

    /**
     * The trace has all its lines: a followed tail becomes the CodeArea's last window (to select and copy from), and
     * a window loaded before all its lines had arrived is filled. Nothing is loaded when nothing was shown: the
     * selection of a culprit brings its own window.
     */
    void endLive() {
        boolean wasFollowing = following;
        live = false;
        setFollowing(false);
        long total = raw == null ? 0 : raw.lineCount();
        if (total == 0) {
            return;
        }
        if (wasFollowing) {
            wantedLine = 0;
            load(total <= WHOLE ? 1 : Math.max(1, total - WINDOW + 1), total);
        } else if (windowLast > 0 && total > windowLast
                && windowLast - windowFirst + 1 < (total <= WHOLE ? WHOLE : WINDOW)) {
            load(total <= WHOLE ? 1 : windowFirst, total <= WHOLE ? total : Math.min(total, windowFirst + WINDOW - 1));
        }
    }

    /** Reads and highlights lines {@code first..last} off the FX thread. */
    private void load(long first, long last) {
        if (loading != null) {
            loading.cancel(true);
        }
        RawText text = raw;
        int gen = ++generation;
        loading = background.run(() -> {
            // the styled document is built here; the FX thread only swaps it in
            ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                    new ReadOnlyStyledDocumentBuilder<>(segments, List.of());
            for (long l = first; l <= last; l++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                String line = text.line(l);
                if (line.isEmpty()) {
                    doc.addParagraph("", List.of());
                } else {
                    doc.addParagraph(line, StraceHighlighter.spans(line));
                }
            }
            return new Window(first, last, doc.build());
        }, w -> apply(w, gen), e -> area.replaceText("cannot read the trace text: " + Messages.of(e)));
    }

    /** Lines {@code first..last} as one document. */
    private record Window(long first, long last, StyledDocument<Collection<String>, String, Collection<String>> text) {
    }

    private void apply(Window w, int gen) {
        if (gen != generation) {
            return;
        }
        windowFirst = w.first();
        windowLast = w.last();
        areaHoldsOldTrace = false;
        area.replace(0, area.getLength(), w.text());
        double width = gutterWidth(windowLast);
        if (width != gutterWidth) {
            gutterWidth = width;
            area.setParagraphGraphicFactory(lineNumbers());
        }
        if (wantedLine > 0) {
            moveCaret(Math.max(windowFirst, Math.min(windowLast, wantedLine)));
        } else {
            area.showParagraphAtBottom(area.getParagraphs().size() - 1);
        }
    }

    private void moveCaret(long line) {
        int paragraph = (int) (line - windowFirst);
        if (paragraph < 0 || paragraph >= area.getParagraphs().size()) {
            return;
        }
        area.moveTo(paragraph, 0);
        area.selectLine();
        area.showParagraphAtCenter(paragraph);
    }

    CodeArea area() {
        return area;
    }
}
