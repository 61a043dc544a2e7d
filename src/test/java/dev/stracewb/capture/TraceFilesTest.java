package dev.stracewb.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TraceFilesTest {

    @TempDir
    Path dir;

    @Test
    void sessionFilesLiveUnderXdgDataHomeNamedWithHostAndTime() throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.toString(), "HOME", "/nonexistent");
        LocalDateTime t = LocalDateTime.of(2026, 11, 26, 9, 15, 3);
        Path first = TraceFiles.newSessionFile(env, t);
        Path second = TraceFiles.newSessionFile(env, t);
        String host = TraceFiles.hostName();
        assertThat(first).isEqualTo(dir.resolve("stracewb/sessions/" + host + "-20261126-091503.strace")).exists();
        assertThat(second.getFileName().toString()).isEqualTo(host + "-20261126-091503-2.strace");
    }

    @Test
    void withoutXdgDataHomeTheyGoUnderLocalShare() {
        assertThat(TraceFiles.sessionsDirectory(Map.of("HOME", "/home/ann")))
                .isEqualTo(Path.of("/home/ann/.local/share/stracewb/sessions"));
        assertThat(TraceFiles.sessionsDirectory(Map.of("HOME", "/home/ann", "XDG_DATA_HOME", "relative")))
                .isEqualTo(Path.of("/home/ann/.local/share/stracewb/sessions"));
    }

    @Test
    void prepareTruncatesAnOldSaveFile() throws Exception {
        Path f = dir.resolve("old.strace");
        Files.writeString(f, "old trace\n");
        assertThat(TraceFiles.prepare(f)).isEqualTo(f);
        assertThat(f).isEmptyFile();
    }
}
