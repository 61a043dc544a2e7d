package dev.stracewb.ui;

import dev.stracewb.capture.CaptureProfile;
import dev.stracewb.capture.CaptureRequest;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Launch: a command, its arguments, working directory and environment, run under strace. No shell is involved:
 * the arguments are split here (quotes keep spaces) and handed over as a list; a working directory or
 * environment is applied through {@code env -C DIR NAME=value}, because the capture request carries neither.
 */
final class LaunchDialog {
    private final Stage stage;
    private final Background background;
    private final TextField command;
    private final TextField arguments;
    private final TextField workingDir;
    private final TextArea environment;
    private final ChoiceBox<CaptureProfile> profile;
    private final Label preview;
    private final Label error;
    private final ProgressIndicator busy;
    private final Button start;

    LaunchDialog(Window owner, List<String> stylesheets, Background background, Consumer<CaptureRequest> onStart) {
        this.background = background;
        FXMLLoader loader = Layouts.load("LaunchDialog.fxml", "launch dialog's");
        Parent root = loader.getRoot();
        var ns = loader.getNamespace();
        command = (TextField) ns.get("command");
        arguments = (TextField) ns.get("arguments");
        workingDir = (TextField) ns.get("workingDir");
        environment = (TextArea) ns.get("environment");
        @SuppressWarnings("unchecked")
        ChoiceBox<CaptureProfile> p = (ChoiceBox<CaptureProfile>) ns.get("launchProfile");
        profile = p;
        preview = (Label) ns.get("launchPreview");
        error = (Label) ns.get("launchError");
        busy = (ProgressIndicator) ns.get("launchBusy");
        start = (Button) ns.get("launchStart");
        AttachDialog.setUpProfile(profile, null);
        ((Button) ns.get("launchCancel")).setOnAction(e -> close());
        start.setOnAction(e -> {
            error.setVisible(false);
            error.setManaged(false);
            List<String> argv;
            try {
                argv = commandLine();
            } catch (IllegalArgumentException ex) {
                fail(ex.getMessage());
                return;
            }
            busy.setVisible(true);
            start.setDisable(true);
            onStart.accept(CaptureRequest.run(argv).withProfile(profile.getValue()).withInheritCommandIo(false));
        });
        for (var field : List.of(command.textProperty(), arguments.textProperty(), workingDir.textProperty(),
                environment.textProperty())) {
            field.addListener((o, a, b) -> updatePreview());
        }
        updatePreview();
        stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Launch a command — " + Workbench.APP_NAME);
        Scene scene = new Scene(root);
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
    }

    /** The argument list to run: {@code [env -C DIR NAME=value...] command args...}. */
    List<String> commandLine() {
        String cmd = command.getText() == null ? "" : command.getText().strip();
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("Name the command to run, e.g. php");
        }
        List<String> argv = new ArrayList<>();
        String dir = workingDir.getText() == null ? "" : workingDir.getText().strip();
        List<String> env = new ArrayList<>();
        for (String line : (environment.getText() == null ? "" : environment.getText()).split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Environment: '" + l + "' is not NAME=value");
            }
            env.add(l);
        }
        if (!dir.isEmpty()) {
            if (!Files.isDirectory(Path.of(dir))) {
                throw new IllegalArgumentException("Working directory " + dir + " does not exist");
            }
        }
        if (!dir.isEmpty() || !env.isEmpty()) {
            argv.add("env");
            if (!dir.isEmpty()) {
                argv.add("-C");
                argv.add(dir);
            }
            argv.addAll(env);
        }
        argv.add(cmd);
        argv.addAll(split(arguments.getText() == null ? "" : arguments.getText()));
        return argv;
    }

    /** Splits arguments on spaces; double or single quotes keep spaces, a backslash escapes the next character. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Arguments: a " + quote + " quote is not closed");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    private void updatePreview() {
        try {
            List<String> argv = commandLine();
            StringBuilder b = new StringBuilder("Runs: ");
            for (String a : argv) {
                b.append(a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? "'" + a + "'" : a).append(' ');
            }
            preview.setText(b.toString().strip());
        } catch (IllegalArgumentException e) {
            preview.setText(e.getMessage());
        }
    }

    void show() {
        stage.show();
        command.requestFocus();
    }

    void fail(String message) {
        busy.setVisible(false);
        start.setDisable(false);
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
    }

    void close() {
        stage.close();
    }

    boolean isShowing() {
        return stage.isShowing();
    }

    TextField commandField() {
        return command;
    }

    TextField argumentsField() {
        return arguments;
    }

    Background background() {
        return background;
    }
}
