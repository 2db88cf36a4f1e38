package io.csplaybooks.demo;

import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.handoff.AccountDetails;
import io.csplaybooks.handoff.BriefStakeholder;
import io.csplaybooks.handoff.HandoffIntake;
import io.csplaybooks.handoff.HandoffRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo: people in every team, a year of a CS team's life played through the application
 * ({@link DemoYear}: deals, onboarding, QBRs, signals and nightly scoring, a save play, renewals, an
 * expansion, a churn), and one fresh handoff whose brief sales still has to complete. Added once,
 * into an empty database, before the job executor starts.
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private final DemoPeople people;
  private final Accounts accounts;
  private final HandoffIntake intake;
  private final DemoYear year;
  private final DemoInPreparation door;

  DemoData(DemoPeople people, Accounts accounts, HandoffIntake intake, DemoYear year, DemoInPreparation door) {
    this.door = door;
    this.people = people;
    this.accounts = accounts;
    this.intake = intake;
    this.year = year;
  }

  /** What the year did when this node played it; null when the database had it already. */
  private volatile DemoYear.Summary played;

  DemoYear.Summary played() {
    return played;
  }

  @Override
  public void run(ApplicationArguments args) {
    people.ensure();
    if (accounts.any()) {
      return;
    }
    long started = System.nanoTime();
    DemoYear.Summary summary;
    door.preparing(true);
    try {
      summary = year.play();
    } finally {
      door.preparing(false);
    }
    played = summary;
    LOG.info("Demo year played in {} ms: {} days, {} deals, {} signals, {} tasks completed ({} refused), {} jobs run"
        + " ({} failed)", (System.nanoTime() - started) / 1_000_000, summary.days(), summary.deals(), summary.signals(),
        summary.tasksCompleted(), summary.tasksRefused(), summary.jobsRun(), summary.jobsFailed());
    LocalDate today = EngineClock.today();
    // Its brief lacks success criteria, sponsor, requirements and risks: back to sales, as alex's task.
    intake.contractClosed(new HandoffRequest("DEMO-1001",
        new AccountDetails("Soylent Foods", "mid-market", "AMER", "CRM-SOYLENT"),
        new BigDecimal("42000"), today.plusDays(7), today.plusDays(7).plusYears(1), "alex",
        List.of("Cut order-to-delivery time by 20%"), List.of(), List.of("Demand planning"), List.of(),
        List.of(), List.of(), List.of(new BriefStakeholder("Sol Brenner", "champion", "sol.brenner@soylent.example")),
        "new-logo", "USD"),
        DemoYear.ALEX);
    LOG.info("Demo data ready: log in as alex/demo to complete the Soylent Foods handoff brief");
  }
}
