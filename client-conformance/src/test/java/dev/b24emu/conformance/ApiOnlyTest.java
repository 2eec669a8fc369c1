package dev.b24emu.conformance;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The conformance kit reaches the emulator through its embedding API and HTTP, like any user's code. */
@AnalyzeClasses(packages = "dev.b24emu.conformance", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiOnlyTest {
    @ArchTest
    static final ArchRule noInternals = noClasses().should().dependOnClassesThat()
            .resideInAPackage("dev.b24emu.emulator.internal..")
            .because("the emulator's internals may change in any release; the embedding API and HTTP are the contract");
}
