package dev.stracewb.ui;

import dev.stracewb.session.TraceSession;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * During a capture the raw log follows the trace's end (drawn, not laid out as paragraphs), until the user clicks a
 * line there; "Follow the capture" takes it back, and when the capture ends its last lines become the CodeArea's.
 */
@ExtendWith(ApplicationExtension.class)
class RawLogFollowTest {
    private static final Path TRACE = Path.of("src/test/resources/fixtures/nginx-fpm-outage.strace");
    private Workbench wb;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "raw-log-follow");
    }

    @Test
    void aCaptureIsFollowedAtItsEndUntilALineIsClickedAndTheFollowButtonTakesItBack(FxRobot robot)
            throws IOException {
        List<String> lines = Files.readAllLines(TRACE);
        int last = lines.size();
        TraceSession session = TraceSession.of(new HeldLineSource(TRACE));
        fxRun(() -> wb.controller().showSession(session, "held capture", TraceDocument.Kind.CAPTURE));
        RawLogView raw = wb.controller().rawLogView();
        waitUntil(20, "the tail at the capture's last line", () -> fx(() -> raw.isFollowing()
                && raw.tailView().tail() != null && raw.tailView().tail().last() == last));

        RawTailView.Tail tail = fx(() -> raw.tailView().tail());
        assertThat(tail.lines()).hasSizeGreaterThanOrEqualTo(20);
        for (int i = 0; i < tail.lines().size(); i++) {
            assertThat(tail.lines().get(i)).as("line %d", tail.first() + i)
                    .isEqualTo(lines.get((int) tail.first() - 1 + i));
        }
        Button follow = robot.lookup(".follow-button").queryAs(Button.class);
        assertThat(fx(follow::isVisible)).isFalse();
        Node areaPane = robot.lookup("#rawLogScroll").query();
        assertThat(fx(areaPane::isVisible)).isFalse();

        // the line above the last one, on screen
        Node tailNode = fx(() -> raw.tailView().node());
        Point2D second = fx(() -> tailNode.localToScreen(200,
                tailNode.getLayoutBounds().getHeight() - 1.5 * raw.tailView().lineHeight()));
        robot.clickOn(second);
        waitUntil(10, "the CodeArea at the clicked line", () -> fx(() -> raw.caretLine()) == last - 1);
        assertThat(fx(raw::isFollowing)).isFalse();
        assertThat(fx(() -> raw.area().getSelectedText().strip())).isEqualTo(lines.get(last - 2).strip());
        assertThat(fx(follow::isVisible)).isTrue();

        robot.clickOn(follow);
        waitUntil(10, "following again", () -> fx(() -> raw.isFollowing() && raw.tailView().node().isVisible()));
        assertThat(fx(follow::isVisible)).isFalse();

        fxRun(() -> wb.controller().onStop());
        waitUntil(20, "the capture to end", () -> wb.controller().document().finishedProperty().get());
        waitUntil(10, "the last lines in the CodeArea", () -> fx(() -> !raw.isFollowing()
                && raw.windowLast() == last && areaPane.isVisible()));
        String shown = fx(() -> raw.area().getText());
        assertThat(shown).endsWith(lines.get(last - 1));
        assertThat(fx(follow::isVisible)).isFalse();
    }

    @Test
    void aNewCaptureNeverShowsTheRowsOfTheTraceBeforeIt(FxRobot robot) throws IOException {
        fxRun(() -> wb.controller().openSample());
        waitUntil(60, "the sample", () -> wb.controller().isSettled());
        javafx.scene.control.TableView<?> events = robot.lookup("#events").queryAs(javafx.scene.control.TableView.class);
        assertThat(fx(() -> events.getItems().size())).isPositive();

        // a capture that has nothing yet: the sample's rows are not on screen
        Path empty = Files.createTempFile("stracewb-empty", ".strace");
        try {
            TraceSession quiet = TraceSession.of(new HeldLineSource(empty));
            fxRun(() -> wb.controller().showSession(quiet, "quiet capture", TraceDocument.Kind.CAPTURE));
            waitUntil(10, "no row of the sample on screen", () -> fx(() -> visibleRows(robot) == 0));
            fxRun(() -> wb.controller().onStop());
            waitUntil(20, "the capture to end", () -> wb.controller().document().finishedProperty().get());
            waitUntil(10, "an empty table", () -> fx(() -> events.getItems().isEmpty()));
            assertThat(fx(() -> visibleRows(robot))).isZero();
        } finally {
            Files.deleteIfExists(empty);
        }

        // a capture with lines: its own rows, from its first line, and nothing of the sample's selection
        fxRun(() -> wb.controller().openSample());
        waitUntil(60, "the sample again", () -> wb.controller().isSettled()
                && wb.controller().document().kind() == TraceDocument.Kind.SAMPLE);
        fxRun(() -> wb.controller().select(5));
        waitUntil(10, "the sample's row 5 selected", () -> fx(() -> events.getSelectionModel().getSelectedIndex() >= 0));
        TraceSession busy = TraceSession.of(new HeldLineSource(TRACE));
        fxRun(() -> wb.controller().showSession(busy, "busy capture", TraceDocument.Kind.CAPTURE));
        waitUntil(20, "the capture's rows", () -> fx(() -> events.getItems().size()
                == Math.min(busy.store().size(), EventsView.WINDOW) && visibleRows(robot) > 0));
        String firstLine = Files.readAllLines(TRACE).get(0);
        String firstTime = firstLine.split(" +")[1];
        assertThat(fx(() -> cellText(robot, 0, "colTime"))).isEqualTo(firstTime);
        assertThat(fx(() -> events.getSelectionModel().getSelectedIndices())).isEmpty();
        fxRun(() -> wb.controller().onStop());
        waitUntil(20, "the capture to end", () -> wb.controller().document().finishedProperty().get());
    }

    /** Rows of the events table on screen that show an event. */
    private static long visibleRows(FxRobot robot) {
        return robot.lookup("#events .table-row-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && !r.isEmpty() && treeVisible(r))
                .count();
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String cellText(FxRobot robot, int index, String column) {
        return robot.lookup("#events .table-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getIndex() == index
                        && column.equals(c.getTableColumn().getId()) && treeVisible(c))
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText())
                .findFirst().orElse(null);
    }
}
