package dev.stracewb.ui;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Shortcuts, filters, export and replay on the sample incident. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchActionsTest {
    private Workbench wb;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "actions");
    }

    private void openSample() {
        fxRun(() -> wb.controller().openSample());
        waitUntil(30, "the sample incident", () -> wb.controller().isSettled()
                && wb.controller().findingsView().firstFinding() != null);
    }

    private int shownRows(FxRobot robot) {
        return fx(() -> robot.lookup("#events").queryAs(TableView.class).getItems().size());
    }

    @Test
    void ctrlFFocusesTheFindFieldAndEscapeClearsEveryFilter(FxRobot robot) {
        openSample();
        int all = shownRows(robot);

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(fx(() -> robot.lookup("#filterText").queryAs(TextField.class).isFocused())).isTrue();
        robot.write("version.phpp");
        waitUntil(20, "the text filter", () -> wb.controller().isSettled() && !wb.controller().eventsView().rows().isAll());
        // 60 failed calls and 40 error-log writes name the file: 20 requests x (3 + 2)
        assertThat(shownRows(robot)).isEqualTo(100);

        robot.clickOn("#failedOnly");
        waitUntil(20, "the failed filter", () -> wb.controller().isSettled() && shownRows(robot) == 60);

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(20, "no filter", () -> wb.controller().isSettled() && wb.controller().eventsView().rows().isAll());
        assertThat(shownRows(robot)).isEqualTo(all);
        assertThat(fx(() -> robot.lookup("#filterText").queryAs(TextField.class).getText())).isEmpty();
        assertThat(fx(() -> robot.lookup("#failedOnly").queryAs(CheckBox.class).isSelected())).isFalse();
    }

    @Test
    void pathGlobAndPidFilterCombine(FxRobot robot) {
        openSample();
        int pid = fx(() -> wb.controller().findingsView().firstFinding().pids().get(0));
        var store = fx(() -> wb.controller().document().store());
        int expected = 0;
        for (int row = 0; row < store.size(); row++) {
            if (store.pid(row) == pid && store.path(row) != null && store.path(row).endsWith(".phpp")) {
                expected++;
            }
        }
        assertThat(expected).isEqualTo(15);

        robot.clickOn("#pathGlob").write("*.phpp");
        robot.clickOn("#pidFilter").write(Integer.toString(pid));

        waitUntil(20, "both filters", () -> wb.controller().isSettled() && !wb.controller().filterBusy()
                && shownRows(robot) == 15);
        assertThat(fx(() -> wb.controller().eventsView().rows().size())).isEqualTo(15);
    }

    @Test
    void errnoTypedInTheErrnoBoxKeepsOnlyThoseFailures(FxRobot robot) {
        openSample();
        robot.clickOn("#errnoFilter").write("EAGAIN");
        waitUntil(20, "the errno filter", () -> wb.controller().isSettled() && !wb.controller().eventsView().rows().isAll()
                && !wb.controller().filterBusy());
        var store = fx(() -> wb.controller().document().store());
        int expected = 0;
        for (int row = 0; row < store.size(); row++) {
            if ("EAGAIN".equals(store.errno(row))) {
                expected++;
            }
        }
        assertThat(expected).isGreaterThan(0);
        waitUntil(10, "the count", () -> shownRows(robot) == 20 || shownRows(robot) > 0);
        assertThat(shownRows(robot)).isEqualTo(expected);
    }

    @Test
    void markdownReportOfTheSampleNamesTheCulprit(FxRobot robot) throws IOException {
        openSample();
        Path report = tmp.resolve("outage.md");

        fxRun(() -> wb.controller().writeReport(report, dev.stracewb.report.ReportFormat.MARKDOWN, true));

        waitUntil(30, "the report", () -> wb.controller().messageShown());
        assertThat(fx(() -> robot.lookup("#message").queryAs(Label.class).getText()))
                .isEqualTo("Report written to " + report + " (secrets redacted)");
        assertThat(Files.readString(report)).contains("/tmp/stracewb-lab/www/wp-includes/version.phpp");
    }

    @Test
    void exportingTheFilteredEventsWritesTheirStraceLines(FxRobot robot) throws IOException {
        openSample();
        robot.clickOn("#pathGlob").write("*.phpp");
        waitUntil(20, "the filter", () -> wb.controller().isSettled() && !wb.controller().eventsView().rows().isAll()
                && !wb.controller().filterBusy() && shownRows(robot) == 60);
        Path out = tmp.resolve("phpp.strace");

        fxRun(() -> wb.controller().exportTo(out, wb.controller().document(), wb.controller().eventsView().rows()));

        waitUntil(20, "the export", () -> wb.controller().messageShown());
        var lines = Files.readAllLines(out);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(60).allSatisfy(l -> assertThat(l).contains("version.phpp"));
    }

    @Test
    void replayAtRecordedPaceDeliversTheTraceOverItsRecordedTime() throws Exception {
        Path sample = SampleIncident.extract();
        int total;
        try (var session = dev.stracewb.session.TraceSession.of(new dev.stracewb.source.FileLineSource(sample))) {
            session.run();
            total = session.store().size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        long t0 = System.nanoTime();
        fxRun(() -> wb.controller().replay(sample, 1));
        var store = fx(() -> wb.controller().document().store());

        // rows arrive over time, as they did when recorded, not all at once
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        while (!fx(() -> wb.controller().document().finishedProperty().get())) {
            int n = store.size();
            if (n > 0 && n < total) {
                seen.add(n);
            }
            Thread.sleep(30);
            assertThat(System.nanoTime() - t0).isLessThan(30_000_000_000L);
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(3);
        double seconds = (System.nanoTime() - t0) / 1e9;

        // the outage was recorded over 0.87 s (03:36:38.285 to 03:36:39.155)
        assertThat(seconds).isGreaterThan(0.8);
        assertThat(fx(() -> wb.controller().document().store().size())).isEqualTo(total);
        assertThat(fx(() -> wb.stage().getTitle())).endsWith("(replay 1×)");
    }
}
