package dev.stracewb.analysis;

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
}
