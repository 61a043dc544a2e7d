package dev.stracewb.trace;

/**
 * Which arguments of a syscall are paths, and which directory fd each is relative to.
 * Indexes are 0-based argument positions; -1 means "none".
 */
public record PathArguments(int dirfd1, int path1, int dirfd2, int path2) {

    public static final PathArguments NONE = new PathArguments(-1, -1, -1, -1);

    public static PathArguments path(int path) {
        return new PathArguments(-1, path, -1, -1);
    }

    public static PathArguments at(int dirfd, int path) {
        return new PathArguments(dirfd, path, -1, -1);
    }

    public boolean takesPath() {
        return path1 >= 0;
    }

    public int maxIndex() {
        return Math.max(Math.max(dirfd1, path1), Math.max(dirfd2, path2));
    }
}
