package dev.stracewb.ui;

import dev.stracewb.store.RawText;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;

import java.util.Collection;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The strace text as written, highlighted, in a read-only CodeArea. A big trace is never loaded whole: the view
 * holds a window of lines around the line it must show, read and highlighted off the FX thread, and moves the
 * window when asked for a line outside it. The gutter shows the real line numbers of the file.
 */
final class RawLogView {
    /** A trace this short is shown whole. */
    static final int WHOLE = 3000;
    /** Lines held around the line to show, for longer traces: replacing them is a few ms on the FX thread. */
    static final int WINDOW = 400;
    /**
     * Lines shown while following a live capture's end: a screenful and some. At 100,000 lines a second every
     * line is new at each refresh, so each one is a paragraph built, highlighted and laid out again.
     */
    static final int TAIL = 60;

    private final CodeArea area;
    private final Background background;
    private RawText raw;
    private long windowFirst = 1;
    private long windowLast;
    private long wantedLine;
    private Future<?> loading;
    private int generation;
    private double gutterWidth = gutterWidth(0);

    RawLogView(CodeArea area, Background background) {
        this.area = area;
        this.background = background;
        area.setEditable(false);
        area.setWrapText(false);
        area.setParagraphGraphicFactory(lineNumbers());
    }

    private static double gutterWidth(long lastLine) {
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
            Label l = new Label(Long.toString(windowFirst + paragraph));
            l.getStyleClass().add("lineno");
            l.setPadding(new Insets(0, 6, 0, 4));
            l.setAlignment(Pos.CENTER_RIGHT);
            l.setMinWidth(width);
            l.setPrefWidth(width);
            return l;
        };
    }

    void show(RawText text) {
        raw = text;
        windowFirst = 1;
        windowLast = 0;
        wantedLine = 0;
        generation++;
        area.clear();
    }

    /** The file's line number under the caret, or 0 when nothing is shown. */
    long caretLine() {
        return windowLast == 0 ? 0 : windowFirst + area.getCurrentParagraph();
    }

    long windowFirst() {
        return windowFirst;
    }

    long windowLast() {
        return windowLast;
    }

    /** Shows {@code line} (1-based), loading another window of the file if it is not in this one. */
    void jumpTo(long line) {
        if (raw == null || line < 1) {
            return;
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

    /** During a live capture with nothing selected: keep the last lines on screen. */
    void followTail() {
        if (raw == null) {
            return;
        }
        long total = raw.lineCount();
        if (total == 0 || total == windowLast || (loading != null && !loading.isDone())) {
            return;
        }
        wantedLine = 0;
        load(Math.max(1, total - TAIL + 1), total);
    }

    /** After ingest finished: fill the window if it was loaded before all its lines had arrived. */
    void refreshIfShort() {
        long total = raw == null ? 0 : raw.lineCount();
        if (total > windowLast && windowLast - windowFirst + 1 < (total <= WHOLE ? WHOLE : WINDOW)) {
            load(total <= WHOLE ? 1 : windowFirst, total <= WHOLE ? total : Math.min(total, windowFirst + WINDOW - 1));
        }
    }

    private void load(long first, long last) {
        if (loading != null) {
            loading.cancel(true);
        }
        RawText text = raw;
        int gen = ++generation;
        loading = background.run(() -> {
            StringBuilder b = new StringBuilder((int) Math.min(1 << 24, (last - first + 1) * 120));
            for (long l = first; l <= last; l++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                if (l > first) {
                    b.append('\n');
                }
                b.append(text.line(l));
            }
            String s = b.toString();
            return new Window(first, last, s, StraceHighlighter.spans(s));
        }, w -> apply(w, gen), e -> area.replaceText("cannot read the trace text: " + Messages.of(e)));
    }

    private record Window(long first, long last, String text, StyleSpans<Collection<String>> spans) {
    }

    private void apply(Window w, int gen) {
        if (gen != generation) {
            return;
        }
        windowFirst = w.first();
        windowLast = w.last();
        area.replaceText(w.text());
        if (!w.text().isEmpty()) {
            area.setStyleSpans(0, w.spans());
        }
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
