package dev.stracewb.ui;

import dev.stracewb.store.RawText;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The last lines of a live capture, drawn on a canvas. At 100,000 lines a second every line on screen is new at each
 * refresh; in the CodeArea each would be a new paragraph cell, styled and laid out in the frame that shows it (the
 * raw log's share of the frames over 30 ms, BENCHMARKS.md). Drawn here, a refresh is one canvas repaint and no
 * layout at all. The colours and fonts are the raw log's own: read from hidden text nodes that the theme's CSS
 * styles like the CodeArea's. A click opens the CodeArea at that line (see {@link RawLogView}).
 */
final class RawTailView {
    /** What a refresh shows: lines {@code first..} of the file, each with its coloured stretches. */
    record Tail(long first, List<String> lines, List<int[]> tokens) {
        /** Reads and colours lines {@code first..last} (off the FX thread). */
        static Tail read(RawText text, long first, long last) throws InterruptedException {
            String[] lines = new String[(int) (last - first + 1)];
            int[][] tokens = new int[lines.length][];
            for (int i = 0; i < lines.length; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                String line = text.line(first + i);
                lines[i] = line;
                tokens[i] = tokens(line);
            }
            return new Tail(first, List.of(lines), List.of(tokens));
        }

        long last() {
            return first + lines.size() - 1;
        }

        /** The line's stretches as (start, end, style) triples. */
        private static int[] tokens(String line) {
            int[][] out = {new int[12]};
            int[] n = {0};
            StraceHighlighter.scan(line, (start, end, style) -> {
                if (n[0] + 3 > out[0].length) {
                    out[0] = Arrays.copyOf(out[0], out[0].length * 2);
                }
                out[0][n[0]++] = start;
                out[0][n[0]++] = end;
                out[0][n[0]++] = style;
            });
            return Arrays.copyOf(out[0], n[0]);
        }
    }

    private static final double PAD_LEFT = 4;
    private static final double PAD_RIGHT = 6;

    private final StackPane pane = new StackPane();
    private final Region gutter = new Region();
    private final Canvas canvas = new Canvas();
    /** One hidden text per style of {@link StraceHighlighter#STYLES}, styled by the theme as the CodeArea's are. */
    private final Text[] palette = new Text[StraceHighlighter.STYLES.size()];
    private final Text lineNumber = new Text("0");
    private final Group hidden = new Group();
    private Tail tail;
    private double charWidth;
    private double lineHeight;
    private double baseline;
    private Font measuredFont;

    RawTailView(LongConsumer onOpen) {
        pane.getStyleClass().addAll("raw-log", "raw-tail");
        gutter.getStyleClass().add("lineno");
        gutter.setMaxWidth(Region.USE_PREF_SIZE);
        StackPane.setAlignment(gutter, Pos.TOP_LEFT);
        for (int i = 0; i < palette.length; i++) {
            palette[i] = new Text("x");
            palette[i].getStyleClass().add("text");
            if (i > 0) {
                palette[i].getStyleClass().add(StraceHighlighter.STYLES.get(i));
            }
        }
        lineNumber.getStyleClass().add("lineno-text");
        StackPane numbers = new StackPane(lineNumber);
        numbers.getStyleClass().add("lineno");
        hidden.getChildren().addAll(palette);
        hidden.getChildren().add(numbers);
        hidden.setManaged(false);
        hidden.setVisible(false);
        // the canvas follows the pane's size, never asks for one: a resize redraws what is there
        canvas.setManaged(false);
        pane.getChildren().addAll(gutter, canvas, hidden);
        pane.setMinSize(0, 0);
        pane.widthProperty().addListener((o, a, w) -> resize());
        pane.heightProperty().addListener((o, a, h) -> resize());
        // a theme change restyles the hidden texts: draw again in the new colours
        palette[0].fillProperty().addListener((o, a, b) -> draw());
        canvas.setOnMouseClicked(e -> {
            long line = lineAt(e.getY());
            if (line > 0) {
                onOpen.accept(line);
            }
        });
        canvas.setOnScroll(e -> {
            if (tail != null && e.getDeltaY() > 0) {
                onOpen.accept(lineAt(e.getY()));
            }
        });
        Tooltip.install(canvas, new Tooltip("The capture's last lines, as they arrive. Click a line, or scroll up,"
                + " to read the log from there."));
    }

    Node node() {
        return pane;
    }

    /** How many lines fill the view now (at least a screenful of a small window). */
    int linesWanted() {
        measure();
        return Math.max(20, (int) Math.ceil(pane.getHeight() / lineHeight) + 1);
    }

    /** The height of a line on screen. */
    double lineHeight() {
        measure();
        return lineHeight;
    }

    void show(Tail t) {
        tail = t;
        draw();
    }

    void clear() {
        tail = null;
        draw();
    }

    /** What is drawn now (for tests and the benchmark). */
    Tail tail() {
        return tail;
    }

    /** The file's line under {@code y}, or 0 when there is none. */
    private long lineAt(double y) {
        if (tail == null || lineHeight <= 0) {
            return 0;
        }
        int shown = shownLines();
        int fromBottom = (int) ((pane.getHeight() - y) / lineHeight);
        int index = tail.lines().size() - 1 - Math.max(0, Math.min(shown - 1, fromBottom));
        return index < 0 ? 0 : tail.first() + index;
    }

    private int shownLines() {
        return Math.min(tail.lines().size(), (int) Math.ceil(pane.getHeight() / lineHeight));
    }

    private void resize() {
        canvas.setWidth(pane.getWidth());
        canvas.setHeight(pane.getHeight());
        draw();
    }

    /** The monospace cell: from the plain text's font, read again when the theme or font changes. */
    private void measure() {
        hidden.applyCss();
        Font font = palette[0].getFont();
        if (font.equals(measuredFont)) {
            return;
        }
        measuredFont = font;
        Text probe = new Text("0123456789012345678901234567890123456789");
        probe.setFont(font);
        charWidth = probe.getLayoutBounds().getWidth() / 40;
        lineHeight = Math.ceil(probe.getLayoutBounds().getHeight());
        baseline = probe.getBaselineOffset();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        // a clear of the whole canvas also drops the commands of earlier frames
        g.clearRect(0, 0, w, h);
        if (tail == null || w <= 0 || h <= 0) {
            gutter.setPrefWidth(RawLogView.gutterWidth(0));
            return;
        }
        measure();
        double gutterWidth = RawLogView.gutterWidth(tail.last());
        gutter.setPrefWidth(gutterWidth);
        g.setTextBaseline(VPos.BASELINE);
        int shown = shownLines();
        int firstIndex = tail.lines().size() - shown;
        double y = h - shown * lineHeight;
        int maxChars = (int) Math.ceil((w - gutterWidth - PAD_LEFT) / Math.max(1, charWidth));
        Font numberFont = lineNumber.getFont();
        Paint numberFill = lineNumber.getFill();
        for (int i = firstIndex; i < tail.lines().size(); i++, y += lineHeight) {
            double base = y + baseline;
            g.setFont(numberFont);
            g.setFill(numberFill);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(Long.toString(tail.first() + i), gutterWidth - PAD_RIGHT, base);
            g.setTextAlign(TextAlignment.LEFT);
            drawLine(g, tail.lines().get(i), tail.tokens().get(i), gutterWidth + PAD_LEFT, base, maxChars);
        }
    }

    /** One line: its plain and coloured stretches in turn, cut at the right edge. */
    private void drawLine(GraphicsContext g, String line, int[] tokens, double x0, double base, int maxChars) {
        String text = line.length() > maxChars ? line.substring(0, maxChars) : line;
        text = text.replace('\t', ' ');
        int at = 0;
        for (int t = 0; t <= tokens.length && at < text.length(); t += 3) {
            int start = t < tokens.length ? Math.min(tokens[t], text.length()) : text.length();
            if (start > at) {
                stretch(g, text, at, start, 0, x0, base);
            }
            if (t < tokens.length) {
                int end = Math.min(tokens[t + 1], text.length());
                if (end > start) {
                    stretch(g, text, start, end, tokens[t + 2], x0, base);
                }
                at = Math.max(at, end);
            }
        }
    }

    private void stretch(GraphicsContext g, String text, int from, int to, int style, double x0, double base) {
        Text look = palette[style];
        g.setFont(look.getFont());
        Paint fill = look.getFill();
        g.setFill(fill == null ? Color.BLACK : fill);
        g.fillText(text.substring(from, to), x0 + from * charWidth, base);
    }
}
