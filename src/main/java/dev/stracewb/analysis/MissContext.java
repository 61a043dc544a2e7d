package dev.stracewb.analysis;

import java.util.Map;
import java.util.Set;

/**
 * What the trace says about the paths that were found, which some rules need: a miss on {@code ./foo.php} is
 * normal when {@code /usr/share/php/foo.php} was opened a moment later.
 *
 * @param foundDirsByName for each file name accessed successfully, the directories it was found in
 * @param foundExtensions extensions of all paths accessed successfully
 */
public record MissContext(Map<String, Set<String>> foundDirsByName, Set<String> foundExtensions) {

    /** Whether a file of this name was found in a directory other than {@code dir}. */
    public boolean foundElsewhere(String name, String dir) {
        Set<String> dirs = foundDirsByName.get(name);
        if (dirs == null) {
            return false;
        }
        for (String d : dirs) {
            if (!d.equals(dir)) {
                return true;
            }
        }
        return false;
    }

    public static MissContext empty() {
        return new MissContext(Map.of(), Set.of());
    }
}
