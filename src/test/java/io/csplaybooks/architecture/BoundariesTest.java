package io.csplaybooks.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.security.ApiTokens;
import io.csplaybooks.security.LoginThrottle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boundaries a newcomer can rely on: SQL lives in repositories (each package's own, or a read
 * model made for another package), controllers call services and never SQL, and the capability
 * packages do not depend on each other in a circle.
 */
class BoundariesTest {

  static JavaClasses app;

  @BeforeAll
  static void importTheApplication() {
    app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.csplaybooks");
  }

  @Test
  void sqlOnlyInRepositories() {
    noClasses().that().areNotAnnotatedWith(Repository.class)
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "javax.sql..")
        .because("SQL belongs to the repository of the package that owns the table, or a read model made for"
            + " another package (@Repository)")
        .check(app);
  }

  @Test
  void controllersNeverTouchSql() {
    noClasses().that().areAnnotatedWith(RestController.class)
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "javax.sql..")
        .check(app);
  }

  @Test
  void oneClockTheEngines() {
    noClasses().that().doNotHaveFullyQualifiedName(EngineClock.class.getName())
        // Logins and tokens are timed by the wall clock; the cluster lock takes its clock as a parameter.
        .and().doNotHaveFullyQualifiedName(LoginThrottle.class.getName())
        .and().doNotHaveFullyQualifiedName(ApiTokens.class.getName())
        .should().callMethod(LocalDate.class, "now")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .because("every date the application computes comes from the engine's clock (EngineClock), which process"
            + " tests move")
        .check(app);
  }

  @Test
  void noCyclesBetweenCapabilities() {
    slices().matching("io.csplaybooks.(*)..").should().beFreeOfCycles().check(app);
  }
}
