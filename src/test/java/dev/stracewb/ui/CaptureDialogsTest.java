package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.capture.Privileges;
import dev.stracewb.capture.StraceProbe;
import dev.stracewb.testsupport.PrivateApache;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.stracewb.ui.FxTesting.fx;
import static dev.stracewb.ui.FxTesting.fxRun;
import static dev.stracewb.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The attach and launch dialogs against real processes and, where allowed, a real strace. */
@ExtendWith(ApplicationExtension.class)
class CaptureDialogsTest {
    private Workbench wb;
    private final List<Process> children = new ArrayList<>();

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        wb = FxTesting.workbench(stage, "capture-dialogs");
    }

    @AfterEach
    void killChildren() {
        for (Process p : children) {
            p.destroyForcibly();
        }
    }

    private Process child(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        children.add(p);
        return p;
    }

    /** Integration tests need strace and the right to attach (root), and run when asked (CI sets STRACEWB_IT=1). */
    private static void assumeLiveCapture() {
        assumeTrue(Boolean.getBoolean("stracewb.it") || "1".equals(System.getenv("STRACEWB_IT")),
                "integration test: set -Dstracewb.it=true or STRACEWB_IT=1");
        assumeTrue(StraceProbe.locate(System.getenv("PATH")).isPresent(), "strace is not installed");
        assumeTrue(Privileges.effectiveUid() == 0 || Privileges.ptraceScope().orElse(0) == 0,
                "attaching needs root or kernel.yama.ptrace_scope=0");
    }

    private AttachDialog openAttach() {
        fxRun(() -> wb.controller().captureActions().attach());
        AttachDialog dialog = fx(() -> wb.controller().captureActions().attachDialog());
        waitUntil(20, "the attach dialog to read /proc", () -> !dialog.listedPids().isEmpty());
        return dialog;
    }

    @Test
    void attachDialogListsAChildProcessTheTestStarted(FxRobot robot) throws IOException {
        Process sleeper = child("sleep", "120");
        int pid = (int) sleeper.pid();

        AttachDialog dialog = openAttach();
        robot.clickOn("#processFilter").write(Integer.toString(pid));

        assertThat(fx(dialog::listedPids)).contains(pid);
        TreeTableView<?> tree = robot.lookup("#processTree").queryAs(TreeTableView.class);
        waitUntil(5, "the filtered list", () -> {
            TreeItem<?> matching = tree.getRoot().getChildren().get(tree.getRoot().getChildren().size() - 1);
            return matching.getChildren().stream().anyMatch(i -> ((AttachDialog.Row) i.getValue()).process().pid() == pid);
        });
        TreeItem<?> matching = fx(() -> tree.getRoot().getChildren().get(tree.getRoot().getChildren().size() - 1));
        AttachDialog.Row row = fx(() -> (AttachDialog.Row) matching.getChildren().get(0).getValue());
        assertThat(row.process().pid()).isEqualTo(pid);
        assertThat(row.process().commandLine()).isEqualTo("sleep 120");
        fxRun(dialog::close);
    }

    @Test
    void attachingToAGoneProcessShowsTheReasonInTheDialog(FxRobot robot) throws Exception {
        assumeTrue(StraceProbe.locate(System.getenv("PATH")).isPresent(), "strace is not installed");
        Process shortLived = child("sleep", "120");
        int pid = (int) shortLived.pid();
        AttachDialog dialog = openAttach();
        fxRun(() -> dialog.check(pid));
        shortLived.destroyForcibly().waitFor();

        robot.clickOn("#attachStart");

        waitUntil(20, "the error", () -> robot.lookup("#attachError").queryAs(Label.class).isVisible());
        assertThat(fx(() -> robot.lookup("#attachError").queryAs(Label.class).getText()))
                .isEqualTo("no process with PID " + pid + ": check the pid with stracewb ps");
        assertThat(fx(dialog::isShowing)).isTrue();
        fxRun(dialog::close);
    }

    @Test
    void attachingShowsTheChildsMissingFileLiveAndStopLeavesItRunning(FxRobot robot) throws Exception {
        assumeLiveCapture();
        Path missing = tmp.resolve("config.phpp");
        Process looper = child("/usr/bin/python3", "-c", "import os, sys, time\n"
                + "for i in range(1200):\n"
                + "    try:\n        os.stat(sys.argv[1])\n    except OSError:\n        pass\n"
                + "    time.sleep(0.05)\n", missing.toString());
        int pid = (int) looper.pid();
        AttachDialog dialog = openAttach();
        fxRun(() -> dialog.check(pid));

        robot.clickOn("#attachStart");

        waitUntil(30, "the live findings", () -> {
            FailureGroup first = wb.controller().findingsView().firstFinding();
            return wb.controller().document() != null && first != null && first.path().equals(missing.toString());
        });
        assertThat(fx(() -> wb.controller().document().kind())).isEqualTo(TraceDocument.Kind.CAPTURE);
        assertThat(fx(dialog::isShowing)).isFalse();

        robot.clickOn("#stopButton");

        waitUntil(30, "the capture to end", () -> wb.controller().document().finishedProperty().get());
        assertThat(looper.isAlive()).isTrue();
        FailureGroup first = fx(() -> wb.controller().findingsView().firstFinding());
        assertThat(first.count()).isGreaterThan(2);
        assertThat(first.mainErrno()).isEqualTo("ENOENT");
    }

    /** The product's story: attach to a running apache2, reproduce the request, see the culprit. */
    @Test
    void attachingToApacheAndReproducingTheRequestShowsThePhppCulpritLive(FxRobot robot) throws Exception {
        PrivateApache.assumeIt();
        try (PrivateApache apache = PrivateApache.start()) {
            AttachDialog dialog = openAttach();
            waitUntil(20, "the apache2 group", () -> robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.CheckBox cb
                    && cb.getText() != null && cb.getText().startsWith("apache2: master " + apache.masterPid())).tryQuery().isPresent());
            robot.clickOn((javafx.scene.Node) robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.CheckBox cb
                    && cb.getText() != null && cb.getText().startsWith("apache2: master " + apache.masterPid())).query());
            waitUntil(5, "the apache2 group ticked", () -> dialog.checkedPids().size() >= 5);
            assertThat(fx(dialog::checkedPids)).containsAll(apache.serverPids().stream().map(Long::intValue).toList());

            robot.clickOn("#attachStart");
            waitUntil(30, "the capture", () -> wb.controller().document() != null
                    && wb.controller().document().kind() == TraceDocument.Kind.CAPTURE);
            for (int i = 0; i < 5; i++) {
                assertThat(apache.get("/")).isEqualTo(500);
            }

            String culprit = apache.docroot().resolve("wp-includes/version.phpp").toString();
            waitUntil(30, "the culprit, live", () -> {
                FailureGroup first = wb.controller().findingsView().firstFinding();
                return first != null && first.path().equals(culprit) && first.count() >= 15;
            });
            robot.clickOn("#stopButton");
            waitUntil(40, "the capture to end", () -> wb.controller().document().finishedProperty().get()
                    && wb.controller().isSettled());
            assertThat(fx(() -> wb.controller().findingsView().firstFinding().path())).isEqualTo(culprit);
            assertThat(apache.get("/healthy/")).isEqualTo(200);
        }
    }

    @Test
    void launchingACommandTracesItUntilItEnds(FxRobot robot) throws Exception {
        assumeLiveCapture();
        assumeTrue(StraceProbe.findOnPath("php", System.getenv("PATH")).isPresent(), "php-cli is not installed");
        Path missing = tmp.resolve("wp-includes/version.phpp");
        fxRun(() -> wb.controller().captureActions().launch());
        LaunchDialog dialog = fx(() -> wb.controller().captureActions().launchDialog());
        fxRun(() -> {
            dialog.commandField().setText("php");
            dialog.argumentsField().setText("-n -r \"file_exists('" + missing + "');\"");
        });

        robot.clickOn("#launchStart");

        try {
            waitUntil(30, "the launched command to end", () -> wb.controller().document() != null
                    && wb.controller().document().finishedProperty().get() && wb.controller().isSettled());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; dialog error: "
                    + fx(() -> robot.lookup("#launchError").queryAs(Label.class).getText()) + "; document: "
                    + fx(() -> wb.controller().document() == null ? "none" : wb.controller().document().title()
                    + " finished=" + wb.controller().document().finishedProperty().get()), e);
        }
        FailureGroup first = fx(() -> wb.controller().findingsView().firstFinding());
        assertThat(first.path()).isEqualTo(missing.toString());
        assertThat(fx(() -> wb.stage().getTitle())).isEqualTo("strace-workbench — strace php -n -r file_exists('"
                + missing + "');");
    }

    @Test
    void launchingAMissingCommandSaysSoInTheDialog(FxRobot robot) {
        assumeTrue(StraceProbe.locate(System.getenv("PATH")).isPresent(), "strace is not installed");
        fxRun(() -> wb.controller().captureActions().launch());
        robot.clickOn("#command").write("no-such-program-stracewb");

        robot.clickOn("#launchStart");

        waitUntil(20, "the error", () -> robot.lookup("#launchError").queryAs(Label.class).isVisible());
        assertThat(fx(() -> robot.lookup("#launchError").queryAs(Label.class).getText()))
                .contains("no-such-program-stracewb");
        fxRun(() -> wb.controller().captureActions().launchDialog().close());
    }
}
