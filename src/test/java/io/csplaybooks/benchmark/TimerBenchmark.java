package io.csplaybooks.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookEvents;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Timers at scale: N accounts (default 10,000) in adoption, each with a running renewal playbook
 * (waiting for "120 days before renewal") and a running QBR cycle (waiting for its preparation
 * window). Then time passes: the renewal timers' due date is moved to one instant, as if all the
 * renewal windows opened together, and the job executor fires them. Prints how long until every
 * one has fired. N: -Dcsp.benchmark.timers.
 */
class TimerBenchmark extends Benchmark {

  /** The renewal timers of this run's accounts, still waiting (not the work after them: same activity). */
  private static final String RENEWAL_TIMERS = """
      from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
      where d.act_id_ = 'waitForRenewalWindow' and j.type_ = 'timer' and j.process_instance_id_ in (
        select e.id_ from act_ru_execution e
        where e.parent_id_ is null and e.business_key_ in (select cast(a.id as varchar) from account a where a.name like :like))
      """;

  @Autowired JdbcClient jdbc;
  @Autowired PlaybookEvents events;

  @Test
  void renewalTimersFallingDueTogether() throws Exception {
    int n = Integer.getInteger("csp.benchmark.timers", 10_000);
    String prefix = "timers-" + System.currentTimeMillis() + "-";
    String like = prefix + "%";
    jdbc.sql("""
        insert into account (name, segment, region, arr, lifecycle_stage, csm_id, account_executive_id, created_at,
                             updated_at)
        select :prefix || g, case g % 4 when 0 then 'strategic' when 1 then 'enterprise' when 2 then 'mid-market'
               else 'scaled' end, 'EMEA', 20000 + g % 50 * 1000, 'adoption', 'carl', 'ada', now(), now()
        from generate_series(1, :n) g""").param("prefix", prefix).param("n", n).update();
    jdbc.sql("""
        insert into contract (contract_id, account_id, start_date, end_date, arr, created_at)
        select 'T-' || a.id, a.id, current_date - 60, current_date + 305, a.arr, now() from account a where a.name like :like
        """).param("like", like).update();
    jdbc.sql("analyze").update();
    List<Long> accounts = jdbc.sql("select id from account where name like :like order by id").param("like", like)
        .query(Long.class).list();

    // Every account's renewal and QBR cycle, started as the handoff and onboarding playbooks start them.
    AtomicInteger next = new AtomicInteger();
    Result starts = measure(2 * accounts.size(), () -> {
      int i = next.getAndIncrement();
      long account = accounts.get(i / 2);
      if (i % 2 == 0) {
        events.publish(PlaybookEvent.CONTRACT_TERM_STARTED, AccountId.of(account), Map.of("contractId", "T-" + account));
      } else {
        events.publish(PlaybookEvent.ONBOARDING_COMPLETED, AccountId.of(account), Map.of());
      }
      return null;
    });
    double settled = waitUntil("the new playbooks to reach their timers", Duration.ofMinutes(30),
        () -> management.createJobQuery().executable().count() == 0);
    long waiting = renewalTimers(like);
    long allTimers = jdbc.sql("select count(*) from act_ru_job where type_ = 'timer'").query(Long.class).single();
    assertThat(waiting).isEqualTo(n);

    // PostgreSQL's statistics as autovacuum would have them in production (this machine runs without it).
    jdbc.sql("analyze").update();
    // Time passes: every renewal window opens at the same instant, a few seconds from now.
    Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
    jdbc.sql("update act_ru_job set duedate_ = :due where id_ in (select j.id_ " + RENEWAL_TIMERS + ")")
        .param("due", Timestamp.from(due)).param("like", like).update();
    // Watched by their due date (a look at a 20,000-row table, not a join that would slow the run).
    Timestamp dueAt = Timestamp.from(due);
    LongSupplier waitingTimers = () -> jdbc.sql("select count(*) from act_ru_job where type_ = 'timer' and duedate_ = :due")
        .param("due", dueAt).query(Long.class).single();
    assertThat(waitingTimers.getAsLong()).isEqualTo(n);
    waitUntil("the renewal windows to open", Duration.ofSeconds(10), () -> Instant.now().isAfter(due));
    double firstFired = Duration.between(due, Instant.now()).toMillis() / 1000.0
        + waitUntil("the first renewal timer to fire", Duration.ofMinutes(5), () -> waitingTimers.getAsLong() < n);
    waitUntil("every renewal timer to fire", Duration.ofMinutes(30), () -> waitingTimers.getAsLong() == 0);
    double allFired = Duration.between(due, Instant.now()).toMillis() / 1000.0;
    long followUps = management.createJobQuery().executable().count();

    System.out.printf(Locale.ROOT, """

        == timers at scale (PostgreSQL, %d cores, job executor: %s) ==
        accounts %d: %d playbooks started in %.1f s (%.0f/s, %d clients), at their timers %.1f s later
        timers in the job table: %d; renewal timers moved to fall due together: %d
        first fired %.2f s after falling due; all %d fired %.1f s after falling due (%.0f/s)
        then queued: %d jobs (risk scoring, forecast tasks)
        JVM peak RSS: %s; application start-up: %s
        """,
        Runtime.getRuntime().availableProcessors(), jobExecutorSettings(), n, starts.count(), starts.seconds(),
        starts.perSecond(), CLIENTS, settled, allTimers, waiting, firstFired, n, allFired, n / allFired, followUps,
        peakRss(), startup());
    System.out.flush();

    long digestsBefore = mailsSent("digest:");
    long ownBefore = mailsSent("task:");
    double quiet = allFired + waitUntil("the work after the timers", Duration.ofMinutes(30),
        () -> management.createJobQuery().executable().count() == 0);
    double told = quiet + waitUntil("the renewal owners to be told", Duration.ofMinutes(30), this::everyoneTold);
    long failed = management.createJobQuery().withException().count();
    long forecasts = jdbc.sql("select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
        + " where t.task_def_key_ = 'updateRenewalForecast' and e.business_key_ in"
        + " (select cast(a.id as varchar) from account a where a.name like :like)").param("like", like)
        .query(Long.class).single();
    System.out.printf(Locale.ROOT, "follow-up work done %.1f s after falling due: %d forecast tasks opened, %d failed jobs%n",
        quiet, forecasts, failed);
    System.out.printf(Locale.ROOT, "owners told %.1f s after falling due: %d digest mails, %d mails of a task's own (urgent)%n%n",
        told, mailsSent("digest:") - digestsBefore, mailsSent("task:") - ownBefore);
    assertThat(forecasts).isEqualTo(n);
    assertThat(failed).isZero();
  }

  private long renewalTimers(String like) {
    return jdbc.sql("select count(*) " + RENEWAL_TIMERS).param("like", like).query(Long.class).single();
  }
}
