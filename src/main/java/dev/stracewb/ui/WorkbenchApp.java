package dev.stracewb.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window, opened on what the command line asked for. */
public final class WorkbenchApp extends Application {
    private static volatile StartRequest request = StartRequest.WELCOME;

    /** Starts JavaFX and returns when the window has been closed. */
    static void launch(StartRequest startRequest) {
        request = startRequest;
        // grey-scale text antialiasing unless the user chose: LCD subpixel text costs the software renderer (a
        // server without a GPU, Xvfb, VNC) a third more time per frame in the first second of a live capture
        // (BENCHMARKS.md, "Live, second round"), and over VNC or ssh -X its colour fringes only blur the text
        if (System.getProperty("prism.lcdtext") == null) {
            System.setProperty("prism.lcdtext", "false");
        }
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        Workbench workbench = Workbench.on(stage, WorkbenchPrefs.user());
        workbench.show();
        workbench.handle(request);
        if (!request.sample() && request.file() == null) {
            workbench.warmUp();
        }
    }
}
