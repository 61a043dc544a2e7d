package dev.stracewb.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package arrows of README.md ("Layout"), kept by a test rather than by memory (as JabRef does). Each package may use only
 * the packages named here (and itself, the JDK and libraries); nothing outside {@code ui} touches JavaFX.
 */
@AnalyzeClasses(packages = "dev.stracewb", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final List<String> OURS = List.of("trace", "parse", "source", "capture", "store", "analysis",
            "session", "report", "cli", "ui");

    private static String[] allBut(String self, String... allowed) {
        Set<String> ok = Set.of(allowed);
        List<String> forbidden = new ArrayList<>();
        for (String p : OURS) {
            if (!p.equals(self) && !ok.contains(p)) {
                forbidden.add("dev.stracewb." + p + "..");
            }
        }
        return forbidden.toArray(new String[0]);
    }

    private static ArchRule only(String self, String... allowed) {
        return noClasses().that().resideInAPackage("dev.stracewb." + self + "..")
                .should().dependOnClassesThat().resideInAnyPackage(allBut(self, allowed))
                .because("README.md Layout: " + self + " may import " + (allowed.length == 0 ? "nothing of ours"
                        : String.join(", ", allowed)))
                .allowEmptyShould(true);
    }

    @ArchTest
    static final ArchRule noJavaFxOutsideUi = noClasses().that().resideOutsideOfPackage("dev.stracewb.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the core and the CLI run on servers without a display");

    @ArchTest
    static final ArchRule traceImportsNothingOfOurs = only("trace");

    @ArchTest
    static final ArchRule parseImportsTrace = only("parse", "trace");

    @ArchTest
    static final ArchRule sourceImportsTrace = only("source", "trace");

    @ArchTest
    static final ArchRule storeImportsTrace = only("store", "trace");

    /** analysis may re-read raw lines with the parser. */
    @ArchTest
    static final ArchRule analysisImportsStoreTraceAndParse = only("analysis", "store", "trace", "parse");

    @ArchTest
    static final ArchRule captureImportsSourceTraceAndParse = only("capture", "source", "trace", "parse");

    @ArchTest
    static final ArchRule sessionImportsTheCore = only("session", "trace", "parse", "source", "store", "analysis",
            "capture");

    @ArchTest
    static final ArchRule reportImportsAnalysisStoreTraceSession = only("report", "analysis", "store", "trace",
            "session");

    @ArchTest
    static final ArchRule cliImportsEverythingButUi = only("cli", "trace", "parse", "source", "capture", "store",
            "analysis", "session", "report");

    /** A rule that must fail on the real classes, so the ones above are known to look at them. */
    @org.junit.jupiter.api.Test
    void theRulesSeeTheRealClasses() {
        var classes = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("dev.stracewb");
        org.assertj.core.api.Assertions.assertThat(classes.size()).isGreaterThan(100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> only("parse").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("dev.stracewb.trace");
    }

    @ArchTest
    static final ArchRule uiImportsEverythingButCli = only("ui", "trace", "parse", "source", "capture", "store",
            "analysis", "session", "report");
}
