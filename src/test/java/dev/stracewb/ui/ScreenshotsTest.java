package dev.stracewb.ui;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import dev.stracewb.testsupport.PrivateApache;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;

/**
 * Regenerates {@code screenshots/*.png} from the real workbench (headless, Monocle; scene snapshots). Runs only
 * when asked: {@code src/test/scripts/screenshots.sh} (or {@code -Dstracewb.screenshots=DIR}).
 */
@Tag("screenshots")
@EnabledIfSystemProperty(named = "stracewb.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    private Workbench wb;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        wb = FxTesting.workbench(stage, "screenshots");
        stage.setWidth(1440);
        stage.setHeight(900);
    }

    private static Path dir() {
        return Path.of(System.getProperty("stracewb.screenshots"));
    }

    private void shoot(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> {
            Scene scene = stage.getScene();
            return scene.snapshot(null);
        });
        write(image, dir().resolve(name + ".png"));
    }

    static void write(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void openSample(FxRobot robot) {
        robot.clickOn("#openSample");
        waitUntil(30, "the sample incident", () -> wb.controller().isSettled()
                && wb.controller().findingsView().firstFinding() != null);
        fxRun(() -> wb.controller().findingsView().selectFirst());
        FxTesting.waitUntil(10, "the raw log", () -> wb.controller().rawLogView().caretLine()
                == wb.controller().findingsView().firstFinding().firstLine());
    }

    @Test
    void screenshots(FxRobot robot) {
        shoot("welcome");
        openSample(robot);
        shoot("sample-incident");

        robot.clickOn("#failedOnly");
        waitUntil(20, "the filter", () -> wb.controller().isSettled() && !wb.controller().eventsView().rows().isAll());
        fxRun(() -> wb.controller().findingsView().selectFirst());
        shoot("events-filtered");
        fxRun(() -> wb.controller().onClearFilters());
        waitUntil(20, "no filter", () -> wb.controller().isSettled() && wb.controller().eventsView().rows().isAll());

        fxRun(() -> wb.controller().leftTabs().getSelectionModel().select(wb.controller().requestsTab()));
        shoot("requests");

        fxRun(() -> wb.controller().leftTabs().getSelectionModel().select(wb.controller().processesTab()));
        Node timeline = robot.lookup("#timeline").query();
        robot.clickOn(timeline);
        shoot("timeline");

        fxRun(() -> wb.setDark(true));
        fxRun(() -> wb.controller().leftTabs().getSelectionModel().selectFirst());
        shoot("sample-incident-dark");
        fxRun(() -> wb.setDark(false));

        attachAndCapture(robot);
    }

    /**
     * The attach dialog; with integration tests enabled (root, apache2, strace), on a private apache2 of the lab,
     * then the live capture of the outage.
     */
    private void attachAndCapture(FxRobot robot) {
        PrivateApache apache = null;
        try {
            if (PrivateApache.itEnabled()) {
                apache = PrivateApache.start();
            }
            fxRun(() -> wb.controller().captureActions().attach());
            AttachDialog dialog = fx(() -> wb.controller().captureActions().attachDialog());
            waitUntil(20, "the processes", () -> !dialog.listedPids().isEmpty());
            if (apache != null) {
                long master = apache.masterPid();
                javafx.scene.Node box = robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.CheckBox cb
                        && cb.getText() != null && cb.getText().startsWith("apache2: master " + master)).query();
                robot.clickOn(box);
                waitUntil(5, "the group ticked", () -> dialog.checkedPids().size() >= 5);
            }
            shootWindow(dialog.stage().getScene(), "attach-dialog");
            if (apache == null) {
                fxRun(dialog::close);
                return;
            }
            robot.clickOn("#attachStart");
            waitUntil(30, "the capture", () -> wb.controller().document() != null
                    && wb.controller().document().kind() == TraceDocument.Kind.CAPTURE);
            for (int i = 0; i < 8; i++) {
                apache.get("/");
            }
            String culprit = apache.docroot().resolve("wp-includes/version.phpp").toString();
            waitUntil(30, "the culprit, live", () -> wb.controller().findingsView().firstFinding() != null
                    && wb.controller().findingsView().firstFinding().path().equals(culprit));
            // the raw log follows the capture's end until something is selected
            waitUntil(10, "the raw log's live tail", () -> fx(() -> wb.controller().rawLogView().isFollowing()
                    && wb.controller().rawLogView().tailView().tail() != null));
            shoot("live-tail");
            fxRun(() -> wb.controller().findingsView().selectFirst());
            shoot("live-capture");
            fxRun(() -> wb.controller().onStop());
            waitUntil(40, "the capture to end", () -> wb.controller().document().finishedProperty().get());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (apache != null) {
                try {
                    apache.close();
                } catch (Exception e) {
                    System.err.println("could not stop the lab's apache2: " + e.getMessage());
                }
            }
        }
    }

    private void shootWindow(Scene scene, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        sleep(400);
        write(fx(() -> scene.snapshot(null)), dir().resolve(name + ".png"));
    }
}
