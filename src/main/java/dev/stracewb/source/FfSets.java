package dev.stracewb.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds the files of an {@code strace -ff -o PREFIX} run: {@code PREFIX.PID}, nothing else beside them. */
public final class FfSets {
    private FfSets() {
    }

    /** The pid in a file name {@code PREFIX.PID}, or 0. */
    public static int pidOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return 0;
        }
        String digits = name.substring(dot + 1);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return 0;
            }
        }
        try {
            return digits.length() <= 9 ? Integer.parseInt(digits) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Files {@code PREFIX.PID} next to {@code prefix}, sorted by pid. */
    public static List<Path> withPrefix(Path prefix) throws IOException {
        Path dir = prefix.toAbsolutePath().getParent();
        String base = prefix.getFileName().toString() + ".";
        List<Path> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(base))
                    .filter(p -> p.getFileName().toString().length() > base.length() && pidOf(p) > 0
                            && p.getFileName().toString().lastIndexOf('.') == base.length() - 1)
                    .forEach(out::add);
        }
        out.sort(Comparator.comparingInt(FfSets::pidOf));
        return out;
    }

    /** The -ff files in a directory: all {@code X.PID} files sharing the most common prefix. */
    public static List<Path> inDirectory(Path dir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).filter(p -> pidOf(p) > 0).forEach(candidates::add);
        }
        java.util.Map<String, List<Path>> byPrefix = new java.util.HashMap<>();
        for (Path p : candidates) {
            String n = p.getFileName().toString();
            byPrefix.computeIfAbsent(n.substring(0, n.lastIndexOf('.')), k -> new ArrayList<>()).add(p);
        }
        List<Path> best = byPrefix.values().stream().max(Comparator.comparingInt(List::size)).orElse(List.of());
        List<Path> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingInt(FfSets::pidOf));
        return sorted;
    }
}
