package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * During a capture the analysis runs again and again with the same failing paths and growing counts: the findings
 * tree takes the new counts into the rows on screen, without a new tree and without rebuilding its cells.
 */
@ExtendWith(ApplicationExtension.class)
class FindingsLiveUpdateTest {
    private Workbench wb;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "findings-live");
    }

    private static FailureGroup phpp(long count) {
        return new FailureGroup("/var/www/html/wp-includes/version.phpp", count, Map.of("ENOENT", count),
                List.of("openat"), List.of(4242), 17, 17 + count, 1_000L, "10:00:00.000001", "phpp", null, true, 3,
                new int[] {3});
    }

    private static FailureGroup favicon(long count) {
        return new FailureGroup("/var/www/html/favicon.ico", count, Map.of("ENOENT", count), List.of("stat"),
                List.of(4243), 40, 40 + count, 2_000L, "10:00:00.000002", "ico", null, false, 9, new int[] {9});
    }

    /** The count cell on screen that shows {@code count}, or null. */
    private TreeTableCell<?, ?> countCell(FxRobot robot, String count) {
        return fx(() -> robot.lookup(".tree-table-cell").queryAll().stream()
                .filter(n -> n instanceof TreeTableCell<?, ?> c && c.isVisible()
                        && "colFindingCount".equals(c.getTableColumn().getId()) && count.equals(c.getText()))
                .findFirst().map(n -> (TreeTableCell<?, ?>) n).orElse(null));
    }

    @Test
    void newCountsOfTheSamePathsUpdateTheRowsInPlaceAndKeepTheSelection(FxRobot robot) {
        FindingsView view = wb.controller().findingsView();
        fxRun(() -> wb.controller().openSample()); // the trace views on screen; the findings are replaced below
        FxTesting.waitUntil(60, "the sample", () -> wb.controller().isSettled());
        fxRun(() -> view.show(List.of(phpp(2), favicon(1)), Map.of(), null, List.of()));
        fxRun(view::selectFirst);
        TreeItem<Finding> root = fx(() -> view.tree().getRoot());
        TreeItem<Finding> selected = fx(() -> view.tree().getSelectionModel().getSelectedItem());
        TreeTableCell<?, ?> cell = countCell(robot, "2");
        assertThat(cell).isNotNull();

        fxRun(() -> view.show(List.of(phpp(7), favicon(3)), Map.of(), null, List.of()));
        fxRun(() -> view.tree().layout());

        assertThat(fx(() -> view.tree().getRoot())).isSameAs(root);
        assertThat(fx(() -> view.tree().getSelectionModel().getSelectedItem())).isSameAs(selected);
        assertThat(fx(() -> view.firstFinding().count())).isEqualTo(7);
        // the same cell shows the new count: the rows were not rebuilt (TreeItem.setValue made the skin rebuild them)
        assertThat(countCell(robot, "7")).isSameAs(cell);
        assertThat(fx(() -> robot.lookup("#findingDetails").queryAs(Label.class).getText())).startsWith(
                "/var/www/html/wp-includes/version.phpp\n7 failed calls");

        // a new path changes the shape: a new tree, the selection kept by path
        FailureGroup config = new FailureGroup("/var/www/html/wp-config.php", 1, Map.of("EACCES", 1L),
                List.of("openat"), List.of(4242), 50, 50, 3_000L, "10:00:00.000003", "php", null, false, 11,
                new int[] {11});
        fxRun(() -> view.show(List.of(phpp(8), favicon(3), config), Map.of(), null, List.of()));
        assertThat(fx(() -> view.tree().getRoot())).isNotSameAs(root);
        Finding now = fx(() -> FindingsView.valueOf(view.tree().getSelectionModel().getSelectedItem()));
        assertThat(now).isInstanceOfSatisfying(Finding.File.class, f -> assertThat(f.group().count()).isEqualTo(8));
    }
}
