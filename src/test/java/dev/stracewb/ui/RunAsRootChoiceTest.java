package dev.stracewb.ui;

import dev.stracewb.capture.Elevation;
import dev.stracewb.capture.ProcessInfo;
import dev.stracewb.capture.Privileges;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static dev.stracewb.ui.FxTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;

/** The attach dialog's "Run strace as root" choice and its advice after a refused attach. */
@ExtendWith(ApplicationExtension.class)
class RunAsRootChoiceTest {

    @Start
    void start(Stage stage) {
        // only the FX toolkit is needed
    }

    private static ChoiceBox<Elevation> box(boolean root, boolean pkexec) throws Exception {
        return fx(() -> {
            ChoiceBox<Elevation> b = new ChoiceBox<>();
            AttachDialog.setUpRunAsRoot(b, root, pkexec);
            return b;
        });
    }

    @Test
    void aUserWithPkexecAndTheRootLifelineInstalledGetsPkexecFirst() throws Exception {
        ChoiceBox<Elevation> b = box(false, true);
        assertThat(b.getValue()).isEqualTo(Elevation.PKEXEC);
        assertThat(b.isDisable()).isFalse();
        assertThat(b.getItems().stream().map(b.getConverter()::toString).toList())
                .containsExactly("no", "pkexec (asks for the administrator password)", "sudo -n");
    }

    @Test
    void aUserWithoutTheDebStartsWithNoButMayPickSudo() throws Exception {
        ChoiceBox<Elevation> b = box(false, false);
        assertThat(b.getValue()).isEqualTo(Elevation.NONE);
        assertThat(b.isDisable()).isFalse();
        assertThat(b.getItems()).containsExactly(Elevation.NONE, Elevation.PKEXEC, Elevation.SUDO);
    }

    @Test
    void rootHasNothingToChoose() throws Exception {
        ChoiceBox<Elevation> b = box(true, true);
        assertThat(b.getValue()).isEqualTo(Elevation.NONE);
        assertThat(b.isDisable()).isTrue();
    }

    @Test
    void aRefusedAttachOfAnotherUsersProcessSuggestsThePkexecChoice() {
        ProcessInfo apache = new ProcessInfo(4242, 1, 33, "www-data", 1, 'S', "apache2",
                List.of("/usr/sbin/apache2", "-k", "start"), 0, 0);
        String cli = Privileges.explainAttachRefused(4242, apache, false);
        org.junit.jupiter.api.Assumptions.assumeTrue(cli.contains(Privileges.ELEVATE_HINT),
                "this user gets no elevation advice: " + cli);
        assertThat(AttachDialog.suggestingRunAsRoot(cli)).doesNotContain("--sudo")
                .endsWith("choose Run strace as root: pkexec (or sudo -n), or run the workbench as root");
    }
}
