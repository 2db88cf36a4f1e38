package io.csplaybooks.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.security.ApiTokens;
import io.csplaybooks.security.LoginThrottle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
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

  /** Installed by a plugin, or adapting the engine for every step; each says why in its own comment. */
  static final java.util.Set<String> ENGINE_EXTENSIONS = java.util.Set.of(
      // The adapters: the engine's clock, and what a step asks of its command.
      "io.csplaybooks.common.EngineClock", "io.csplaybooks.playbook.StepContext",
      // Installed by PlaybookSandboxPlugin and TaskNotificationPlugin.
      "io.csplaybooks.sandbox.PersonCommandGuard", "io.csplaybooks.notify.TaskNotificationListener",
      // Makes the jobs that tell people of their tasks (TaskNotificationPlugin's handlers), in an engine command.
      "io.csplaybooks.notify.TaskDigests",
      // The demo plays a year: it moves the engine's clock and runs the due jobs itself.
      "io.csplaybooks.demo.DemoEngine");

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
        // Logins, sign-ons and tokens are timed by the wall clock; the cluster lock takes its clock as a parameter.
        .and().doNotHaveFullyQualifiedName(LoginThrottle.class.getName())
        .and().doNotHaveFullyQualifiedName("io.csplaybooks.security.SsoPeople")
        .and().doNotHaveFullyQualifiedName(ApiTokens.class.getName())
        .should().callMethod(LocalDate.class, "now")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .because("every date the application computes comes from the engine's clock (EngineClock), which process"
            + " tests move")
        .check(app);
  }

  /**
   * The engine's internal API (org.camunda.bpm.engine.impl) is for what extends the engine: its
   * plugins and what they install (job handlers, command interceptors, parse listeners, the
   * expression manager), and the two adapters every step uses (the clock, who completes a task).
   * Steps, services and controllers use the public API, which survives an engine upgrade.
   */
  @Test
  void theEnginesInternalApiOnlyInWhatExtendsTheEngine() {
    DescribedPredicate<JavaClass> extendsTheEngine = DescribedPredicate.describe("extends the engine", type -> {
      for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
        if (c.isAssignableTo(ProcessEnginePlugin.class) || c.isAssignableTo(JobHandler.class)
            || c.isAssignableTo(FailedJobCommandFactory.class) || c.isAssignableTo(CommandInterceptor.class)
            || c.isAssignableTo(BpmnParseListener.class) || c.isAssignableTo(ExpressionManager.class)
            || ENGINE_EXTENSIONS.contains(c.getName())) {
          return true;
        }
      }
      return false;
    });
    noClasses().that(DescribedPredicate.not(extendsTheEngine))
        .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
        .check(app);
  }

  /**
   * The step kit every capability uses, the sandbox that says what a deployed file may do, and the
   * studio built on both: the arrows run studio -> sandbox -> playbook, and nothing of the
   * application stands on the studio.
   */
  @Test
  void kitSandboxStudioOneWay() {
    noClasses().that().resideInAPackage("io.csplaybooks.playbook..")
        .should().dependOnClassesThat().resideInAnyPackage("io.csplaybooks.sandbox..", "io.csplaybooks.studio..")
        .because("the step kit is the ground floor every playbook's steps stand on")
        .check(app);
    noClasses().that().resideOutsideOfPackage("io.csplaybooks.studio..")
        .should().dependOnClassesThat().resideInAPackage("io.csplaybooks.studio..")
        .because("the studio is the CS managers' tool over the playbooks; nothing of the application needs it")
        .check(app);
  }

  @Test
  void noCyclesBetweenCapabilities() {
    slices().matching("io.csplaybooks.(*)..").should().beFreeOfCycles().check(app);
  }
}
