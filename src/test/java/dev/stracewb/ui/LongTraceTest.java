package dev.stracewb.ui;

import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trace longer than the events table's window: the table holds 50,000 rows, the bar beside it spans them all,
 * and selecting an event anywhere brings the window to it.
 */
@ExtendWith(ApplicationExtension.class)
class LongTraceTest {
    private Workbench wb;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "long-trace");
    }

    /** The outage recorded 40 times over: about 61,000 rows. */
    private Path fortyOutages() throws IOException {
        byte[] sample = Files.readAllBytes(SampleIncident.extract());
        Path file = tmp.resolve("forty-outages.strace");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 40; i++) {
                out.write(sample);
            }
        }
        return file;
    }

    @Test
    void selectingTheLastEventMovesTheWindowAndTheWholeTraceBarSpansEveryRow(FxRobot robot) throws IOException {
        Path file = fortyOutages();
        fxRun(() -> wb.controller().open(file));
        waitUntil(60, "the trace", () -> wb.controller().isSettled());
        TableView<?> table = robot.lookup("#events").queryAs(TableView.class);
        ScrollBar whole = robot.lookup("#eventsScroll").queryAs(ScrollBar.class);
        int rows = fx(() -> wb.controller().document().store().size());
        assertThat(rows).isGreaterThan(EventsView.WINDOW);
        assertThat(fx(() -> table.getItems().size())).isEqualTo(EventsView.WINDOW);
        assertThat(fx(whole::isVisible)).isTrue();
        // the table's own vertical bar gives way to the one over the whole list (the :windowed pseudo-class)
        assertThat(fx(() -> table.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar s && s.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                .mapToDouble(n -> ((ScrollBar) n).getWidth()).max().orElse(0))).isZero();

        int last = rows - 1;
        fxRun(() -> wb.controller().select(last));

        waitUntil(10, "the raw log at the last event", () -> wb.controller().rawLogView().caretLine()
                == wb.controller().document().store().firstLine(last));
        assertThat(fx(() -> table.getSelectionModel().getSelectedItem()))
                .as(fx(() -> "base " + ((WindowList) table.getItems()).base() + " size " + table.getItems().size()
                        + " selectedIndex " + table.getSelectionModel().getSelectedIndex()))
                .isEqualTo(last);
        assertThat(fx(() -> ((WindowList) table.getItems()).base())).isEqualTo(rows - EventsView.WINDOW);
        assertThat(fx(whole::getValue)).isGreaterThan(rows - 100.0);

        fxRun(() -> whole.setValue(0));
        assertThat(fx(() -> ((WindowList) table.getItems()).base())).isZero();
        assertThat(fx(() -> table.getItems().get(0))).isEqualTo(0);
        // the selection survives the move of the window, though its row is now outside it
        assertThat(fx(() -> wb.controller().document().selectedRowProperty().get())).isEqualTo(last);

        robot.clickOn("#failedOnly");
        waitUntil(20, "the filter", () -> wb.controller().isSettled() && !wb.controller().eventsView().rows().isAll());
        assertThat(fx(() -> table.getItems().size())).isEqualTo(40 * 100);
        assertThat(fx(whole::isVisible)).isFalse();
    }
}
