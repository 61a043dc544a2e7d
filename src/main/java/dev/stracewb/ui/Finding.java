package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;

import java.util.List;

/** A line of the findings tree: a group heading, a directory, or one failing path. */
sealed interface Finding {

    /** The row to select when this line is chosen. */
    int firstRow();

    long count();

    /** "Expected misses", a normal-miss rule, or "Unexpected failures". */
    record Heading(String label, String tooltip, long count, int firstRow) implements Finding {
    }

    record Directory(String path, long count, int files, int firstRow) implements Finding {
    }

    record File(FailureGroup group, boolean culprit) implements Finding {
        @Override
        public int firstRow() {
            return group.firstRow();
        }

        @Override
        public long count() {
            return group.count();
        }
    }

    static String errnos(FailureGroup g) {
        StringBuilder b = new StringBuilder();
        g.errnos().forEach((e, n) -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e);
            if (g.errnos().size() > 1) {
                b.append(" ×").append(n);
            }
        });
        return b.toString();
    }

    static String syscalls(List<String> names) {
        return String.join(", ", names);
    }
}
