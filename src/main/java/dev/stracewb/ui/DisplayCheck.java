package dev.stracewb.ui;

import java.util.Locale;

/**
 * Tells before JavaFX starts whether there is a screen to open a window on, so a headless server gets one line
 * of advice instead of a toolkit stack trace.
 */
final class DisplayCheck {
    private DisplayCheck() {
    }

    /** Null when a window can be opened, else the one-line reason with what to do. */
    static String problem() {
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return null;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return null;
        }
        if (isSet(System.getenv("DISPLAY")) || isSet(System.getenv("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "no display for the workbench (DISPLAY is not set): run it in a desktop session, over ssh -X, or"
                + " under xvfb-run; on a server use the command line, e.g. stracewb analyze FILE";
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
