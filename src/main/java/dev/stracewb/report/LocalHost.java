package dev.stracewb.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name and kernel release, read without starting a process. */
final class LocalHost {
    private LocalHost() {
    }

    static String name() {
        String fromProc = read(Path.of("/proc/sys/kernel/hostname"));
        if (fromProc != null) {
            return fromProc;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String kernel() {
        String release = read(Path.of("/proc/sys/kernel/osrelease"));
        return release != null ? release : System.getProperty("os.version");
    }

    private static String read(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
