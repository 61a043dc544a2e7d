package dev.stracewb.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window, opened on what the command line asked for. */
public final class WorkbenchApp extends Application {
    private static volatile StartRequest request = StartRequest.WELCOME;

    /** Starts JavaFX and returns when the window has been closed. */
    static void launch(StartRequest startRequest) {
        request = startRequest;
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        Workbench workbench = Workbench.on(stage, WorkbenchPrefs.user());
        workbench.show();
        workbench.handle(request);
    }
}
