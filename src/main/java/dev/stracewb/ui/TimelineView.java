package dev.stracewb.ui;

import dev.stracewb.trace.TimeFormat;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.function.IntConsumer;

/**
 * A bar chart of events (and, in red, errors) per time bucket over the whole trace. The first time the culprit
 * failed is marked, so the incident window stands out; the selected event is marked too. Clicking a bar selects
 * the first event in it. Drawn on a canvas: the data is a few hundred numbers, prepared off the FX thread.
 */
public final class TimelineView extends Region {
    private static final double LEFT = 44;
    private static final double BOTTOM = 18;
    private static final double TOP = 16;

    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private TimelineData data = TimelineData.EMPTY;
    private TimeFormat timeFormat = TimeFormat.NONE;
    private long markerNanos = Long.MIN_VALUE;
    private String markerLabel = "";
    private long selectedNanos = Long.MIN_VALUE;
    private IntConsumer onPick = row -> { };
    private boolean dark;

    public TimelineView() {
        getStyleClass().add("timeline");
        getChildren().add(canvas);
        setMinHeight(60);
        setPrefHeight(120);
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(this, tip);
        canvas.setOnMouseClicked(e -> {
            int b = bucketAt(e.getX());
            if (b >= 0 && data.firstRow()[b] >= 0) {
                onPick.accept(data.firstRow()[b]);
            }
        });
        canvas.setOnMouseMoved(e -> {
            int b = bucketAt(e.getX());
            tip.setText(b < 0 ? "Click a bar to jump to its first event" : describe(b));
        });
    }

    void setOnPick(IntConsumer onPick) {
        this.onPick = onPick;
    }

    void setDark(boolean dark) {
        this.dark = dark;
        draw();
    }

    void show(TimelineData d, TimeFormat format) {
        this.data = d;
        this.timeFormat = format;
        draw();
    }

    TimelineData data() {
        return data;
    }

    /** Marks the incident: where the first unexpected failure happened. */
    void setMarker(long nanos, String label) {
        markerNanos = nanos;
        markerLabel = label == null ? "" : label;
        draw();
    }

    void setSelectedTime(long nanos) {
        selectedNanos = nanos;
        draw();
    }

    private String describe(int b) {
        long from = data.startNanos() + b * data.bucketNanos();
        return timeFormat.format(from) + " +" + data.bucketLabel() + ": " + data.events()[b] + " events, "
                + data.errors()[b] + " errors (click to jump)";
    }

    private int bucketAt(double x) {
        int n = data.buckets();
        if (n == 0) {
            return -1;
        }
        double w = (getWidth() - LEFT - 8) / n;
        int b = (int) ((x - LEFT) / w);
        return x < LEFT || b >= n ? -1 : b;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        Color bg = dark ? Color.web("#1f2227") : Color.web("#fbfbfc");
        Color fg = dark ? Color.web("#c8ccd4") : Color.web("#444a55");
        Color bar = dark ? Color.web("#4f83c2") : Color.web("#7aa6da");
        Color err = Color.web("#d9412b");
        g.setFill(bg);
        g.fillRect(0, 0, width, height);
        g.setFont(Font.font(10));
        g.setFill(fg);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        int n = data.buckets();
        if (n == 0 || width < LEFT + 20) {
            g.fillText("Timeline: events and errors over time appear here once a trace with timestamps (-tt) is open.",
                    8, 6);
            return;
        }
        double plotH = height - TOP - BOTTOM;
        double w = (width - LEFT - 8) / n;
        double peak = Math.max(1, data.maxEvents());
        g.fillText("events / " + data.bucketLabel() + "  (red: errors)", LEFT, 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Integer.toString(data.maxEvents()), LEFT - 4, TOP - 2);
        g.fillText("0", LEFT - 4, TOP + plotH - 10);
        for (int b = 0; b < n; b++) {
            double x = LEFT + b * w;
            double h = data.events()[b] / peak * plotH;
            g.setFill(bar);
            g.fillRect(x, TOP + plotH - h, Math.max(1, w - 1), h);
            if (data.errors()[b] > 0) {
                double eh = Math.max(2, data.errors()[b] / peak * plotH);
                g.setFill(err);
                g.fillRect(x, TOP + plotH - eh, Math.max(1, w - 1), eh);
            }
        }
        g.setStroke(fg);
        g.setLineWidth(1);
        g.strokeLine(LEFT, TOP + plotH + 0.5, width - 8, TOP + plotH + 0.5);
        g.setFill(fg);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(timeFormat.format(data.startNanos()), LEFT, TOP + plotH + 3);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(timeFormat.format(data.startNanos() + n * data.bucketNanos()), width - 8, TOP + plotH + 3);
        mark(g, markerNanos, Color.web("#e08a00"), markerLabel, plotH, w);
        mark(g, selectedNanos, dark ? Color.web("#e6e6e6") : Color.web("#1d3f73"), "", plotH, w);
    }

    private void mark(GraphicsContext g, long nanos, Color color, String label, double plotH, double w) {
        int b = data.bucketOf(nanos);
        if (b < 0) {
            return;
        }
        double x = LEFT + (nanos - data.startNanos()) / (double) data.bucketNanos() * w;
        g.setStroke(color);
        g.setLineWidth(2);
        g.strokeLine(x, TOP, x, TOP + plotH);
        if (!label.isEmpty()) {
            g.setFill(color);
            g.setTextAlign(x > canvas.getWidth() / 2 ? TextAlignment.RIGHT : TextAlignment.LEFT);
            g.fillText(label, x + (x > canvas.getWidth() / 2 ? -4 : 4), TOP);
        }
    }
}
