package dev.stracewb.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceReferencesTest {

    @Test
    void findsTheLineThatNamesTheMissingFileLikeGrepInR(@TempDir Path www) throws Exception {
        Files.createDirectories(www.resolve("wp-includes"));
        Files.writeString(www.resolve("wp-settings.php"),
                "<?php\ndefine( 'WPINC', 'wp-includes' );\n\nrequire ABSPATH . WPINC . '/Version.PHPP';\n");
        Files.writeString(www.resolve("wp-includes/version.php"), "<?php $wp_version = '6.4';\n");

        SourceReferences.Result r = SourceReferences.search(DocumentRoot.given(www),
                List.of(www + "/wp-includes/version.phpp"));

        assertThat(r.references()).containsExactly(new SourceReference(www + "/wp-includes/version.phpp",
                www.resolve("wp-settings.php").toString(), 4, "require ABSPATH . WPINC . '/Version.PHPP';"));
        assertThat(r.note()).isNull();
        assertThat(r.root()).isEqualTo(www.toString());
    }

    @Test
    void skipsBinaryFilesAndLinksOutOfTheRoot(@TempDir Path tmp) throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "version.phpp\n");
        Files.write(www.resolve("cache.bin"), new byte[] {'v', 0, 'x', '\n', 'v', 'e', 'r', 's', 'i', 'o', 'n', '.',
                'p', 'h', 'p', 'p'});
        Files.createSymbolicLink(www.resolve("link.txt"), outside);
        Files.writeString(www.resolve("ok.php"), "x\nversion.phpp\n");

        SourceReferences.Result r = SourceReferences.search(DocumentRoot.given(www), List.of("/x/version.phpp"));

        assertThat(r.references()).extracting(SourceReference::file).containsExactly(www.resolve("ok.php").toString());
        assertThat(r.references().get(0).line()).isEqualTo(2);
        assertThat(r.note()).contains("1 symbolic links out of the root skipped");
    }

    @Test
    void stopsAtOneHundredHits(@TempDir Path www) throws Exception {
        Files.writeString(www.resolve("many.php"), "include 'a.phpp';\n".repeat(150));

        SourceReferences.Result r = SourceReferences.search(DocumentRoot.given(www), List.of("/w/a.phpp"));

        assertThat(r.references()).hasSize(SourceReferences.MAX_HITS);
    }

    @Test
    void saysWhyWhenTheRootIsNotOnThisMachine() {
        SourceReferences.Result r = SourceReferences.search(DocumentRoot.given(Path.of("/nonexistent-stracewb/www")),
                List.of("/nonexistent-stracewb/www/a.phpp"));

        assertThat(r.references()).isEmpty();
        assertThat(r.note()).contains("does not exist here").contains("--source DIR");
    }

    @Test
    void saysWhyWhenNoRootIsKnown() {
        SourceReferences.Result r = SourceReferences.search(
                DocumentRoot.infer(List.of(), List.of(), List.of("/etc/passwd")), List.of("/x/a.phpp"));

        assertThat(r.note()).contains("--source DIR");
    }

    @Test
    void documentRootIsInferredFromTheScriptsTheWorkersOpened() {
        DocumentRoot root = DocumentRoot.infer(List.of(), List.of(), List.of("/etc/ld.so.cache",
                "/usr/share/php/x.php", "/srv/site/www/index.php", "/srv/site/www/wp-includes/load.php"));

        assertThat(root.path()).isEqualTo(Path.of("/srv/site/www"));
        assertThat(root.source()).isEqualTo("scripts opened");
    }

    @Test
    void documentRootPrefersFastCgiDocumentRoot() {
        DocumentRoot root = DocumentRoot.infer(List.of("/srv/www/"), List.of("/srv/www/index.php"), List.of());

        assertThat(root.path()).isEqualTo(Path.of("/srv/www"));
        assertThat(root.source()).isEqualTo("DOCUMENT_ROOT");
    }
}
