package dev.stracewb.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the workbench remembers between runs (java.util.prefs): window size, theme, recent files. */
final class WorkbenchPrefs {
    private static final int RECENT = 10;
    private final Preferences node;

    private WorkbenchPrefs(Preferences node) {
        this.node = node;
    }

    static WorkbenchPrefs user() {
        return new WorkbenchPrefs(Preferences.userRoot().node("dev/stracewb/workbench"));
    }

    /** A separate, emptied node, so tests neither read nor change a user's settings. */
    static WorkbenchPrefs scratch(String name) {
        Preferences n = Preferences.userRoot().node("dev/stracewb/test/" + name);
        try {
            n.clear();
        } catch (BackingStoreException e) {
            // an unwritable store only means nothing is remembered
        }
        return new WorkbenchPrefs(n);
    }

    double width() {
        return node.getDouble("width", 1400);
    }

    double height() {
        return node.getDouble("height", 860);
    }

    boolean maximized() {
        return node.getBoolean("maximized", false);
    }

    void saveWindow(double width, double height, boolean maximized) {
        node.putBoolean("maximized", maximized);
        if (!maximized) {
            node.putDouble("width", width);
            node.putDouble("height", height);
        }
    }

    boolean dark() {
        return node.getBoolean("dark", false);
    }

    void setDark(boolean dark) {
        node.putBoolean("dark", dark);
    }

    /** Recent trace files, newest first, those that still exist. */
    List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            String s = node.get("recent." + i, null);
            if (s != null && Files.exists(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    void addRecent(Path file) {
        List<Path> list = recentFiles();
        Path abs = file.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < RECENT; i++) {
            if (i < list.size()) {
                node.put("recent." + i, list.get(i).toString());
            } else {
                node.remove("recent." + i);
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // not remembered; harmless
        }
    }
}
