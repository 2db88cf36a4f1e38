package io.csplaybooks.demo;

import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.handoff.AccountDetails;
import io.csplaybooks.handoff.BriefStakeholder;
import io.csplaybooks.handoff.Caller;
import io.csplaybooks.handoff.HandoffIntake;
import io.csplaybooks.handoff.HandoffRequest;
import io.csplaybooks.health.PortfolioScoring;
import io.csplaybooks.health.Signal;
import io.csplaybooks.health.SignalIntake;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.security.Groups;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's year: a CS team's last thirteen months played through the application's own doors, so
 * that a first run opens on a portfolio with a past. Sales closes deals through {@link HandoffIntake}
 * (as alex), customers' signals arrive through {@link SignalIntake}, the nightly
 * {@link PortfolioScoring#run()} scores the portfolio every simulated night, every job (timers,
 * async steps, mail) runs when it falls due, and the people of {@link DemoPeople} complete their
 * tasks through the engine (the form submission Tasklist makes), each as themselves (see {@link DemoWork}).
 *
 * <p>Time: the engine's clock (moved through {@link DemoEngine}; {@code EngineClock} reads it) is set to thirteen
 * months ago and moved forward day by day: the night (02:00) scores the portfolio, the morning (09:00)
 * brings deals and signals, the afternoon (14:00, business days) the people's work; due jobs run after
 * each. At the end the clock is the real one again.
 *
 * <p>The job executor: the Camunda starter starts it on {@code ApplicationReadyEvent}, after every
 * {@code ApplicationRunner} (so {@link DemoData} runs before it). The year runs the jobs itself, in
 * order; should the executor be running anyway (a configuration that starts it earlier), it is shut
 * down for the year and started again after, so that no job runs twice or out of the simulated order.
 * The engine's history cleanup is left to the executor: it removes what the year made old, as it would.
 */
@Component
@Profile("demo")
class DemoYear {

  private static final Logger LOG = LoggerFactory.getLogger(DemoYear.class);

  /** The demo's sales user records the demo's contracts. */
  static final Caller ALEX = new Caller("alex", Set.of(Groups.SALES), false);

  private static final int MONTHS = 13;
  /** Fixed seed: the same year on every first run. */
  private static final long SEED = 2026_11L;
  private static final int FEATURES = 12;

  private final Accounts accounts;
  private final HandoffIntake intake;
  private final SignalIntake signals;
  private final PortfolioScoring portfolio;
  private final ManagementService management;
  private final TaskService tasks;
  private final FormService forms;
  private final IdentityService identity;
  private final ProcessEngine engine;
  private final DemoWork work;
  private final LoggingSystem logging;

  DemoYear(Accounts accounts, HandoffIntake intake, SignalIntake signals, PortfolioScoring portfolio,
      ProcessEngine engine, DemoWork work, LoggingSystem logging) {
    this.accounts = accounts;
    this.intake = intake;
    this.signals = signals;
    this.portfolio = portfolio;
    this.engine = engine;
    this.management = engine.getManagementService();
    this.tasks = engine.getTaskService();
    this.forms = engine.getFormService();
    this.identity = engine.getIdentityService();
    this.work = work;
    this.logging = logging;
  }

  /** What the year did, for the log line. */
  record Summary(int days, int deals, int signals, int tasksCompleted, int tasksRefused, int jobsRun,
      int jobsFailed) {}

  /** The year's state while it plays. */
  private final class Run {
    final LocalDate start;
    final LocalDate end;
    final Random random = new Random(SEED);
    final Map<Long, DemoCustomer> customers = new LinkedHashMap<>();
    final Set<String> refused = new HashSet<>();
    /** The day each open task is planned for, once known. */
    final Map<String, LocalDate> planned = new java.util.HashMap<>();
    int deals;
    int signalsSent;
    int completed;
    int jobsRun;
    int jobsFailed;

    Run(LocalDate start, LocalDate end) {
      this.start = start;
      this.end = end;
    }

    LocalDate on(DemoCustomer.Day day) {
      return day.on(start, end);
    }
  }

  /**
   * Plays the year up to today and leaves the clock at the real time. Returns the ids of the
   * customers by name.
   */
  Summary play() {
    DemoEngine.realTime();
    LocalDate end = EngineClock.today();
    Run run = new Run(end.minusMonths(MONTHS), end);
    DemoEngine jobs = new DemoEngine(engine);
    jobs.pauseJobExecutor();
    // A night's run logs a line; 400 of them would bury the start-up log.
    LogLevel scoringLevel = logging.getLoggerConfiguration(PortfolioScoring.class.getName()) == null ? null
        : logging.getLoggerConfiguration(PortfolioScoring.class.getName()).getConfiguredLevel();
    logging.setLogLevel(PortfolioScoring.class.getName(), LogLevel.WARN);
    try {
      for (LocalDate day = run.start; day.isBefore(end); day = day.plusDays(1)) {
        day(run, day);
      }
    } finally {
      identity.clearAuthentication();
      DemoEngine.realTime();
      logging.setLogLevel(PortfolioScoring.class.getName(), scoringLevel);
      jobs.resumeJobExecutor();
    }
    // Today, at the real time: what fell due since this morning.
    runDueJobs(run);
    return new Summary((int) ChronoUnit.DAYS.between(run.start, end), run.deals, run.signalsSent, run.completed,
        run.refused.size(), run.jobsRun, run.jobsFailed);
  }

  private void day(Run run, LocalDate day) {
    at(day, LocalTime.of(2, 0));
    portfolio.run();
    runDueJobs(run);

    at(day, LocalTime.of(9, 0));
    for (DemoCustomer customer : DemoPortfolio.CUSTOMERS) {
      if (run.on(customer.closed()).equals(day)) {
        close(run, customer);
      }
    }
    if (day.equals(run.start.plusDays(DemoWork.HOOLI_ADD_ON_DAY))) {
      hooliAddOn(run);
    }
    if (day.equals(run.end.minusDays(DemoWork.HANBIT_CROSS_SELL_DAYS_BEFORE_END))) {
      hanbitCrossSell(run);
    }
    signals(run, day);
    runDueJobs(run);

    if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
      at(day, LocalTime.of(14, 0));
      work(run, day);
      runDueJobs(run);
    }
  }

  private static void at(LocalDate day, LocalTime time) {
    DemoEngine.clockAt(day.atTime(time).atZone(ZoneId.systemDefault()).toInstant());
  }

  // --- sales closes deals -------------------------------------------------------------------------

  private void close(Run run, DemoCustomer c) {
    LocalDate start = run.on(c.contractStart());
    List<BriefStakeholder> people = List.of(
        new BriefStakeholder(c.champion(), "champion", email(c.champion(), c)),
        new BriefStakeholder(c.sponsor(), "executive-sponsor", email(c.sponsor(), c)));
    HandoffRequest deal = new HandoffRequest(contractId(c, start), new AccountDetails(c.name(), c.segment(), c.region(),
        c.crmAccountId()), BigDecimal.valueOf(c.arr()), start, start.plusYears(1).minusDays(1), "alex", c.goals(),
        c.successCriteria(), c.useCases(), c.technicalRequirements(), List.of(), c.knownRisks(), people, "new-logo",
        "USD");
    long accountId = intake.contractClosed(deal, ALEX).handoff().accountId();
    run.customers.put(accountId, c);
    run.deals++;
  }

  /** Hooli buys seats for its Nucleus team after its second QBR showed the demand: the expansion handoff. */
  private void hooliAddOn(Run run) {
    DemoCustomer hooli = run.customers.values().stream().filter(c -> c.name().equals("Hooli")).findFirst().orElseThrow();
    LocalDate start = run.start.plusDays(DemoWork.HOOLI_ADD_ON_DAY + 5);
    LocalDate coTerm = run.on(hooli.contractStart()).plusYears(1).minusDays(1);
    HandoffRequest addOn = new HandoffRequest("DEMO-HOOLI-NUCLEUS", new AccountDetails("Hooli", "strategic", "AMER",
        hooli.crmAccountId()), new BigDecimal("120000"), start, coTerm, "alex",
        List.of("Bring the Nucleus team's support onto the platform"), List.of("Nucleus tickets answered in the platform"),
        List.of("Developer support"), List.of("Nucleus ticket routing"), List.of(),
        List.of("Nucleus has its own tooling habits"),
        List.of(new BriefStakeholder("Dinesh Chugtai", "champion", "dinesh.chugtai@hooli.example")), "upsell", "USD");
    intake.contractClosed(addOn, ALEX);
    run.deals++;
  }

  /** 한빛 물산 adds its Busan branch: a cross-sell that reaches carol's task list in the present. */
  private void hanbitCrossSell(Run run) {
    DemoCustomer hanbit = run.customers.values().stream().filter(DemoCustomer::korean).findFirst().orElseThrow();
    LocalDate start = run.end.minusDays(DemoWork.HANBIT_CROSS_SELL_DAYS_BEFORE_END - 7);
    LocalDate coTerm = run.on(hanbit.contractStart()).plusYears(1).minusDays(1);
    HandoffRequest crossSell = new HandoffRequest("DEMO-HANBIT-BUSAN", new AccountDetails(hanbit.name(),
        hanbit.segment(), hanbit.region(), hanbit.crmAccountId()), new BigDecimal("36000"), start, coTerm, "alex",
        List.of("부산 지사 고객센터 도입"), List.of("부산 지사 상담원 전원 사용"), List.of("지사 상담 라우팅"),
        List.of("부산 지사 전화 시스템 연동"), List.of(), List.of("지사 IT 인력 부족"),
        List.of(new BriefStakeholder("박지훈", "champion", "jihun.park@hanbit.example")), "cross-sell", "USD");
    intake.contractClosed(crossSell, ALEX);
    run.deals++;
  }

  static String contractId(DemoCustomer c, LocalDate start) {
    return "DEMO-" + c.crmAccountId().substring(4) + "-" + start.getYear();
  }

  static String email(String person, DemoCustomer c) {
    String local = person.toLowerCase().replaceAll("[^a-z]+", ".").replaceAll("^\\.|\\.$", "");
    return (local.isEmpty() ? "contact" : local) + "@" + c.domain();
  }

  // --- customers' signals -------------------------------------------------------------------------

  /**
   * The signals a customer's tools and CSM send, from its contract start: usage every Monday, support
   * tickets every Wednesday, a meeting every two weeks (every five when things go badly), the CSM's
   * sentiment monthly, an NPS answer each quarter and to the year-end survey. Each follows the customer's health level.
   */
  private void signals(Run run, LocalDate day) {
    List<Signal> batch = new ArrayList<>();
    Set<Long> churned = new HashSet<>();
    accounts.find(io.csplaybooks.account.LifecycleStage.CHURNED, null, 1000, 0).forEach(a -> churned.add(a.id()));
    int index = 0;
    for (Map.Entry<Long, DemoCustomer> entry : run.customers.entrySet()) {
      index++;
      long id = entry.getKey();
      DemoCustomer c = entry.getValue();
      LocalDate start = run.on(c.contractStart());
      long since = ChronoUnit.DAYS.between(start, day);
      if (since < 0 || churned.contains(id)) {
        continue;
      }
      double level = level(run, c, day);
      java.time.OffsetDateTime at = day.atTime(8, 0).atZone(ZoneId.systemDefault()).toOffsetDateTime();
      String key = "demo-" + id + "-" + day + "-";
      if (day.getDayOfWeek() == DayOfWeek.MONDAY || since == 0) {
        int active = clamp((int) Math.round(c.seats() * (level + jitter(run, 0.04))), 0, c.seats());
        int features = clamp((int) Math.round(FEATURES * level), 1, FEATURES);
        batch.add(new Signal(key + "usage", id, "usage", at, active, c.seats(), features, FEATURES, null, null, null,
            null, null, null, null));
      }
      if (day.getDayOfWeek() == DayOfWeek.WEDNESDAY) {
        int tickets = Math.max(0, (int) Math.round((1 - level) * 8 + jitter(run, 1)));
        batch.add(new Signal(key + "support", id, "support", at, null, null, null, null, tickets,
            level < 0.4 ? 1 : 0, level < 0.3 ? "high" : null, null, null, null, null));
      }
      if ((since + index) % (level < 0.45 ? 35 : 14) == 0) {
        batch.add(new Signal(key + "meeting", id, "engagement", at, null, null, null, null, null, null, null, null,
            true, null, null));
      }
      if ((since + 2 * index) % 30 == 0 && since > 0) {
        batch.add(new Signal(key + "sentiment", id, "sentiment", at, null, null, null, null, null, null, null, null,
            null, level >= 0.7 ? "positive" : level >= 0.45 ? "neutral" : "negative", null));
      }
      boolean survey = day.equals(run.end.minusDays(DemoWork.SURVEY_DAYS_BEFORE_END)) && since >= 60;
      if (survey || (since >= 30 && (since - 30) % 91 == 0)) {
        int nps = level >= 0.9 ? 10 : level >= 0.8 ? 8 : level >= 0.65 ? 7 : level >= 0.45 ? 5 : 2;
        batch.add(new Signal(key + "nps", id, "nps", at, null, null, null, null, null, null, null, nps, null, null,
            DemoWork.npsComment(c, nps)));
      }
    }
    if (!batch.isEmpty()) {
      signals.store(batch);
      run.signalsSent += batch.size();
    }
  }

  /** The customer's health level on the day: its story's points, joined by straight lines. */
  static double level(Run run, DemoCustomer c, LocalDate day) {
    return level(c, day, run.start, run.end);
  }

  static double level(DemoCustomer c, LocalDate day, LocalDate start, LocalDate end) {
    List<Map.Entry<LocalDate, Double>> points = c.level().entrySet().stream()
        .map(e -> Map.entry(e.getKey().on(start, end), e.getValue()))
        .sorted(Map.Entry.comparingByKey()).toList();
    Map.Entry<LocalDate, Double> before = points.get(0);
    for (Map.Entry<LocalDate, Double> point : points) {
      if (!point.getKey().isAfter(day)) {
        before = point;
        continue;
      }
      long span = ChronoUnit.DAYS.between(before.getKey(), point.getKey());
      if (span <= 0 || day.isBefore(before.getKey())) {
        return before.getValue();
      }
      double share = (double) ChronoUnit.DAYS.between(before.getKey(), day) / span;
      return before.getValue() + (point.getValue() - before.getValue()) * share;
    }
    return before.getValue();
  }

  private static double jitter(Run run, double size) {
    return (run.random.nextDouble() * 2 - 1) * size;
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  // --- people do their work -----------------------------------------------------------------------

  /**
   * Each open task whose day has come is done by the person who would do it. Work planned for the
   * last two weeks is still in the people's task lists: that is the present the demo opens on, some
   * of it overdue, some due this week.
   */
  private void work(Run run, LocalDate day) {
    LocalDate backlogFrom = run.end.minusDays(DemoWork.BACKLOG_DAYS);
    List<Task> open = tasks.createTaskQuery().active().list().stream()
        .sorted(Comparator.comparing(Task::getCreateTime).thenComparing(Task::getId)).toList();
    for (Task task : open) {
      LocalDate planned = run.planned.get(task.getId());
      if (run.refused.contains(task.getId()) || (planned != null && planned.isAfter(day))) {
        continue;
      }
      Object accountValue = tasks.getVariable(task.getId(), AccountId.VARIABLE);
      Long accountId = accountValue instanceof Number n ? n.longValue() : null;
      DemoCustomer customer = accountId == null ? null : run.customers.get(accountId);
      Optional<Account> account = accountId == null ? Optional.empty() : accounts.findById(accountId);
      DemoWork.Context context = new DemoWork.Context(task, customer, account.orElse(null), day,
          customer == null ? 0.7 : level(run, customer, day), run.start, run.end);
      Optional<DemoWork.Step> step = work.next(context);
      if (step.isEmpty() || !step.get().on().isBefore(backlogFrom)) {
        // Nobody does it this year: never look at it again.
        run.planned.put(task.getId(), run.end);
        continue;
      }
      if (step.get().on().isAfter(day)) {
        run.planned.put(task.getId(), step.get().on());
        continue;
      }
      complete(run, task, step.get());
      runDueJobs(run);
    }
  }

  private void complete(Run run, Task task, DemoWork.Step step) {
    identity.setAuthentication(step.person(), DemoPeople.groupsOf(step.person()));
    try {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), step.person());
      }
      // As Tasklist submits a form: the fields go to the task, as the form's listeners read them.
      forms.submitTaskForm(task.getId(), step.fields());
      run.completed++;
    } catch (RuntimeException e) {
      // A refusal is a bug in the demo's answers, not a reason to give up the demo.
      run.refused.add(task.getId());
      LOG.warn("Demo year: {} could not complete '{}' ({}): {}", step.person(), task.getName(),
          task.getTaskDefinitionKey(), e.getMessage());
    } finally {
      identity.clearAuthentication();
    }
  }

  // --- jobs -----------------------------------------------------------------------------------------

  /** Every job that is due now runs, as the job executor would run it, until none is left. */
  private void runDueJobs(Run run) {
    Set<String> failed = new HashSet<>();
    for (int round = 0; round < 200; round++) {
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(job -> !failed.contains(job.getId()))
          .filter(job -> !DemoEngine.isHistoryCleanup(job))
          .toList();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
          run.jobsRun++;
        } catch (RuntimeException e) {
          failed.add(job.getId());
          run.jobsFailed++;
          LOG.warn("Demo year: job {} of {} failed: {}", job.getId(), job.getProcessDefinitionKey(), e.getMessage());
        }
      }
    }
    LOG.warn("Demo year: jobs keep coming at {}", EngineClock.now());
  }
}
