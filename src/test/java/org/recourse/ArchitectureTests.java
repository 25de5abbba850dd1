package org.recourse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

/** A few sharp rules from CONVENTIONS.md (C4, C7, C11, C20) that the compiler cannot check. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.recourse");

    @Test
    void onlyTheClockConfigurationReadsTheSystemClock() {
        noClasses().that().resideOutsideOfPackage("org.recourse.shared.time..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.LocalTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .because("one injected Clock is the only source of time, so test mode can move it (CONVENTIONS C11)")
                .check(MAIN);
    }

    @Test
    void nothingIsFieldInjected() {
        noFields().should().beAnnotatedWith(org.springframework.beans.factory.annotation.Autowired.class)
                .orShould().beAnnotatedWith("jakarta.inject.Inject")
                .orShould().beAnnotatedWith(org.springframework.beans.factory.annotation.Value.class)
                .because("constructor injection only (CONVENTIONS C20)")
                .check(MAIN);
    }

    @Test
    void webTypesStayInWebPackages() {
        noClasses().that().resideOutsideOfPackage("..web..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..", "org.thymeleaf..")
                .because("controllers, forms and views live in <module>/web (CONVENTIONS C2, C4)")
                .check(MAIN);
    }

    @Test
    void moduleApisDoNotDependOnWebPackages() {
        noClasses().that().resideOutsideOfPackage("..web..")
                .should().dependOnClassesThat().resideInAPackage("..web..")
                .check(MAIN);
    }

    @Test
    void namesCarryNoTechnicalSuffixes() {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("DO")
                .orShould().haveSimpleNameEndingWith("DTO")
                .orShould().haveSimpleNameEndingWith("VO")
                .orShould().haveSimpleNameEndingWith("BO")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Helper")
                .because("names come from the domain (CONVENTIONS C7)")
                .check(MAIN);
    }
}
