package io.csplaybooks.demo;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.AccountRepository;
import io.csplaybooks.account.Contract;
import io.csplaybooks.account.ContractKind;
import io.csplaybooks.account.LifecycleStage;
import io.csplaybooks.account.NewAccount;
import io.csplaybooks.account.Segment;
import io.csplaybooks.account.Stakeholder;
import io.csplaybooks.account.StakeholderRole;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.handoff.AccountDetails;
import io.csplaybooks.handoff.BriefStakeholder;
import io.csplaybooks.handoff.Caller;
import io.csplaybooks.handoff.HandoffIntake;
import io.csplaybooks.handoff.HandoffRequest;
import io.csplaybooks.health.Signal;
import io.csplaybooks.health.SignalIntake;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo: people in every team, a small portfolio of customers with a month of signals (one of
 * them in the red, one a promoter), and one fresh handoff whose brief sales still has to complete.
 * Added once, into an empty database.
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private final DemoPeople people;
  private final AccountRepository accounts;
  private final HandoffIntake intake;
  private final SignalIntake signals;

  DemoData(DemoPeople people, AccountRepository accounts, HandoffIntake intake, SignalIntake signals) {
    this.people = people;
    this.accounts = accounts;
    this.intake = intake;
    this.signals = signals;
  }

  /** The demo's sales user records the demo's contracts. */
  private static final Caller DEMO_SALES = new Caller("alex", java.util.Set.of("sales"), false);

  @Override
  public void run(ApplicationArguments args) {
    people.ensure();
    if (accounts.any()) {
      return;
    }
    portfolio();
    LocalDate today = EngineClock.today();
    intake.contractClosed(new HandoffRequest("DEMO-1001",
        new AccountDetails("Soylent Foods", "mid-market", "AMER", "CRM-SOYLENT"),
        new BigDecimal("42000"), today.plusDays(7), today.plusDays(7).plusYears(1), "alex",
        List.of("Cut order-to-delivery time by 20%"), List.of(), List.of("Demand planning"), List.of(),
        List.of(), List.of(), List.of(new BriefStakeholder("Sol Brenner", "champion", "sol.brenner@soylent.example")), "new-logo", "USD"),
        DEMO_SALES);
    signals();
    LOG.info("Demo data ready: log in as alex/demo to complete the Soylent Foods handoff brief");
  }

  void portfolio() {
    LocalDate today = EngineClock.today();
    account("Initech", Segment.ENTERPRISE, "EMEA", "180000", LifecycleStage.ADOPTION, "casey", today.minusMonths(7), "Bill Lumbergh");
    account("Umbrella Health", Segment.ENTERPRISE, "EMEA", "95000", LifecycleStage.ADOPTION, "casey", today.minusMonths(4), "Alice Abernathy");
    account("Wayne Logistics", Segment.SCALED, "APAC", "8000", LifecycleStage.ADOPTION, "casey", today.minusMonths(10), "Lucius Fox");
    account("Hooli", Segment.STRATEGIC, "AMER", "750000", LifecycleStage.ADOPTION, "chris", today.minusMonths(9), "Gavin Belson");
    account("Vandelay Industries", Segment.MID_MARKET, "AMER", "40000", LifecycleStage.ONBOARDING, "chris", today.minusDays(30), "Art Vandelay");
    account("Stark Manufacturing", Segment.ENTERPRISE, "EMEA", "220000", LifecycleStage.RENEWAL, "carol", today.minusMonths(9), "Pepper Potts");
  }

  /**
   * A month of signals: most customers healthy, Umbrella Health in the red (its save play starts for
   * casey), Hooli a green promoter (chris is asked for a case study).
   */
  private void signals() {
    List<Signal> batch = new ArrayList<>();
    for (Account account : accounts.find(null, null, 100, 0)) {
      if (account.csmId() == null) {
        continue;
      }
      boolean red = account.name().startsWith("Umbrella");
      for (int week = 0; week < 4; week++) {
        batch.add(signal(account, "usage-" + week, "usage", week * 7 + 1, red ? 22 - week * 3 : 70 + week * 5, 100,
            red ? 2 : 6, 10, null, null, null, null, null));
      }
      batch.add(signal(account, "meeting", "engagement", red ? 45 : 5, null, null, null, null, null, null, true, null, null));
      batch.add(signal(account, "nps", "nps", 10, null, null, null, null, null, red ? 3 : account.name().startsWith("Hooli")
          ? 10 : 8, null, null, red ? "Too slow for our agents" : null));
      batch.add(signal(account, "sentiment", "sentiment", 3, null, null, null, null, null, null, null,
          red ? "negative" : "positive", null));
    }
    signals.store(batch);
  }

  private static Signal signal(Account account, String id, String type, int daysAgo, Integer active, Integer seats,
      Integer used, Integer total, Integer tickets, Integer nps, Boolean meeting, String sentiment, String comment) {
    return new Signal("demo-" + account.id() + "-" + id, account.id(), type,
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo), active, seats, used, total, tickets, null, null, nps,
        meeting, sentiment, comment);
  }

  private void account(String name, Segment segment, String region, String arr, LifecycleStage stage, String csm,
      LocalDate start, String champion) {
    long id = accounts.insert(new NewAccount(null, name, segment, region, new BigDecimal(arr), "USD", "alex"),
        "demo data");
    // Through the stages a customer passes, as the lifecycle allows, up to the demo's stage.
    List<LifecycleStage> path = List.of(LifecycleStage.ONBOARDING, LifecycleStage.ADOPTION, LifecycleStage.RENEWAL);
    for (LifecycleStage step : path.subList(0, path.indexOf(stage) + 1)) {
      accounts.moveToStage(id, step, "demo data", "alex");
    }
    accounts.assignCsm(id, csm);
    String slug = name.toLowerCase().replaceAll("[^a-z]+", "-");
    accounts.insertContract(new Contract("DEMO-" + slug, id, start, start.plusYears(1), new BigDecimal(arr),
        ContractKind.NEW_LOGO, "USD", null));
    accounts.insertStakeholder(new Stakeholder(null, id, champion, StakeholderRole.CHAMPION,
        champion.toLowerCase().replace(" ", ".") + "@" + slug + ".example.com"));
  }
}
