package dev.stracewb.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/**
 * Attach and Launch: live capture through the capture package. This build has no capture package yet, so the
 * actions explain that in the window instead of pretending.
 */
final class CaptureActions {
    private static final String MISSING = "Live capture is not in this build yet (the capture package has not"
            + " landed): record with strace -f -tt -T -yy -o FILE and open the file, or replay it.";
    private final MainController controller;

    CaptureActions(MainController controller) {
        this.controller = controller;
    }

    void install(Button attach, Button launch, Button welcomeAttach, Button welcomeLaunch) {
        for (Button b : new Button[] {attach, launch, welcomeAttach, welcomeLaunch}) {
            b.setTooltip(new Tooltip(MISSING));
        }
    }

    void attach() {
        controller.showInfo(MISSING);
    }

    void launch() {
        controller.showInfo(MISSING);
    }

    void stop(TraceDocument doc) {
    }

    void shutdown() {
    }
}
