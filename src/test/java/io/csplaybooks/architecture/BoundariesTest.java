package io.csplaybooks.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
  void noCyclesBetweenCapabilities() {
    slices().matching("io.csplaybooks.(*)..").should().beFreeOfCycles().check(app);
  }
}
