package dev.stracewb.ui;

import dev.stracewb.store.RawText;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledDocument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    /**
     * Paragraphs of a new tail swapped in per pulse. Every new paragraph on screen is a new cell (a paragraph box,
     * a text node per highlighted token, a gutter number) made, styled and laid out in the pulse that shows it: a
     * screenful at once cost the FX thread 35-60 ms once a second on this machine, a stall of 60-200 ms with the
     * renderer and a loaded CPU. A tail goes in from the bottom, a chunk a pulse. Measured with the pulse logger
     * (javafx.pulseLogger): 8 paragraphs cost a pulse 25-36 ms of layout, 3 still 13-20 ms (RichTextFX lays out
     * the whole viewport after any change), so 4.
     */
    static final int CHUNK = 4;

    private final CodeArea area;
    private final SegmentOps<String, Collection<String>> segments;
    private final Background background;
    private RawText raw;
    private long windowFirst = 1;
    private long windowLast;
    private long wantedLine;
    private Future<?> loading;
    private int generation;
    /** A tail is being swapped in chunk by chunk (the window's lines are not all on screen yet). */
    private boolean chunking;
    private double gutterWidth = gutterWidth(0);

    RawLogView(CodeArea area, Background background) {
        this.area = area;
        this.segments = area.getSegOps();
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
            // a pane and a text, not a Label: a Label is a control with a skin of its own, and a live tail makes
            // a screenful of these every second
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
     * Shows another trace. The old text goes in a pulse of its own (a view update, see {@link FxMailbox}): emptying
     * the area repaints it, and on a trace switch every other pane is repainted too. Windows of the new trace are
     * view updates as well ({@link Background#run}), so they come after it.
     */
    void show(RawText text) {
        raw = text;
        windowFirst = 1;
        windowLast = 0;
        wantedLine = 0;
        generation++;
        chunking = false;
        background.mailbox().postView(area::clear);
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
        if (line >= windowFirst && line <= windowLast && !chunking) {
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
        load(Math.max(1, total - TAIL + 1), total, true);
    }

    /** After ingest finished: fill the window if it was loaded before all its lines had arrived. */
    void refreshIfShort() {
        long total = raw == null ? 0 : raw.lineCount();
        if (total > windowLast && windowLast - windowFirst + 1 < (total <= WHOLE ? WHOLE : WINDOW)) {
            load(total <= WHOLE ? 1 : windowFirst, total <= WHOLE ? total : Math.min(total, windowFirst + WINDOW - 1));
        }
    }

    private void load(long first, long last) {
        load(first, last, false);
    }

    /** Reads and highlights lines {@code first..last} off the FX thread; a live {@code tail} is shown in chunks. */
    private void load(long first, long last, boolean tail) {
        if (loading != null) {
            loading.cancel(true);
        }
        RawText text = raw;
        int gen = ++generation;
        chunking = false;
        loading = background.run(() -> {
            // the styled documents are built here; the FX thread only swaps them in
            ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                    new ReadOnlyStyledDocumentBuilder<>(segments, List.of());
            List<StyledDocument<Collection<String>, String, Collection<String>>> chunks = new ArrayList<>();
            ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> chunk = null;
            for (long l = first; l <= last; l++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                String line = text.line(l);
                if (tail && (l - first) % CHUNK == 0) {
                    if (chunk != null) {
                        chunks.add(chunk.build());
                    }
                    chunk = new ReadOnlyStyledDocumentBuilder<>(segments, List.of());
                }
                add(doc, line);
                if (chunk != null) {
                    add(chunk, line);
                }
            }
            if (chunk != null) {
                chunks.add(chunk.build());
            }
            return new Window(first, last, doc.build(), chunks);
        }, w -> apply(w, gen), e -> area.replaceText("cannot read the trace text: " + Messages.of(e)));
    }

    private static void add(ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc,
                            String line) {
        if (line.isEmpty()) {
            doc.addParagraph("", List.of());
        } else {
            doc.addParagraph(line, StraceHighlighter.spans(line));
        }
    }

    /** Lines {@code first..last}: as one document, and for a tail also in chunks of {@link #CHUNK} paragraphs. */
    private record Window(long first, long last, StyledDocument<Collection<String>, String, Collection<String>> text,
                          List<StyledDocument<Collection<String>, String, Collection<String>>> chunks) {
        int lines() {
            return (int) (last - first + 1);
        }
    }

    private void apply(Window w, int gen) {
        if (gen != generation) {
            return;
        }
        boolean sameWidth = gutterWidth(w.last()) == gutterWidth;
        windowFirst = w.first();
        windowLast = w.last();
        if (wantedLine == 0 && w.chunks().size() > 1 && sameWidth && area.getParagraphs().size() == w.lines()) {
            // a new tail over an old one of the same length: swap it in a chunk a pulse, bottom first. The gutter
            // reads windowFirst when a paragraph's graphic is made, so each replaced paragraph gets its new number
            chunking = true;
            applyChunk(w, w.chunks().size() - 1, generation);
            return;
        }
        if (wantedLine == 0 && w.chunks().size() > 1) {
            // the first tail (or one of another length): the first chunk replaces everything, the others follow,
            // appended a chunk a pulse
            if (!sameWidth) {
                gutterWidth = gutterWidth(windowLast);
                area.setParagraphGraphicFactory(lineNumbers());
            }
            chunking = true;
            area.replace(0, area.getLength(), w.chunks().get(0));
            background.mailbox().postView(() -> appendChunk(w, 1, generation));
            return;
        }
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

    private void applyChunk(Window w, int i, int gen) {
        if (gen != generation) {
            return;
        }
        if (area.getParagraphs().size() != w.lines()) {
            chunking = false; // the text changed under the swap: the next tail goes in whole
            return;
        }
        int from = i * CHUNK;
        int to = Math.min(from + CHUNK, w.lines()) - 1;
        area.replace(area.getAbsolutePosition(from, 0), area.getAbsolutePosition(to, area.getParagraphLength(to)),
                w.chunks().get(i));
        if (i == w.chunks().size() - 1) {
            area.showParagraphAtBottom(w.lines() - 1);
        }
        if (i > 0) {
            background.mailbox().postView(() -> applyChunk(w, i - 1, gen));
        } else {
            chunking = false;
        }
    }

    private void appendChunk(Window w, int i, int gen) {
        if (gen != generation) {
            return;
        }
        // the chunk's first line goes into the new empty paragraph, its others after it
        area.appendText("\n");
        area.append(w.chunks().get(i));
        area.showParagraphAtBottom(area.getParagraphs().size() - 1);
        if (i + 1 < w.chunks().size()) {
            background.mailbox().postView(() -> appendChunk(w, i + 1, gen));
        } else {
            chunking = false;
        }
    }

    /** The lines the area shows now, from the file's line {@link #windowFirst()} (for tests and the benchmark). */
    String shownText() {
        return area.getText();
    }

    boolean isChunking() {
        return chunking;
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
