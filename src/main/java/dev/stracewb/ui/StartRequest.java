package dev.stracewb.ui;

import java.nio.file.Path;

/** What the workbench opens when it starts: a trace file, the sample incident, or nothing (the welcome screen). */
public record StartRequest(Path file, boolean sample) {
    public static final StartRequest WELCOME = new StartRequest(null, false);
}
