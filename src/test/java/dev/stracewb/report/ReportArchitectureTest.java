package dev.stracewb.report;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The report package reads the core (analysis, store, trace, session) and nothing above or beside it. */
class ReportArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stracewb");

    @Test
    void reportUsesNoJavaFxAndNeitherCliNorUi() {
        noClasses().that().resideInAPackage("dev.stracewb.report..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.stracewb.ui..",
                        "dev.stracewb.cli..", "dev.stracewb.capture..", "dev.stracewb.parse..", "dev.stracewb.source..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCliAndTheUiUseTheReport() {
        noClasses().that().resideInAnyPackage("dev.stracewb.trace..", "dev.stracewb.parse..", "dev.stracewb.source..",
                        "dev.stracewb.capture..", "dev.stracewb.store..", "dev.stracewb.analysis..",
                        "dev.stracewb.session..")
                .should().dependOnClassesThat().resideInAPackage("dev.stracewb.report..")
                .check(CLASSES);
    }
}
