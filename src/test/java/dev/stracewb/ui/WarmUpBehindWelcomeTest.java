package dev.stracewb.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollToEvent;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh workbench reads the bundled sample into its trace views behind the welcome screen, so the user's first
 * trace does not pay for the views' first run: none of it may show, take the keyboard or enable a control, and the
 * first trace the user opens replaces it.
 */
@ExtendWith(ApplicationExtension.class)
class WarmUpBehindWelcomeTest {
    private static final Path TRACE = Path.of("src/test/resources/fixtures/apache-prefork-eacces.strace");
    private Workbench wb;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "warm-up");
    }

    @Test
    void theWarmUpStaysBehindTheWelcomeScreenAndTheFirstTraceReplacesIt(FxRobot robot) {
        Parent filterBar = robot.lookup("#filterBar").queryAs(Parent.class);
        String filterBarBefore = fx(() -> texts(filterBar));
        fxRun(() -> wb.warmUp());
        waitUntil(60, "the sample read and analysed behind the welcome screen", () -> wb.controller().isSettled()
                && wb.controller().findingsView().firstFinding() != null);
        MainController c = wb.controller();
        assertThat(fx(c::isPreviewing)).isTrue();

        // the welcome screen is on top, untouched
        Node welcome = robot.lookup("#welcome").query();
        Parent center = robot.lookup("#centerStack").queryAs(Parent.class);
        assertThat(fx(welcome::isVisible)).isTrue();
        assertThat(fx(() -> center.getChildrenUnmodifiable().get(center.getChildrenUnmodifiable().size() - 1)))
                .isSameAs(welcome);
        assertThat(fx(() -> wb.stage().getTitle())).isEqualTo(Workbench.APP_NAME);
        assertThat(fx(() -> robot.lookup("#statusEvents").queryAs(Label.class).getText())).isEqualTo("no trace open");
        assertThat(fx(() -> texts(filterBar))).isEqualTo(filterBarBefore);
        for (String id : List.of("#stopButton", "#exportButton", "#filterBar")) {
            assertThat(fx(() -> robot.lookup(id).query().isDisabled())).as(id).isTrue();
        }

        // the hidden views do not keep the keyboard
        TableView<?> events = robot.lookup("#events").queryAs(TableView.class);
        fxRun(events::requestFocus);
        waitUntil(5, "the focus back on the welcome screen", () -> fx(() -> wb.stage().getScene().getFocusOwner()
                == robot.lookup("#openSample").queryAs(Button.class)));

        // the user's first trace: shown as usual, the sample gone
        fxRun(() -> c.open(TRACE));
        waitUntil(60, "the user's trace", () -> c.isSettled() && c.document().title().contains("eacces"));
        assertThat(fx(c::isPreviewing)).isFalse();
        assertThat(fx(welcome::isVisible)).isFalse();
        assertThat(fx(() -> wb.stage().getTitle())).contains("apache-prefork-eacces.strace");
        assertThat(fx(() -> robot.lookup("#statusEvents").queryAs(Label.class).getText())).endsWith("events");
        assertThat(fx(() -> robot.lookup("#exportButton").query().isDisabled())).isFalse();
        assertThat(fx(() -> events.getItems().size())).isEqualTo(fx(() -> c.document().store().size()));
        assertThat(fx(() -> c.findingsView().firstFinding().path())).doesNotContain("version.phpp");
    }

    @Test
    void theViewsAreExercisedBehindTheWelcomeScreenThenLeftAsTheSampleHadThem(FxRobot robot) {
        TableView<?> events = robot.lookup("#events").queryAs(TableView.class);
        TreeTableView<?> findings = robot.lookup("#findings").queryAs(TreeTableView.class);
        AtomicInteger scrolls = new AtomicInteger();
        AtomicInteger lastScroll = new AtomicInteger(-1);
        AtomicInteger roots = new AtomicInteger();
        fxRun(() -> {
            events.addEventHandler(ScrollToEvent.scrollToTopIndex(), e -> {
                scrolls.incrementAndGet();
                lastScroll.set(e.getScrollTarget());
            });
            findings.rootProperty().addListener((o, a, b) -> roots.incrementAndGet());
            wb.warmUp();
        });
        MainController c = wb.controller();
        waitUntil(60, "the sample read, then the views exercised", () -> c.isSettled() && !c.isWarmingUp());

        // it ran: the table scrolled at every step, the tree rebuilt every third
        assertThat(scrolls.get()).isGreaterThanOrEqualTo(ViewsWarmUp.STEPS);
        assertThat(roots.get()).isGreaterThanOrEqualTo(ViewsWarmUp.STEPS / 3);
        // and stopped, with the sample's rows from the top and all its findings, the culprit first
        int rootsAtEnd = roots.get();
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertThat(roots.get()).isEqualTo(rootsAtEnd);
        assertThat(lastScroll.get()).isZero();
        assertThat(fx(() -> c.findingsView().firstFinding().path())).endsWith("version.phpp");
        assertThat(fx(() -> findings.getRoot().getChildren().size())).isGreaterThan(1);
        assertThat(fx(() -> events.getItems().size())).isEqualTo(fx(() -> c.document().store().size()));
        // all of it behind the welcome screen
        assertThat(fx(c::isPreviewing)).isTrue();
        assertThat(fx(() -> robot.lookup("#welcome").query().isVisible())).isTrue();
        assertThat(fx(() -> wb.stage().getTitle())).isEqualTo(Workbench.APP_NAME);
    }

    @Test
    void aTraceOpenedWhileTheViewsAreExercisedStopsItAtOnce(FxRobot robot) {
        TreeTableView<?> findings = robot.lookup("#findings").queryAs(TreeTableView.class);
        fxRun(() -> wb.warmUp());
        MainController c = wb.controller();
        waitUntil(60, "the exercise under way", () -> c.isSettled() && c.isWarmingUp());
        AtomicInteger roots = new AtomicInteger();
        fxRun(() -> {
            findings.rootProperty().addListener((o, a, b) -> roots.incrementAndGet());
            c.open(TRACE);
        });
        waitUntil(60, "the user's trace", () -> c.isSettled() && c.document().title().contains("eacces")
                && c.findingsView().firstFinding() != null);
        assertThat(fx(c::isWarmingUp)).isFalse();
        int rootsNow = roots.get();
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        // no rebuild of the exercise's after the user's findings came, which are the user's trace's
        assertThat(roots.get()).isEqualTo(rootsNow);
        assertThat(fx(() -> c.findingsView().firstFinding().path())).doesNotContain("version.phpp");
    }

    /** Every text the filter bar shows (labels, buttons, the syscall picker's title). */
    private static String texts(Parent p) {
        StringBuilder b = new StringBuilder();
        for (Node n : p.lookupAll(".text")) {
            if (n instanceof javafx.scene.text.Text t) {
                b.append(t.getText()).append('|');
            }
        }
        return b.toString();
    }
}
