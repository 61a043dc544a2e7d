package dev.stracewb.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The outage the product was made for, shipped in the jar: a real strace of apache2 + mod_php answering 500
 * because wp-settings.php requires {@code wp-includes/version.phpp}. Extracted to a temporary file so it opens
 * like any other trace (the raw log reads it in place).
 */
final class SampleIncident {
    static final String RESOURCE = "/dev/stracewb/samples/apache-prefork-outage.strace";
    static final String TITLE = "Sample incident: apache2 + mod_php answers 500";

    private SampleIncident() {
    }

    static Path extract() throws IOException {
        try (InputStream in = SampleIncident.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the sample incident is missing from this build (" + RESOURCE + ")");
            }
            Path tmp = Files.createTempFile("stracewb-sample-", ".strace");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }
}
