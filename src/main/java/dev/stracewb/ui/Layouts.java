package dev.stracewb.ui;

import javafx.fxml.FXMLLoader;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads the FXML layouts that ship beside these classes. A layout that fails to load is a broken build, not a user error. */
final class Layouts {
    private Layouts() {
    }

    /** Loads {@code fxml} (a resource of this package); the loader holds the root, controller and namespace. */
    static FXMLLoader load(String fxml, String what) {
        FXMLLoader loader = new FXMLLoader(Layouts.class.getResource(fxml));
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the " + what + " layout is broken: " + e.getMessage(), e);
        }
        return loader;
    }
}
