package dev.stracewb.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Searches the document root for the names of the missing files, as the outage was solved with
 * {@code grep -inR ".phpp" .}: case-insensitive, line by line. Bounded and safe: skips binary files and files over
 * 10 MB, stops at 100 hits, never follows a symbolic link out of the root, and says why it did not search.
 */
public final class SourceReferences {
    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final int MAX_HITS = 100;
    public static final int MAX_FILES = 100_000;
    private static final int MAX_TEXT = 300;

    /**
     * What the search found.
     *
     * @param root       the document root searched, or null
     * @param rootSource how the root was chosen (see {@link DocumentRoot#source()}), or null
     * @param references hits, in the order of the missing files, then by file and line
     * @param note       why nothing was searched, or what was cut short; null when the search ran in full
     * @param extensions extensions of the files under the root (for "no file has this extension"), or null
     */
    public record Result(String root, String rootSource, List<SourceReference> references, String note,
                         Set<String> extensions) {
    }

    private SourceReferences() {
    }

    /** Searches {@code root} for the file name of each path in {@code missing}. */
    public static Result search(DocumentRoot root, List<String> missing) {
        if (root == null || root.path() == null) {
            return new Result(null, null, List.of(),
                    root != null && root.note() != null ? root.note()
                            : "no document root known: give one with --source DIR", null);
        }
        Path dir = root.path();
        if (!Files.isDirectory(dir)) {
            return new Result(dir.toString(), root.source(), List.of(),
                    "not searched: " + dir + " does not exist here (trace not from this machine?); give the "
                            + "application's source with --source DIR", null);
        }
        if (!Files.isReadable(dir)) {
            return new Result(dir.toString(), root.source(), List.of(), "not searched: " + dir + " is unreadable",
                    null);
        }
        Map<String, String> needles = new LinkedHashMap<>();
        for (String m : missing) {
            String name = m.substring(m.lastIndexOf('/') + 1);
            if (!name.isEmpty()) {
                needles.putIfAbsent(m, name.toLowerCase(Locale.ROOT));
            }
        }
        Walk walk = new Walk(dir);
        try {
            Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), 64, walk);
        } catch (IOException e) {
            return new Result(dir.toString(), root.source(), List.of(), "not searched: " + e.getMessage(), null);
        }
        walk.files.sort(null);
        List<SourceReference> hits = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (walk.truncated) {
            notes.add("searched the first " + MAX_FILES + " files only");
        }
        outer:
        for (Map.Entry<String, String> e : needles.entrySet()) {
            for (Path f : walk.files) {
                if (hits.size() >= MAX_HITS) {
                    notes.add("stopped at " + MAX_HITS + " hits");
                    break outer;
                }
                grep(f, e.getKey(), e.getValue(), hits);
            }
        }
        if (walk.skippedBig > 0) {
            notes.add(walk.skippedBig + " files over 10 MB skipped");
        }
        if (walk.skippedLinks > 0) {
            notes.add(walk.skippedLinks + " symbolic links out of the root skipped");
        }
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        return new Result(dir.toString(), root.source(), List.copyOf(hits), note, Set.copyOf(walk.extensions));
    }

    private static void grep(Path file, String missing, String needle, List<SourceReference> hits) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        } catch (IOException | SecurityException e) {
            return;
        }
        if (bytes.length > MAX_FILE_BYTES || isBinary(bytes)) {
            return;
        }
        String content = new String(bytes, StandardCharsets.UTF_8);
        String lower = content.toLowerCase(Locale.ROOT);
        int at = lower.indexOf(needle);
        int lineNo = 1;
        int counted = 0;
        while (at >= 0 && hits.size() < MAX_HITS) {
            for (int i = counted; i < at; i++) {
                if (content.charAt(i) == '\n') {
                    lineNo++;
                }
            }
            counted = at;
            int start = content.lastIndexOf('\n', at) + 1;
            int end = content.indexOf('\n', at);
            if (end < 0) {
                end = content.length();
            }
            String text = content.substring(start, end).strip();
            if (text.length() > MAX_TEXT) {
                text = text.substring(0, MAX_TEXT) + "…";
            }
            hits.add(new SourceReference(missing, file.toString(), lineNo, text));
            at = lower.indexOf(needle, end);
        }
    }

    /** grep's rule: a NUL byte in the first 8 KiB makes a file binary. */
    static boolean isBinary(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Lists regular files under the root without following links out of it; collects their extensions. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        final Path root;
        final Path realRoot;
        final List<Path> files = new ArrayList<>();
        final Set<String> extensions = new HashSet<>();
        boolean truncated;
        int skippedBig;
        int skippedLinks;

        Walk(Path root) {
            this.root = root;
            Path real;
            try {
                real = root.toRealPath();
            } catch (IOException e) {
                real = root.toAbsolutePath().normalize();
            }
            this.realRoot = real;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (files.size() >= MAX_FILES) {
                truncated = true;
                return FileVisitResult.TERMINATE;
            }
            if (attrs.isSymbolicLink()) {
                try {
                    Path target = file.toRealPath();
                    if (!target.startsWith(realRoot) || !Files.isRegularFile(target)) {
                        skippedLinks++;
                        return FileVisitResult.CONTINUE;
                    }
                } catch (IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            } else if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
            }
            long size = attrs.isSymbolicLink() ? sizeOf(file) : attrs.size();
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot > 0 && dot < name.length() - 1) {
                extensions.add(name.substring(dot + 1));
            }
            if (size > MAX_FILE_BYTES) {
                skippedBig++;
                return FileVisitResult.CONTINUE;
            }
            files.add(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
        }

        private static long sizeOf(Path p) {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return Long.MAX_VALUE;
            }
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return Files.isSymbolicLink(dir) && dir != root ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }
    }

}
