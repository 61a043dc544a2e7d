package dev.stracewb.ui;

import javafx.scene.control.Label;
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
import java.util.Random;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** Files that are not traces get one line in the window that says what is wrong and what to open instead. */
@ExtendWith(ApplicationExtension.class)
class OpenErrorsTest {
    private Workbench wb;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "open-errors");
    }

    private String messageAfterOpening(FxRobot robot, Path file) {
        fxRun(() -> wb.controller().open(file));
        waitUntil(20, "an error message", () -> wb.controller().messageShown());
        return fx(() -> robot.lookup("#message").queryAs(Label.class).getText());
    }

    @Test
    void binaryGarbageIsRefusedWithAMessageInTheWindow(FxRobot robot) throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Path file = Files.write(tmp.resolve("core.dump"), garbage);

        String message = messageAfterOpening(robot, file);

        assertThat(message).isEqualTo("Cannot open core.dump: core.dump is binary data, not strace output:"
                + " open the text file strace wrote with -o FILE");
        assertThat(fx(() -> wb.controller().document())).isNull();
    }

    @Test
    void textThatIsNotStraceOutputIsReportedAfterReading(FxRobot robot) throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "shopping list\nmilk\nbread\n");

        String message = messageAfterOpening(robot, file);

        assertThat(message).isEqualTo("notes.txt does not look like strace output: none of its 3 lines is a"
                + " syscall, signal or exit. Open the file strace wrote with -o FILE.");
    }

    @Test
    void aMissingFileSaysSo(FxRobot robot) {
        String message = messageAfterOpening(robot, tmp.resolve("gone.strace"));

        assertThat(message).isEqualTo("Cannot open gone.strace: no such file: " + tmp.resolve("gone.strace"));
    }
}
