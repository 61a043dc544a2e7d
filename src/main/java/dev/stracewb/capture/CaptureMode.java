package dev.stracewb.capture;

/** How strace gets its tracees: it starts the command ({@code run}) or attaches to running processes ({@code -p}). */
public enum CaptureMode {
    RUN,
    ATTACH
}
