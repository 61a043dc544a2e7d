package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.store.EventStore;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample incident shipped in the jar, opened the way a new user would: one click on the welcome screen. */
@ExtendWith(ApplicationExtension.class)
class SampleIncidentTest {
    private Workbench wb;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "sample-incident");
    }

    private void openSample(FxRobot robot) {
        robot.clickOn("#openSample");
        waitUntil(30, "the sample incident to be read and analysed", () -> wb.controller().isSettled()
                && wb.controller().findingsView().firstFinding() != null);
    }

    @Test
    void phppPathIsTheFirstFindingOfTheSampleIncident(FxRobot robot) {
        openSample(robot);
        FailureGroup first = fx(() -> wb.controller().findingsView().firstFinding());
        assertThat(first.path()).isEqualTo("/tmp/stracewb-lab/www/wp-includes/version.phpp");
        assertThat(first.unusualExtension()).isTrue();
        assertThat(first.mainErrno()).isEqualTo("ENOENT");
        assertThat(fx(() -> wb.stage().getTitle())).isEqualTo("strace-workbench — " + SampleIncident.TITLE);
    }

    @Test
    void requestsTabListsTheTwentyFailedRequestsOfTheOutage(FxRobot robot) {
        openSample(robot);
        robot.clickOn("Requests");
        TableView<?> requests = robot.lookup("#requests").queryAs(TableView.class);
        waitUntil(10, "the requests", () -> requests.getItems().size() == 20);
        java.util.List<dev.stracewb.analysis.Request> shown = fx(() -> requests.getItems().stream()
                .map(r -> (dev.stracewb.analysis.Request) r).toList());
        assertThat(shown).allSatisfy(r -> {
            assertThat(r.title()).isEqualTo("GET /");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.failures()).containsExactly("/tmp/stracewb-lab/www/wp-includes/version.phpp");
        });
        assertThat(fx(() -> robot.lookup("#requestSummary").queryAs(javafx.scene.control.Label.class).getText()))
                .startsWith("20 requests: 20 × 500 GET /");
    }

    @Test
    void failedOnlyShowsExactlyTheFailedRowsOfTheStore(FxRobot robot) {
        openSample(robot);
        robot.clickOn("#failedOnly");
        waitUntil(20, "the failed-only filter", () -> wb.controller().isSettled()
                && !wb.controller().eventsView().rows().isAll());
        EventStore store = fx(() -> wb.controller().document().store());
        int expected = 0;
        for (int row = 0; row < store.size(); row++) {
            if (store.isFailed(row)) {
                expected++;
            }
        }
        TableView<?> events = robot.lookup("#events").queryAs(TableView.class);
        assertThat(expected).isGreaterThan(60);
        assertThat(fx(() -> events.getItems().size())).isEqualTo(expected);
        assertThat(fx(() -> robot.lookup("#failedOnly").queryAs(CheckBox.class).isSelected())).isTrue();
    }

    @Test
    void selectingTheCulpritMovesTheRawLogCaretToItsLine(FxRobot robot) {
        openSample(robot);
        FxTesting.fxRun(() -> wb.controller().findingsView().selectFirst());
        FailureGroup first = fx(() -> wb.controller().findingsView().firstFinding());
        waitUntil(10, "the raw log to show the culprit's line",
                () -> wb.controller().rawLogView().caretLine() == first.firstLine());
        CodeArea raw = robot.lookup("#rawLog").queryAs(CodeArea.class);
        String caretText = fx(() -> raw.getParagraph(raw.getCurrentParagraph()).getText());
        String expectedLine = fx(() -> wb.controller().document().store().raw().line(first.firstLine()));
        assertThat(caretText).isEqualTo(expectedLine).contains("version.phpp").contains("ENOENT");
        int selectedRow = fx(() -> (Integer) robot.lookup("#events").queryAs(TableView.class)
                .getSelectionModel().getSelectedItem());
        assertThat(selectedRow).isEqualTo(first.firstRow());
    }
}
