package dev.stracewb.analysis;

/**
 * A line of the application's source that names a missing file, as {@code grep -inR NAME .} would show it.
 *
 * @param missing the failed path whose file name was searched for
 * @param file    the source file, absolute
 * @param line    1-based line number
 * @param text    the line, trimmed, at most 300 characters
 */
public record SourceReference(String missing, String file, int line, String text) {
}
