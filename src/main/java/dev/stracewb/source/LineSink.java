package dev.stracewb.source;

/**
 * Receives input lines, without their line terminator. The bytes are only valid during the call: a sink that
 * keeps them must copy them. Called from one thread at a time.
 */
@FunctionalInterface
public interface LineSink {

    /**
     * @param buf     buffer holding the line
     * @param off     start of the line in {@code buf}
     * @param len     length of the line, without {@code \n} (a trailing {@code \r} is kept: it is data)
     * @param filePid the pid taken from an {@code -ff} file name ({@code PREFIX.PID}), or 0
     */
    void line(byte[] buf, int off, int len, int filePid);

    /**
     * The source has delivered what it has and is about to wait for more (a live capture between bursts, a pipe
     * between writes): the moment to publish what was read, so a trickle of lines is seen without delay.
     */
    default void idle() {
    }
}
