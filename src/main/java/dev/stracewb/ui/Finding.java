package dev.stracewb.ui;

import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Hang;
import dev.stracewb.analysis.SourceReference;
import dev.stracewb.analysis.Suggestion;

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

    /**
     * One failing path, with "did you mean" and the source lines that name it when the analysis found them.
     */
    record File(FailureGroup group, boolean culprit, Suggestion suggestion, List<SourceReference> references)
            implements Finding {

        /** The file name a user most likely meant, or "". */
        String didYouMean() {
            if (suggestion == null || suggestion.suggestion() == null) {
                return "";
            }
            String p = suggestion.suggestion();
            return p.substring(p.lastIndexOf('/') + 1);
        }

        @Override
        public int firstRow() {
            return group.firstRow();
        }

        @Override
        public long count() {
            return group.count();
        }
    }

    /** A call that never returned or was slow. */
    record HangItem(Hang hang) implements Finding {
        @Override
        public int firstRow() {
            return hang.row();
        }

        @Override
        public long count() {
            return 1;
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
