package dev.stracewb.store;

import dev.stracewb.trace.DisplayText;

/** Turns raw trace bytes into display text without losing any: invalid UTF-8 bytes become {@code \xNN}. */
public final class TextBytes {
    private TextBytes() {
    }

    public static String toDisplayString(byte[] bytes) {
        return DisplayText.of(bytes);
    }
}
