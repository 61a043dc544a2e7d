package dev.stracewb.ui;

import dev.stracewb.trace.SyscallClass;

import java.util.Set;

/**
 * What the filter bar asks for. Empty parts match everything; the parts are combined with AND.
 *
 * @param text         free text, found in the syscall name, path, errno, pid or anywhere in the raw line
 * @param failedOnly   only calls that returned an error (and exits with a core dump)
 * @param syscallClass only syscalls of this class, or null for all
 * @param syscalls     only these syscalls (empty: all)
 * @param pids         comma separated pids, e.g. {@code 31322, 31320}
 * @param errnos       comma separated errnos, e.g. {@code ENOENT,EACCES}
 * @param pathGlob     a glob over the path ({@code *} within a name, {@code **} across directories); without a
 *                     slash it is matched against the file name
 */
record RowFilter(String text, boolean failedOnly, SyscallClass syscallClass, Set<String> syscalls, String pids,
                 String errnos, String pathGlob) {

    static final RowFilter NONE = new RowFilter("", false, null, Set.of(), "", "", "");

    RowFilter {
        text = text == null ? "" : text.strip();
        syscalls = syscalls == null ? Set.of() : Set.copyOf(syscalls);
        pids = pids == null ? "" : pids.strip();
        errnos = errnos == null ? "" : errnos.strip();
        pathGlob = pathGlob == null ? "" : pathGlob.strip();
    }

    boolean isEmpty() {
        return text.isEmpty() && !failedOnly && syscallClass == null && syscalls.isEmpty() && pids.isEmpty()
                && errnos.isEmpty() && pathGlob.isEmpty();
    }

    /** Whether rows must be syscalls (a syscall-specific part is set). */
    boolean syscallsOnly() {
        return syscallClass != null || !syscalls.isEmpty() || !errnos.isEmpty();
    }
}
