package dev.stracewb.capture;

/**
 * How strace alone (never this app) gets root for a capture. A non-root JVM cannot signal a root strace, so both
 * elevated modes start strace under a lifeline that sends it SIGINT when its stdin pipe from this JVM closes
 * (see {@link StraceCommand.Launcher#LIFELINE}).
 */
public enum Elevation {
    /** strace runs as this process's user. */
    NONE,
    /** {@code sudo -n}: never prompts; the user authenticates first with {@code sudo -v} (terminal, CLI). */
    SUDO,
    /**
     * {@code pkexec} of the fixed root lifeline script the .deb installs ({@link StraceCommand#ROOT_SCRIPT}),
     * covered by the polkit action {@code dev.stracewb.strace}: the desktop's polkit agent asks for an
     * administrator password (GUI).
     */
    PKEXEC;

    /** Whether strace runs as root through a helper. */
    public boolean elevated() {
        return this != NONE;
    }
}
