package dev.stracewb.ui;

import dev.stracewb.capture.CaptureListener;
import dev.stracewb.capture.CaptureRequest;
import dev.stracewb.capture.CaptureResult;
import dev.stracewb.capture.StraceCaptureSource;
import dev.stracewb.session.TraceSession;
import javafx.scene.control.Button;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attach, Launch and Stop for live captures, through the capture package: the dialogs build a
 * {@link CaptureRequest}, strace is started off the FX thread, and the capture's lines go into a
 * {@link TraceSession} like any file's. A capture that cannot start leaves its dialog open with the reason.
 */
final class CaptureActions {
    private final MainController controller;
    private AttachDialog attachDialog;
    private LaunchDialog launchDialog;
    private volatile StraceCaptureSource running;
    private final AtomicInteger attached = new AtomicInteger();

    CaptureActions(MainController controller) {
        this.controller = controller;
    }

    void install(Button attach, Button launch, Button welcomeAttach, Button welcomeLaunch) {
        // the FXML's tooltips say what the buttons do; nothing to add while capture is available
    }

    void attach() {
        if (attachDialog != null && attachDialog.isShowing()) {
            attachDialog.stage().toFront();
            return;
        }
        attachDialog = new AttachDialog(controller.window(), controller.stylesheets(), controller.background(),
                request -> start(request, attachDialog::fail, attachDialog::close));
        attachDialog.show();
    }

    void launch() {
        if (launchDialog != null && launchDialog.isShowing()) {
            return;
        }
        launchDialog = new LaunchDialog(controller.window(), controller.stylesheets(), controller.background(),
                request -> start(request, launchDialog::fail, launchDialog::close));
        launchDialog.show();
    }

    /** Starts strace (blocking until it attached or the command started) off the FX thread. */
    private void start(CaptureRequest request, java.util.function.Consumer<String> fail, Runnable started) {
        attached.set(0);
        FxMailbox mailbox = controller.mailbox();
        CaptureListener listener = new CaptureListener() {
            @Override
            public void attached(int pid) {
                attached.incrementAndGet();
            }

            @Override
            public void ended(CaptureResult result) {
                mailbox.post(() -> announce(result));
            }

            private void announce(CaptureResult r) {
                String text = String.format(Locale.ROOT, "%s: %,d lines in %d s, saved to %s", describe(r),
                        r.lines(), r.elapsed().toSeconds(), r.outputFile());
                controller.notifyUser("Capture ended", text);
                if (!r.warnings().isEmpty() || !r.clean()) {
                    controller.showInfo("Capture ended — " + text + (r.warnings().isEmpty() ? ""
                            : "; " + String.join("; ", r.warnings())));
                }
            }
        };
        controller.background().run(() -> {
            StraceCaptureSource source = StraceCaptureSource.start(request, listener);
            try {
                return TraceSession.of(source);
            } catch (java.io.IOException e) {
                source.stop();
                throw e;
            }
        }, session -> {
            running = (StraceCaptureSource) session.source();
            started.run();
            controller.showSession(session, session.name(), TraceDocument.Kind.CAPTURE);
        }, e -> fail.accept(Messages.of(e)));
    }

    private static String describe(CaptureResult r) {
        return switch (r.reason()) {
            case STOPPED -> "stopped";
            case DURATION -> "time is up";
            case TARGETS_EXITED -> "the traced processes ended";
            case JVM_EXIT -> "the workbench is closing";
            case FAILED -> "strace failed";
        };
    }

    /** What a report says about how a capture was made; unknown for files. */
    dev.stracewb.report.CaptureInfo captureInfo(TraceDocument doc) {
        if (!(doc.session().source() instanceof StraceCaptureSource c)) {
            return dev.stracewb.report.CaptureInfo.unknown();
        }
        CaptureRequest r = c.request();
        boolean launched = r.mode() == dev.stracewb.capture.CaptureMode.RUN;
        return dev.stracewb.report.CaptureInfo.thisMachine(launched ? "launch" : "attach",
                launched ? r.command() : null, launched ? null : r.pids(), c.probe().version(), null,
                null, null, c.outputFile());
    }

    /** Processes strace reported attached in the running capture. */
    int attachedCount() {
        return attached.get();
    }

    /**
     * Stop for a capture: strace detaches (attached processes keep running) or the launched command gets SIGINT;
     * the session reads what strace wrote until then and finishes by itself. Returns at once.
     */
    boolean stop(TraceDocument doc) {
        if (doc.session().source() instanceof StraceCaptureSource c) {
            c.stop();
            return true;
        }
        return false;
    }

    void shutdown() {
        StraceCaptureSource c = running;
        if (c != null) {
            c.stop();
        }
        if (attachDialog != null) {
            attachDialog.close();
        }
        if (launchDialog != null) {
            launchDialog.close();
        }
    }

    AttachDialog attachDialog() {
        return attachDialog;
    }

    LaunchDialog launchDialog() {
        return launchDialog;
    }
}
