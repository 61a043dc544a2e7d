package dev.stracewb.analysis;

import java.util.List;

/**
 * A kind of failed lookup that healthy programs make all the time (the dynamic loader probing library
 * directories, apache looking for .htaccess), so it is ranked after the unexpected failures and labelled.
 */
public interface NormalMissRule {

    /** Short stable name, shown in the UI and in JSON {@code expected}. */
    String name();

    /** One sentence for a user: why this miss is normal. */
    String description();

    boolean matches(String path, String fileName, String directory, String errno, MissContext context);

    /**
     * As {@link #matches(String, String, String, String, MissContext)}, knowing which syscalls failed on the path
     * (some misses are normal only for some calls: readlink of a plain file). By default the syscalls do not
     * matter.
     */
    default boolean matches(String path, String fileName, String directory, String errno, List<String> syscalls,
                            MissContext context) {
        return matches(path, fileName, directory, errno, context);
    }
}
