package dev.stracewb.ui;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;

/**
 * The workbench window: loads the FXML, applies the theme, installs the keyboard shortcuts and remembers the
 * window's size. The application and the UI tests both build it on a stage they own.
 */
public final class Workbench {
    static final String APP_NAME = "strace-workbench";
    private static final String BASE_CSS = css("workbench.css");
    private static final String LIGHT_CSS = css("light.css");
    private static final String DARK_CSS = css("dark.css");

    private final Stage stage;
    private final Scene scene;
    private final MainController controller;
    private final WorkbenchPrefs prefs;
    private boolean notifications = true;

    private Workbench(Stage stage, WorkbenchPrefs prefs) {
        this.stage = stage;
        this.prefs = prefs;
        FXMLLoader loader = Layouts.load("Workbench.fxml", "workbench");
        Parent root = loader.getRoot();
        controller = loader.getController();
        scene = new Scene(root, prefs.width(), prefs.height());
        controller.attach(this, prefs);
        setDark(prefs.dark());
        installShortcuts();
        stage.setScene(scene);
        stage.titleProperty().bind(controller.titleProperty());
        stage.setMaximized(prefs.maximized());
        try (InputStream icon = Workbench.class.getResourceAsStream("icon.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (IOException ignored) {
            // no icon is fine
        }
        stage.setOnHidden(e -> {
            prefs.saveWindow(stage.getWidth(), stage.getHeight(), stage.isMaximized());
            controller.shutdown();
        });
    }

    /** Builds the workbench on {@code stage} (not yet shown). */
    static Workbench on(Stage stage, WorkbenchPrefs prefs) {
        ThreadPriorities.favourTheUiOnce();
        return new Workbench(stage, prefs);
    }

    private static String css(String name) {
        return Workbench.class.getResource(name).toExternalForm();
    }

    void setDark(boolean dark) {
        scene.getStylesheets().setAll(BASE_CSS, dark ? DARK_CSS : LIGHT_CSS);
        controller.showTheme(dark);
        prefs.setDark(dark);
        controller.timeline().setDark(dark);
    }

    private void installShortcuts() {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), () -> controllerAction("open"));
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), controller::onFind);
        acc.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), controller::onExport);
        acc.put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), controller::onStop);
        acc.put(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> controllerAction("attach"));
        acc.put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> controllerAction("launch"));
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !e.isConsumed() && stage.isFocused()) {
                controller.onClearFilters();
            }
        });
    }

    private void controllerAction(String id) {
        var node = scene.lookup("#" + id + "Button");
        if (node instanceof javafx.scene.control.ButtonBase b && !b.isDisabled()) {
            b.fire();
        }
    }

    void show() {
        stage.show();
    }

    /** Readies the trace views behind the welcome screen (see {@link MainController#warmUpBehindWelcome}). */
    void warmUp() {
        controller.warmUpBehindWelcome();
    }

    void handle(StartRequest request) {
        if (request.sample()) {
            controller.openSample();
        } else if (request.file() != null) {
            controller.open(request.file());
        }
    }

    /** Tests and screenshots turn notifications off so popups do not cover what they look at. */
    void setNotificationsEnabled(boolean on) {
        notifications = on;
    }

    boolean notificationsEnabled() {
        return notifications;
    }

    MainController controller() {
        return controller;
    }

    Stage stage() {
        return stage;
    }

    Scene scene() {
        return scene;
    }
}
