package io.cxengine.journey.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** What Maven's module graph cannot check: the rules of the dependencies between and inside the modules. */
class ArchitectureTest {

    static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cxengine.journey");
        // A rule over no classes passes vacuously: make sure every module was found on the classpath.
        for (String module : new String[]{"customer", "platform", "command.customer", "query.profile", "console",
                "launcher"}) {
            if (!engine.containPackage("io.cxengine.journey." + module)) {
                throw new IllegalStateException("No classes of io.cxengine.journey." + module + " were imported");
            }
        }
    }

    @Test
    @DisplayName("the Customer aggregate is pure: no Spring, no SQL")
    void aggregateIsPure() {
        noClasses().that().resideInAPackage("io.cxengine.journey.command.customer")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(engine);
    }

    @Test
    @DisplayName("the query side never uses the command side")
    void queryNeverUsesCommand() {
        noClasses().that().resideInAPackage("io.cxengine.journey.query..")
                .should().dependOnClassesThat().resideInAPackage("io.cxengine.journey.command..")
                .check(engine);
    }

    @Test
    @DisplayName("the command side never uses the query side")
    void commandNeverUsesQuery() {
        noClasses().that().resideInAPackage("io.cxengine.journey.command..")
                .should().dependOnClassesThat().resideInAPackage("io.cxengine.journey.query..")
                .check(engine);
    }

    @Test
    @DisplayName("the shared kernel needs only the JDK and the serialization annotations of Axon and Jackson")
    void kernelIsPlain() {
        classes().that().resideInAnyPackage("io.cxengine.journey.customer..", "io.cxengine.journey.standards..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cxengine.journey.customer..",
                        "io.cxengine.journey.standards..", "org.axonframework.serialization..",
                        "com.fasterxml.jackson..")
                .check(engine);
    }

    @Test
    @DisplayName("the platform knows neither side (it reads the kernel's personal-data marks, nothing else of the domain)")
    void platformKnowsNoSide() {
        noClasses().that().resideInAPackage("io.cxengine.journey.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cxengine.journey.command..",
                        "io.cxengine.journey.query..")
                .check(engine);
    }

    @Test
    @DisplayName("controllers never touch SQL: they hand commands and queries on")
    void controllersWithoutSql() {
        noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.springframework.jdbc..")
                .check(engine);
    }

    @Test
    @DisplayName("what the query side shares (http, moment, value) knows no projection")
    void sharedQueryPackagesKnowNoProjection() {
        noClasses().that().resideInAnyPackage("io.cxengine.journey.query.http", "io.cxengine.journey.query.moment",
                        "io.cxengine.journey.query.value")
                .should().dependOnClassesThat().resideInAnyPackage("io.cxengine.journey.query.profile",
                        "io.cxengine.journey.query.timeline", "io.cxengine.journey.query.briefing",
                        "io.cxengine.journey.query.lostaccount", "io.cxengine.journey.query.analytics",
                        "io.cxengine.journey.query.operations")
                .check(engine);
    }

    @Test
    @DisplayName("every controller of the command side passes the write guard, and no controller of the query side does")
    void commandControllersPassTheWriteGuard() {
        classes().that().resideInAPackage("io.cxengine.journey.command..")
                .and().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().beAnnotatedWith(io.cxengine.journey.command.http.CommandEndpoint.class)
                .check(engine);
        noClasses().that().resideInAPackage("io.cxengine.journey.query..")
                .should().beAnnotatedWith(io.cxengine.journey.command.http.CommandEndpoint.class)
                .check(engine);
    }

    @Test
    @DisplayName("the platform's packages depend on one another without cycles")
    void platformPackagesWithoutCycles() {
        slices().matching("io.cxengine.journey.platform.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    @DisplayName("the console knows no part of the engine: it reaches it only through the REST API, as a browser")
    void consoleKnowsNoPartOfTheEngine() {
        noClasses().that().resideInAPackage("io.cxengine.journey.console..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cxengine.journey.command..",
                        "io.cxengine.journey.query..", "io.cxengine.journey.platform..", "io.cxengine.journey.customer..")
                .check(engine);
    }
}
