package dev.stracewb.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks at the start of a file before it is opened, to refuse binary data with a useful message. */
final class TraceSniffer {
    private TraceSniffer() {
    }

    /** Null if the file may be strace text (or gzip, which the sources read), else why it is not. */
    static String problem(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            return file.getFileName() + " is empty: record a trace with strace -f -tt -T -o FILE";
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return null;
        }
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return binary(file);
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                control++;
            }
        }
        return control > n / 20 ? binary(file) : null;
    }

    private static String binary(Path file) {
        return file.getFileName() + " is binary data, not strace output: open the text file strace wrote"
                + " with -o FILE";
    }
}
